"""Finding an NLTK corpus the way NLTK does, with a clear error when NLTK or the data is missing."""

from __future__ import annotations

import os

from sentiment.errors import InputError

__all__ = ["nltk_corpus_root"]


def nltk_corpus_root(name: str):
    """The root of NLTK corpus ``name`` (e.g. ``"movie_reviews"``), searched on ``nltk.data.path``.

    ``nltk.data.path`` reads ``$NLTK_DATA`` once, when NLTK is imported; a later
    setting is honoured too.  NLTK also refuses corpus readers rooted outside that
    path, so the folder must be found through it.
    """
    try:
        import nltk.data
    except ImportError:
        raise InputError(f"nltk:{name} needs NLTK: pip install 'sentiment[nltk]'") from None
    for p in reversed(os.environ.get("NLTK_DATA", "").split(os.pathsep)):
        if p and p not in nltk.data.path:
            nltk.data.path.insert(0, p)
    try:
        return nltk.data.find(f"corpora/{name}")
    except LookupError:
        raise InputError(f"nltk:{name}: NLTK data not found (run nltk.download({name!r}) or set NLTK_DATA)") from None
