"""Text → tokens: the one tokenization every part of the pipeline uses.

The default tokenizer case-folds the text and keeps words with inner
apostrophes or hyphens whole (``it's``, ``second-rate``, ``it'll``); every
other non-space character that is not part of a word is a token of its own
(``!``, ``?``, ``,``).  It is a single ``re.findall`` pass, so it is fast, and it
needs no third-party module.

NLTK's Treebank and Tweet tokenizers are available as options; NLTK is imported
only when one of them is asked for, since ``import nltk`` alone costs about a
second, which a one-sentence ``sentiment classify`` must not pay.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["TOKENIZERS", "WORD_PATTERN", "tokenize", "get_tokenizer"]

# A word is a run of letters/digits, optionally joined by single apostrophes
# (straight or curly) or hyphens to further runs; anything else that is not
# white space is a one-character token.  `_` counts as punctuation so that
# `[^\W_]` (letters and digits only) is the word alphabet.
WORD_PATTERN = r"[^\W_]+(?:['’\-][^\W_]+)*|[^\w\s]|_"
_WORD_RE = re.compile(WORD_PATTERN)

TOKENIZERS = ("regex", "treebank", "tweet", "whitespace")


def tokenize(text: str) -> list[str]:
    """Split ``text`` into case-folded tokens with the default regex tokenizer.

    Parameters
    ----------
    text
        Any string; it never raises on odd Unicode.

    Returns
    -------
    list of str
        Lower-cased tokens in order of appearance.

    Examples
    --------
    >>> tokenize("It's second-rate, and it'll do the same to you!")
    ["it's", 'second-rate', ',', 'and', "it'll", 'do', 'the', 'same', 'to', 'you', '!']
    >>> tokenize("")
    []
    """
    return _WORD_RE.findall(text.lower())


def _whitespace(text: str) -> list[str]:
    return text.lower().split()


@lru_cache(maxsize=None)
def _nltk_tokenizer(name: str):
    # Imported here, never at module level: see the module docstring.
    if name == "treebank":
        from nltk.tokenize import TreebankWordTokenizer

        inner = TreebankWordTokenizer().tokenize
    else:
        from nltk.tokenize import TweetTokenizer

        inner = TweetTokenizer(preserve_case=False).tokenize

    def run(text: str) -> list[str]:
        return [t.lower() for t in inner(text)]

    return run


def get_tokenizer(name="regex"):
    """Return the tokenizer function called ``name``, or ``name`` itself when it is a function.

    Parameters
    ----------
    name
        One of ``"regex"`` (default), ``"treebank"`` and ``"tweet"`` (both need
        NLTK), or ``"whitespace"`` (split on white space, for text that is
        already tokenized); or any callable that takes a string and returns a
        list of tokens (e.g. ``nltk.word_tokenize`` or ``str.split``), used as
        given: case-fold inside it if the lexicon is lower case.  A model with
        a callable tokenizer works in Python but cannot be saved to a model
        file (JSON holds no code).

    Examples
    --------
    >>> get_tokenizer("whitespace")("Wo n't  stop")
    ['wo', "n't", 'stop']
    >>> get_tokenizer(str.split)("A B")
    ['A', 'B']
    >>> get_tokenizer("spacy")
    Traceback (most recent call last):
    ...
    ValueError: unknown tokenizer 'spacy'; expected one of: regex, treebank, tweet, whitespace, or a function
    """
    if callable(name):
        return name
    if name == "regex":
        return tokenize
    if name == "whitespace":
        return _whitespace
    if name in ("treebank", "tweet"):
        try:
            return _nltk_tokenizer(name)
        except ImportError as exc:  # pragma: no cover - depends on the environment
            from sentiment.errors import InputError

            raise InputError(
                f"the {name!r} tokenizer needs NLTK: pip install 'sentiment[nltk]'"
            ) from exc
    raise ValueError(f"unknown tokenizer {name!r}; expected one of: {', '.join(TOKENIZERS)}, or a function")
