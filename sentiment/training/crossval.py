"""Cross-validation: stratified K folds, or folds read from document ids.

A featurizer that learns nothing from the data (``stateless``, the six features)
featurizes the corpus once and each fold only refits the model; feature blocks
that do learn (n-gram vocabularies, NB ratios) are refitted inside each training
fold instead (:func:`sentiment.training.train.cross_validate_corpus`).
"""

from __future__ import annotations

import re

import numpy as np

from sentiment.errors import InputError
from sentiment.evaluation.metrics import classification_report
from sentiment.progress import task

__all__ = ["stratified_folds", "pattern_folds", "cross_validate"]


def stratified_folds(labels, k, seed=0) -> np.ndarray:
    """A fold number per document, each class spread evenly over ``k`` folds.

    Examples
    --------
    >>> stratified_folds(["a"] * 4 + ["b"] * 4, 2, seed=0).tolist()
    [1, 0, 0, 1, 1, 0, 1, 0]
    """
    labels = np.asarray([str(l) for l in labels])
    if k < 2:
        raise InputError(f"--folds must be at least 2; got {k}")
    classes, counts = np.unique(labels, return_counts=True)
    if counts.min() < k:
        raise InputError(f"class {str(classes[counts.argmin()])!r} has {counts.min()} document(s), fewer than {k} folds")
    rng = np.random.default_rng(seed)
    folds = np.empty(len(labels), dtype=np.int64)
    offset = 0
    for c in classes:
        idx = np.flatnonzero(labels == c)
        rng.shuffle(idx)
        # Continue the round-robin across classes so fold sizes stay balanced.
        folds[idx] = (np.arange(len(idx)) + offset) % k
        offset += len(idx)
    return folds


def compile_fold_pattern(pattern):
    """``re.compile(pattern)``, or one :class:`InputError` naming ``--fold-pattern``.

    Examples
    --------
    >>> compile_fold_pattern("(")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: --fold-pattern '(': not a regular expression (missing ), unterminated subpattern at position 0)
    """
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise InputError(f"--fold-pattern {pattern!r}: not a regular expression ({exc})") from None


def pattern_folds(ids, pattern) -> np.ndarray:
    """Folds from document ids: the first group of ``pattern`` (e.g. ``cv(\\d)\\d\\d``)."""
    rx = compile_fold_pattern(pattern)
    out = []
    for i in ids:
        m = rx.search(i)
        if not m:
            raise InputError(f"document id {i!r} does not match --fold-pattern {pattern!r}")
        out.append(m.group(1) if m.groups() else m.group(0))
    _, folds = np.unique(out, return_inverse=True)
    if folds.max() < 1:
        raise InputError(f"--fold-pattern {pattern!r} puts every document in one fold")
    return folds


def cross_validate(corpus, folds, fit_fold):
    """Run one fit per fold; return per-fold reports and the mean and std of each score.

    ``fit_fold(train_index, test_index)`` returns ``(labels, proba)`` for the
    test documents; ``labels`` are the model's classes in column order.
    """
    y = list(corpus.labels)
    fold_numbers = np.unique(folds)
    with task("cross-validation", total=len(fold_numbers), unit="folds") as bar:
        reports = _run_folds(fold_numbers, folds, fit_fold, y, bar)
    keys = ["accuracy", "log_loss"] + (["roc_auc"] if "roc_auc" in reports[0] else [])
    summary = {key: {"mean": float(np.mean([r[key] for r in reports])), "std": float(np.std([r[key] for r in reports], ddof=1))}
               for key in keys}
    f1 = [r["macro"]["f1"] for r in reports]
    summary["macro_f1"] = {"mean": float(np.mean(f1)), "std": float(np.std(f1, ddof=1))}
    return reports, summary


def _run_folds(fold_numbers, folds, fit_fold, y, bar):
    """One report per fold, in fold order; the bar advances after each."""
    reports = []
    for k in fold_numbers:
        test = np.flatnonzero(folds == k)
        train = np.flatnonzero(folds != k)
        labels, proba = fit_fold(train, test)
        gold = [y[i] for i in test]
        missing = sorted({str(g) for g in gold} - {str(l) for l in labels})
        if missing:
            raise InputError(f"fold {k}: test labels {missing} never occur in its training folds")
        pred = [labels[j] for j in proba.argmax(axis=1)]
        r = classification_report(gold, pred, proba, labels)
        r["fold"] = int(k)
        reports.append(r)
        bar.update(1)
    return reports
