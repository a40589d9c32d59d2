"""Every metric against scikit-learn on the same predictions, edge cases included."""

import numpy as np
import pytest

from sentiment.evaluation import metrics as M

skm = pytest.importorskip("sklearn.metrics")
from sklearn.calibration import calibration_curve  # noqa: E402


def _case(K, n=300, seed=0, never_predict=None):
    rng = np.random.default_rng(seed)
    labels = [f"c{k}" for k in range(K)]
    gold = rng.integers(0, K, n)
    P = rng.dirichlet(np.ones(K), size=n)
    P[np.arange(n), gold] += rng.uniform(0, 0.6, n)
    if never_predict is not None:
        P[:, never_predict] = 0.0
    P /= P.sum(axis=1, keepdims=True)
    pred = P.argmax(axis=1)
    return labels, [labels[i] for i in gold], [labels[i] for i in pred], P


@pytest.mark.parametrize("K,never", [(2, None), (3, None), (5, None), (3, 1), (2, 1)])
def test_classification_metrics_equal_sklearn(K, never):
    labels, gold, pred, P = _case(K, never_predict=never)
    assert M.accuracy(gold, pred) == pytest.approx(skm.accuracy_score(gold, pred))
    assert M.confusion_matrix(gold, pred, labels).tolist() == skm.confusion_matrix(gold, pred, labels=labels).tolist()
    r = M.precision_recall_f1(gold, pred, labels)
    for avg in ("macro", "micro"):
        p, rc, f, _ = skm.precision_recall_fscore_support(gold, pred, labels=labels, average=avg, zero_division=0)
        assert (r[avg]["precision"], r[avg]["recall"], r[avg]["f1"]) == pytest.approx((p, rc, f))
    p, rc, f, sup = skm.precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    for i, l in enumerate(labels):
        assert r["per_class"][l]["precision"] == pytest.approx(p[i])
        assert r["per_class"][l]["f1"] == pytest.approx(f[i]) and r["per_class"][l]["support"] == sup[i]
    assert M.log_loss(gold, P, labels) == pytest.approx(skm.log_loss(gold, P, labels=labels), rel=1e-9)
    if never is not None:
        assert r["per_class"][labels[never]]["precision"] == 0.0


def test_binary_ranking_and_calibration_metrics_equal_sklearn():
    labels, gold, pred, P = _case(2, n=500, seed=4)
    s = np.round(P[:, 1], 2)  # rounding makes ties, the hard case
    y = [g == "c1" for g in gold]
    assert M.roc_auc(gold, s, "c1") == pytest.approx(skm.roc_auc_score(y, s))
    assert M.average_precision(gold, s, "c1") == pytest.approx(skm.average_precision_score(y, s))
    assert M.brier_score(gold, P, labels) == pytest.approx(skm.brier_score_loss(y, P[:, 1]))
    bins = M.calibration_bins(gold, P[:, 1], "c1", n_bins=10)
    frac, mean = calibration_curve(y, P[:, 1], n_bins=10)
    assert [b["fraction_positive"] for b in bins] == pytest.approx(frac.tolist())
    assert [b["mean_predicted"] for b in bins] == pytest.approx(mean.tolist())
    fpr, tpr, _ = M.roc_curve(gold, s, "c1")
    fpr2, tpr2, _ = skm.roc_curve(y, s, drop_intermediate=False)
    assert fpr == pytest.approx(fpr2) and tpr == pytest.approx(tpr2)
    p, r, _ = M.precision_recall_curve(gold, s, "c1")
    p2, r2, _ = skm.precision_recall_curve(y, s, drop_intermediate=False)
    assert p == pytest.approx(p2) and r == pytest.approx(r2)


def test_one_class_gold_gives_nan_auc_not_a_crash():
    assert np.isnan(M.roc_auc(["a", "a"], [0.2, 0.9], "b"))


def test_unknown_label_is_named():
    with pytest.raises(ValueError, match="label 'x' is not one of"):
        M.confusion_matrix(["x"], ["a"], ["a", "b"])


def test_bootstrap_detects_a_clear_difference_and_not_a_null_one():
    from sentiment.evaluation.bootstrap import paired_bootstrap

    rng = np.random.default_rng(0)
    gold = rng.integers(0, 2, 1000)
    good = np.where(rng.random(1000) < 0.8, gold, 1 - gold)
    bad = np.where(rng.random(1000) < 0.6, gold, 1 - gold)
    twin = np.where(rng.random(1000) < 0.8, gold, 1 - gold)
    r = paired_bootstrap(gold, good, bad, [0, 1], resamples=5000, seed=1)
    assert r["accuracy"]["p_value"] < 0.01 and r["accuracy"]["ci_low"] > 0
    r2 = paired_bootstrap(gold, twin, good, [0, 1], resamples=5000, seed=1)
    assert r2["accuracy"]["p_value"] > 0.05
    assert r == paired_bootstrap(gold, good, bad, [0, 1], resamples=5000, seed=1)  # seeded


def test_stratified_folds_balance_classes():
    from sentiment.training.crossval import stratified_folds

    labels = ["a"] * 50 + ["b"] * 30
    f = stratified_folds(labels, 10, seed=3)
    for k in range(10):
        sel = [l for l, x in zip(labels, f) if x == k]
        assert sel.count("a") == 5 and sel.count("b") == 3
