"""Intensity block: the valence of words right after an intensifier ("very") or a downtoner ("slightly").

Negation flips as elsewhere (× −0.74); per word.

Examples
--------
>>> from sentiment.text.cues import analyse
>>> values(analyse("really good, slightly dull"))   # 4 words; good = 1.9, dull = −1.7
[0.475, -0.425]
"""

NAMES = ("intensified_valence", "downtoned_valence")


def values(analysis):
    n = analysis.words
    flip = lambda c: -0.74 * c.valence if c.negated else c.valence
    return [sum(flip(c) for c in analysis.cues if c.boost > 0) / n,
            sum(flip(c) for c in analysis.cues if c.boost < 0) / n]
