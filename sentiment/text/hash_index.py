"""Distinct 64-bit keys → int32 values, for whole arrays of keys at once: a numpy hash table.

A direct-mapped table of 4 to 8 slots a key (at most 2²² slots) holds one key a slot; a key whose
slot is taken goes to a sorted overflow list, searched only for keys that land on such a slot.  A
slot is the top bits of the key times an odd constant: keys that differ only in their high bits
(a one-character token's hash is under 2¹⁸) would otherwise all share slot 0.  Looking up an array
of keys is a few array operations, with no Python object per key.

The vocabulary of the hashed n-grams (:mod:`sentiment.features.fast_ngrams`) is one: each n-gram of
a batch, by its hash, to its column.

Examples
--------
>>> index = HashIndex(np.array([7, 11], dtype=np.uint64), np.array([0, 1]))
>>> index.find(np.array([11, 5, 7], dtype=np.uint64)).tolist()
[1, -1, 0]
"""

from __future__ import annotations

import numpy as np

__all__ = ["HashIndex"]

_MIX = np.uint64(0x9FB21C651E98DF25)  # odd: multiplying carries a key's low bits into the slot's top bits
_EMPTY = np.zeros(0, dtype=np.uint64)


class HashIndex:
    """Distinct uint64 ``keys`` → int32 ``values`` (≥ 0); :meth:`find` answers -1 for a key not held."""

    def __init__(self, keys=_EMPTY, values=(), max_bits: int = 22):
        keys, values = np.asarray(keys, dtype=np.uint64), np.asarray(values, dtype=np.int32)
        self.size = len(keys)
        self.bits = min(max(int(len(keys)).bit_length() + 2, 4), max_bits)
        self.table_keys = np.zeros(1 << self.bits, dtype=np.uint64)
        self.table_values = np.full(1 << self.bits, -1, dtype=np.int32)
        self.crowded = np.zeros(1 << self.bits, dtype=bool)  # a key of this slot is in the overflow list
        self.overflow_keys, self.overflow_values = _EMPTY, np.zeros(0, dtype=np.int32)
        self._place(keys, values)

    def _slot(self, keys):
        with np.errstate(over="ignore"):
            return ((keys * _MIX) >> np.uint64(64 - self.bits)).astype(np.intp)

    def __len__(self) -> int:
        return self.size

    def _place(self, keys, values):
        """Put the keys in their free slots (the first of several on one slot), the rest in the list."""
        slot = self._slot(keys)
        free = np.flatnonzero(self.table_values[slot] < 0)
        by_slot = free[np.argsort(slot[free], kind="stable")]
        first = np.ones(len(by_slot), dtype=bool)
        first[1:] = slot[by_slot[1:]] != slot[by_slot[:-1]]
        taken = by_slot[first]
        self.table_keys[slot[taken]] = keys[taken]
        self.table_values[slot[taken]] = values[taken]
        rest = np.ones(len(keys), dtype=bool)
        rest[taken] = False
        if rest.any():
            self.crowded[slot[rest]] = True
            k = np.concatenate([self.overflow_keys, keys[rest]])
            v = np.concatenate([self.overflow_values, values[rest]])
            order = np.argsort(k, kind="stable")
            self.overflow_keys, self.overflow_values = k[order], v[order]

    def find(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key, -1 where the key is not held (int32)."""
        slot = self._slot(keys)
        out = np.where(self.table_keys[slot] == keys, self.table_values[slot], np.int32(-1))
        miss = np.flatnonzero(self.crowded[slot] & (out < 0))
        if len(miss) and len(self.overflow_keys):
            pos = np.minimum(np.searchsorted(self.overflow_keys, keys[miss]), len(self.overflow_keys) - 1)
            hit = self.overflow_keys[pos] == keys[miss]
            out[miss[hit]] = self.overflow_values[pos[hit]]
        return out
