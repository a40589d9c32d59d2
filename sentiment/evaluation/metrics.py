"""Probabilities → numbers people trust: the classification metrics.

Every function takes plain arrays (gold labels, predicted labels, probability
matrices with columns in ``labels`` order) and returns what scikit-learn's
function of the same name returns on the same input, including the edge
cases: a class that is never predicted has precision 0 (scikit-learn's
``zero_division=0``), not NaN.

Examples
--------
>>> gold = ["pos", "pos", "neg", "neg"]
>>> pred = ["pos", "neg", "neg", "neg"]
>>> accuracy(gold, pred)
0.75
>>> confusion_matrix(gold, pred, ["neg", "pos"]).tolist()
[[2, 0], [1, 1]]
>>> prf = precision_recall_f1(gold, pred, ["neg", "pos"])
>>> round(prf["macro"]["f1"], 4), round(prf["micro"]["f1"], 4)
(0.7333, 0.75)
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "accuracy", "confusion_matrix", "precision_recall_f1", "log_loss", "roc_auc", "roc_curve",
    "precision_recall_curve", "average_precision", "brier_score", "calibration_bins", "classification_report",
]


def accuracy(y_true, y_pred) -> float:
    y_true, y_pred = np.asarray(y_true, dtype=object), np.asarray(y_pred, dtype=object)
    return float(np.mean(y_true == y_pred)) if len(y_true) else float("nan")


def _index(values, labels):
    pos = {l: i for i, l in enumerate(labels)}
    try:
        return np.fromiter((pos[v] for v in values), dtype=np.int64, count=len(values))
    except KeyError as exc:
        raise ValueError(f"label {exc.args[0]!r} is not one of {list(labels)}") from None


def confusion_matrix(y_true, y_pred, labels) -> np.ndarray:
    """Counts ``C[i, j]``: documents of gold class ``labels[i]`` predicted ``labels[j]``."""
    K = len(labels)
    t, p = _index(list(y_true), labels), _index(list(y_pred), labels)
    return np.bincount(t * K + p, minlength=K * K).reshape(K, K)


def _safe_div(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.divide(a, b, out=np.zeros_like(a), where=b > 0)


def precision_recall_f1(y_true, y_pred, labels) -> dict:
    """Per-class precision, recall, F1 and support, with macro and micro averages."""
    C = confusion_matrix(y_true, y_pred, labels)
    tp = np.diag(C).astype(float)
    pred_n, gold_n = C.sum(axis=0), C.sum(axis=1)
    p, r = _safe_div(tp, pred_n), _safe_div(tp, gold_n)
    f = _safe_div(2 * p * r, p + r)
    per_class = {
        str(l): {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(gold_n[i])}
        for i, l in enumerate(labels)
    }
    micro_p = float(tp.sum() / max(pred_n.sum(), 1))
    micro_r = float(tp.sum() / max(gold_n.sum(), 1))
    micro_f = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    return {
        "per_class": per_class,
        "macro": {"precision": float(p.mean()), "recall": float(r.mean()), "f1": float(f.mean())},
        "micro": {"precision": micro_p, "recall": micro_r, "f1": micro_f},
    }


def log_loss(y_true, proba, labels) -> float:
    """Mean cross-entropy of the gold class; probabilities clipped to [eps, 1 - eps]."""
    P = np.asarray(proba, float)
    eps = np.finfo(P.dtype).eps
    P = np.clip(P, eps, 1 - eps)
    P = P / P.sum(axis=1, keepdims=True)
    idx = _index(list(y_true), labels)
    return float(-np.mean(np.log(P[np.arange(len(idx)), idx])))


def _binary_scores(y_true, scores, positive):
    y = np.asarray([v == positive for v in y_true], dtype=bool)
    s = np.asarray(scores, float)
    return y, s


def roc_curve(y_true, scores, positive):
    """False- and true-positive rates at each distinct threshold (highest first)."""
    y, s = _binary_scores(y_true, scores, positive)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    distinct = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tps = np.cumsum(y)[distinct]
    fps = (distinct + 1) - tps
    tpr = np.r_[0.0, tps / max(y.sum(), 1)]
    fpr = np.r_[0.0, fps / max((~y).sum(), 1)]
    return fpr, tpr, np.r_[np.inf, s[distinct]]


def roc_auc(y_true, scores, positive) -> float:
    """Area under the ROC curve (trapezoids: ties count one half)."""
    y, _ = _binary_scores(y_true, scores, positive)
    if y.all() or not y.any():
        return float("nan")
    fpr, tpr, _ = roc_curve(y_true, scores, positive)
    return float(np.trapezoid(tpr, fpr) if hasattr(np, "trapezoid") else np.trapz(tpr, fpr))


def precision_recall_curve(y_true, scores, positive):
    """Precision and recall at each distinct threshold, as scikit-learn orders them."""
    y, s = _binary_scores(y_true, scores, positive)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    distinct = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tps = np.cumsum(y)[distinct].astype(float)
    fps = (distinct + 1) - tps
    precision = _safe_div(tps, tps + fps)
    recall = tps / max(y.sum(), 1)
    return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], s[distinct][::-1]


def average_precision(y_true, scores, positive) -> float:
    """AP = Σ (R_n − R_{n−1}) P_n over thresholds (no interpolation), as scikit-learn."""
    precision, recall, _ = precision_recall_curve(y_true, scores, positive)
    return float(-np.sum(np.diff(recall) * precision[:-1]))


def brier_score(y_true, proba, labels) -> float:
    """Mean squared error of the probabilities against one-hot gold labels.

    For two labels this is scikit-learn's ``brier_score_loss`` on the positive
    class; for more it is the multi-class Brier score (sum over classes).
    """
    P = np.asarray(proba, float)
    Y = np.eye(len(labels))[_index(list(y_true), labels)]
    if len(labels) == 2:
        return float(np.mean((P[:, 1] - Y[:, 1]) ** 2))
    return float(np.mean(np.sum((P - Y) ** 2, axis=1)))


def calibration_bins(y_true, scores, positive, n_bins=10) -> list[dict]:
    """Reliability bins on [0, 1]: mean predicted probability and observed frequency.

    Non-empty bins only, matching scikit-learn's ``calibration_curve`` (uniform).
    """
    y, s = _binary_scores(y_true, scores, positive)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(edges[1:-1], s)
    out = []
    for b in range(n_bins):
        mask = ids == b
        if mask.any():
            out.append({"low": float(edges[b]), "high": float(edges[b + 1]), "count": int(mask.sum()),
                        "mean_predicted": float(s[mask].mean()), "fraction_positive": float(y[mask].mean())})
    return out


def classification_report(y_true, y_pred, proba, labels) -> dict:
    """All metrics for one set of predictions, as a JSON-ready dict."""
    labels = list(labels)
    y_true, y_pred = list(y_true), list(y_pred)
    report = {
        "documents": len(y_true),
        "labels": [str(l) for l in labels],
        "class_counts": {str(l): int(sum(1 for v in y_true if v == l)) for l in labels},
        "accuracy": accuracy(y_true, y_pred),
        **precision_recall_f1(y_true, y_pred, labels),
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels).tolist(),
        "log_loss": log_loss(y_true, proba, labels),
        "brier": brier_score(y_true, proba, labels),
    }
    if len(labels) == 2:
        pos, s = labels[1], np.asarray(proba)[:, 1]
        report["roc_auc"] = roc_auc(y_true, s, pos)
        report["average_precision"] = average_precision(y_true, s, pos)
        report["calibration"] = calibration_bins(y_true, s, pos)
    return report
