"""The cue blocks' values for a whole batch at once, with numpy: the same floats as :func:`~sentiment.text.fast_cues.cue_rows`.

:func:`~sentiment.text.fast_cues.cue_rows` walks each text's tokens in Python (a state machine per
text).  Here the batch is one token stream and each step of that walk becomes an array operation:

1. the texts are joined with a separator chunk and cut at white space by one ``str.split()``; each
   distinct chunk is tokenized once per process by analyse's own tokenizer
   (:mod:`sentiment.text.token_table`), so the batch becomes an array of token ids, and the
   tokens' attributes (kind, valence, polarity, look-back flags) are fancy indexing away;
2. only the tokens that play a part are kept, with their stream positions: punctuation, cue words,
   negations, contrast markers, intensifiers, downtoners, emoticons and the separators.  A plain
   word only counts as a word and breaks the intensifier look-back, which the positions tell;
3. the walk's state becomes "the last event before this token": negation scope is the last of
   {negation word, clause break, contrast marker, separator} (``maximum.accumulate``), the
   look-back reads the one or two tokens before that are not emoticons, a sentence's contrast
   marker is its last one and a conceding clause ends at the next clause break (``searchsorted``);
4. the 19 values are sums per text with ``bincount``, which adds in stream order, as the
   reference's ``sum`` over the cue list does, so the values are the same bits.

A text holding the separator chunk (a NUL between white space), and a text long enough to be read
in slices (:mod:`sentiment.text.slices`), go to :func:`~sentiment.text.fast_cues.cue_rows`, and
its answer is put in its row.

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
from sentiment.text.chunk_table import SEPARATOR, SEPARATOR_CHUNK, batch_groups
from sentiment.text.slices import any_long, is_long
from sentiment.text.token_table import _CAPS, _DOWNTONER, _ELONGATED, _INTENSIFIER, _NEGATION_WORD, token_table

__all__ = ["batch_cue_rows"]


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
    rows, opinions = [], []
    for start, stop in batch_groups(texts):  # the six counts and the n-grams group alike: one chunk lookup
        part_rows, part_opinions = _rows(texts[start:stop])
        rows.append(part_rows)
        opinions.extend(part_opinions)
    out = np.vstack(rows) if rows else np.zeros((0, len(CUE_NAMES)))
    fast_cues.remember_opinions(texts, opinions)
    return out if columns is None else out[:, columns]


def _ranks_back(rank, doc, steps):
    """For each token of a subsequence, the index of the token ``steps`` ranks before it, if in it and in the same text; else -1.

    ``rank`` is each token's rank among the tokens that move the look-back, increasing.
    """
    out = np.full(len(rank), -1)
    for j in range(1, steps + 1):
        if len(rank) > j:
            hit = np.flatnonzero((rank[:-j] == rank[j:] - steps) & (doc[:-j] == doc[j:]))
            out[hit + j] = hit
    return out


def _blanked(texts, indices):
    """``texts`` with those at ``indices`` made empty."""
    if not indices:
        return texts
    out = list(texts)
    for i in indices:
        out[i] = ""
    return out


def _rows(texts):
    """The 19 values of each text, and whether it holds an opinion cue (a list of bools).

    Only the tokens that play a part are looked at (the separators, punctuation, cue words, negations,
    contrast markers, intensifiers, downtoners, emoticons): a plain word only counts as a word and
    breaks the look-back, which positions in the whole stream tell.
    """
    n_docs = len(texts)
    table = token_table()
    # Texts read in slices (sentiment.text.slices) and texts holding the separator chunk take the per-text path.
    slow = [i for i, t in enumerate(texts) if is_long(t)] if any_long(texts) else []
    stream = table.ids(SEPARATOR.join(_blanked(texts, slow)))
    at = np.flatnonzero(table.plays_a_part[stream])
    tok = stream[at]
    sep = tok == 0
    if np.count_nonzero(sep) != n_docs - 1:
        slow = sorted(set(slow) | {i for i, t in enumerate(texts) if SEPARATOR_CHUNK in t.split()})
        stream = table.ids(SEPARATOR.join(_blanked(texts, slow)))
        at = np.flatnonzero(table.plays_a_part[stream])
        tok = stream[at]
        sep = tok == 0
    n_tok = len(tok)
    doc = np.cumsum(sep)  # a separator opens the next text
    kind = table.kind[tok]
    flags = table.flags[tok]

    # Words: the text's tokens (between its separators) less its punctuation that is no emoji.
    bounds = np.concatenate([[-1], at[sep], [len(stream)]])
    words = np.diff(bounds) - 1 - np.bincount(doc[~table.counts_as_word[tok] & ~sep], minlength=n_docs)

    # prev / prev2 as the reference keeps them: every token but emoticons moves them on.  A token's rank
    # among those is its stream position less the emoticons before it (all of them are in this subsequence).
    emoticon = (kind & _EMOTICON) != 0
    moves = np.flatnonzero(~emoticon)
    rank = (at - (np.cumsum(emoticon) - emoticon))[moves]
    doc_m, flags_m = doc[moves], flags[moves]
    back1, back2 = _ranks_back(rank, doc_m, 1), _ranks_back(rank, doc_m, 2)
    prev1 = np.zeros(n_tok, dtype=flags.dtype)
    prev2 = np.zeros(n_tok, dtype=flags.dtype)
    pair = np.zeros(n_tok, dtype=bool)
    prev1[moves] = np.where(back1 >= 0, flags_m[back1], 0)
    prev2[moves] = np.where(back2 >= 0, flags_m[back2], 0)
    pair[moves] = ((back1 >= 0) & (back2 >= 0)
                   & ((table.pair_second[tok[moves]][back1] & table.pair_first[tok[moves]][back2]) != 0))

    # Contrast markers ("yet" right after a negation word is none).
    after = ((kind & _AFTER) != 0) & ~(((kind & _YET) != 0) & ((prev1 & _NEGATION_WORD) != 0))
    marker = after | ((kind & _BEFORE) != 0)
    clause_break = (kind & _CLAUSE_BREAK) != 0

    # Negation scope: the last event at or before a token (a separator resets it).
    negation = (kind & _NEGATION) != 0
    event = negation | clause_break | marker | sep
    last_event = np.maximum.accumulate(np.where(event, np.arange(n_tok), -1)) if n_tok else np.zeros(0, dtype=int)
    negated = (last_event >= 0) & negation[np.maximum(last_event, 0)]

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
    sentence = np.cumsum(((kind & _SENTENCE_BREAK) != 0) | sep)
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
