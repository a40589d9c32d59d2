"""Which of two labels is the positive one, for the parts of the general recipe that know polarity.

A logistic regression does not care which class is called positive, but the general
recipe does: its lexicon prior labels "awful" with the negative class and its VADER rule
adds the compound score towards the positive one.  Taking the second label in sorted
order would turn both upside down for ``happy``/``sad`` or ``unfavourable``/``favourable``,
so the recipe asks :func:`polarity_order`, which knows numbers (the smaller is negative:
0/1, 0/4, 1–5 stars) and the usual names, and otherwise asks the user to name them.

Examples
--------
>>> polarity_order(["pos", "neg", "pos"]), polarity_order([4, 0]), polarity_order(["Unfavourable", "favourable"])
(('neg', 'pos'), (0, 4), ('Unfavourable', 'favourable'))
>>> polarity_order(["happy", "sad"], "c.csv")
Traceback (most recent call last):
...
sentiment.errors.InputError: c.csv: cannot tell which of the labels 'happy' and 'sad' is positive (the general model's lexicon prior and VADER rule need to know); name them, e.g. --label-map happy=pos,sad=neg
"""

from __future__ import annotations

from numbers import Real

from sentiment.errors import InputError

__all__ = ["is_polarity_pair", "polarity_order"]

_NEGATIVE = frozenset("neg negative bad no false con cons dislike unfavorable unfavourable".split())
_POSITIVE = frozenset("pos positive good yes true pro pros like favorable favourable".split())


def polarity_order(labels, source=None):
    """``(negative, positive)`` of exactly two labels; :class:`InputError` if that cannot be told."""
    pair = sorted(set(labels), key=str)
    if len(pair) != 2:
        raise ValueError(f"polarity_order takes two labels; got {len(pair)}")
    a, b = pair
    if all(isinstance(x, Real) and not isinstance(x, bool) for x in pair):  # numpy's numbers too
        return (a, b) if a < b else (b, a)
    low = str(a).lower(), str(b).lower()
    if low[0] in _NEGATIVE and low[1] in _POSITIVE:
        return a, b
    if low[1] in _NEGATIVE and low[0] in _POSITIVE:
        return b, a
    raise InputError(f"{source + ': ' if source else ''}cannot tell which of the labels {a!r} and {b!r} is positive (the general model's "
                     f"lexicon prior and VADER rule need to know); name them, e.g. --label-map {a}=pos,{b}=neg")


def is_polarity_pair(labels) -> bool:
    """Whether :func:`polarity_order` can tell the negative and the positive of ``labels``.

    >>> is_polarity_pair(["neg", "pos"]), is_polarity_pair([0, 1]), is_polarity_pair(["happy", "sad"])
    (True, True, False)
    """
    try:
        polarity_order(labels)
    except (InputError, ValueError):
        return False
    return True
