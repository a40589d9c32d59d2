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

from sentiment.lexicons.valence import hu_liu_polarity, vader_valences
from sentiment.text.cues import (_CLAUSE_END, _NEGATES, _SENTENCE_END, _TOKEN_RE, CONTRAST_AFTER, CONTRAST_BEFORE,
                                 DOWNTONERS, EMOJI_VALENCE, EMOTICON_VALENCE, INTENSIFIERS, _lookup, _shouting)
from sentiment.text.negation import NEGATION_WORDS

__all__ = ["CUE_NAMES", "cue_rows", "opinion_flags"]

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

# Word kinds (bits of a word's cache entry)
_AFTER, _BEFORE, _YET, _NEGATION, _CUE = 1, 2, 4, 8, 16
_PUNCT_EXCLAIM, _PUNCT_CLAUSE, _PUNCT_SENTENCE, _PUNCT_EMOJI = 1, 2, 4, 8

_CACHE_LIMIT = 500_000  # distinct words kept; the caches start afresh beyond it (memory stays bounded)
_words: dict = {}
_emoticons: dict = {}
_puncts: dict = {}
_lexicons: list = [None, None]


def _check_lexicons():
    """The caches hold lexicon values: start them afresh if the lexicons were replaced."""
    valences, polarity = vader_valences(), hu_liu_polarity()
    if _lexicons[0] is not valences or _lexicons[1] is not polarity:
        _words.clear()
        _emoticons.clear()
        _lexicons[:] = [valences, polarity]
    elif len(_words) > _CACHE_LIMIT:
        _words.clear()
    return valences, polarity


def _word_entry(word, valences, polarity):
    """``(kind, prev_form, valence, polarity, elongated, capitalised, opinion)`` of one word as written."""
    low = word.lower()
    kind = 0
    if low in CONTRAST_AFTER:
        kind |= _AFTER | (_YET if low == "yet" else 0)
    elif low in CONTRAST_BEFORE:
        kind |= _BEFORE
    if low in NEGATION_WORDS or _NEGATES.search(low):
        return kind | _NEGATION, low, 0.0, 0, False, False, False
    base, v, pol, elongated = _lookup(low, valences, polarity)
    if v or pol:
        kind |= _CUE
    capitalised = len(word) > 1 and word.isupper()
    return kind, base, v, pol, elongated, capitalised, bool(pol or abs(v) >= _OPINION_VALENCE)


def _emoticon_valence(emoticon, valences):
    v = _emoticons.get(emoticon)
    if v is None:
        v = _emoticons[emoticon] = (valences.get(emoticon) or EMOTICON_VALENCE.get(emoticon)
                                    or valences.get(emoticon.lower(), 0.0))
    return v


def _punct_kind(punct):
    kind = _puncts.get(punct)
    if kind is None:
        kind = ((_PUNCT_EXCLAIM if punct == "!" else 0) | (_PUNCT_CLAUSE if punct in _CLAUSE_END else 0)
                | (_PUNCT_SENTENCE if punct in _SENTENCE_END else 0))
        if not kind & _PUNCT_SENTENCE and punct in EMOJI_VALENCE:
            kind |= _PUNCT_EMOJI
        if len(_puncts) < _CACHE_LIMIT:
            _puncts[punct] = kind
    return kind


def _cues(text, valences, polarity):
    """``(cues, clauses, words, exclamations)``: what :func:`~sentiment.text.cues.analyse` finds, as tuples.

    A cue is ``(valence, polarity, negated, boost, emphasised, elongated, emoticon)``, emphasised
    meaning in capitals (in a text that is not shouting) or elongated; ``clauses[i]`` is cue i's
    contrast role.
    """
    words_cache = _words
    cues, clauses, sentence = [], [], []
    marker = None  # [kind, index in sentence, clause end or None]
    words = exclamations = 0
    negated = False
    shouting = None  # asked only when a capitalised cue appears
    prev = prev2 = ""
    for emoticon, word, punct in _TOKEN_RE.findall(text):
        if word:
            words += 1
            entry = words_cache.get(word)
            if entry is None:
                entry = words_cache[word] = _word_entry(word, valences, polarity)
            kind = entry[0]
            if not kind:
                prev2, prev = prev, entry[1]
                continue
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
        elif punct:
            kind = _puncts.get(punct)
            if kind is None:
                kind = _punct_kind(punct)
            if kind:
                if kind & _PUNCT_EXCLAIM:
                    exclamations += 1
                if kind & _PUNCT_CLAUSE:
                    negated = False
                    if marker is not None and marker[0] == "before" and marker[2] is None:
                        marker[2] = len(sentence)
                if kind & _PUNCT_SENTENCE:
                    _close(sentence, marker, cues, clauses)
                    marker = None
                elif kind & _PUNCT_EMOJI:
                    words += 1
                    sentence.append((EMOJI_VALENCE[punct], 0, False, 0, False, False, True))
            prev2, prev = prev, punct
        else:
            words += 1
            v = _emoticon_valence(emoticon, valences)
            if v:
                sentence.append((v, 0, False, 0, False, False, True))
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


def cue_rows(texts, columns=None):
    """The cue blocks' values of ``texts``: an array, one row per text, columns :data:`CUE_NAMES`.

    ``columns`` (indices into :data:`CUE_NAMES`) keeps only those.
    """
    import numpy as np

    valences, polarity = _check_lexicons()
    rows = []
    for text in texts:
        cues, clauses, n, exclamations = _cues(text, valences, polarity)
        rows.append(_row(cues, clauses, n, exclamations) if cues else _ZERO_ROW)
    out = np.array(rows, dtype=float).reshape(len(rows), len(CUE_NAMES))
    return out if columns is None else out[:, columns]


def opinion_flags(texts):
    """For each text, whether it holds an opinion cue (:func:`sentiment.neutral.has_opinion_cue`)."""
    valences, polarity = _check_lexicons()
    words_cache = _words
    out = []
    for text in texts:
        found = False
        for emoticon, word, punct in _TOKEN_RE.findall(text):
            if word:
                entry = words_cache.get(word)
                if entry is None:
                    entry = words_cache[word] = _word_entry(word, valences, polarity)
                if entry[6]:
                    found = True
                    break
            elif punct:
                if _punct_kind(punct) & _PUNCT_EMOJI:
                    found = True
                    break
            elif _emoticon_valence(emoticon, valences):
                found = True
                break
        out.append(found)
    return out
