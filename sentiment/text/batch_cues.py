"""The cue blocks' values for a whole batch at once, with numpy: the same floats as :func:`~sentiment.text.fast_cues.cue_rows`.

:func:`~sentiment.text.fast_cues.cue_rows` walks each text's tokens in Python (a state machine per
text).  Here the batch is one token stream and each step of that walk becomes an array operation:

1. the texts are joined with a record separator (``\\x1e``, white space to the tokenizer, so each
   text's tokens are the ones it has alone) and tokenized by **one** ``findall``;
2. each distinct token is looked up once per process (:mod:`sentiment.text.token_table`, which
   reuses fast_cues' cache entries) and the stream becomes an array of token ids, then of
   attributes by fancy indexing;
3. the walk's state becomes "the last event before this token": negation scope is the last of
   {negation word, clause break, contrast marker, text start} (``maximum.accumulate`` over
   positions), the intensifier look-back reads the previous one or two tokens that are not
   emoticons, and a sentence's contrast marker is its last one;
4. the 19 values are sums per text with ``bincount``, which adds in stream order, as the
   reference's ``sum`` over the cue list does, so the values are the same bits.

Texts holding ``_`` or the separator, and texts with a token that could be a word or an
emoticon (``xD``), need analyse's grouped tokenizer: they go to
:func:`~sentiment.text.fast_cues.cue_rows` (and the answers are put in their rows).

Examples
--------
>>> from sentiment.text.fast_cues import cue_rows
>>> texts = ["I don't love it, but the ending is sooo GOOOD :)", "not bad :)", "Meh.", "so xD", "a_bit good"]
>>> bool((batch_cue_rows(texts) == cue_rows(texts)).all())
True
>>> batch_cue_rows(["really good, slightly dull"], columns=[12, 13]).tolist()
[[0.475, -0.425]]
"""

from __future__ import annotations

import numpy as np

from sentiment.text import fast_cues
from sentiment.text.fast_cues import (_AFTER, _BEFORE, _CLAUSE_BREAK, _CUE, _EMOJI, _EMOTICON, _EXCLAIM, _NEGATION,
                                      _SENTENCE_BREAK, _YET, CUE_NAMES, cue_rows)
from sentiment.text.cues import _shouting
from sentiment.text.token_table import (_CAPS, _DOWNTONER, _ELONGATED, _INTENSIFIER, _NEGATION_WORD, _SEPARATOR_CHUNK,
                                        SEPARATOR, token_table)

__all__ = ["batch_cue_rows"]


def _previous(values, doc):
    """``values`` shifted by one within each text (0 where a text starts)."""
    out = np.zeros_like(values)
    if len(values) > 1:
        same = doc[1:] == doc[:-1]
        out[1:] = np.where(same, values[:-1], 0)
    return out


#: Texts are taken this many characters at a time (at least one text): a whole 10 000-review chunk
#: at once (38 M characters, 7.5 M tokens) ran about 25 % slower than in slices of about 2 000 reviews.
SLICE_CHARS = 4_000_000


def batch_cue_rows(texts, columns=None):
    """The cue blocks' values of ``texts``, as :func:`~sentiment.text.fast_cues.cue_rows` gives them.

    Parameters
    ----------
    texts : list of str
    columns : list of int, optional
        Indices into :data:`~sentiment.text.fast_cues.CUE_NAMES` to keep (default: all).

    Returns
    -------
    numpy.ndarray
        One row per text.  Whether each text holds an opinion cue is kept for
        :func:`~sentiment.text.fast_cues.opinion_flags`, as ``cue_rows`` keeps it.

    Examples
    --------
    >>> batch_cue_rows(["not bad :)", ""], columns=[7, 17]).tolist()   # negated_negative, positive_emoticons
    [[-0.8333333333333334, 1.0], [0.0, 0.0]]
    """
    texts = list(texts)
    rows, opinions, start, size = [], [], 0, 0
    for end, text in enumerate(texts, 1):
        size += len(text)
        if size >= SLICE_CHARS or end == len(texts):
            part_rows, part_opinions = _rows(texts[start:end])
            rows.append(part_rows)
            opinions.extend(part_opinions)
            start, size = end, 0
    out = np.vstack(rows) if len(rows) > 1 else rows[0] if rows else np.zeros((0, len(CUE_NAMES)))
    fast_cues._recent_opinions[0] = dict(zip(texts, opinions))
    return out if columns is None else out[:, columns]


