"""Neutral answers for a binary (negative/positive) model: a documented rule on top of p(pos).

A binary model always leans one way; a text that carries no opinion ("The meeting is at 3pm.")
should be called neutral instead.  :class:`NeutralRule` says neutral when either

* p(pos) is within ``band`` of 0.5 (the model has no evidence either way), or
* the text holds no opinion cue (no Hu–Liu word, no emoticon, no word with a VADER valence of
  at least :data:`OPINION_VALENCE` either way: "grey" at 0.2 is no opinion;
  :func:`sentiment.text.cues.analyse`; :func:`sentiment.text.fast_cues.opinion_flags` answers it for a
  batch) and p(pos) is within ``cue_free_band`` of 0.5.

``p_neg`` and ``p_pos`` are unchanged; only the label is.  A model file stores the rule under
its ``neutral`` key; ``classify --no-neutral`` (or ``predict(..., neutral=False)``) answers
positive/negative only.

Examples
--------
>>> rule = NeutralRule(band=0.1, cue_free_band=0.4)
>>> rule.mask(["The meeting is at 3pm.", "A great film.", "Meh."], [0.3, 0.95, 0.55]).tolist()
[True, False, True]
"""

from __future__ import annotations

__all__ = ["NeutralRule", "NEUTRAL", "OPINION_VALENCE", "has_opinion_cue", "polar_labels"]

NEUTRAL = "neutral"
OPINION_VALENCE = 1.0


def polar_labels(labels) -> list:
    """The two polar labels of a two-class or a negative/neutral/positive label set, sorted; else ``[]``.

    What the parts that know polarity contrast: the NB ratio of the n-grams, the lexicon prior, the VADER rule.

    >>> polar_labels(["pos", "neg", "pos"]), polar_labels(["neutral", "pos", "neg"]), polar_labels([1, 2, 3])
    (['neg', 'pos'], ['neg', 'pos'], [])
    """
    distinct = sorted(set(labels), key=str)
    if len(distinct) == 3 and NEUTRAL in distinct:
        distinct.remove(NEUTRAL)
    return distinct if len(distinct) == 2 else []


def has_opinion_cue(text: str) -> bool:
    """Whether ``text`` holds an opinion word or emoticon (see the module docstring).

    >>> has_opinion_cue("It comes in a grey box."), has_opinion_cue("A lovely box."), has_opinion_cue("Box :(")
    (False, True, True)
    """
    from sentiment.text.fast_cues import opinion_flags  # the same answer as reading analyse(text).cues, faster

    return opinion_flags([text])[0]


class NeutralRule:
    """When a binary model's answer becomes ``neutral`` (see the module docstring)."""

    def __init__(self, band: float = 0.0, cue_free_band: float = 0.0):
        for name, v in (("band", band), ("cue_free_band", cue_free_band)):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0.0 <= v <= 0.5:
                raise ValueError(f"neutral {name} must be a number in [0, 0.5]; got {v!r}")
        self.band = float(band)
        self.cue_free_band = float(cue_free_band)

    def mask(self, texts, p_pos):
        """A boolean array: which texts get the neutral label."""
        import numpy as np

        distance = np.abs(np.asarray(p_pos, dtype=float) - 0.5)
        out = distance < self.band
        if self.cue_free_band > 0:
            from sentiment.text.fast_cues import opinion_flags

            texts = list(texts)
            asked = np.flatnonzero(~out & (distance < self.cue_free_band))
            opinion = opinion_flags([texts[i] for i in asked])
            out[asked[~np.asarray(opinion, dtype=bool)]] = True
        return out

    def to_dict(self) -> dict:
        return {"band": self.band, "cue_free_band": self.cue_free_band}

    @classmethod
    def from_dict(cls, data, name="<model>"):
        from sentiment.io.checks import fail

        if not isinstance(data, dict) or set(data) != {"band", "cue_free_band"}:
            fail(name, "neutral must be {'band': number, 'cue_free_band': number}")
        try:
            return cls(data["band"], data["cue_free_band"])
        except ValueError as exc:
            fail(name, str(exc))


def neutral_labels(pipe, texts, lab, P):
    """``lab`` with ``neutral`` where ``pipe``'s neutral rule (:mod:`sentiment.neutral`) fires.

    ``texts`` and the rows of ``P`` match ``lab``; unscored rows (NaN probabilities) are left as they
    are.  A model without a rule, or with more than two classes, changes nothing.
    """
    import numpy as np

    rule = getattr(pipe, "neutral", None)
    if rule is None or not len(P) or P.shape[1] != 2:
        return lab
    rows = np.flatnonzero(~np.isnan(P).any(axis=1))
    lab = list(lab)
    for i in rows[rule.mask([texts[i] for i in rows], P[rows, 1])]:
        lab[i] = NEUTRAL
    return lab
