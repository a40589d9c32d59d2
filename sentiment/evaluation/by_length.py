"""Accuracy by document length: where in the length range a model is right."""

from __future__ import annotations

import numpy as np

__all__ = ["accuracy_by_length"]


def accuracy_by_length(texts, gold, pred, n_bins=5, tokenize=None):
    """Accuracy in ``n_bins`` bins of token count holding about equal numbers of documents.

    Returns a list of ``{"low", "high", "count", "accuracy"}``, ``low`` and
    ``high`` the smallest and largest token count in the bin.

    Examples
    --------
    >>> texts = ["a b", "a b c", "a b c d e f", "a b c d e f g h"]
    >>> accuracy_by_length(texts, [1, 1, 0, 0], [1, 0, 0, 0], n_bins=2)
    [{'low': 2, 'high': 3, 'count': 2, 'accuracy': 0.5}, {'low': 6, 'high': 8, 'count': 2, 'accuracy': 1.0}]
    """
    if tokenize is None:
        from sentiment.text.tokenize import tokenize
    lengths = np.fromiter((len(tokenize(t)) for t in texts), dtype=np.int64, count=len(texts))
    if not len(lengths):
        return []
    correct = np.asarray([g == p for g, p in zip(gold, pred)], dtype=bool)
    # Cut at quantiles of the lengths; a length equal to a cut goes above it, so no length is in two bins.
    cuts = np.unique(np.quantile(lengths, np.arange(1, n_bins) / n_bins, method="higher"))
    cuts = cuts[cuts > lengths.min()]
    ids = np.searchsorted(cuts, lengths, side="right")
    out = []
    for b in range(len(cuts) + 1):
        rows = ids == b
        if rows.any():
            out.append({"low": int(lengths[rows].min()), "high": int(lengths[rows].max()), "count": int(rows.sum()),
                        "accuracy": float(correct[rows].mean())})
    return out
