"""Parameter constraints in scikit-learn's ``_parameter_constraints`` style, without scikit-learn.

Each estimator declares what each constructor parameter may be, in one small table::

    _parameter_constraints = {
        "C": [Interval(Real, 0, None, closed="neither"), None],
        "solver": [Options(solver_names)],
    }

and ``fit`` calls :func:`validate_params` first (``__init__`` stores values as given, as
scikit-learn asks). A value passes when it meets any one of its parameter's constraints;
otherwise :class:`~sentiment.errors.InvalidParameterError` names the estimator, the
parameter, what it takes and what it got, in one line. The command line's options use
the same bounds (``click.FloatRange`` and friends), so a bad option is refused before any work.

A constraint is ``None`` (the value ``None``), ``"boolean"`` (``True``/``False``), a type
(an instance of it), or an :class:`Interval`, :class:`Options`, :class:`NgramRange`, :class:`SubsetOf` or
:class:`HasFitted`.
Real intervals never take NaN or infinity: a solver setting of NaN only ever makes NaN weights.

Examples
--------
>>> from numbers import Integral
>>> validate_params({"max_iter": 10}, {"max_iter": [Interval(Integral, 1, None, closed="left"), None]}, "Model")
>>> validate_params({"max_iter": -5}, {"max_iter": [Interval(Integral, 1, None, closed="left"), None]}, "Model")
Traceback (most recent call last):
...
sentiment.errors.InvalidParameterError: Model: max_iter must be an int in [1, inf) or None; got -5
"""

from __future__ import annotations

import math
from numbers import Integral, Real

from sentiment.errors import InvalidParameterError

__all__ = ["Interval", "Options", "NgramRange", "SubsetOf", "HasFitted", "validate_params", "Integral", "Real"]


def _is_bool(value) -> bool:
    return isinstance(value, bool) or type(value).__name__ == "bool_"  # numpy's bool without importing numpy


class Interval:
    """Numbers of ``type`` (``Integral`` or ``Real``) between ``left`` and ``right`` (``None``: unbounded).

    ``closed`` is ``"left"``, ``"right"``, ``"both"`` or ``"neither"``. A boolean is not a
    number here, and a ``Real`` interval refuses NaN and infinity.
    """

    def __init__(self, type, left, right, *, closed):
        if closed not in ("left", "right", "both", "neither"):
            raise ValueError(f"closed must be left, right, both or neither; got {closed!r}")
        self.type, self.left, self.right, self.closed = type, left, right, closed

    def is_satisfied_by(self, value) -> bool:
        if _is_bool(value) or not isinstance(value, self.type):
            return False
        if self.type is Real and not math.isfinite(value):
            return False
        if self.left is not None:
            if value < self.left or (value == self.left and self.closed in ("right", "neither")):
                return False
        if self.right is not None:
            if value > self.right or (value == self.right and self.closed in ("left", "neither")):
                return False
        return True

    def __str__(self) -> str:
        kind = "an int" if self.type is Integral else "a float"
        lo = "(" if self.left is None or self.closed in ("right", "neither") else "["
        hi = ")" if self.right is None or self.closed in ("left", "neither") else "]"
        left = "-inf" if self.left is None else f"{self.left:g}"
        right = "inf" if self.right is None else f"{self.right:g}"
        return f"{kind} in {lo}{left}, {right}{hi}"


class Options:
    """One of a set of values; ``values`` may be a function returning them (a registry read when checked)."""

    def __init__(self, values):
        self.values = values

    def _values(self):
        return tuple(self.values() if callable(self.values) else self.values)

    def is_satisfied_by(self, value) -> bool:
        try:
            return value in self._values()
        except TypeError:  # an unhashable or uncomparable value
            return False

    def __str__(self) -> str:
        return "one of " + ", ".join(map(repr, self._values()))


class NgramRange:
    """A pair ``(min_n, max_n)`` of ints with ``1 <= min_n <= max_n <= max_n_allowed``."""

    def __init__(self, max_n):
        self.max_n = max_n

    def is_satisfied_by(self, value) -> bool:
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            return False
        lo, hi = value
        if _is_bool(lo) or _is_bool(hi) or not isinstance(lo, Integral) or not isinstance(hi, Integral):
            return False
        return 1 <= lo <= hi <= self.max_n

    def __str__(self) -> str:
        return f"a pair (min_n, max_n) of ints with 1 <= min_n <= max_n <= {self.max_n}"


class SubsetOf:
    """A list or tuple of distinct values, each one of ``options``."""

    def __init__(self, options):
        self.options = tuple(options)

    def is_satisfied_by(self, value) -> bool:
        if not isinstance(value, (tuple, list)):
            return False
        try:
            return all(v in self.options for v in value) and len(set(value)) == len(value)
        except TypeError:  # unhashable items
            return False

    def __str__(self) -> str:
        return "a tuple of distinct names from " + ", ".join(map(repr, self.options))


class HasFitted:
    """A fitted estimator: an object with every attribute in ``attributes`` (``coef_``, …).

    Examples
    --------
    >>> HasFitted(("coef_", "classes_")).is_satisfied_by(object())
    False
    """

    def __init__(self, attributes, what="a fitted estimator"):
        self.attributes, self.what = tuple(attributes), what

    def is_satisfied_by(self, value) -> bool:
        return value is not None and all(hasattr(value, a) for a in self.attributes)

    def __str__(self) -> str:
        return f"{self.what} (with {', '.join(self.attributes)})"


def _satisfied(constraint, value) -> bool:
    if constraint is None:
        return value is None
    if constraint == "boolean":
        return _is_bool(value)
    if isinstance(constraint, type):
        return isinstance(value, constraint)
    return constraint.is_satisfied_by(value)


def _describe(constraint) -> str:
    if constraint is None:
        return "None"
    if constraint == "boolean":
        return "True or False"
    if isinstance(constraint, type):
        return f"a {constraint.__name__}"
    return str(constraint)


def validate_params(params: dict, constraints: dict, owner: str) -> None:
    """Raise :class:`~sentiment.errors.InvalidParameterError` for the first value that meets none of its constraints.

    Parameters
    ----------
    params : dict
        Parameter name → value (an estimator's ``get_params(deep=False)``).
    constraints : dict
        Parameter name → list of constraints (see the module docstring); parameters not in it
        are not checked here (their own code checks them, as a lexicon or a tokenizer is).
    owner : str
        The estimator's name, for the message.
    """
    for name, allowed in constraints.items():
        if name not in params:
            continue
        value = params[name]
        if not any(_satisfied(c, value) for c in allowed):
            shown = repr(value)
            if len(shown) > 60:
                shown = shown[:57] + "..."
            raise InvalidParameterError(f"{owner}: {name} must be {' or '.join(map(_describe, allowed))}; got {shown}")
