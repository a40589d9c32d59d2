"""Emoticon and emoji block: how many positive and negative ones the text holds (at most 3 each).

Counts, not rates: one ":)" says as much at the end of a review as of a tweet.

Examples
--------
>>> from sentiment.text.cues import analyse
>>> values(analyse("arrived broken :( :( but support was great :) 👍"))
[2, 2]
"""

NAMES = ("positive_emoticons", "negative_emoticons")


def values(analysis):
    marks = [c for c in analysis.cues if c.emoticon]
    return [min(sum(1 for c in marks if c.valence > 0), 3), min(sum(1 for c in marks if c.valence < 0), 3)]
