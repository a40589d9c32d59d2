"""Token ids and per-token attribute arrays for the batch cue pass (:mod:`sentiment.text.batch_cues`).

The reference tokenizer (:data:`sentiment.text.cues._TOKEN_RE`) never matches across white space,
and its look-arounds look one character past a token, where white space and a text's ends answer
alike.  So a text's tokens are those of its white-space separated chunks, each tokenized alone.
A batch is therefore joined with :data:`SEPARATOR` and cut with ``str.split()`` (the same white
space as the regex's ``\\s``, a test checks every code point); each distinct chunk is tokenized
once per process, by analyse's own grouped tokenizer, into token ids; each token's attributes,
read from :mod:`sentiment.text.fast_cues`' cache entry, sit in numpy arrays indexed by id.
Token id 0 is the separator.

The attributes:

``kind``
    fast_cues' kind bits (negation, contrast, cue word, punctuation, emoji, emoticon, …);
``valence``, ``polarity``, ``opinion``
    VADER valence, Hu–Liu polarity, whether the token is an opinion cue (the neutral rule's question);
``flags``
    :data:`_INTENSIFIER`, :data:`_DOWNTONER`, :data:`_NEGATION_WORD`: what the token is when it is
    the *previous* one (fast_cues' ``prev`` is the entry's form: lower case, elongation cut);
    :data:`_ELONGATED`, :data:`_CAPS`: the token itself;
``pair_first``, ``pair_second``
    bits of the two-word downtoners ("a bit"): bit j set when the form is the first / second word of pair j;
``counts_as_word``
    whether the token counts in the per-word divisor (all but punctuation that is no emoji).

Examples
--------
>>> table = token_table()
>>> ids = table.ids(f"very GOOD,{SEPARATOR}:)")
>>> [int(i) for i in ids[2:4]]   # "," then the separator
[3, 0]
>>> bool(table.flags[ids[0]] & _INTENSIFIER), bool(table.flags[ids[1]] & _CAPS), float(table.valence[ids[4]])
(True, True, 2.0)
"""

from __future__ import annotations

from operator import itemgetter

import numpy as np

from sentiment.text import fast_cues
from sentiment.text.cues import DOWNTONERS, INTENSIFIERS
from sentiment.text.fast_cues import _EMOJI, _PUNCT
from sentiment.text.negation import NEGATION_WORDS

__all__ = ["SEPARATOR", "TokenTable", "token_table"]

#: Put between the texts of a batch (with a space either side): a chunk of its own, which marks the boundary.
SEPARATOR = " \x00 "
_SEPARATOR_CHUNK = "\x00"

_INTENSIFIER, _DOWNTONER, _NEGATION_WORD, _ELONGATED, _CAPS = 1, 2, 4, 8, 16

# Two-word downtoners, as fast_cues asks f"{prev2}_{prev}" in DOWNTONERS: a word form never holds "_",
# so only entries with one "_" between two words can match.
_PAIRS = [tuple(d.split("_")) for d in sorted(DOWNTONERS) if d.count("_") == 1 and all(d.split("_"))]
assert len(_PAIRS) <= 32


