"""A batch's white-space chunks as ids: the one dictionary pass the batch blocks share.

Every tokenizer the batch blocks use stays inside a white-space chunk: the regex
tokenizer's pattern never matches white space and looks at no neighbour, and the cue
tokenizer's look-arounds see white space and a text's ends alike
(:mod:`sentiment.text.token_table`).  So a batch is joined with :data:`SEPARATOR`, cut
with one ``str.split()``, and each chunk is looked up in a process-wide table; the blocks
tokenize each *distinct* chunk once, in their own way (:class:`~sentiment.text.token_table.TokenTable`
for the cue blocks, :class:`~sentiment.text.word_table.WordTable` for the six counts and
the n-grams), and read a batch's tokens off its chunk ids with numpy.

The dictionary pass is most of what that costs, so the table keeps the last batch's ids:
the six counts, the cue blocks and the n-grams of one batch look its chunks up once.

Examples
--------
>>> table = ChunkTable()
>>> table.chunk_ids(SEPARATOR.join(["a good film", "a film"])).tolist()
[1, 2, 3, 0, 1, 3]
>>> table.strings[1:]
['a', 'good', 'film']
"""

from __future__ import annotations

import os
import threading
from operator import itemgetter

import numpy as np

__all__ = ["SEPARATOR", "SEPARATOR_CHUNK", "ChunkTable", "ChunkItems", "chunk_table", "new_chunk_table", "batch_groups",
           "BATCH_CHARS", "CHUNK_LIMIT", "CHUNK_CHAR_LIMIT", "LOCK", "interned"]

#: Held while a table is read or grown: a new chunk's id is the table's length, so two threads adding
#: chunks at once (a Dask worker with several threads, a web server's pool) could give two chunks one id.
LOCK = threading.RLock()
if hasattr(os, "register_at_fork") and hasattr(LOCK, "_at_fork_reinit"):
    # Fork only between two table changes, as the logging module does for its lock: a child forked while
    # another thread held the lock would wait on it for ever, or (with the lock merely re-made) inherit a
    # table half grown.
    os.register_at_fork(before=LOCK.acquire, after_in_parent=LOCK.release, after_in_child=LOCK._at_fork_reinit)

#: Put between the texts of a batch (with a space either side): a chunk of its own, id 0, which marks the boundary.
SEPARATOR = " \x00 "
SEPARATOR_CHUNK = "\x00"

#: The table starts afresh beyond this many distinct chunks, or this many characters of them (memory stays
#: bounded: 120 batches each with a new 30 000-character word grew a process by 255 MB under the count alone).
CHUNK_LIMIT = 500_000
CHUNK_CHAR_LIMIT = 1 << 23

#: The batch blocks take texts this many characters at a time (at least one text): a whole 10 000-review
#: chunk at once (38 M characters, 7.5 M tokens) ran about 25 % slower than in groups of about 2 000 reviews.
BATCH_CHARS = 4_000_000


class ChunkTable:
    """White-space chunk → id (0: the separator), the chunks in id order, and the last batch's ids."""

    def __init__(self):
        self.ids = {SEPARATOR_CHUNK: 0}
        self.strings = [SEPARATOR_CHUNK]
        self.chars = 1  # characters of the chunks held
        self._last = ("", np.zeros(0, dtype=np.int32))

    def __len__(self):
        return len(self.strings)

    def chunk_ids(self, joined: str) -> np.ndarray:
        """The chunk ids of ``joined`` (texts joined by :data:`SEPARATOR`), in order; new chunks are added."""
        with LOCK:
            return self._chunk_ids(joined)

    def _chunk_ids(self, joined):
        last, ids = self._last
        if joined == last:  # the same batch, asked by the next block
            return ids
        chunks = joined.split()
        if len(chunks) > 1:  # one C loop of dict lookups, faster than map or fromiter
            lookup = itemgetter(*chunks)
        else:  # itemgetter of one key answers the value, not a tuple
            lookup = lambda table: tuple(table[c] for c in chunks)  # noqa: E731
        try:
            ids = np.array(lookup(self.ids), dtype=np.int32)
        except KeyError:  # chunks not seen yet
            known, strings = self.ids, self.strings
            for c in dict.fromkeys(chunks):
                if c not in known:
                    known[c] = len(strings)
                    strings.append(c)
                    self.chars += len(c)
            ids = np.array(lookup(self.ids), dtype=np.int32)
        self._last = (joined, ids)
        return ids


