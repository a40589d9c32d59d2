"""scikit-learn's estimator protocol without importing scikit-learn.

scikit-learn is an optional companion, not a dependency, and ``sentiment
classify "text"`` must start without it; so the estimators here do not inherit
from ``sklearn.base.BaseEstimator`` but follow the same protocol:

* :class:`Estimator` gives ``get_params(deep=True)``, ``set_params`` with the
  nested ``step__param`` names, a ``repr`` of the changed parameters and the
  parameter names read from the constructor's signature (keyword-only, stored as given);
* :class:`TextTransformer` (the featurizers' base) tells scikit-learn its input is text;
* :class:`Classifier` adds ``score`` (accuracy, optionally weighted) and
  ``__sklearn_tags__``, which imports scikit-learn only when scikit-learn asks for it;
* :func:`not_fitted` builds a :class:`NotFittedError` that is *also*
  ``sklearn.exceptions.NotFittedError`` whenever scikit-learn is loaded, so code
  that catches either catches it;
* :func:`check_matrix` validates a feature matrix with scikit-learn's wording
  (the messages are what scikit-learn's estimator checks look for).

Examples
--------
>>> class Scaler(Estimator):
...     def __init__(self, *, factor=1.0, offset=0.0):
...         self.factor = factor
...         self.offset = offset
>>> s = Scaler(factor=2.0)
>>> s
Scaler(factor=2.0)
>>> s.set_params(offset=1.0).get_params()
{'factor': 2.0, 'offset': 1.0}
"""

from __future__ import annotations

import inspect
import sys

import numpy as np

from sentiment.errors import InputError, NotFittedError

__all__ = ["Estimator", "Classifier", "TextTransformer", "NotFittedError", "not_fitted", "check_matrix", "check_sample_weight",
           "is_sparse", "label_array", "data_conversion_warning", "clone_sharing"]


_BRIDGED: dict = {}


def not_fitted(estimator) -> NotFittedError:
    """The exception to raise for an unfitted ``estimator``.

    When scikit-learn is already imported (someone who catches its exception
    has imported it), the exception is a subclass of both our
    :class:`NotFittedError` and ``sklearn.exceptions.NotFittedError``.

    Examples
    --------
    >>> err = not_fitted(Estimator())
    >>> isinstance(err, NotFittedError), str(err)
    (True, 'this Estimator is not fitted yet; call fit first')
    """
    cls = NotFittedError
    if "sklearn.exceptions" in sys.modules:
        if "cls" not in _BRIDGED:
            sk = sys.modules["sklearn.exceptions"].NotFittedError
            _BRIDGED["cls"] = type("NotFittedError", (NotFittedError, sk), {"__module__": NotFittedError.__module__})
        cls = _BRIDGED["cls"]
    return cls(f"this {type(estimator).__name__} is not fitted yet; call fit first")


def data_conversion_warning() -> type:
    """``sklearn.exceptions.DataConversionWarning`` if scikit-learn is loaded, else ``UserWarning``."""
    mod = sys.modules.get("sklearn.exceptions")
    return mod.DataConversionWarning if mod is not None else UserWarning


def label_array(labels) -> np.ndarray:
    """Labels as a ``classes_`` array: of their own dtype, or ``object`` when strings and numbers mix.

    Examples
    --------
    >>> label_array(["neg", "pos"]).dtype.kind, label_array([0, 1]).dtype.kind, label_array([0, "x"]).dtype
    ('U', 'i', dtype('O'))
    """
    if len({type(v) for v in labels}) > 1:
        return np.array(labels, dtype=object)
    return np.asarray(labels)


def is_sparse(X) -> bool:
    """Whether ``X`` is a scipy.sparse matrix or array (checked without importing scipy)."""
    return hasattr(X, "tocsr") and hasattr(X, "nnz")


class Estimator:
    """Parameters from the constructor's signature, ``get_params``/``set_params`` and a short ``repr``.

    A subclass declares what its parameters may be in ``_parameter_constraints`` (scikit-learn's
    style, :mod:`sentiment.parameters`) and calls :meth:`_validate_params` at the start of ``fit``.
    """

    #: Parameter name → list of constraints (see :mod:`sentiment.parameters`).
    _parameter_constraints: dict = {}

    def _validate_params(self) -> None:
        """:class:`~sentiment.errors.InvalidParameterError` for the first parameter outside its constraints."""
        from sentiment.parameters import validate_params

        validate_params(self.get_params(deep=False), self._parameter_constraints, type(self).__name__)

    @classmethod
    def _get_param_names(cls) -> list[str]:
        init = cls.__init__
        if init is object.__init__:
            return []
        params = inspect.signature(init).parameters.values()
        for p in params:
            if p.kind is p.VAR_POSITIONAL or p.kind is p.VAR_KEYWORD:
                raise TypeError(f"{cls.__name__}'s constructor must name its parameters (no *args or **kwargs)")
        return sorted(p.name for p in params if p.name != "self")

    def get_params(self, deep: bool = True) -> dict:
        """The constructor parameters; with ``deep``, also ``name__param`` of those that are estimators."""
        out = {}
        for name in self._get_param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                out.update((f"{name}__{k}", v) for k, v in value.get_params().items())
            out[name] = value
        return out

    def set_params(self, **params):
        """Set parameters, ``name__param`` reaching into a nested estimator; returns ``self``."""
        valid = self._get_param_names()
        nested: dict = {}
        for key, value in params.items():
            name, sep, sub = key.partition("__")
            if name not in valid:
                raise ValueError(f"invalid parameter {name!r} for {type(self).__name__}; valid parameters: "
                                 f"{', '.join(valid)}")
            if sep:
                nested.setdefault(name, {})[sub] = value
            else:
                setattr(self, name, value)
        for name, sub in nested.items():
            getattr(self, name).set_params(**sub)
        return self

    def __repr__(self) -> str:
        try:
            defaults = {p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()}
        except (TypeError, ValueError):  # pragma: no cover - builtins
            defaults = {}
        changed = []
        for name in self._get_param_names():
            value = getattr(self, name, None)
            default = defaults.get(name, inspect.Parameter.empty)
            try:
                same = value is default or bool(value == default)
            except Exception:  # arrays and the like compare element-wise
                same = False
            if not same:
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"


