"""Validation of values read from JSON (model files): one-line :class:`InputError` naming the file."""

from __future__ import annotations

import math

from sentiment.errors import InputError

__all__ = ["fail", "number_list", "number_matrix", "is_positive_number", "MAX_WEIGHT", "MAX_MEAN", "MIN_SCALE",
           "MAX_SCALE", "within", "check_within"]

# What a model may hold, so that every score is a finite number and means what it says.  A score sums
# w_j (x_j - m_j) / s_j over the columns (times a score column's own scale for the NB columns): with
# |w|, |b| <= MAX_WEIGHT, |m| <= MAX_MEAN, MIN_SCALE <= s <= MAX_SCALE and feature values below 1e9,
# each term is below 1e27 and a sum over even 1e9 columns below 1e36, far from float64's 1.8e308 (a
# weight of 1e308 or a scale of 1e-320 made inf - inf = NaN).  Trained models stay far inside: the
# penalty keeps standardised weights near 1-100 (unpenalised separable data about 10), column_scale
# never gives a scale below 1e-6 (sentiment.linear.standardize), and NB ratios are logs of counts.
#: Largest |weight| or |bias| (and NB log-count ratio) a model may hold; a fit beyond it has diverged.
MAX_WEIGHT = 1e6
#: Largest |mean| of a standardised column.
MAX_MEAN = 1e9
#: Smallest and largest scale (a standardisation divisor, or an NB score column's 1 / sd).
MIN_SCALE = 1e-12
MAX_SCALE = 1e12


def fail(name, msg):
    """Raise ``InputError("<name>: <msg>")``."""
    raise InputError(f"{name}: {msg}")


def number_list(value, length, what, name):
    """``value`` as a float array of ``length`` finite numbers, else :class:`InputError`.

    Examples
    --------
    >>> number_list([1, 2.5], 2, "bias", "m.json").tolist()
    [1.0, 2.5]
    >>> number_list([1, True], 2, "bias", "m.json")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: m.json: bias holds True, not a number
    """
    import numpy as np

    if isinstance(value, np.ndarray):  # from a compact model file (sentiment.io.compact)
        if value.ndim != 1 or len(value) != length or value.dtype.kind not in "fiu":
            fail(name, f"{what} must be an array of {length} numbers; got shape {value.shape} of {value.dtype}")
        value = value.astype(np.float64, copy=False)
        if not np.all(np.isfinite(value)):
            fail(name, f"{what} holds a non-finite value")
        return value
    if not isinstance(value, list) or len(value) != length:
        got = f"{len(value)} values" if isinstance(value, list) else type(value).__name__
        fail(name, f"{what} must be a list of {length} numbers; got {got}")
    if not set(map(type, value)) <= {int, float}:  # one C-level pass; bool is a type of its own
        for v in value:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                fail(name, f"{what} holds {v!r}, not a number")
    out = np.array(value, dtype=np.float64)
    if not np.all(np.isfinite(out)):
        v = out[~np.isfinite(out)][0]
        fail(name, f"{what} holds a non-finite value ({v})")
    return out


def number_matrix(value, rows, cols, what, name):
    """``value`` as a ``rows × cols`` float array of finite numbers, else :class:`InputError`."""
    import numpy as np

    if isinstance(value, np.ndarray):  # from a compact model file
        if value.shape != (rows, cols):
            fail(name, f"{what} must be a {rows} × {cols} array; got shape {value.shape}")
        return np.stack([number_list(row, cols, what, name) for row in value]) if rows else value.astype(float)
    if not isinstance(value, list) or len(value) != rows:
        fail(name, f"{what} must be a list of {rows} rows")
    for row in value:
        number_list(row, cols, what, name)
    return np.array(value, dtype=np.float64).reshape(rows, cols)


def is_positive_number(v) -> bool:
    """True for a finite int or float above 0 (not a bool)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v > 0


def within(values, low, high) -> bool:
    """Whether every value (a list, ``array('d')`` or numpy array of finite numbers) is in ``[low, high]``.

    Examples
    --------
    >>> within([0.5, -2.0], -MAX_WEIGHT, MAX_WEIGHT), within([1e308], -MAX_WEIGHT, MAX_WEIGHT), within([], 0, 1)
    (True, False, True)
    """
    if hasattr(values, "ndim"):  # numpy: one pass each, no Python floats
        return values.size == 0 or bool(values.min() >= low and values.max() <= high)
    return not len(values) or (min(values) >= low and max(values) <= high)


def check_within(values, low, high, what, name) -> None:
    """:class:`InputError` naming ``what`` if a value of ``values`` is outside ``[low, high]`` (see :data:`MAX_WEIGHT`).

    Examples
    --------
    >>> check_within([1e-320], MIN_SCALE, MAX_SCALE, "standardize.scale", "m.json")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: m.json: standardize.scale holds 1e-320, outside [1e-12, 1e+12] (a model's numbers are bounded so that its scores are finite)
    """
    if not within(values, low, high):
        import numpy as np

        flat = np.asarray(values, dtype=np.float64).ravel()
        bad = float(flat[(flat < low) | (flat > high)][0])
        fail(name, f"{what} holds {bad!r}, outside [{low:g}, {high:g}] (a model's numbers are bounded so that its "
                   "scores are finite)")