def _rows(texts):
    """The 19 values of each text, and whether it holds an opinion cue (a list of bools)."""
    n_docs = len(texts)
    table = token_table()
    tok = table.ids(SEPARATOR.join(texts))
    sep = tok == 0
    if np.count_nonzero(sep) != n_docs - 1:  # a text holds the separator chunk: those take the reference path
        slow = [i for i, t in enumerate(texts) if _SEPARATOR_CHUNK in t.split()]
        blanked = list(texts)
        for i in slow:
            blanked[i] = ""
        tok = table.ids(SEPARATOR.join(blanked))
        sep = tok == 0
    else:
        slow = []
    doc = np.cumsum(sep, dtype=np.int64)
    keep = ~sep
    tok, doc = tok[keep], doc[keep]
    kind = table.kind[tok]
    flags = table.flags[tok]

    n_tok = len(tok)
    pos = np.arange(n_tok)
    start = np.ones(n_tok, dtype=bool)
    start[1:] = doc[1:] != doc[:-1]

    # prev / prev2 as the reference keeps them: every token but emoticons moves them on.
    moves = np.flatnonzero((kind & _EMOTICON) == 0)
    flags_m, doc_m = flags[moves], doc[moves]
    prev1_m = _previous(flags_m, doc_m)
    prev2_m = _previous(prev1_m, doc_m)
    pair1_m = _previous(table.pair_second[tok[moves]], doc_m)
    pair2_m = _previous(_previous(table.pair_first[tok[moves]], doc_m), doc_m)
    prev1 = np.zeros(n_tok, dtype=flags.dtype)
    prev2 = np.zeros(n_tok, dtype=flags.dtype)
    pair = np.zeros(n_tok, dtype=bool)
    prev1[moves], prev2[moves] = prev1_m, prev2_m
    pair[moves] = (pair1_m & pair2_m) != 0

    # Contrast markers ("yet" right after a negation word is none).
    after = ((kind & _AFTER) != 0) & ~(((kind & _YET) != 0) & ((prev1 & _NEGATION_WORD) != 0))
    marker = after | ((kind & _BEFORE) != 0)
    clause_break = (kind & _CLAUSE_BREAK) != 0

    # Negation scope: the last event at or before a token (a text start resets it).
    negation = (kind & _NEGATION) != 0
    event = negation | clause_break | marker | start
    last_event = np.maximum.accumulate(np.where(event, pos, 0))
    negated = negation[last_event]

    # The cues, in stream order (= the reference's cue order).
    word_cue = (kind & _CUE) != 0
    emoticon_cue = ((kind & _EMOJI) != 0) | (((kind & _EMOTICON) != 0) & (table.valence[tok] != 0))
    cue = np.flatnonzero(word_cue | emoticon_cue)
    c_tok, c_doc = tok[cue], doc[cue]
    c_word = word_cue[cue]
    v = table.valence[c_tok]
    pol = table.polarity[c_tok]
    neg = negated[cue] & c_word
    p1, p2 = prev1[cue], prev2[cue]
    boost = np.where(((p1 | p2) & _INTENSIFIER) != 0, 1, 0)
    boost = np.where((((p1 & _DOWNTONER) != 0) | pair[cue]) & c_word, -1, boost * c_word)
    c_flags = table.flags[c_tok]
    elong = ((c_flags & _ELONGATED) != 0) & c_word
    caps = ((c_flags & _CAPS) != 0) & c_word
    if caps.any():
        asked = np.unique(c_doc[caps])
        shouting = np.zeros(n_docs, dtype=bool)
        shouting[asked] = [_shouting(texts[i]) for i in asked.tolist()]
        caps &= ~shouting[c_doc]
    emph = caps | elong

    # Contrast roles: each sentence's last marker decides; a "before" marker's clause ends at the next clause break.
    sentence = np.cumsum(((kind & _SENTENCE_BREAK) != 0) | start)
    markers = np.flatnonzero(marker)
    clause = np.ones(len(cue))
    if len(markers):
        m_sentence = sentence[markers]
        last = np.ones(len(markers), dtype=bool)
        last[:-1] = m_sentence[1:] != m_sentence[:-1]
        sentence_marker = np.full(int(sentence[-1]) + 1, -1)
        sentence_marker[m_sentence[last]] = markers[last]
        m = sentence_marker[sentence[cue]]
        has = m >= 0
        m_safe = np.where(has, m, 0)
        breaks = np.append(np.flatnonzero(clause_break), n_tok)
        clause_end = breaks[np.searchsorted(breaks, m_safe)]
        weak = np.where(after[m_safe], cue < m_safe, (m_safe <= cue) & (cue < clause_end))
        clause = np.where(has, np.where(weak, 0.5, 1.5), 1.0)
        strong, weak = has & ~weak, has & weak
    else:
        strong = weak = np.zeros(len(cue), dtype=bool)

    def total(mask, weights=None):
        return np.bincount(c_doc[mask], None if weights is None else weights[mask], minlength=n_docs)

    flipped = np.where(neg, -0.74 * v, v)
    sign = np.where(v > 0, 1.0, -1.0)
    adjusted = v + sign * (0.293 * boost + 0.733 * emph)
    adjusted = np.where(neg, adjusted * -0.74, adjusted) * clause
    rated = v != 0
    s = total(rated, adjusted)
    exclamations = np.minimum(np.bincount(doc[(kind & _EXCLAIM) != 0], minlength=n_docs), 4).astype(float)
    s = np.where(s != 0, s + np.copysign(0.292 * exclamations, s), s)
    root = np.sqrt(s * s + 15.0)
    n_rated = total(rated)
    words = np.bincount(doc[(table.counts_as_word[tok])], minlength=n_docs)
    n = np.maximum(words, 1).astype(float)
    emoticon = ~c_word
    plain = ~neg
    out = np.column_stack([
        total(plain & (v > 0), v) / n, total(plain & (v < 0), v) / n,
        s / root, np.divide(s, n_rated, out=np.zeros(n_docs), where=n_rated != 0),
        total(plain & (pol > 0)) / n, total(plain & (pol < 0)) / n,
        total(neg & (v > 0), v) / n, total(neg & (v < 0), v) / n,
        total(neg & (pol > 0)) / n, total(neg & (pol < 0)) / n,
        total(strong, flipped) / n, total(weak, flipped) / n,
        total(boost > 0, flipped) / n, total(boost < 0, flipped) / n,
        total(emph, flipped) / n, total(elong) / n, exclamations * s / root,
        np.minimum(total(emoticon & (v > 0)), 3), np.minimum(total(emoticon & (v < 0)), 3),
    ]).astype(float, copy=False)
    opinion = total(table.opinion[c_tok]) > 0

    if slow:
        out[slow] = cue_rows([texts[i] for i in slow])
        slow_opinions = fast_cues._recent_opinions[0]
        opinion[slow] = [slow_opinions[texts[i]] for i in slow]
    return out, opinion.tolist()
