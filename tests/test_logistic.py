import numpy as np
import pytest

from sentiment.linear.loss import cross_entropy, gradient, hessian, log_softmax, objective, sigmoid, softmax


def test_sigmoid_and_softmax_do_not_overflow():
    with np.errstate(over="raise", invalid="raise"):
        s = sigmoid(np.array([-1e6, -800.0, 0.0, 800.0, 1e6]))
        P = softmax(np.array([[1e6, -1e6, 0.0], [-800.0, -800.0, -800.0]]))
        L = cross_entropy(np.array([[1e6], [-1e6]]), np.array([[0.0], [1.0]]))
    assert s.tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
    assert np.allclose(P.sum(axis=1), 1) and P[0, 0] == 1.0
    assert np.allclose(L, [1e6, 1e6])
    assert np.isfinite(log_softmax(np.array([[1e6, -1e6]]))).all()


def _fd(theta, X, Y, l2, eps=1e-6):
    g = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        t1, t2 = theta.copy(), theta.copy()
        t1[idx] += eps
        t2[idx] -= eps
        g[idx] = (objective(t1, X, Y, l2) - objective(t2, X, Y, l2)) / (2 * eps)
    return g


@pytest.mark.parametrize("K", [1, 3])
def test_gradient_matches_finite_differences(K):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 4))
    theta = rng.normal(size=(K, 5))
    if K == 1:
        Y = rng.integers(0, 2, size=(40, 1)).astype(float)
    else:
        Y = np.eye(K)[rng.integers(0, K, size=40)]
    loss, g = gradient(theta, X, Y, l2=0.3)
    assert loss == pytest.approx(objective(theta, X, Y, 0.3))
    assert np.allclose(g, _fd(theta, X, Y, 0.3), atol=1e-6)


@pytest.mark.parametrize("K", [1, 3])
def test_hessian_matches_finite_differences_of_the_gradient(K):
    rng = np.random.default_rng(2)
    X = rng.normal(size=(30, 3))
    theta = rng.normal(size=(K, 4)) * 0.5
    Y = rng.integers(0, 2, size=(30, 1)).astype(float) if K == 1 else np.eye(K)[rng.integers(0, K, size=30)]
    H = hessian(theta, X, Y, l2=0.1)
    eps = 1e-6
    num = np.zeros_like(H)
    for j, idx in enumerate(np.ndindex(theta.shape)):
        t1, t2 = theta.copy(), theta.copy()
        t1[idx] += eps
        t2[idx] -= eps
        num[:, j] = (gradient(t1, X, Y, 0.1)[1] - gradient(t2, X, Y, 0.1)[1]).ravel() / (2 * eps)
    assert np.allclose(H, num, atol=1e-6)


def test_bias_is_not_penalised():
    X, Y = np.zeros((4, 2)), np.array([[1.0], [1.0], [1.0], [0.0]])
    theta = np.array([[1.0, 1.0, 2.0]])
    _, g0 = gradient(theta, X, Y, l2=0.0)
    _, g1 = gradient(theta, X, Y, l2=5.0)
    assert g1[0, -1] == g0[0, -1] and np.allclose(g1[0, :2] - g0[0, :2], 5.0)
