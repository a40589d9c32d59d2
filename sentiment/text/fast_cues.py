"""The cue blocks' values and the neutral rule's opinion check, computed fast, equal to :func:`~sentiment.text.cues.analyse`.

:func:`~sentiment.text.cues.analyse` builds one :class:`~sentiment.text.cues.Cue` object per cue and
each block of :mod:`sentiment.features.cues` walks them again; that reference stays, readable, and
the tests hold this module equal to it value for value (same floats, summed in the same order).
Here one pass per text does the same with less Python per token:

* each distinct word (as written) is looked up once per process, in a cache: its lower case, its
  elongation-cut form, VADER valence, Hu–Liu polarity and whether it is a negation, a contrast
  marker or in capitals; most tokens then cost one dict lookup and two assignments;
* cues are plain tuples, and the 19 block values come from one loop over them;
* whether the text is shouting (mostly capitals) is only asked when a capitalised cue appears;
* the neutral rule's question "does the text hold an opinion cue?" needs no context (negation,
  contrast and emphasis change a cue's value, never whether it is one), so
  :func:`opinion_flags` answers it from the token cache alone.

Examples
--------
>>> from sentiment.features.cues import CueFeatures
>>> texts = ["I don't love it, but the ending is sooo GOOOD :)", "not bad :)", "Meh."]
>>> bool((cue_rows(texts) == CueFeatures().reference_transform(texts)).all())
True
>>> opinion_flags(["It comes in a grey box.", "A lovely box.", "Box :("])
[False, True, True]
"""

from __future__ import annotations

import math
import re

from sentiment.lexicons.valence import hu_liu_polarity, vader_valences
from sentiment.text.cues import _CLAUSE_END, _NEGATES, _SENTENCE_END, _TOKEN_RE, _WORD, CONTRAST_AFTER, CONTRAST_BEFORE
from sentiment.text.cues import _EMOTICON as _EMOTICON_PATTERN
from sentiment.text.cues import (DOWNTONERS, EMOJI_VALENCE, EMOTICON_VALENCE, INTENSIFIERS, _lookup, _shouting)
from sentiment.text.negation import NEGATION_WORDS
from sentiment.text.slices import is_long, slices, weighted_mean

__all__ = ["CUE_NAMES", "cue_rows", "cue_values", "opinion_flags", "remember_opinions"]

#: Column order of :func:`cue_rows`: every block of :data:`sentiment.features.cues.BLOCKS`, in its order.
CUE_NAMES = ("vader_positive", "vader_negative", "vader_compound", "vader_mean",
             "hu_liu_positive", "hu_liu_negative",
             "negated_positive", "negated_negative", "negated_hu_liu_positive", "negated_hu_liu_negative",
             "verdict_valence", "conceded_valence",
             "intensified_valence", "downtoned_valence",
             "emphasised_valence", "elongated_words", "exclamation_valence",
             "positive_emoticons", "negative_emoticons")
_ZERO_ROW = (0.0,) * len(CUE_NAMES)
_CLAUSE = {"weak": 0.5, "strong": 1.5, None: 1.0}
_OPINION_VALENCE = 1.0  # sentiment.neutral.OPINION_VALENCE (kept equal by a test; importing it here would cycle)

# Token kinds: the bits of a cache entry's first field (0: a plain word, no cue, no role)
_AFTER, _BEFORE, _YET, _NEGATION, _CUE = 1, 2, 4, 8, 16
_PUNCT, _EXCLAIM, _CLAUSE_BREAK, _SENTENCE_BREAK, _EMOJI = 32, 64, 128, 256, 512
_EMOTICON, _AMBIGUOUS = 1024, 2048
_AMBIGUOUS_ENTRY = (_AMBIGUOUS, "", 0.0, 0, False, False, False)

# analyse's tokenizer without groups: on a text with no "_", [^\W_] is \w, and an emoticon starts with one of
# [:;=8()[\]D<^xX] (checked first, so most positions skip the emoticon branches).  The tokens are the same;
# which alternative matched is read from the token itself (_token_entry), or, when a token could be either
# an emoticon or a word ("xD", "8p"), from analyse's grouped tokenizer.
_FAST_TOKEN_RE = re.compile(rf"(?=[:;=8()\[\]D<^xX])(?<![^\s(\"']){_EMOTICON_PATTERN}(?=[\s.,!?\"')]|$)"
                            rf"|\w+(?:['’\-]\w+)*|[^\w\s]")
