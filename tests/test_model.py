"""The trainer: equivalence with scikit-learn, the textbook solvers, reproducibility."""

import warnings

import numpy as np
import pytest

from sentiment.errors import InputError
from sentiment.linear.loss import objective
from sentiment.linear.model import ConvergenceWarning, LogisticRegression

sklearn = pytest.importorskip("sklearn.linear_model")


def _data(K=2, n=600, d=6, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, size=d) + rng.normal(size=d)
    W = rng.normal(size=(K, d))
    Z = X @ W.T + rng.gumbel(size=(n, K)) * 2
    y = Z.argmax(axis=1)
    return X, y


def _our_objective(model, X, y, C):
    """Our objective at sklearn's or our coefficients, on sklearn's scale: sum loss + ||W||²/(2C)."""
    classes = np.unique(y)
    idx = np.searchsorted(classes, y)
    K = model.coef_.shape[0]
    Y = (idx == 1).astype(float)[:, None] if K == 1 else np.eye(K)[idx]
    theta = np.hstack([model.coef_, np.atleast_1d(model.intercept_)[:, None]])
    return objective(theta, X, Y, l2=1.0 / (C * len(y))) * len(y)


@pytest.mark.parametrize("K", [2, 4])
@pytest.mark.parametrize("solver", ["newton", "lbfgs"])
def test_default_solvers_reach_sklearns_optimum(K, solver):
    X, y = _data(K)
    C = 0.5
    ours = LogisticRegression(solver=solver, C=C, standardize=False, tol=1e-10).fit(X, y)
    ref = sklearn.LogisticRegression(C=C, solver="lbfgs", tol=1e-12, max_iter=10_000).fit(X, y)
    f_ours, f_ref = _our_objective(ours, X, y, C), _our_objective(ref, X, y, C)
    assert f_ours <= f_ref * (1 + 1e-6)
    assert abs(f_ours - f_ref) / f_ref < 1e-6
    assert np.allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-4)


@pytest.mark.parametrize("solver,kw", [
    ("batch", dict(max_iter=3000, learning_rate=1.0, tol=1e-12)),
    ("minibatch", dict(max_iter=300, batch_size=64, learning_rate=0.5, decay=0.05, tol=1e-12)),
    ("sgd", dict(max_iter=60, learning_rate=0.05, decay=0.2, tol=1e-12)),
])
@pytest.mark.parametrize("K", [2, 3])
def test_gradient_solvers_come_within_1e_3(solver, kw, K):
    X, y = _data(K, n=400, d=4, seed=3)
    X = (X - X.mean(0)) / X.std(0)
    C = 1.0
    exact = LogisticRegression(solver="newton", C=C, standardize=False).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        approx = LogisticRegression(solver=solver, C=C, standardize=False, random_state=1, **kw).fit(X, y)
    f_exact, f_approx = _our_objective(exact, X, y, C), _our_objective(approx, X, y, C)
    assert (f_approx - f_exact) / f_exact < 1e-3
    assert len(approx.history_) == approx.n_iter_ and {"loss", "accuracy"} <= set(approx.history_[0])


def test_ovr_and_forced_modes():
    X, y = _data(3)
    ovr = LogisticRegression(multi_class="ovr").fit(X, y)
    ref = sklearn.LogisticRegression(C=1.0, tol=1e-12, max_iter=10000)
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import StandardScaler

    Xs = StandardScaler().fit_transform(X)
    ref = OneVsRestClassifier(ref).fit(Xs, y)
    assert np.allclose(ovr.predict_proba(X), ref.predict_proba(Xs), atol=1e-4)
    Xb, yb = _data(2)
    soft = LogisticRegression(multi_class="multinomial").fit(Xb, yb)
    assert soft.coef_.shape == (2, 6)
    # Two-class softmax penalises both rows (w1 = -w0 = w/2): the sigmoid model with twice the C.
    sig = LogisticRegression(C=2.0).fit(Xb, yb)
    assert np.allclose(soft.predict_proba(Xb), sig.predict_proba(Xb), atol=1e-8)
    with pytest.raises(InputError, match="exactly two labels"):
        LogisticRegression(multi_class="binary").fit(X, y)


def test_standardisation_is_learned_and_raw_weights_reproduce_z():
    X, y = _data(2)
    m = LogisticRegression().fit(X, y)
    assert np.allclose(m.mean_, X.mean(0)) and np.allclose(m.scale_, X.std(0))
    W, b = m.raw_coef()
    assert np.allclose(X @ W[0] + b[0], m.decision_function(X))


