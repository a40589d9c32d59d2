"""Negation scope marking (SLP3 §4.4): ``NOT_`` before every token after a negation word up to the next punctuation.

Examples
--------
>>> mark_negation(["i", "didn't", "like", "this", "movie", ",", "but", "i", "did"])
['i', "didn't", 'NOT_like', 'NOT_this', 'NOT_movie', ',', 'but', 'i', 'did']
"""

from __future__ import annotations

import re

__all__ = ["NEGATION_WORDS", "mark_negation"]

NEGATION_WORDS = frozenset(
    "no not never none nobody nothing nowhere neither nor cannot without hardly barely n't".split()
)
_NT = re.compile(r"n['’]t$")
_CLAUSE_END = frozenset(".,:;!?")


def _negates(tok: str) -> bool:
    return tok in NEGATION_WORDS or bool(_NT.search(tok))


def mark_negation(tokens: list[str]) -> list[str]:
    """Return a copy of ``tokens`` with the words in each negation's scope prefixed ``NOT_``."""
    out, inside = [], False
    for tok in tokens:
        if tok in _CLAUSE_END:
            inside = False
            out.append(tok)
        elif inside:
            out.append("NOT_" + tok)
        else:
            out.append(tok)
            if _negates(tok):
                inside = True
    return out
