"""A three-way model scored on gold with no neutral: negative or positive, as a binary model would answer.

A corpus labelled only negative and positive (MR, MPQA, reviews by stars) cannot say whether a
``neutral`` answer was right. :func:`polar_view` gives the model as ``evaluate``, ``cv`` and
``compare`` should score it there: its classes the two polar ones, ``p_neg`` and ``p_pos``
renormalised (as ``classify --no-neutral`` answers, :mod:`sentiment.outputs`), so that accuracy,
ROC-AUC and calibration are the binary ones. How often the model would have said neutral is
reported beside them (``neutral_answers``).

Examples
--------
>>> from sentiment.pipeline import load_model
>>> pipe = load_model("default")
>>> view = polar_view(pipe, ["neg", "pos", "pos"])
>>> pipe.classes_.tolist(), view.classes_.tolist()
(['neg', 'neutral', 'pos'], ['neg', 'pos'])
>>> P = view.predict_proba(["A gem.", "A mess."])
>>> P.shape, bool(abs(P.sum(axis=1) - 1).max() < 1e-12)
((2, 2), True)
>>> polar_view(pipe, ["neg", "neutral"]) is pipe
True
"""

from __future__ import annotations

import numpy as np

__all__ = ["polar_view", "PolarView"]


def polar_view(pipe, gold):
    """``pipe`` itself, or for a negative/neutral/positive model and gold without neutral, its :class:`PolarView`."""
    from sentiment.outputs import polar_pair

    classes = [str(c) for c in pipe.classes_]
    if len(classes) != 3 or "neutral" not in classes or polar_pair(classes) is None:
        return pipe
    if "neutral" in {str(g) for g in gold}:
        return pipe
    return PolarView(pipe)


class _PolarModel:
    """The model's probabilities without the neutral column, renormalised."""

    def __init__(self, model, keep):
        self._model, self._keep = model, keep

    def __getattr__(self, name):
        return getattr(self._model, name)

    @property
    def classes_(self):
        return np.asarray(self._model.classes_)[self._keep]

    def predict_proba(self, X):
        P = self._model.predict_proba(X)
        self.last_neutral_share_ = float(np.mean(P.argmax(axis=1) == self._neutral)) if len(P) else 0.0
        P = P[:, self._keep]
        from sentiment.outputs import renormalised

        return renormalised(P)

    @property
    def _neutral(self):
        return [str(c) for c in self._model.classes_].index("neutral")


class PolarView:
    """A three-way pipeline seen as a binary one (see the module docstring); everything else is the pipeline's."""

    def __init__(self, pipe):
        self._pipe = pipe
        keep = [i for i, c in enumerate(pipe.classes_) if str(c) != "neutral"]
        self.model = _PolarModel(pipe.model, keep)

    def __getattr__(self, name):
        return getattr(self._pipe, name)

    @property
    def classes_(self):
        return self.model.classes_

    @property
    def neutral_share_(self) -> float:
        """The share of the last scored texts the three-way model would have called neutral."""
        return getattr(self.model, "last_neutral_share_", 0.0)

    def predict_proba(self, texts):
        return self.model.predict_proba(self._pipe.featurize(texts))

    def predict(self, texts, neutral=False):
        return np.asarray(self.classes_)[self.predict_proba(texts).argmax(axis=1)]
