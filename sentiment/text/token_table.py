"""Token ids and per-token attribute arrays for the batch cue pass (:mod:`sentiment.text.batch_cues`).

The reference tokenizer (:data:`sentiment.text.cues._TOKEN_RE`) never matches across white space,
and its look-arounds look one character past a token, where white space and a text's ends answer
alike.  So a text's tokens are those of its white-space separated chunks, each tokenized alone.
A batch is therefore joined with :data:`SEPARATOR` and cut with ``str.split()`` (the same white
space as the regex's ``\\s``, a test checks every code point) into the process's chunk ids
(:mod:`sentiment.text.chunk_table`, shared with the six counts and the n-grams); each distinct chunk
is tokenized once per process, by analyse's own grouped tokenizer, into token ids; each token's
attributes, read from :mod:`sentiment.text.fast_cues`' cache entry, sit in numpy arrays indexed by id.
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
    whether the token counts in the per-word divisor (all but punctuation that is no emoji);
``plays_a_part``
    whether the batch pass must look at the token (anything but a plain word, and the separator).

Examples
--------
>>> table = token_table()
>>> ids = table.ids(f"very GOOD,{SEPARATOR}:)")   # very, GOOD, ",", the separator, :)
>>> len(ids), int(ids[3])
(5, 0)
>>> bool(table.flags[ids[0]] & _INTENSIFIER), bool(table.flags[ids[1]] & _CAPS), float(table.valence[ids[4]])
(True, True, 2.0)
>>> bool(table.counts_as_word[ids[2]]), bool(table.counts_as_word[ids[4]])
(False, True)
"""

from __future__ import annotations

import re

import numpy as np

from sentiment.text import fast_cues
from sentiment.text.chunk_table import LOCK, SEPARATOR, SEPARATOR_CHUNK, ChunkItems, chunk_table, interned, new_chunk_table
from sentiment.text.cues import _EMOTICON, _WORD, DOWNTONERS, INTENSIFIERS
from sentiment.text.fast_cues import _EMOJI, _PUNCT
from sentiment.text.negation import NEGATION_WORDS

__all__ = ["TokenTable", "token_table"]


_INTENSIFIER, _DOWNTONER, _NEGATION_WORD, _ELONGATED, _CAPS = 1, 2, 4, 8, 16

# Two-word downtoners, as fast_cues asks f"{prev2}_{prev}" in DOWNTONERS: a word form never holds "_",
# so only entries with one "_" between two words can match.  Bit j of pair_first / pair_second: pair j.
_PAIRS = [tuple(d.split("_")) for d in sorted(DOWNTONERS) if d.count("_") == 1 and all(d.split("_"))]
assert len(_PAIRS) <= 32
_FORM_FLAGS, _PAIR_FIRST, _PAIR_SECOND = {}, {}, {}
for _words, _flag in ((INTENSIFIERS, _INTENSIFIER), (DOWNTONERS, _DOWNTONER), (NEGATION_WORDS, _NEGATION_WORD)):
    for _w in _words:
        _FORM_FLAGS[_w] = _FORM_FLAGS.get(_w, 0) | _flag
for _j, (_a, _b) in enumerate(_PAIRS):
    _PAIR_FIRST[_a] = _PAIR_FIRST.get(_a, 0) | 1 << _j
    _PAIR_SECOND[_b] = _PAIR_SECOND.get(_b, 0) | 1 << _j

# A chunk that is one word as analyse's tokenizer sees it: a word by its word pattern, where its
# emoticon alternative (tried first; a chunk's start always passes its look-behind) does not match.
_IS_WORD = re.compile(_WORD).fullmatch
_EMOTICON_AT_START = re.compile(rf"{_EMOTICON}(?=[\s.,!?\"')]|$)").match


