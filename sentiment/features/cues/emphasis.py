"""Emphasis block: capitals, elongation and exclamation marks, which turn a valence up.

``emphasised_valence``: valences of words in capitals (in a text that is not all capitals) or
elongated ("sooo goood"), per word; ``elongated_words``: their count per word, whatever the word;
``exclamation_valence``: the VADER-style compound times the number of "!" (at most 4).

Examples
--------
>>> from sentiment.text.cues import analyse
>>> [round(v, 4) for v in values(analyse("GREAT phone!!"))]   # 2 words; s = 3.1 + .733 + 2 · .292 = 4.417
[1.55, 0.0, 1.5038]
"""

import math

from sentiment.features.cues.valence import total

NAMES = ("emphasised_valence", "elongated_words", "exclamation_valence")


def values(analysis):
    n = analysis.words
    emph = sum((-0.74 * c.valence if c.negated else c.valence) for c in analysis.cues if c.caps or c.elongated)
    s = total(analysis)
    return [emph / n, sum(1 for c in analysis.cues if c.elongated) / n,
            min(analysis.exclamations, 4) * s / math.sqrt(s * s + 15.0)]
