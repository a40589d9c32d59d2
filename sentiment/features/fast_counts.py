"""The six features for a batch of ASCII documents, without a Python object per token.

Tokenizing with ``re.findall`` builds one string object per token, and on
review text that, not the matching, is what costs (docs/design.md: Measurements behind the design).
This module computes the same counts with numpy over the bytes of a whole batch:

1. the documents are joined by spaces and lower-cased as bytes;
2. each byte is classed (letter/digit, joiner ``'``/``-``, space, other); a
   joiner belongs to a word only between two letters/digits, which is exactly
   the regex tokenizer's rule (``[^\\W_]+(?:['-][^\\W_]+)*|[^\\w\\s]|_``);
3. every token (word run, or one punctuation byte) gets a 64-bit polynomial
   hash from prefix sums (``Σ c_j B^j`` mod 2⁶⁴, shifted by ``B^-start``);
4. one ``searchsorted`` against the sorted hashes of the lexicon words, the
   pronouns, ``no`` and ``!`` yields a bit mask per token, and ``bincount``
   adds the masks up per document.

Multi-token lexicon entries are matched as runs of consecutive token hashes.
Only ASCII documents take this path (``str.isascii`` is O(1)); others go
through the regex tokenizer, and the tests check both paths agree.
"""

from __future__ import annotations

import numpy as np

from sentiment.text.span_hash import power_table

__all__ = ["AsciiCounter"]

_B = np.uint64(0x100000001B3)  # odd, so invertible mod 2**64
_MASK64 = (1 << 64) - 1

# Byte classes: 1 letter/digit, 2 joiner (' or -), 3 white space (as `\s`), 0 other.
_CLASS = np.zeros(256, dtype=np.uint8)
for _c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
    _CLASS[_c] = 1
_CLASS[ord("'")] = _CLASS[ord("-")] = 2
for _c in b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f":
    _CLASS[_c] = 3


def _hash_bytes(token: bytes) -> int:
    h, p = 0, 1
    for c in token:
        h = (h + c * p) & _MASK64
        p = (p * int(_B)) & _MASK64
    return h


class AsciiCounter:
    """Count the five count features for ASCII documents.

    Parameters
    ----------
    masks
        ``{token: bit mask}`` for single tokens (lexicon words, pronouns, ``no``, ``!``).
    phrases
        ``[(bit, [token, token, …]), …]`` for multi-token lexicon entries.
    n_bits
        Number of count columns the bits map to.
    """

    def __init__(self, masks: dict[str, int], phrases=(), n_bits: int = 5):
        items = [(_hash_bytes(t.encode("ascii")), m) for t, m in masks.items() if t.isascii()]
        items.sort()
        self._keys = np.array([h for h, _ in items], dtype=np.uint64)
        self._codes = np.array([m for _, m in items], dtype=np.int64)
        # Phrases grouped by the hash of their first token: only positions holding
        # such a token are checked further, so hundreds of emoticon entries stay cheap.
        groups: dict[int, list] = {}
        for bit, toks in phrases:
            if all(t.isascii() for t in toks):
                seq = np.array([_hash_bytes(t.encode("ascii")) for t in toks], dtype=np.uint64)
                groups.setdefault(int(seq[0]), []).append((bit, seq))
        self._first = np.array(sorted(groups), dtype=np.uint64)
        self._groups = [groups[int(h)] for h in self._first]
        self.n_bits = n_bits
        # A 2**20-entry table of the keys' low bits: most tokens miss it and skip the binary search.
        self._maybe = np.zeros(1 << 20, dtype=bool)
        self._maybe[(self._keys & np.uint64((1 << 20) - 1)).astype(np.int64)] = True
        self._pow = np.ones(1, dtype=np.uint64)
        self._inv = np.ones(1, dtype=np.uint64)

    def _powers(self, n):
        if len(self._pow) < n:
            m = max(n, 2 * len(self._pow))
            self._pow = power_table(int(_B), m)
            self._inv = power_table(pow(int(_B), -1, 1 << 64), m)
        return self._pow[:n], self._inv[:n]

    def counts(self, docs: list[str]):
        """Return ``(counts, n_tokens)``: an ``(n_docs, n_bits)`` int matrix and tokens per document."""
        n_docs = len(docs)
        if n_docs == 0:
            return np.zeros((0, self.n_bits), dtype=np.int64), np.zeros(0, dtype=np.int64)
        # One space before, between and after the documents: neighbours are then plain slices.
        raw = (" " + " ".join(docs) + " ").encode("ascii").lower()
        padded = np.frombuffer(raw, dtype=np.uint8)
        data = padded[1:-1]
        n = len(data)
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=n_docs)
        doc_start = np.zeros(n_docs, dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=doc_start[1:])

        cls = _CLASS[padded]
        alnum = cls == 1
        in_word = np.zeros(n + 2, dtype=bool)
        in_word[1:-1] = alnum[1:-1] | ((cls[1:-1] == 2) & alnum[:-2] & alnum[2:])
        word, prev_word, next_word = in_word[1:-1], in_word[:-2], in_word[2:]
        punct = ~word & (cls[1:-1] != 3)
        starts = np.flatnonzero((word & ~prev_word) | punct)
        ends = np.flatnonzero((word & ~next_word) | punct) + 1

        pw, inv = self._powers(n + 1)
        with np.errstate(over="ignore"):
            prefix = np.empty(n + 1, dtype=np.uint64)
            prefix[0] = 0
            np.cumsum(data.astype(np.uint64) * pw[:n], out=prefix[1:])
            hashes = (prefix[ends] - prefix[starts]) * inv[starts]

        doc_of = np.searchsorted(doc_start, starts, side="right") - 1
        n_tokens = np.bincount(doc_of, minlength=n_docs)

        out = np.zeros((n_docs, self.n_bits), dtype=np.int64)
        if len(self._keys) and len(hashes):
            cand = np.flatnonzero(self._maybe[(hashes & np.uint64((1 << 20) - 1)).astype(np.int64)])
            h = hashes[cand]
            pos = np.minimum(np.searchsorted(self._keys, h), len(self._keys) - 1)
            hit = self._keys[pos] == h
            code, docs_hit = self._codes[pos[hit]], doc_of[cand[hit]]
            for bit in range(self.n_bits):
                sel = ((code >> bit) & 1).astype(bool)
                if sel.any():
                    out[:, bit] += np.bincount(docs_hit[sel], minlength=n_docs)
        if len(self._first) and len(hashes):
            pos = np.minimum(np.searchsorted(self._first, hashes), len(self._first) - 1)
            at = np.flatnonzero(self._first[pos] == hashes)
            group_of = pos[at]
            for g in np.unique(group_of):
                where = at[group_of == g]
                for bit, seq in self._groups[g]:
                    k = len(seq)
                    cand = where[where + k <= len(hashes)]
                    ok = np.ones(len(cand), dtype=bool)
                    for j in range(1, k):
                        ok &= hashes[cand + j] == seq[j]
                    ok &= doc_of[cand] == doc_of[cand + k - 1]  # a phrase never spans two documents
                    if ok.any():
                        out[:, bit] += np.bincount(doc_of[cand[ok]], minlength=n_docs)
        return out, n_tokens