class TokenTable:
    """The tokens of each chunk of the process's chunk table, and the tokens' attribute arrays (see the module docstring)."""

    def __init__(self, chunks=None):
        self.lexicons = tuple(fast_cues._lexicons)
        self.chunks = chunks if chunks is not None else chunk_table()
        self._done = 1  # chunks of the chunk table tokenized (the first is the separator)
        self._new_chunks = [(0,)]  # token ids of the chunks not yet in the arrays
        self._tokens = {None: 0}  # fast_cues entry → token id (None: the separator)
        self._new_entries = [(0, "", 0.0, 0, False, False, False)]  # entries not yet in the arrays
        self.chunk_tokens = ChunkItems()
        self._build()

    def __len__(self):
        return self._done

    def _add_chunks(self, chunks):
        """Tokenize new chunks (one-word chunks straight from fast_cues' word cache)."""
        words, word_entry, grouped_entries = fast_cues._words, fast_cues._word_entry, fast_cues._grouped_entries
        tokens, new_entries, new_chunks = self._tokens, self._new_entries, self._new_chunks
        for chunk in chunks:
            if _IS_WORD(chunk) and not _EMOTICON_AT_START(chunk):
                entries = (words.get(chunk) or word_entry(chunk),)
            else:
                entries = grouped_entries(chunk)
            new_chunks.append(interned(entries, tokens, new_entries))

    def _build(self):
        """Bring the arrays up to date with the tokens and chunks added since the last call."""
        entries, self._new_entries = self._new_entries, []
        kind, form, valence, polarity, elongated, caps, opinion = (list(c) for c in zip(*entries)) if entries else [[]] * 7
        kind = np.array(kind, dtype=np.int32)
        flags = (np.array([_FORM_FLAGS.get(f, 0) for f in form], dtype=np.int32)
                 | np.where(np.array(elongated, dtype=bool), _ELONGATED, 0)
                 | np.where(np.array(caps, dtype=bool), _CAPS, 0)).astype(np.int32)
        new = {
            "kind": kind, "flags": flags,
            "valence": np.array(valence, dtype=float), "polarity": np.array(polarity, dtype=np.int8),
            "opinion": np.array(opinion, dtype=bool),
            "pair_first": np.array([_PAIR_FIRST.get(f, 0) for f in form], dtype=np.uint32),
            "pair_second": np.array([_PAIR_SECOND.get(f, 0) for f in form], dtype=np.uint32),
            "counts_as_word": ((kind & _PUNCT) == 0) | ((kind & _EMOJI) != 0),
        }
        new["plays_a_part"] = ((kind != 0) | ((new["flags"] & (_INTENSIFIER | _DOWNTONER | _NEGATION_WORD)) != 0)
                               | (new["pair_first"] != 0) | (new["pair_second"] != 0))
        for name, values in new.items():
            setattr(self, name, np.concatenate([getattr(self, name), values]) if hasattr(self, name) else values)
        self.plays_a_part[0] = True  # the separator
        chunks, self._new_chunks = self._new_chunks, []
        self.chunk_tokens.extend(chunks)

    def chunk_ids(self, joined: str) -> np.ndarray:
        """The chunk ids of ``joined`` (texts joined by :data:`SEPARATOR`), in order; new chunks are tokenized."""
        with LOCK:
            ids = self.chunks.chunk_ids(joined)
            strings = self.chunks.strings
            if self._done < len(strings):
                self._add_chunks(strings[self._done:])
                self._done = len(strings)
                self._build()
            return ids

    def ids(self, joined: str) -> np.ndarray:
        """The token ids of ``joined``, in order (0 for each separator)."""
        return self.chunk_tokens.gather(self.chunk_ids(joined))


_table: list = [None]


def token_table() -> TokenTable:
    """The process's table, started afresh when the lexicons change or the chunk table does."""
    with LOCK:
        fast_cues._check_lexicons()
        table = _table[0]
        if table is not None and table.chunks is chunk_table() and all(
                a is b for a, b in zip(table.lexicons, fast_cues._lexicons)):
            return table
        # A new table tokenizes every chunk of the chunk table it reads: with new lexicons, start that afresh
        # too, rather than tokenize up to CHUNK_LIMIT chunks no batch has asked for since.
        relexed = table is not None and table.chunks is chunk_table()
        table = _table[0] = TokenTable(new_chunk_table() if relexed else chunk_table())
        return table
