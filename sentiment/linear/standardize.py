"""Column standardisation: the one place that decides a column's mean and scale.

A column whose standard deviation is tiny next to its mean is constant up to
rounding (every document of a fixed-length corpus has the same ln(length): its
sd comes out as ~3e-15, not 0).  Dividing by that sd would blow rounding noise
up to values of order 1, so such a column gets scale 1, as an exactly constant one does.
"""

from __future__ import annotations

import numpy as np

__all__ = ["column_scale", "standardize_columns", "to_raw_units", "RELATIVE_TOL"]

#: A column is constant when its sd is at most this fraction of max(|mean|, 1).  Rounding leaves
#: ~1e-15 relative in a two-pass sd, ~1e-8 in the one-pass E[x²] − E[x]² the distributed fit sums.
RELATIVE_TOL = 1e-6


def column_scale(mean, sd) -> np.ndarray:
    """The divisor of each column: its sd, or 1 where the column is (nearly) constant.

    Parameters
    ----------
    mean, sd : array-like
        Each column's mean and standard deviation.

    Examples
    --------
    >>> column_scale([5.0, 4.174387269895637, 0.0], [2.0, 3e-15, 0.0]).tolist()
    [2.0, 1.0, 1.0]
    """
    mean, sd = np.asarray(mean, dtype=float), np.asarray(sd, dtype=float)
    constant = sd <= RELATIVE_TOL * np.maximum(np.abs(mean), 1.0)
    return np.where(constant, 1.0, sd)


def standardize_columns(X) -> tuple[np.ndarray, np.ndarray]:
    """``(mean, scale)`` of the columns of a dense matrix ``X`` (see :func:`column_scale`).

    Examples
    --------
    >>> mean, scale = standardize_columns(np.array([[1.0, 2.0], [3.0, 2.0]]))
    >>> mean.tolist(), scale.tolist()
    ([2.0, 2.0], [1.0, 1.0])
    """
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    return mean, column_scale(mean, X.std(axis=0))


def to_raw_units(W, b, mean, scale):
    """Weights fitted on standardised columns, in the columns' raw units: ``W x_s + b = W' x + b'``.

    Examples
    --------
    >>> W, b = to_raw_units(np.array([[2.0]]), np.array([1.0]), np.array([3.0]), np.array([4.0]))
    >>> W.tolist(), b.tolist()
    ([[0.5]], [-0.5])
    """
    W = np.asarray(W, dtype=float) / scale
    return W, np.asarray(b, dtype=float) - W @ mean
