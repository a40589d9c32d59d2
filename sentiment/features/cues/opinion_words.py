"""Hu and Liu block: the opinion-lexicon words outside negation scope, per word.

Examples
--------
>>> from sentiment.text.cues import analyse
>>> values(analyse("a good, reliable phone with a poor, not bad screen"))  # 10 words; "bad" is negated
[0.2, 0.1]
"""

NAMES = ("hu_liu_positive", "hu_liu_negative")


def values(analysis):
    pos = sum(1 for c in analysis.cues if c.polarity > 0 and not c.negated)
    neg = sum(1 for c in analysis.cues if c.polarity < 0 and not c.negated)
    return [pos / analysis.words, neg / analysis.words]