def clone_sharing(estimator, shared: str):
    """A copy of ``estimator``'s parameters (as scikit-learn's ``clone``) with parameter ``shared`` kept as it is.

    ``clone`` would clone a fitted prior model given as a parameter into an unfitted one; an
    estimator that only reads it (``LogisticRegression(prior=...)``) clones with it shared.
    """
    import copy

    params = estimator.get_params(deep=False)
    return type(estimator)(**{k: v if k == shared else copy.deepcopy(v) for k, v in params.items()})


class Classifier(Estimator):
    """A classifier: ``score`` is accuracy; tags for scikit-learn."""

    _estimator_type = "classifier"  # scikit-learn < 1.6 reads this

    def score(self, X, y, sample_weight=None) -> float:
        """Mean accuracy of ``predict(X)`` against ``y`` (weighted by ``sample_weight`` if given)."""
        pred = np.asarray(self.predict(X))
        truth = np.asarray(y)
        if truth.shape[0] != pred.shape[0]:
            raise InputError(f"y has {truth.shape[0]} labels for {pred.shape[0]} rows")
        return float(np.average(pred == truth, weights=sample_weight))

    def _sklearn_input_tags(self, input_tags):
        return input_tags

    def __sklearn_tags__(self):
        # Only scikit-learn calls this, so importing it here costs nothing elsewhere.
        from sklearn.utils import ClassifierTags, InputTags, Tags, TargetTags

        tags = Tags(estimator_type="classifier", target_tags=TargetTags(required=True),
                    classifier_tags=ClassifierTags(), input_tags=InputTags())
        tags.input_tags = self._sklearn_input_tags(tags.input_tags)
        return tags

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "classes_")


class TextTransformer(Estimator):
    """A transformer of texts (a featurizer): tags that tell scikit-learn its input is strings."""

    def __sklearn_tags__(self):
        from sklearn.utils import InputTags, Tags, TargetTags, TransformerTags

        return Tags(estimator_type=None, target_tags=TargetTags(required=False),
                    transformer_tags=TransformerTags(), input_tags=InputTags(two_d_array=False, string=True))


def check_matrix(X, estimator, *, accept_sparse=True, reset=False):
    """``X`` as a finite float 2-D matrix (dense or, if accepted, CSR), or :class:`InputError`.

    With ``reset`` the column count is remembered as ``n_features_in_``;
    otherwise it must match the one seen in ``fit``.

    Examples
    --------
    >>> check_matrix([1.0, 2.0], Estimator())
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: Expected 2D array, got 1D array instead. Reshape your data with X.reshape(-1, 1) for one feature or X.reshape(1, -1) for one sample
    """
    name = type(estimator).__name__
    if is_sparse(X):
        if not accept_sparse:
            raise TypeError(f"{name} does not take sparse input; pass X.toarray()")
        X = X.tocsr()
        if X.dtype.kind not in "fiub":
            raise InputError(f"{name}: sparse X must hold numbers; got dtype {X.dtype}")
        X = X.astype(np.float64)
        values = X.data
    else:
        if hasattr(X, "dtype") and getattr(X.dtype, "kind", "") == "c":
            raise InputError("Complex data not supported")
        try:
            X = np.asarray(X, dtype=np.float64)
        except TypeError as exc:  # a dict or list inside an object array: a programming error
            raise TypeError(f"{name}: X must hold numbers ({exc})") from None
        except ValueError as exc:
            if np.iscomplexobj(np.asarray(X)):
                raise InputError("Complex data not supported") from None
            raise InputError(f"{name}: X must hold numbers ({exc})") from None
        if X.ndim != 2:
            hint = (". Reshape your data with X.reshape(-1, 1) for one feature or X.reshape(1, -1) for one sample"
                    if X.ndim == 1 else "")
            raise InputError(f"Expected 2D array, got {X.ndim}D array instead{hint}")
        values = X
    if not np.all(np.isfinite(values)):
        raise InputError("Input X contains NaN or infinity")
    if X.shape[0] == 0:
        raise InputError(f"Found array with 0 sample(s) (shape={X.shape}) while a minimum of 1 is required by {name}")
    if X.shape[1] == 0:
        raise InputError(f"Found array with 0 feature(s) (shape={X.shape}) while a minimum of 1 is required by {name}")
    if reset:
        estimator.n_features_in_ = X.shape[1]
    elif X.shape[1] != estimator.n_features_in_:
        raise InputError(f"X has {X.shape[1]} features, but {name} is expecting {estimator.n_features_in_} "
                         "features as input")
    return X


def check_sample_weight(sample_weight, n: int):
    """``None``, or the weights as a float array of length ``n``, non-negative and not all zero."""
    if sample_weight is None:
        return None
    if np.isscalar(sample_weight):
        return np.full(n, float(sample_weight))
    w = np.asarray(sample_weight, dtype=np.float64)
    if w.ndim != 1 or w.shape[0] != n:
        raise InputError(f"sample_weight.shape == {w.shape}, expected ({n},)")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise InputError("sample_weight must be finite and non-negative")
    if not w.sum() > 0:
        raise InputError("sample_weight sums to zero: no document to learn from")
    return w
