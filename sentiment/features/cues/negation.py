"""Negation block: opinion words inside a negation's scope, kept apart so the model learns the flip.

``negated_positive`` / ``negated_negative``: the VADER valences of negated positive / negative
words, per word; ``negated_hu_liu_positive`` / ``negated_hu_liu_negative``: the Hu–Liu counts
likewise.  "not bad" gives negated_negative < 0, which a positive-text model weighs positively.

Examples
--------
>>> from sentiment.text.cues import analyse
>>> values(analyse("not bad at all"))   # 4 words; bad = −2.5
[0.0, -0.625, 0.0, 0.25]
>>> values(analyse("I don't love it."))
[0.8, 0.0, 0.2, 0.0]
"""

NAMES = ("negated_positive", "negated_negative", "negated_hu_liu_positive", "negated_hu_liu_negative")


def values(analysis):
    n = analysis.words
    neg = [c for c in analysis.cues if c.negated]
    return [sum(c.valence for c in neg if c.valence > 0) / n, sum(c.valence for c in neg if c.valence < 0) / n,
            sum(1 for c in neg if c.polarity > 0) / n, sum(1 for c in neg if c.polarity < 0) / n]
