"""Negation scope marking (SLP3 §4.4): ``NOT_`` before the tokens in a negation's scope.

Two scopes (``scope=``):

* ``"clause"`` (SLP3's rule, the default): every token after a negation word up to the next
  punctuation mark;
* ``"word"``: the first content word after the negation, with the function words before it
  (:data:`~sentiment.text.function_words.FUNCTION_WORDS`); a negation word inside the scope
  carries it on.  What follows the negated word is not negated: in "not boring at all" the
  negation flips *boring*, and *at all* only says how strongly.  With the clause rule every
  token up to the full stop becomes a ``NOT_`` n-gram, and since corpora negate positive words
  far more often than negative ones, each of them ("NOT_at", "NOT_all", "NOT_at NOT_all")
  learns "a negation came earlier", i.e. negative, whatever was negated.

Examples
--------
>>> mark_negation(["i", "didn't", "like", "this", "movie", ",", "but", "i", "did"])
['i', "didn't", 'NOT_like', 'NOT_this', 'NOT_movie', ',', 'but', 'i', 'did']
>>> mark_negation(["not", "a", "boring", "film", "at", "all", "."], scope="word")
['not', 'NOT_a', 'NOT_boring', 'film', 'at', 'all', '.']
"""

from __future__ import annotations

import re

from sentiment.text.function_words import FUNCTION_WORDS

__all__ = ["NEGATION_WORDS", "NEGATION_SCOPES", "mark_negation", "is_content_word"]

NEGATION_WORDS = frozenset(
    "no not never none nobody nothing nowhere neither nor cannot without hardly barely n't".split()
)
#: The scopes :func:`mark_negation` knows.
NEGATION_SCOPES = ("clause", "word")
_NT = re.compile(r"n['’]t$")
_CLAUSE_END = frozenset(".,:;!?")
_WORD_START = re.compile(r"[^\W_]")  # how the regex tokenizer's word tokens begin


def _negates(tok: str) -> bool:
    return tok in NEGATION_WORDS or bool(_NT.search(tok))


def is_content_word(tok: str) -> bool:
    """A word (not a punctuation mark or emoji) that is neither a function word nor a negation.

    >>> [is_content_word(t) for t in ["boring", "at", "not", "isn't", "!", "3pm"]]
    [True, False, False, False, False, True]
    """
    return bool(_WORD_START.match(tok)) and tok not in FUNCTION_WORDS and not _negates(tok)


def mark_negation(tokens: list[str], scope: str = "clause") -> list[str]:
    """Return a copy of ``tokens`` with the words in each negation's scope prefixed ``NOT_``."""
    if scope not in NEGATION_SCOPES:
        raise ValueError(f"negation scope must be one of {', '.join(NEGATION_SCOPES)}; got {scope!r}")
    word = scope == "word"
    out, inside = [], False
    for tok in tokens:
        if tok in _CLAUSE_END:
            inside = False
            out.append(tok)
        elif inside:
            out.append("NOT_" + tok)
            if word and is_content_word(tok):
                inside = False
        else:
            out.append(tok)
            if _negates(tok):
                inside = True
    return out