def test_bias_unpenalised_strong_regularisation_keeps_class_prior():
    X, _ = _data(2)
    y = np.r_[np.ones(450), np.zeros(150)]
    m = LogisticRegression(C=1e-8).fit(X, y)
    assert np.allclose(m.coef_, 0, atol=1e-5)
    assert m.predict_proba(X)[:, 1].mean() == pytest.approx(0.75, abs=1e-4)


@pytest.mark.filterwarnings("ignore::sentiment.linear.model.ConvergenceWarning")
def test_same_seed_same_weights_and_different_seed_differs():
    X, y = _data(2, n=300)
    a = LogisticRegression(solver="sgd", max_iter=5, random_state=7).fit(X, y)
    b = LogisticRegression(solver="sgd", max_iter=5, random_state=7).fit(X, y)
    c = LogisticRegression(solver="sgd", max_iter=5, random_state=8).fit(X, y)
    assert a.coef_.tobytes() == b.coef_.tobytes()
    assert a.coef_.tobytes() != c.coef_.tobytes()


def test_early_stopping_uses_validation_split_and_keeps_best():
    X, y = _data(2, n=500)
    m = LogisticRegression(solver="minibatch", max_iter=200, validation_fraction=0.2, n_iter_no_change=3,
                           learning_rate=2.0, tol=1e-4).fit(X, y)
    h = m.history_
    assert "val_loss" in h[0] and m.n_iter_ < 200
    best = min(r["val_loss"] for r in h)
    assert best <= h[-1]["val_loss"]


def test_non_convergence_warns():
    X, y = _data(2)
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        LogisticRegression(solver="batch", max_iter=2).fit(X, y)


def test_separable_data_without_penalty_stays_finite():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        m = LogisticRegression(C=None).fit(X, [0, 0, 1, 1])
    assert np.all(np.isfinite(m.coef_)) and m.predict(X).tolist() == [0, 0, 1, 1]


@pytest.mark.parametrize("X,y,msg", [
    (np.ones((3, 2)), [1, 1, 1], "at least two classes"),
    (np.ones((0, 2)), [], "0 sample"),
    (np.array([[1.0, np.nan], [0, 1]]), [0, 1], "NaN or infinity"),
    (np.ones((3, 2)), [0, 1], "one label per row"),
])
def test_bad_training_input(X, y, msg):
    with pytest.raises(InputError, match=msg):
        LogisticRegression().fit(X, y)


def test_bad_hyper_parameters_are_refused():
    with pytest.raises(ValueError, match="solver must be one of"):
        LogisticRegression(solver="adam").fit(np.ones((2, 1)), [0, 1])
    with pytest.raises(ValueError, match=r"C must be a float in \(0, inf\)"):
        LogisticRegression(C=-1).fit(np.ones((2, 1)), [0, 1])


def test_predict_before_fit_and_wrong_width():
    from sentiment.estimator import NotFittedError

    with pytest.raises(NotFittedError, match="not fitted"):
        LogisticRegression().predict(np.ones((1, 2)))
    m = LogisticRegression().fit(np.array([[0.0, 1], [1, 0]]), [0, 1])
    with pytest.raises(InputError, match="expecting 2"):
        m.predict(np.ones((1, 3)))


def test_lbfgs_on_sparse_badly_scaled_features_reaches_sklearns_optimum():
    """Many sparse columns plus one dense column 50× larger, the shape of the extended model."""
    sp = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(3)
    X = sp.random(400, 2000, density=0.01, random_state=4, format="csr", data_rvs=lambda k: rng.normal(size=k))
    dense = rng.normal(size=400)
    y = (dense + np.asarray(X.sum(axis=1)).ravel() + rng.normal(size=400) > 0).astype(int)
    X = sp.hstack([sp.csr_matrix(50 * dense[:, None]), X], format="csr")
    C = 2.0
    ours = LogisticRegression(solver="lbfgs", C=C, standardize=False, tol=1e-9).fit(X, y)
    ref = sklearn.LogisticRegression(C=C, solver="lbfgs", tol=1e-12, max_iter=10_000).fit(X, y)
    assert ours.converged_
    f_ours, f_ref = _our_objective(ours, X, y, C), _our_objective(ref, X, y, C)
    assert abs(f_ours - f_ref) / f_ref < 1e-7
