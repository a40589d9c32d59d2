"""A batch's words (the regex tokenizer's tokens) as ids, read off its chunk ids.

They are the six counts' and the n-grams' tokens.

:func:`~sentiment.text.tokenize.tokenize` lower-cases a text and finds its words with one
pattern that never matches white space and looks at no neighbour, so a text's words are
those of its white-space chunks, each tokenized alone (lower-casing a chunk alone gives
what lower-casing the text gives: its only context rule, the Greek final sigma, stops at
white space).  The process's :class:`WordTable` tokenizes each distinct chunk of the
:class:`~sentiment.text.chunk_table.ChunkTable` once, numbers its words, and gives a batch's
words as one array of word ids, 0 marking each separator between texts.  What a block
asks of a word (its lexicon bits, its n-gram hash, whether it negates) is computed once
per distinct word, in Python, and kept in an array indexed by word id
(:meth:`WordTable.values`), so a batch's answer is fancy indexing.

Examples
--------
>>> from sentiment.text.chunk_table import ChunkTable, SEPARATOR
>>> table = WordTable(ChunkTable())
>>> ids = table.ids(SEPARATOR.join(["It's GOOD!", "good"]))
>>> [table.words[i] for i in ids]
["it's", 'good', '!', None, 'good']
>>> table.values("length", lambda w: len(w), np.int64)[ids].tolist()
[4, 4, 1, 0, 4]
"""

from __future__ import annotations

import numpy as np

from sentiment.text.chunk_table import LOCK, SEPARATOR, ChunkItems, chunk_table, interned
from sentiment.text.tokenize import _WORD_RE

__all__ = ["WordTable", "word_table", "batch_words"]


class WordTable:
    """The words of each chunk of a :class:`~sentiment.text.chunk_table.ChunkTable`, as word ids (0: the separator)."""

    def __init__(self, chunks=None):
        self.chunks = chunks if chunks is not None else chunk_table()
        self.words: list = [None]  # word id → word (None: the separator)
        self._word_ids = {None: 0}  # word → id, as ``words`` lists them
        self._done = 1  # chunks tokenized (the first is the separator, word 0)
        self.chunk_words = ChunkItems()
        self.chunk_words.extend([[0]])  # the separator chunk is word 0
        self._values: dict = {}
        self._last = (None, None)  # the last chunk-id array asked about, and its words

    def _catch_up(self):
        """Tokenize the chunks added to the chunk table since the last call."""
        strings = self.chunks.strings
        if self._done == len(strings):
            return
        findall, word_ids, words = _WORD_RE.findall, self._word_ids, self.words
        per_chunk = [interned(findall(chunk.lower()), word_ids, words) for chunk in strings[self._done:]]
        self._done = len(strings)
        self.chunk_words.extend(per_chunk)

    def ids(self, joined: str) -> np.ndarray:
        """The word ids of ``joined`` (texts joined by :data:`~sentiment.text.chunk_table.SEPARATOR`), 0 per separator."""
        with LOCK:
            chunks = self.chunks.chunk_ids(joined)
            last, words = self._last
            if chunks is last:  # the chunk table's answer for the same batch: the six counts, then the n-grams
                return words
            self._catch_up()
            words = self.chunk_words.gather(chunks)
            self._last = (chunks, words)
            return words

    def values(self, key, fn, dtype, many=False) -> np.ndarray:
        """``fn(word)`` for every word id, as an array (the separator's value is ``dtype``'s zero).

        Kept per ``key`` and function, and extended as words are added: ``fn`` runs once per distinct
        word, and two models' functions under one key (two loaded models, a server) keep one array each.
        ``many``: ``fn`` takes the list of new words and answers all their values at once.
        """
        with LOCK:
            slot = (key, id(fn))
            have = self._values.get(slot)
            if have is not None and have[0] is not fn:  # an id reused by a new function
                have = None
            if have is not None and len(have[1]) == len(self.words):
                return have[1]
            values = have[1] if have is not None else np.zeros(1, dtype=dtype)
            fresh = self.words[len(values):]
            new = np.asarray(fn(fresh) if many else [fn(w) for w in fresh], dtype=dtype)
            values = np.concatenate([values, new])
            if len(self._values) >= 32 and slot not in self._values:  # a process loading model after model
                self._values.clear()
            self._values[slot] = (fn, values)
            return values


_table: list = [None]


def word_table() -> WordTable:
    """The process's table, started afresh with the chunk table."""
    with LOCK:
        table = _table[0]
        if table is None or table.chunks is not chunk_table():
            table = _table[0] = WordTable()
        return table


def batch_words(texts):
    """``(table, words, doc_of)`` of a group of texts: the word table, their word ids in order and each word's text.

    None when a text holds the separator chunk itself (a NUL between white space): its texts' words
    would run together.  The caller then tokenizes the texts its own way.  Read the words' values
    from the table returned: the process's table may start afresh as these texts grow it.

    Examples
    --------
    >>> table, words, doc_of = batch_words(["Good film", "", "bad"])
    >>> [table.words[w] for w in words], doc_of.tolist()
    (['good', 'film', 'bad'], [0, 0, 2])
    >>> batch_words(["a \\x00 b", "c"]) is None
    True
    """
    table = word_table()
    ids = table.ids(SEPARATOR.join(texts))
    sep = ids == 0
    if np.count_nonzero(sep) != max(len(texts) - 1, 0):
        return None
    keep = ~sep
    return table, ids[keep], np.cumsum(sep)[keep]
