"""Where the decision threshold puts a binary model on its ROC and precision–recall curves."""

from __future__ import annotations

import numpy as np

__all__ = ["threshold_point"]


def threshold_point(gold, scores, positive, threshold=0.5) -> dict:
    """FPR, TPR (= recall) and precision of predicting ``positive`` when its probability exceeds ``threshold``.

    At 0.5 this is the point the model's own predictions sit at (a tie goes to
    the first class, as ``argmax`` does).

    Examples
    --------
    >>> threshold_point(["n", "n", "p", "p"], [0.2, 0.7, 0.6, 0.9], "p")
    {'threshold': 0.5, 'fpr': 0.5, 'tpr': 1.0, 'recall': 1.0, 'precision': 0.6666666666666666}
    """
    y = np.asarray([g == positive for g in gold], dtype=bool)
    hit = np.asarray(scores, dtype=float) > threshold
    tp, fp = int((hit & y).sum()), int((hit & ~y).sum())
    tpr = tp / max(int(y.sum()), 1)
    return {"threshold": threshold, "fpr": fp / max(int((~y).sum()), 1), "tpr": tpr, "recall": tpr,
            "precision": tp / (tp + fp) if tp + fp else 1.0}
