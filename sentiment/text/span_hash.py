"""64-bit hashes of many spans of one text at once, with numpy: a polynomial over the code points.

A span ``text[s:e]`` hashes to ``Σ (ord(text[j]) + 1) · B^(j − s)`` mod 2⁶⁴ (:func:`string_hash`
computes the same for one string in Python).  Over a whole text that is one prefix sum of the code
points times the powers of B, and each span is a difference of two prefix sums times the inverse
power of its start: no Python object per span.  The + 1 keeps a NUL from vanishing ("a" and "a\\x00"
differ).  B is odd, so invertible mod 2⁶⁴.

The hashes name the tokens and n-grams of :mod:`sentiment.features.fast_ngrams`, where a batch's
n-grams are matched to the vocabulary's by hash.  Two different strings share a hash with odds of
about 2⁻⁶⁴ a pair for natural text, but crafted strings collide at will (a polynomial mod 2⁶⁴ cannot
tell a Thue–Morse pair apart, whatever the base; a word with the hash of any given word takes seconds
to build).  So a hash only ever proposes: fast_ngrams keeps a token's hash only if the token is a
vocabulary token by its string, and the chunk table, which every text of a process shares, looks
chunks up by their strings.

Examples
--------
>>> codes = code_points("a gem, a gem")
>>> h = span_hashes(codes, np.array([2, 9, 2, 0]), np.array([5, 12, 6, 1])).tolist()   # gem, gem, "gem,", a
>>> h[0] == h[1], h[0] == h[2], h[3] == string_hash("a")
(True, False, True)
"""

from __future__ import annotations

import numpy as np

__all__ = ["BASE", "code_points", "span_hashes", "string_hash", "string_hashes", "powers", "power_table"]

#: The per-character base (odd).
BASE = 0x100000001B3
_M64 = (1 << 64) - 1

_POW = np.ones(1, dtype=np.uint64)
_INV = np.ones(1, dtype=np.uint64)


def power_table(base: int, n: int) -> np.ndarray:
    """``base**j mod 2**64`` for j < n, by doubling."""
    out = np.ones(max(n, 1), dtype=np.uint64)
    filled = 1
    with np.errstate(over="ignore"):
        while filled < n:
            step = min(filled, n - filled)
            out[filled : filled + step] = out[:step] * np.uint64(pow(base, filled, 1 << 64))
            filled += step
    return out


def powers(n: int):
    """``(B^j, B^-j)`` mod 2⁶⁴ for j < n: kept for the process, grown by doubling."""
    global _POW, _INV
    if len(_POW) < n:
        m = max(n, 2 * len(_POW))
        _POW, _INV = power_table(BASE, m), power_table(pow(BASE, -1, 1 << 64), m)
    return _POW[:n], _INV[:n]


def code_points(text: str) -> np.ndarray:
    """The code points of ``text``: bytes when it is ASCII, else UTF-32 (lone surrogates kept as themselves)."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def span_hashes(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The hash of each span ``codes[starts[k]:ends[k]]`` (uint64)."""
    n = len(codes)
    pw, inv = powers(n + 1)
    with np.errstate(over="ignore"):
        prefix = np.empty(n + 1, dtype=np.uint64)
        prefix[0] = 0
        np.cumsum((codes.astype(np.uint64) + np.uint64(1)) * pw[:n], out=prefix[1:])
        return (prefix[ends] - prefix[starts]) * inv[starts]


def string_hash(text: str) -> int:
    """The hash of the whole of ``text``, in Python (for a few strings: a vocabulary's tokens)."""
    h, p = 0, 1
    for ch in text:
        h = (h + (ord(ch) + 1) * p) & _M64
        p = (p * BASE) & _M64
    return h


def string_hashes(texts) -> np.ndarray:
    """:func:`string_hash` of each of ``texts``, with numpy (a table's new words, thousands at a time).

    >>> string_hashes(["a", "", "é😀"]).tolist() == [string_hash("a"), 0, string_hash("é😀")]
    True
    """
    texts = list(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    ends = np.cumsum(lengths)
    return span_hashes(code_points("".join(texts)), ends - lengths, ends)