_IS_WORD, _IS_EMOTICON = re.compile(_WORD).fullmatch, re.compile(_EMOTICON_PATTERN).fullmatch

_CACHE_LIMIT = 500_000  # distinct tokens kept; the caches start afresh beyond it (memory stays bounded)
_tokens: dict = {}  # token → entry, for the group-free tokenizer
_words: dict = {}  # word → entry
_emoticons: dict = {}
_puncts: dict = {}
_lexicons: list = [None, None]
_recent_opinions: list = [{}]  # text → holds an opinion cue, for the texts cue_rows saw last


def _check_lexicons():
    """The caches hold lexicon values: start them afresh if the lexicons were replaced or grew too big."""
    valences, polarity = vader_valences(), hu_liu_polarity()
    if _lexicons[0] is not valences or _lexicons[1] is not polarity or len(_tokens) + len(_words) > _CACHE_LIMIT:
        for cache in (_tokens, _words, _emoticons, _puncts, _recent_opinions[0]):
            cache.clear()
        _lexicons[:] = [valences, polarity]


def _word_entry(word):
    """``(kind, prev_form, valence, polarity, elongated, capitalised, opinion)`` of one word as written."""
    valences, polarity = _lexicons
    low = word.lower()
    kind = 0
    if low in CONTRAST_AFTER:
        kind |= _AFTER | (_YET if low == "yet" else 0)
    elif low in CONTRAST_BEFORE:
        kind |= _BEFORE
    if low in NEGATION_WORDS or _NEGATES.search(low):
        entry = (kind | _NEGATION, low, 0.0, 0, False, False, False)
    else:
        base, v, pol, elongated = _lookup(low, valences, polarity)
        if v or pol:
            kind |= _CUE
        entry = (kind, base, v, pol, elongated, len(word) > 1 and word.isupper(),
                 bool(pol or abs(v) >= _OPINION_VALENCE))
    _words[word] = entry
    return entry


def _emoticon_entry(emoticon):
    valences = _lexicons[0]
    v = valences.get(emoticon) or EMOTICON_VALENCE.get(emoticon) or valences.get(emoticon.lower(), 0.0)
    entry = _emoticons[emoticon] = (_EMOTICON, emoticon, v, 0, False, False, bool(v))
    return entry


def _punct_entry(punct):
    kind = (_PUNCT | (_EXCLAIM if punct == "!" else 0) | (_CLAUSE_BREAK if punct in _CLAUSE_END else 0)
            | (_SENTENCE_BREAK if punct in _SENTENCE_END else 0))
    if not kind & _SENTENCE_BREAK and punct in EMOJI_VALENCE:
        kind |= _EMOJI
    v = EMOJI_VALENCE[punct] if kind & _EMOJI else 0.0
    entry = _puncts[punct] = (kind, punct, v, 0, False, False, bool(kind & _EMOJI))
    return entry


def _token_entry(token):
    """The entry of a token of :data:`_FAST_TOKEN_RE`, or the ambiguous one if it could be a word or an emoticon."""
    word, emoticon = _IS_WORD(token) is not None, _IS_EMOTICON(token) is not None
    if word and not emoticon:
        entry = _words.get(token) or _word_entry(token)
    elif emoticon and not word:
        entry = _emoticons.get(token) or _emoticon_entry(token)
    elif len(token) == 1 and not word:
        entry = _puncts.get(token) or _punct_entry(token)
    else:
        entry = _AMBIGUOUS_ENTRY
    _tokens[token] = entry
    return entry


def _grouped_entries(text):
    """The entries of ``text``'s tokens, by analyse's own (grouped) tokenizer."""
    out = []
    for emoticon, word, punct in _TOKEN_RE.findall(text):
        if word:
            out.append(_words.get(word) or _word_entry(word))
        elif punct:
            out.append(_puncts.get(punct) or _punct_entry(punct))
        else:
            out.append(_emoticons.get(emoticon) or _emoticon_entry(emoticon))
    return out


def _entries(text):
    """The entries of ``text``'s tokens (possibly holding the ambiguous entry: then ask :func:`_grouped_entries`)."""
    if "_" in text:
        return _grouped_entries(text)
    tokens = _FAST_TOKEN_RE.findall(text)
    try:
        return list(map(_tokens.__getitem__, tokens))
    except KeyError:  # a token not seen yet
        return [_tokens.get(t) or _token_entry(t) for t in tokens]


