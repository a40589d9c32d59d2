"""Float64 ``.npy`` arrays read with the standard library alone, for scoring a few texts without numpy.

A compact model file (:mod:`sentiment.io.compact`) keeps its long lists of
numbers as ``.npy`` members, which numpy reads with ``allow_pickle=False``.
Importing numpy takes about half of a one-sentence ``sentiment classify``; the
quick path (:mod:`sentiment.quick`) reads the same members here instead: the
header is a Python literal (read with :func:`ast.literal_eval`, which runs no
code), the data is little-endian float64 in C order, and anything else (another
dtype, Fortran order, more than two dimensions, a short or long body, a
non-finite value) is refused with :class:`ValueError`, never guessed at.

Examples
--------
>>> import struct
>>> header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }".ljust(117) + "\\n"
>>> blob = b"\\x93NUMPY\\x01\\x00" + struct.pack("<H", len(header)) + header.encode() + struct.pack("<2d", 0.5, -1.0)
>>> read_floats(blob)
((2,), [array('d', [0.5, -1.0])])
>>> read_floats(blob[:-8])
Traceback (most recent call last):
...
ValueError: the data holds 8 bytes, expected 16 for shape (2,)
"""

from __future__ import annotations

import ast
import math
import struct
import sys
from array import array

__all__ = ["all_finite", "float64_layout", "read_floats"]

_MAGIC = b"\x93NUMPY"


def all_finite(values) -> bool:
    """Whether every value is finite: one C-level ``sum``, element by element only if it overflows."""
    total = sum(values)
    return math.isfinite(total) or all(map(math.isfinite, values))


def read_floats(blob: bytes):
    """``(shape, rows)`` of a float64 ``.npy`` blob: one ``array('d')`` per row (one row for a 1-D array)."""
    shape, start = float64_layout(blob)
    flat = array("d")
    flat.frombytes(blob[start:])
    if sys.byteorder != "little":
        flat.byteswap()
    if not all_finite(flat):
        raise ValueError("the array holds a non-finite value")
    if len(shape) == 1:
        return shape, [flat]
    width = shape[1]
    return shape, [flat[i * width : (i + 1) * width] for i in range(shape[0])]


#: numpy's own bound on a header it will parse (``numpy.lib.format``); a model's headers are under 200 bytes.
MAX_HEADER = 10_000


def float64_layout(blob: bytes) -> tuple[tuple, int]:
    """``(shape, data offset)`` of a float64 C-order ``.npy`` blob whose data is exactly what the header says.

    Checked before any array is made, so that a header claiming 4e9 values costs nothing: the memory an
    array takes is the bytes that are really there (both readers, numpy's and the plain one, use this).
    """
    if blob[:6] != _MAGIC or len(blob) < 10:
        raise ValueError("not a .npy array (bad magic string)")
    major = blob[6]
    if major == 1:
        (size,), start = struct.unpack("<H", blob[8:10]), 10
    elif major in (2, 3) and len(blob) >= 12:
        (size,), start = struct.unpack("<I", blob[8:12]), 12
    else:
        raise ValueError(f"unknown .npy format version {major}, or the header is cut short")
    if size > MAX_HEADER:  # parsed before anything else: a long literal costs memory and time to read
        raise ValueError(f"its header is {size:,} bytes; a .npy header of a model is at most {MAX_HEADER:,}")
    try:
        header = ast.literal_eval(blob[start : start + size].decode("latin-1"))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as exc:  # TypeError: {[1]: 2}
        reason = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        raise ValueError(f"unreadable .npy header ({reason})") from None
    if not isinstance(header, dict) or set(header) != {"descr", "fortran_order", "shape"}:
        raise ValueError("the .npy header must hold descr, fortran_order and shape")
    shape = header["shape"]
    if "O" in str(header["descr"]):  # an object array is a pickle: loading it would run code, so it never is
        raise ValueError("it holds pickled Python objects, which a model file never does; it is not read")
    if header["descr"] != "<f8" or header["fortran_order"] is not False:
        raise ValueError(f"expected little-endian float64 in C order; got {header['descr']!r}")
    if not (isinstance(shape, tuple) and len(shape) in (1, 2)
            and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape)):
        raise ValueError(f"expected a 1- or 2-D shape; got {shape!r}")
    if len(shape) == 2 and shape[1] == 0 and shape[0] > 0:  # (10**9, 0): no data, yet 10**9 rows to make
        raise ValueError(f"expected rows of at least one value; got shape {shape!r}")
    body = len(blob) - (start + size)
    n = math.prod(shape)
    if body != 8 * n:
        raise ValueError(f"the data holds {body} bytes, expected {8 * n} for shape {shape}")
    return shape, start + size