class TokenTable:
    """Chunk and token ids, and the tokens' attribute arrays (see the module docstring)."""

    def __init__(self):
        self.lexicons = tuple(fast_cues._lexicons)
        self._chunks = {_SEPARATOR_CHUNK: 0}  # chunk → chunk id
        self._new_chunks = [(0,)]  # token ids of the chunks not yet in the arrays
        self._tokens = {None: 0}  # fast_cues entry → token id (None: the separator)
        self._rows = [(0, 0.0, 0, False, 0, 0, 0, False)]  # attributes of the tokens not yet in the arrays
        self.chunk_length = self.chunk_first = np.zeros(0, dtype=np.int64)
        self.chunk_tokens = self.single = np.zeros(0, dtype=np.int32)
        self._build()

    def __len__(self):
        return len(self._chunks)

    def _row(self, entry):
        kind, form, valence, polarity, elongated, caps, opinion = entry
        flags = ((_INTENSIFIER if form in INTENSIFIERS else 0) | (_DOWNTONER if form in DOWNTONERS else 0)
                 | (_NEGATION_WORD if form in NEGATION_WORDS else 0) | (_ELONGATED if elongated else 0)
                 | (_CAPS if caps else 0))
        first = sum(1 << j for j, (a, _) in enumerate(_PAIRS) if form == a)
        second = sum(1 << j for j, (_, b) in enumerate(_PAIRS) if form == b)
        word = not (kind & _PUNCT) or bool(kind & _EMOJI)
        return kind, valence, polarity, opinion, flags, first, second, word

    def _add_chunk(self, chunk):
        ids = []
        for entry in fast_cues._grouped_entries(chunk):
            token = self._tokens.get(entry)
            if token is None:
                token = self._tokens[entry] = len(self._tokens)
                self._rows.append(self._row(entry))
            ids.append(token)
        self._chunks[chunk] = len(self._chunks)
        self._new_chunks.append(tuple(ids))

    def _build(self):
        """Bring the arrays up to date with the rows and chunks added since the last call."""
        rows, self._rows = self._rows, []
        columns = list(zip(*rows)) if rows else [()] * 8
        parts = (("kind", np.int32), ("valence", float), ("polarity", np.int8), ("opinion", bool),
                 ("flags", np.int32), ("pair_first", np.uint32), ("pair_second", np.uint32),
                 ("counts_as_word", bool))
        for (name, dtype), column in zip(parts, columns):
            new = np.array(column, dtype=dtype)
            setattr(self, name, np.concatenate([getattr(self, name), new]) if hasattr(self, name) else new)
        chunks, self._new_chunks = self._new_chunks, []
        lengths = np.fromiter(map(len, chunks), dtype=np.int64, count=len(chunks))
        tokens = np.fromiter((t for ids in chunks for t in ids), dtype=np.int32, count=int(lengths.sum()))
        offsets = np.cumsum(lengths) - lengths
        single = np.full(len(chunks), -1, dtype=np.int32)  # the token of a one-token chunk (most are)
        single[lengths == 1] = tokens[offsets[lengths == 1]]
        self.chunk_length = np.concatenate([self.chunk_length, lengths])
        self.chunk_first = np.concatenate([self.chunk_first, offsets + len(self.chunk_tokens)])
        self.chunk_tokens = np.concatenate([self.chunk_tokens, tokens])
        self.single = np.concatenate([self.single, single])

    def chunk_ids(self, joined: str) -> np.ndarray:
        """The chunk ids of ``joined`` (texts joined by :data:`SEPARATOR`), in order."""
        chunks = joined.split()
        if len(chunks) > 1:  # one C loop of dict lookups, faster than map or fromiter
            lookup = itemgetter(*chunks)
        else:  # itemgetter of one key answers the value, not a tuple
            lookup = lambda table: tuple(table[c] for c in chunks)  # noqa: E731
        try:
            return np.array(lookup(self._chunks), dtype=np.int32)
        except KeyError:  # chunks not seen yet
            pass
        for chunk in dict.fromkeys(chunks):
            if chunk not in self._chunks:
                self._add_chunk(chunk)
        self._build()
        return np.array(lookup(self._chunks), dtype=np.int32)

    def ids(self, joined: str) -> np.ndarray:
        """The token ids of ``joined``, in order (0 for each separator)."""
        chunks = self.chunk_ids(joined)
        single = self.single[chunks]
        if (single >= 0).all():
            return single
        lengths = self.chunk_length[chunks]
        ends = np.cumsum(lengths)
        if not len(ends):
            return np.zeros(0, dtype=np.int32)
        shift = np.repeat(self.chunk_first[chunks] - (ends - lengths), lengths)
        return self.chunk_tokens[np.arange(int(ends[-1])) + shift]


_table: list = [None]


def token_table() -> TokenTable:
    """The process's table, started afresh when the lexicons change or it grows past fast_cues' cache limit."""
    fast_cues._check_lexicons()
    table = _table[0]
    if (table is None or any(a is not b for a, b in zip(table.lexicons, fast_cues._lexicons))
            or len(table) > fast_cues._CACHE_LIMIT):
        table = _table[0] = TokenTable()
    return table
