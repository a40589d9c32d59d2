"""The math of logistic regression: sigmoid, softmax, cross-entropy, gradient, Hessian.

Everything here is plain numpy and overflow-free: the sigmoid never evaluates
``exp`` of a large positive number, the softmax subtracts the row maximum, and
the losses are computed with log-sum-exp.

Parameters are one array ``theta`` of shape ``(K, d + 1)``: a row per output
(``K = 1`` for the binary sigmoid model), the last column is the bias.  The
objective is the mean cross-entropy plus ``l2 / 2 * ||W||²``; the bias is not
penalised.  With a ``prior`` (an array of ``theta``'s shape: a fitted model's
weights and biases) the penalty is ``l2 / 2 * ||theta - prior||²`` instead, the
biases included: maximum a posteriori adaptation of the prior model (Chelba and
Acero 2004), where ``l2 = ∞`` keeps the prior and ``l2 = 0`` is the unpenalised fit.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "sigmoid",
    "softmax",
    "log_softmax",
    "linear",
    "objective",
    "gradient",
    "hessian",
    "cross_entropy",
    "penalty",
]


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(-z)), computed without overflow for any z.

    Examples
    --------
    >>> sigmoid(np.array([-5.0, 0.0, 0.833, 1000.0, -1000.0])).round(3).tolist()
    [0.007, 0.5, 0.697, 1.0, 0.0]
    """
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])  # z < 0 here, so exp(z) <= 1
    out[~pos] = ez / (1.0 + ez)
    return out


def log_softmax(Z):
    """Row-wise log softmax by log-sum-exp.

    Examples
    --------
    >>> np.exp(log_softmax(np.array([[1000.0, 0.0]]))).round(3).tolist()
    [[1.0, 0.0]]
    """
    Z = np.asarray(Z, dtype=np.float64)
    m = Z.max(axis=1, keepdims=True)
    shifted = Z - m
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(Z):
    """Row-wise softmax, stable for large scores.

    Examples
    --------
    >>> softmax(np.array([[-5.0, -9.0], [1.0, 5.0], [7.0, 19.0]])).round(3).tolist()
    [[0.982, 0.018], [0.018, 0.982], [0.0, 1.0]]
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def linear(X, theta):
    """Scores ``X @ W.T + b`` for dense or scipy-sparse ``X``; shape ``(n, K)``."""
    return np.asarray(X @ theta[:, :-1].T) + theta[:, -1]


def _probabilities(Z):
    if Z.shape[1] == 1:
        return sigmoid(Z)
    return softmax(Z)


def cross_entropy(Z, Y):
    """Per-document cross-entropy for scores ``Z`` and targets ``Y``.

    Binary (``Z`` has one column, ``Y`` is 0/1): ``log(1 + e^z) - y z``.
    Multinomial (``Y`` one-hot): ``logsumexp(z) - z_y``.

    Examples
    --------
    >>> cross_entropy(np.array([[0.833]]), np.array([[1.0]])).round(2).tolist()
    [0.36]
    >>> cross_entropy(np.array([[0.833]]), np.array([[0.0]])).round(2).tolist()
    [1.19]
    """
    if Z.shape[1] == 1:
        z, y = Z[:, 0], Y[:, 0]
        return np.logaddexp(0.0, z) - y * z
    return -(log_softmax(Z) * Y).sum(axis=1)


def penalty(theta, l2=0.0, prior=None):
    """``(value, gradient)`` of the L2 penalty: ``l2 / 2 * ||W||²``, or ``l2 / 2 * ||theta - prior||²``.

    Without a prior the biases (last column) are free; with one they are drawn to the prior's
    too, so that a class the new data never shows keeps the prior's bias and a strong penalty
    returns the prior itself.

    Examples
    --------
    >>> theta = np.array([[1.0, 2.0, 5.0]])
    >>> value, grad = penalty(theta, 2.0)
    >>> value, grad.tolist()
    (5.0, [[2.0, 4.0, 0.0]])
    >>> value, grad = penalty(theta, 2.0, prior=np.array([[1.0, 0.0, 4.0]]))
    >>> value, grad.tolist()
    (5.0, [[0.0, 4.0, 2.0]])
    """
    grad = np.zeros_like(theta)
    if l2 == 0.0:
        return 0.0, grad
    if prior is None:
        grad[:, :-1] = l2 * theta[:, :-1]
        return float(0.5 * l2 * np.sum(theta[:, :-1] ** 2)), grad
    diff = theta - prior
    return float(0.5 * l2 * np.sum(diff ** 2)), l2 * diff


def objective(theta, X, Y, l2=0.0, sample_weight=None, prior=None):
    """Mean cross-entropy plus the L2 penalty of :func:`penalty`."""
    losses = cross_entropy(linear(X, theta), Y)
    mean = np.average(losses, weights=sample_weight)
    return float(mean + penalty(theta, l2, prior)[0])


def gradient(theta, X, Y, l2=0.0, sample_weight=None, prior=None):
    """Gradient of :func:`objective`; returns ``(objective, gradient)``.

    For each document the gradient of the cross-entropy is ``(ŷ - y) x``
    (SLP3 eq. 5.18), for the bias ``ŷ - y``.
    """
    Z = linear(X, theta)
    n = Z.shape[0]
    losses = cross_entropy(Z, Y)
    err = _probabilities(Z) - Y
    if sample_weight is None:
        w = np.full(n, 1.0 / n)
    else:
        w = np.asarray(sample_weight, dtype=np.float64) / np.sum(sample_weight)
    err = err * w[:, None]
    grad = np.empty_like(theta)
    grad[:, :-1] = np.asarray((X.T @ err).T)
    grad[:, -1] = err.sum(axis=0)
    value, pgrad = penalty(theta, l2, prior)
    grad += pgrad
    return float(w @ losses + value), grad


def hessian(theta, X, Y, l2=0.0, sample_weight=None, prior=None):
    """Hessian of :func:`objective` for dense ``X``, as a ``(K(d+1), K(d+1))`` matrix."""
    n, d = X.shape
    Xb = np.hstack([X, np.ones((n, 1))])
    P = _probabilities(linear(X, theta))
    w = np.full(n, 1.0 / n) if sample_weight is None else np.asarray(sample_weight, float) / np.sum(sample_weight)
    K = theta.shape[0]
    if K == 1:
        s = P[:, 0] * (1 - P[:, 0]) * w
        H = (Xb * s[:, None]).T @ Xb
    else:
        H = np.empty((K, d + 1, K, d + 1))
        for k in range(K):
            for m in range(k, K):
                s = (P[:, k] * ((k == m) - P[:, m])) * w
                block = (Xb * s[:, None]).T @ Xb
                H[k, :, m, :] = block
                H[m, :, k, :] = block.T
        H = H.reshape(K * (d + 1), K * (d + 1))
    reg = np.tile(np.r_[np.full(d, l2), 0.0 if prior is None else l2], K)
    H[np.diag_indices_from(H)] += reg
    return H
