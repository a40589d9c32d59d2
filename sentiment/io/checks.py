"""Validation of values read from JSON (model files): one-line :class:`InputError` naming the file."""

from __future__ import annotations

import math

from sentiment.errors import InputError

__all__ = ["fail", "number_list", "number_matrix", "is_positive_number"]


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
