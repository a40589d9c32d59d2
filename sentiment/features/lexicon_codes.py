"""The six features' counts of one document, token by token, in plain Python.

Each token maps to a bit mask of the count features it feeds (a lexicon that
lists "no" counts it as negative *and* sets ``has_no``); lexicon entries of
several words are matched as phrases on the space-joined tokens.
:class:`~sentiment.features.six.SixFeatures` builds these tables once per
lexicon and counts batches with them (ASCII batches vectorised,
:mod:`sentiment.features.fast_counts`); the quick path (:mod:`sentiment.quick`)
counts a handful of texts with them without importing numpy.

Examples
--------
>>> from sentiment.lexicons.lexicon import load_lexicon
>>> codes, phrases = token_codes(load_lexicon("textbook")), phrase_patterns(load_lexicon("textbook"))
>>> count_tokens("no , you are great and nice !".split(), codes.get, phrases)
([2, 0, 1, 1, 1], 8)
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["BANG", "BITS", "NEG", "NO", "POS", "PRON", "PRONOUNS", "count_tokens", "phrase_matches", "phrase_patterns", "token_codes"]

PRONOUNS = frozenset(
    ["i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves"]
)
POS, NEG, NO, PRON, BANG = 1, 2, 4, 8, 16
#: (bit, column) of the five count features
BITS = ((POS, 0), (NEG, 1), (NO, 2), (PRON, 3), (BANG, 4))


def token_codes(lexicon) -> dict:
    """``{token: bit mask}`` for the lexicon's one-word entries, "no", "!" and the pronouns."""
    codes: dict[str, int] = {}
    for word in lexicon.positive:
        if " " not in word:
            codes[word] = codes.get(word, 0) | POS
    for word in lexicon.negative:
        if " " not in word:
            codes[word] = codes.get(word, 0) | NEG
    codes["no"] = codes.get("no", 0) | NO
    codes["!"] = codes.get("!", 0) | BANG
    for p in PRONOUNS:
        codes[p] = codes.get(p, 0) | PRON
    return codes


def _phrase_re(entries):
    phrases = sorted((e for e in entries if " " in e), key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\S)")


def phrase_patterns(lexicon) -> list:
    """The positive and the negative multi-word entries, each one regex over space-joined tokens (or None)."""
    return [_phrase_re(lexicon.positive), _phrase_re(lexicon.negative)]


def phrase_matches(tokens, phrases) -> list[list[str]]:
    """The multi-token entries in ``tokens``: positive ones, then negative ones."""
    if not (phrases[0] or phrases[1]):
        return [[], []]
    joined = " ".join(tokens)
    return [rx.findall(joined) if rx is not None else [] for rx in phrases]


def count_tokens(tokens, code_of, phrases):
    """``(counts, n)``: the five counts and the token count of one document's tokens."""
    counts = [0, 0, 0, 0, 0]
    for mask, n in Counter(filter(None, map(code_of, tokens))).items():
        for bit, col in BITS:
            if mask & bit:
                counts[col] += n
    for col, found in enumerate(phrase_matches(tokens, phrases)):
        counts[col] += len(found)
    return counts, len(tokens)