def _cues(text, entries):
    """``(cues, clauses, words, exclamations)``: what :func:`~sentiment.text.cues.analyse` finds, as tuples.

    A cue is ``(valence, polarity, negated, boost, emphasised, elongated, emoticon)``, emphasised
    meaning in capitals (in a text that is not shouting) or elongated; ``clauses[i]`` is cue i's
    contrast role.  None if ``entries`` holds the ambiguous entry.
    """
    cues, clauses, sentence = [], [], []
    marker = None  # [kind, index in sentence, clause end or None]
    words = exclamations = 0
    negated = False
    shouting = None  # asked only when a capitalised cue appears
    prev = prev2 = ""
    for entry in entries:
        kind = entry[0]
        if not kind:
            words += 1
            prev2, prev = prev, entry[1]
            continue
        if kind & _PUNCT:
            if kind & _EXCLAIM:
                exclamations += 1
            if kind & _CLAUSE_BREAK:
                negated = False
                if marker is not None and marker[0] == "before" and marker[2] is None:
                    marker[2] = len(sentence)
            if kind & _SENTENCE_BREAK:
                _close(sentence, marker, cues, clauses)
                marker = None
            elif kind & _EMOJI:
                words += 1
                sentence.append((entry[2], 0, False, 0, False, False, True))
            prev2, prev = prev, entry[1]
            continue
        if kind & _EMOTICON:
            words += 1
            if entry[2]:
                sentence.append((entry[2], 0, False, 0, False, False, True))
            continue
        if kind & _AMBIGUOUS:
            return None
        words += 1
        if kind & _AFTER and not (kind & _YET and prev in NEGATION_WORDS):
            marker, negated = ["after", len(sentence), None], False
        elif kind & _BEFORE:
            marker, negated = ["before", len(sentence), None], False
        if kind & _NEGATION:
            negated = True
            prev2, prev = prev, entry[1]
            continue
        if kind & _CUE:
            boost = 1 if (prev in INTENSIFIERS or prev2 in INTENSIFIERS) else 0
            if prev in DOWNTONERS or f"{prev2}_{prev}" in DOWNTONERS:
                boost = -1
            caps = False
            if entry[5]:
                if shouting is None:
                    shouting = _shouting(text)
                caps = not shouting
            sentence.append((entry[2], entry[3], negated, boost, caps or entry[4], entry[4], False))
        prev2, prev = prev, entry[1]
    _close(sentence, marker, cues, clauses)
    return cues, clauses, max(words, 1), exclamations


def _close(sentence, marker, cues, clauses):
    """Move a finished sentence's cues to ``cues`` and their contrast roles to ``clauses``."""
    if not sentence:
        return
    cues.extend(sentence)
    if marker is None:
        clauses.extend([None] * len(sentence))
    else:
        kind, at, clause_end = marker
        if clause_end is None:
            clause_end = len(sentence)
        if kind == "after":
            clauses.extend(["weak" if i < at else "strong" for i in range(len(sentence))])
        else:
            clauses.extend(["weak" if at <= i < clause_end else "strong" for i in range(len(sentence))])
    sentence.clear()


def _adjusted(v, negated, boost, emphasised, clause):
    """:func:`sentiment.features.cues.valence.adjusted`, on a cue tuple's fields."""
    if not v:
        return 0.0
    sign = 1.0 if v > 0 else -1.0
    v += sign * (0.293 * boost + 0.733 * emphasised)
    if negated:
        v *= -0.74
    return v * _CLAUSE[clause]


