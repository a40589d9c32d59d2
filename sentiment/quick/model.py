"""A binary model file read and applied in plain Python: probabilities and labels for a few texts.

:func:`load_quick` reads the file as :func:`~sentiment.pipeline.load_model` does
(:func:`~sentiment.io.modelfile.read_model_file`, with arrays as ``array('d')``),
checks every value it will use as the full loader does, and returns a
:class:`QuickModel`, or ``None`` when it declines (see :mod:`sentiment.quick`).

The linear part is the batch model's: z = b + Σ_j w_j (x_j − m_j) / s_j, summed
over the row's nonzero columns plus a constant for the rest, then σ(z) computed
without overflow.

Examples
--------
>>> m = load_quick("default")
>>> m.labels
['neg', 'pos']
>>> [(label, p > 0.9) for label, p, p_neg, p_pos in m.answers(["A gem of a film, funny and moving.", "Dull."])]
[('pos', True), ('neg', True)]
"""

from __future__ import annotations

import math

from sentiment.errors import InputError
from sentiment.io.checks import MAX_MEAN, MAX_SCALE, MAX_WEIGHT, MIN_SCALE, within
from sentiment.quick.features import Declined, QuickFeatures, numbers

__all__ = ["MAX_CHARS", "MAX_TEXTS", "QuickModel", "load_quick", "quick_from_dict"]

#: At most this many texts take the quick path (from five on, classify checks their lengths against the
#: training lengths, which needs the batch path); each at most MAX_CHARS characters.
MAX_TEXTS = 4
MAX_CHARS = 100_000


class QuickModel:
    """Features, weights and the neutral rule of a binary model file (see the module docstring)."""

    def __init__(self, features, labels, weights, bias, mean, scale, neutral=None):
        self.features, self.labels, self.neutral = features, labels, neutral
        self._bias = bias
        standardized = mean.count(0.0) != len(mean) or scale.count(1.0) != len(scale)
        # w_j / s_j for the row's columns; the zeros' share of -Σ w_j m_j / s_j is a constant
        self._unit = [w / s for w, s in zip(weights, scale)] if standardized else weights
        self._mean = mean if standardized else None
        self._offset = -sum(w * m / s for w, m, s in zip(weights, mean, scale)) if standardized else 0.0

    def probabilities(self, texts) -> list[tuple[float, float]]:
        """``(p_neg, p_pos)`` of each text: the model's two labels, in their order."""
        out = []
        for row in self.features.rows(texts):
            z = self._bias + self._offset
            for j, v in sorted(row.items()):
                z += v * self._unit[j]
            p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
            out.append((1.0 - p, p))
        return out

    def answers(self, texts, neutral=True) -> list[tuple[str, float, float, float]]:
        """``(label, probability, p_neg, p_pos)`` of each text, ``neutral`` where the model's rule says so."""
        P = self.probabilities(texts)
        out = []
        for text, (p_neg, p_pos) in zip(texts, P):
            label, probability = (self.labels[1], p_pos) if p_pos > p_neg else (self.labels[0], p_neg)
            if neutral and self.neutral is not None and self._is_neutral(text, p_pos):
                label = "neutral"
            out.append((label, probability, p_neg, p_pos))
        return out

    def _is_neutral(self, text, p_pos) -> bool:
        """:meth:`sentiment.neutral.NeutralRule.mask` for one text."""
        distance, rule = abs(p_pos - 0.5), self.neutral
        if distance < rule.band:
            return True
        if rule.cue_free_band > 0 and distance < rule.cue_free_band:
            from sentiment.text.fast_cues import opinion_flags

            return not opinion_flags([text])[0]
        return False


def load_quick(path_or_name="default"):
    """A :class:`QuickModel` of the file, or None if the quick path declines it (never an error)."""
    from sentiment.io.modelfile import read_model_file

    try:
        data, name = read_model_file(path_or_name, arrays="python")
    except InputError:
        return None
    return quick_from_dict(data, name)


def quick_from_dict(data, name="<model>"):
    """A :class:`QuickModel` of a model dict (arrays as lists or ``array('d')``), or None if declined."""
    try:
        return _from_dict(data, name)
    except (Declined, InputError, LookupError, TypeError, ValueError, AttributeError):
        return None  # any doubt about a value: the batch path's loader gives the canonical answer or error


def _from_dict(data, name) -> QuickModel:
    from sentiment.io.jsonrecords import json_depth
    from sentiment.io.modelfile import MAX_TRAINING_DEPTH, check_header
    from sentiment.lexicons.lexicon import lexicon_from_dict
    from sentiment.neutral import NeutralRule
    from sentiment.text.tokenize import TOKENIZERS

    check_header(data, name)
    tokenizer, labels = data["tokenizer"], data["labels"]
    if tokenizer not in TOKENIZERS or data["mode"] != "binary" or data["lexicon"] is None:
        raise Declined
    if not (isinstance(labels, list) and len(labels) == 2 and all(type(l) is str for l in labels)
            and labels[0] != labels[1]):
        raise Declined
    features = QuickFeatures.from_dict(data["features"], lexicon_from_dict(data["lexicon"], tokenizer, name), tokenizer)
    d = features.width
    W, std = data["weights"], data["standardize"]
    if not (isinstance(W, list) and len(W) == 1) or not (isinstance(std, dict) and set(std) == {"mean", "scale"}):
        raise Declined
    weights, bias = numbers(W[0], d), numbers(data["bias"], 1)[0]
    mean, scale = numbers(std["mean"], d), numbers(std["scale"], d)
    # The batch loader's bounds, which keep scores finite (sentiment.io.checks): beyond them it names the value.
    if not (within(weights, -MAX_WEIGHT, MAX_WEIGHT) and -MAX_WEIGHT <= bias <= MAX_WEIGHT
            and within(mean, -MAX_MEAN, MAX_MEAN) and within(scale, MIN_SCALE, MAX_SCALE)):
        raise Declined
    training = data.get("training", {})
    if not isinstance(training, dict) or json_depth(training) > MAX_TRAINING_DEPTH:
        raise Declined
    rule = NeutralRule.from_dict(data["neutral"], name) if "neutral" in data else None
    return QuickModel(features, labels, weights, bias, mean, scale, rule)