class ChunkItems:
    """What each chunk holds (token or word ids), by chunk id, as one flat array: a batch's items are a gather.

    The cue blocks' tokens (:class:`~sentiment.text.token_table.TokenTable`) and the regex words
    (:class:`~sentiment.text.word_table.WordTable`) of the chunks are kept in one of these each.

    Examples
    --------
    >>> items = ChunkItems()
    >>> items.extend([[0], [5, 6], [7]])
    >>> items.gather(np.array([2, 1, 0, 2])).tolist()
    [7, 5, 6, 0, 7]
    """

    def __init__(self):
        self.length = np.zeros(0, dtype=np.int64)  # items of each chunk
        self.first = np.zeros(0, dtype=np.int64)  # where they start in ``flat``
        self.flat = np.zeros(0, dtype=np.int32)
        self.single = np.zeros(0, dtype=np.int32)  # a one-item chunk's item (most are), else -1

    def extend(self, per_chunk) -> None:
        """Add the next chunks' items (one sequence of ids per chunk, in chunk id order)."""
        lengths = np.fromiter(map(len, per_chunk), dtype=np.int64, count=len(per_chunk))
        flat = np.fromiter((i for ids in per_chunk for i in ids), dtype=np.int32, count=int(lengths.sum()))
        offsets = np.cumsum(lengths) - lengths
        single = np.full(len(per_chunk), -1, dtype=np.int32)
        single[lengths == 1] = flat[offsets[lengths == 1]]
        self.first = np.concatenate([self.first, offsets + len(self.flat)])
        self.length = np.concatenate([self.length, lengths])
        self.flat = np.concatenate([self.flat, flat])
        self.single = np.concatenate([self.single, single])

    def gather(self, chunks: np.ndarray) -> np.ndarray:
        """The items of the chunks ``chunks``, in order."""
        single = self.single[chunks]
        if (single >= 0).all():
            return single
        lengths = self.length[chunks]
        ends = np.cumsum(lengths)
        if not len(ends) or not ends[-1]:
            return np.zeros(0, dtype=np.int32)
        shift = np.repeat(self.first[chunks] - (ends - lengths), lengths)
        return self.flat[np.arange(int(ends[-1])) + shift]


def interned(keys, ids: dict, added: list) -> list:
    """The id of each of ``keys`` in ``ids``; a key not there yet gets the next id (``len(ids)``) and joins ``added``.

    How the word table and the cue token table number what they meet in new chunks.

    Examples
    --------
    >>> ids, added = {None: 0}, []
    >>> interned(["a", "b", "a"], ids, added), added
    ([1, 2, 1], ['a', 'b'])
    """
    out = []
    for key in keys:
        i = ids.get(key)
        if i is None:
            i = ids[key] = len(ids)
            added.append(key)
        out.append(i)
    return out


_table: list = [None]


def chunk_table() -> ChunkTable:
    """The process's table, started afresh once it holds more than :data:`CHUNK_LIMIT` chunks or :data:`CHUNK_CHAR_LIMIT` characters."""
    with LOCK:
        table = _table[0]
        if table is None or len(table) > CHUNK_LIMIT or table.chars > CHUNK_CHAR_LIMIT:
            table = _table[0] = ChunkTable()
        return table


def new_chunk_table() -> ChunkTable:
    """Start the process's table afresh (the tables built on it follow): see :func:`~sentiment.text.token_table.token_table`."""
    with LOCK:
        table = _table[0] = ChunkTable()
        return table


def batch_groups(texts):
    """``(start, stop)`` of the groups of ``texts`` the batch blocks take at once (about :data:`BATCH_CHARS` each).

    Every block groups a batch alike, so that each group's chunk ids are looked up once.

    Examples
    --------
    >>> list(batch_groups(["ab"] * 3))
    [(0, 3)]
    >>> list(batch_groups(["x" * BATCH_CHARS, "y", "z"]))
    [(0, 1), (1, 3)]
    """
    if sum(map(len, texts)) < BATCH_CHARS:
        if texts:
            yield 0, len(texts)
        return
    start, size = 0, 0
    for end, text in enumerate(texts, 1):
        size += len(text)
        if size >= BATCH_CHARS or end == len(texts):
            yield start, end
            start, size = end, 0
