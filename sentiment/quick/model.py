"""A model file read and applied in plain Python: probabilities and labels for a few texts.

:func:`load_quick` reads the file as :func:`~sentiment.pipeline.load_model` does
(:func:`~sentiment.io.modelfile.read_model_file`, with arrays as ``array('d')``),
checks every value it will use as the full loader does, and returns a
:class:`QuickModel`, or ``None`` when it declines (see :mod:`sentiment.quick`).

The linear part is the batch model's: z = b + Σ_j w_j (x_j − m_j) / s_j, summed
over the row's nonzero columns plus a constant for the rest, then σ(z) (binary) or the
softmax of one such z per class (multinomial), computed without overflow.

Examples
--------
>>> m = load_quick("default")
>>> m.labels
['neg', 'neutral', 'pos']
>>> [(a[0], a[1] > 0.5) for a in m.answers(["A gem of a film, funny and moving.", "Dull and tedious."])]
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
    """Features, weights and the neutral rule of a model file (see the module docstring).

    ``weights`` and ``bias``: one row and one bias for a binary model (the logit of its second label),
    one per label for a multinomial one.
    """

    def __init__(self, features, labels, weights, bias, mean, scale, neutral=None):
        self.features, self.labels, self.neutral = features, labels, neutral
        self._bias = list(bias)
        standardized = mean.count(0.0) != len(mean) or scale.count(1.0) != len(scale)
        # w_j / s_j for the row's columns; the zeros' share of -Σ w_j m_j / s_j is a constant
        self._unit = [[w / s for w, s in zip(row, scale)] if standardized else row for row in weights]
        self._offset = [-sum(w * m / s for w, m, s in zip(row, mean, scale)) if standardized else 0.0
                        for row in weights]

    def probabilities(self, texts) -> list[tuple[float, ...]]:
        """Each text's probability of each of the model's labels, in their order."""
        out = []
        for row in self.features.rows(texts):
            items = sorted(row.items())
            Z = []
            for unit, bias, offset in zip(self._unit, self._bias, self._offset):
                z = bias + offset
                for j, v in items:
                    z += v * unit[j]
                Z.append(z)
            if len(Z) == 1:
                z = Z[0]
                p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
                out.append((1.0 - p, p))
            else:  # softmax, shifted by the largest score so that no exp overflows
                top = max(Z)
                e = [math.exp(z - top) for z in Z]
                total = sum(e)
                out.append(tuple(v / total for v in e))
        return out

    def answered(self, neutral=True) -> list[str]:
        """The labels :meth:`answers` gives probabilities of: a three-way model's without neutral if not ``neutral``."""
        if not neutral and len(self.labels) == 3 and "neutral" in self.labels:
            return [l for l in self.labels if l != "neutral"]
        return list(self.labels)

    def answers(self, texts, neutral=True) -> list[tuple]:
        """``(label, probability, p_<label>…)`` of each text (labels: :meth:`answered`).

        ``neutral`` where a binary model's rule says so; with ``neutral=False`` a three-way model answers
        from its other two labels, their probabilities renormalised (:mod:`sentiment.outputs`).
        """
        answered = self.answered(neutral)
        keep = [self.labels.index(l) for l in answered]
        out = []
        for text, p in zip(texts, self.probabilities(texts)):
            if len(keep) < len(p):
                total = sum(p[k] for k in keep)
                # All of the probability on neutral (both others underflowed): a tie, as outputs.renormalised
                p = tuple(p[k] / total for k in keep) if total > 0 else tuple(1.0 / len(keep) for _ in keep)
            best = max(range(len(p)), key=p.__getitem__)  # the first of equals, as numpy's argmax
            label = answered[best]
            if neutral and self.neutral is not None and len(p) == 2 and self._is_neutral(text, p[1]):
                label = "neutral"
            out.append((label, p[best], *p))
        return out

    def columns(self, texts, neutral=True, prefix="") -> dict:
        """The answer columns of the batch path (:func:`sentiment.outputs.output_names`: label, probability,
        p_<label>…, score), each a list with a value per text, named after ``prefix``."""
        from sentiment.outputs import output_names, polar_pair

        answers = self.answers(texts, neutral)
        names = output_names(self.labels, neutral)
        cols = {prefix + name: list(values) for name, values in zip(names, zip(*answers))}  # all but score
        if "score" in names:
            negative, positive = polar_pair(self.answered(neutral))
            cols[prefix + "score"] = [row[2 + positive] - row[2 + negative] for row in answers]
        return cols

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
    return read_quick(path_or_name)[0]


def read_quick(path_or_name="default"):
    """``(quick model or None, (data, name) or None)``: the file as read, for a caller to reuse on a decline.

    When the quick path declines a model it has read, the batch path builds its pipeline from the same
    data (:func:`sentiment.io.modelfile.with_numpy_arrays`) rather than read and inflate the file twice;
    when the file could not be read, the batch loader reads it to give its canonical error.
    """
    from sentiment.io.modelfile import read_model_file

    try:
        data, name = read_model_file(path_or_name, arrays="python")
    except InputError:
        return None, None
    return quick_from_dict(data, name), (data, name)


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
    if tokenizer not in TOKENIZERS or data["mode"] not in ("binary", "multinomial") or data["lexicon"] is None:
        raise Declined
    if not (isinstance(labels, list) and len(labels) >= 2 and all(type(l) is str for l in labels)
            and len(set(labels)) == len(labels)):
        raise Declined
    rows = 1 if data["mode"] == "binary" else len(labels)
    features = QuickFeatures.from_dict(data["features"], lexicon_from_dict(data["lexicon"], tokenizer, name), tokenizer)
    d = features.width
    W, std = data["weights"], data["standardize"]
    if not (isinstance(W, list) and len(W) == rows) or not (isinstance(std, dict) and set(std) == {"mean", "scale"}):
        raise Declined
    weights, bias = [numbers(w, d) for w in W], numbers(data["bias"], rows)
    mean, scale = numbers(std["mean"], d), numbers(std["scale"], d)
    # The batch loader's bounds, which keep scores finite (sentiment.io.checks): beyond them it names the value.
    if not (all(within(w, -MAX_WEIGHT, MAX_WEIGHT) for w in weights) and within(bias, -MAX_WEIGHT, MAX_WEIGHT)
            and within(mean, -MAX_MEAN, MAX_MEAN) and within(scale, MIN_SCALE, MAX_SCALE)):
        raise Declined
    training = data.get("training", {})
    if not isinstance(training, dict) or json_depth(training) > MAX_TRAINING_DEPTH:
        raise Declined
    rule = NeutralRule.from_dict(data["neutral"], name) if "neutral" in data else None
    return QuickModel(features, labels, weights, bias, mean, scale, rule)