def _row(cues, clauses, n, exclamations):
    """The 19 values of :data:`CUE_NAMES`, each summed in the order the blocks sum it."""
    pos, neg, adjusted = [], [], []
    neg_pos, neg_neg, strong, weak, boosted, downtoned, emphasised = [], [], [], [], [], [], []
    rated = hu_pos = hu_neg = neg_hu_pos = neg_hu_neg = elongated = smiles = frowns = 0
    for (v, pol, negated, boost, emph, elong, emoticon), clause in zip(cues, clauses):
        flipped = -0.74 * v if negated else v
        if v:
            rated += 1
            adjusted.append(_adjusted(v, negated, boost, emph, clause))
        else:
            adjusted.append(0.0)
        if negated:
            if v > 0:
                neg_pos.append(v)
            elif v < 0:
                neg_neg.append(v)
            if pol > 0:
                neg_hu_pos += 1
            elif pol < 0:
                neg_hu_neg += 1
        else:
            if v > 0:
                pos.append(v)
            elif v < 0:
                neg.append(v)
            if pol > 0:
                hu_pos += 1
            elif pol < 0:
                hu_neg += 1
        if clause == "strong":
            strong.append(flipped)
        elif clause == "weak":
            weak.append(flipped)
        if boost > 0:
            boosted.append(flipped)
        elif boost < 0:
            downtoned.append(flipped)
        if emph:
            emphasised.append(flipped)
        if elong:
            elongated += 1
        if emoticon:
            if v > 0:
                smiles += 1
            elif v < 0:
                frowns += 1
    s = sum(adjusted)
    if s:
        s += math.copysign(0.292 * min(exclamations, 4), s)
    compound = s / math.sqrt(s * s + 15.0)
    return (sum(pos) / n, sum(neg) / n, compound, s / rated if rated else 0.0,
            hu_pos / n, hu_neg / n,
            sum(neg_pos) / n, sum(neg_neg) / n, neg_hu_pos / n, neg_hu_neg / n,
            sum(strong) / n, sum(weak) / n,
            sum(boosted) / n, sum(downtoned) / n,
            sum(emphasised) / n, elongated / n, min(exclamations, 4) * s / math.sqrt(s * s + 15.0),
            min(smiles, 3), min(frowns, 3))


def _text_row(text):
    """``(row, holds an opinion cue, words)`` of one text: its :data:`CUE_NAMES` values, as :func:`cue_rows` gives them."""
    found = _cues(text, _entries(text))
    if found is None:
        found = _cues(text, _grouped_entries(text))
    cues, clauses, n, exclamations = found
    if cues:
        return _row(cues, clauses, n, exclamations), any(c[1] or c[6] or abs(c[0]) >= _OPINION_VALENCE for c in cues), n
    return _ZERO_ROW, False, n


def cue_values(texts):
    """The cue blocks' values of ``texts`` as plain tuples, one per text, columns :data:`CUE_NAMES`.

    Whether each text holds an opinion cue is kept until the next call, for :func:`opinion_flags`
    (the neutral rule asks it of the texts just featurized).  Plain Python: the quick path
    (:mod:`sentiment.quick`) scores a few texts with it without importing numpy.
    """
    _check_lexicons()
    rows, opinions = [], {}
    for text in texts:
        if is_long(text):  # read in slices (sentiment.text.slices): their rows' mean, weighted by their words
            found = [_text_row(part) for part in slices(text)]
            rows.append(tuple(weighted_mean([f[0] for f in found], [f[2] for f in found])))
            opinions[text] = any(f[1] for f in found)
        else:
            row, opinions[text], _ = _text_row(text)
            rows.append(row)
    _recent_opinions[0] = opinions
    return rows


def cue_rows(texts, columns=None):
    """The cue blocks' values of ``texts``: an array, one row per text, columns :data:`CUE_NAMES`.

    ``columns`` (indices into :data:`CUE_NAMES`) keeps only those (see :func:`cue_values`).
    """
    import numpy as np

    rows = cue_values(texts)
    out = np.array(rows, dtype=float).reshape(len(rows), len(CUE_NAMES))
    return out if columns is None else out[:, columns]


def remember_opinions(texts, flags) -> None:
    """Keep ``flags`` (whether each text holds an opinion cue) for the next :func:`opinion_flags` call.

    The cue passes do it for the texts they featurize; a ``--jobs`` parent does it with the flags its
    workers sent back (:mod:`sentiment.scale.parallel`), so the neutral rule does not read the texts again.
    """
    _recent_opinions[0] = dict(zip(texts, flags))


def opinion_flags(texts):
    """For each text, whether it holds an opinion cue (:func:`sentiment.neutral.has_opinion_cue`)."""
    _check_lexicons()
    recent = _recent_opinions[0]
    out = []
    for text in texts:
        found = recent.get(text)
        if found is None:
            found = any(map(_holds_opinion, slices(text)))
        out.append(found)
    return out


def _holds_opinion(text):
    entries = _entries(text)
    if _AMBIGUOUS_ENTRY in entries:
        entries = _grouped_entries(text)
    return any(entry[6] for entry in entries)
