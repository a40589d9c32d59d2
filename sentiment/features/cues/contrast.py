"""Contrast block: the valence of the clause that carries the verdict and of the one it concedes.

In "X but Y" and "although X, Y" the writer's verdict is Y.  ``verdict_valence`` sums the
valences (negation flipped, × −0.74) in Y, ``conceded_valence`` those in X, per word; both are 0
in a sentence with no contrast marker.

Examples
--------
>>> from sentiment.text.cues import analyse
>>> values(analyse("I thought it would be bad, but it was great"))   # 10 words
[0.31, -0.25]
"""

NAMES = ("verdict_valence", "conceded_valence")


def _flipped(c):
    return -0.74 * c.valence if c.negated else c.valence


def values(analysis):
    n = analysis.words
    return [sum(_flipped(c) for c in analysis.cues if c.clause == "strong") / n,
            sum(_flipped(c) for c in analysis.cues if c.clause == "weak") / n]
