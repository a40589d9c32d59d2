"""VADER valence block: the text's word valences, per word, and one VADER-style overall score.

``vader_positive`` / ``vader_negative``: the sum of the positive / negative valences of the
words outside negation scope, per word.  ``vader_compound``: s / √(s² + 15), where s sums every
cue's valence adjusted for its context as VADER does (negated × −0.74, conceded clause × 0.5,
verdict clause × 1.5, ±0.293 after an intensifier / downtoner, +0.733 in capitals or elongated,
+0.292 per "!" up to four); it saturates instead of growing with length.  ``vader_mean``: s
over the number of words with a valence (0 when there are none), a rate that is the same for a
tweet as for a review.

Examples
--------
>>> from sentiment.text.cues import analyse
>>> [round(v, 4) for v in values(analyse("good but not great"))]   # 4 words; s = 1.9 · 0.5 − 0.74 · 3.1 · 1.5 = −2.491
[0.475, 0.0, -0.5409, -1.2455]
"""

from __future__ import annotations

import math

NAMES = ("vader_positive", "vader_negative", "vader_compound", "vader_mean")
_CLAUSE = {"weak": 0.5, "strong": 1.5, None: 1.0}


def adjusted(cue) -> float:
    """One cue's valence in context (see the module docstring)."""
    v = cue.valence
    if not v:
        return 0.0
    sign = 1.0 if v > 0 else -1.0
    v += sign * (0.293 * cue.boost + 0.733 * (cue.caps or cue.elongated))
    if cue.negated:
        v *= -0.74
    return v * _CLAUSE[cue.clause]


def total(analysis) -> float:
    """s: the sum of the adjusted valences, pushed outwards by exclamation marks."""
    s = sum(adjusted(c) for c in analysis.cues)
    if s:
        s += math.copysign(0.292 * min(analysis.exclamations, 4), s)
    return s


def values(analysis):
    pos = sum(c.valence for c in analysis.cues if c.valence > 0 and not c.negated)
    neg = sum(c.valence for c in analysis.cues if c.valence < 0 and not c.negated)
    s = total(analysis)
    rated = sum(1 for c in analysis.cues if c.valence)
    return [pos / analysis.words, neg / analysis.words, s / math.sqrt(s * s + 15.0), s / rated if rated else 0.0]
