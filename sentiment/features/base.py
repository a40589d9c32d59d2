"""The featurizer protocol and the registry of featurizers by name.

A featurizer turns a list of documents into a feature matrix.  Everything
outside it (the pipeline, the model file, explain, the training summary) talks
to it through this protocol only, so nothing else knows how many columns it
makes or what they mean:

* ``fit(docs, y=None)``, ``transform(docs)``, ``fit_transform(docs, y=None)``;
* ``get_feature_names_out()``: one name per column;
* ``to_dict()`` / ``from_dict(data, *, lexicon, tokenizer, name)``: the JSON-ready
  state stored under a model file's ``features`` key (``from_dict`` validates
  and raises :class:`~sentiment.errors.InputError` naming the file);
* ``contributions(text, x, w)``: what ``explain`` shows of one document.

Featurizers follow scikit-learn's estimator conventions (keyword parameters
stored as given, :meth:`Featurizer.get_params`/:meth:`Featurizer.set_params`,
fitted attributes ending in ``_``) without importing scikit-learn.

Adding one is one module and one registration::

    @register_featurizer("mine")
    class MyFeatures(Featurizer):
        ...

Examples
--------
>>> sorted(featurizer_names())[:3]
['extended', 'general', 'six']
>>> get_featurizer("six").__name__
'SixFeatures'
"""

from __future__ import annotations

import importlib

from sentiment.estimator import TextTransformer

__all__ = ["Featurizer", "FEATURIZERS", "register_featurizer", "get_featurizer", "featurizer_names",
           "featurizer_from_dict"]

FEATURIZERS: dict[str, type] = {}

# The featurizers that ship with the package, imported on first use (numpy, scipy stay unloaded until then).
_BUILTIN = {"six": "sentiment.features.six", "extended": "sentiment.features.extended",
            "general": "sentiment.features.general"}


def register_featurizer(name: str):
    """Class decorator: make a featurizer available under ``name`` (model files store it as ``kind``).

    Parameters
    ----------
    name : str
        The name under which model files and ``--features`` find the class.
    """

    def decorate(cls):
        known = FEATURIZERS.get(name)
        if known is not None and known.__qualname__ != cls.__qualname__:
            raise ValueError(f"featurizer {name!r} is already registered ({known.__qualname__})")
        cls.kind = name
        FEATURIZERS[name] = cls
        return cls

    return decorate


def featurizer_names() -> list[str]:
    """The names of every featurizer: the built-in ones and any registered since."""
    return list(dict.fromkeys([*_BUILTIN, *FEATURIZERS]))


def get_featurizer(name: str) -> type:
    """The featurizer class registered as ``name``.

    Raises
    ------
    KeyError
        When no featurizer has that name.
    """
    if name not in FEATURIZERS and name in _BUILTIN:
        importlib.import_module(_BUILTIN[name])
    try:
        return FEATURIZERS[name]
    except KeyError:
        raise KeyError(f"no featurizer {name!r} (known: {', '.join(featurizer_names())})") from None


def featurizer_from_dict(data: dict, *, lexicon=None, tokenizer: str = "regex", name: str = "<model>"):
    """Rebuild a fitted featurizer from a model file's ``features`` dict, dispatching on its ``kind``."""
    from sentiment.errors import InputError

    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(kind, str) or kind not in featurizer_names():
        raise InputError(f"{name}: features must be {{'kind': {' or '.join(map(repr, featurizer_names()))}, ...}}")
    return get_featurizer(kind).from_dict(data, lexicon=lexicon, tokenizer=tokenizer, name=name)


def scores_match_transform(block) -> bool:
    """Whether ``block.linear_scores`` (``transform(docs) @ W`` without the matrix) can stand for its ``transform``.

    True when the class that defines ``linear_scores`` is the one that defines ``transform`` or a
    subclass of it, and neither is replaced on the object itself: a subclass (or a test's patch) that
    changes ``transform`` alone keeps the matrix path, so its columns are scored as it builds them.

    Examples
    --------
    >>> class Plain:
    ...     def transform(self, docs): ...
    ...     def linear_scores(self, docs, W): ...
    >>> class Changed(Plain):
    ...     def transform(self, docs): ...
    >>> scores_match_transform(Plain()), scores_match_transform(Changed())
    (True, False)
    """
    if "transform" in vars(block) or "linear_scores" in vars(block):
        return False
    defining = lambda name: next((c for c in type(block).__mro__ if name in c.__dict__), None)
    own, transform = defining("linear_scores"), defining("transform")
    return own is not None and transform is not None and issubclass(own, transform)


def _checking_documents(method):
    import functools

    @functools.wraps(method)
    def checked(self, docs=None, *args, **kwargs):
        from sentiment.documents import as_documents

        if docs is not None:
            docs = as_documents(docs, example=method.__name__)
        return method(self, docs, *args, **kwargs)

    checked.checks_documents = True
    return checked


class Featurizer(TextTransformer):
    """Base class of featurizers: parameters, defaults and the explain hook.

    Subclasses take keyword parameters in ``__init__`` and store each under its
    own name, unchanged; anything expensive (reading a lexicon) happens in
    ``fit`` or on first use, not in ``__init__``.
    """

    kind = ""
    #: True when ``fit`` learns nothing from data, so cross-validation may featurize once (and
    #: ``transform`` needs no ``fit``: the featurizer's state is its parameters).
    stateless = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Every featurizer checks its documents the same way, whoever writes it: one string
        # (read as characters), a DataFrame (its column names), a dict (its keys) or a
        # missing text is refused with the fix (sentiment.documents.as_documents).
        for method in ("fit", "transform", "fit_transform"):
            own = cls.__dict__.get(method)
            if own is not None and not getattr(own, "checks_documents", False):
                setattr(cls, method, _checking_documents(own))

    # -- parameters: get_params/set_params come from sentiment.estimator.Estimator ------

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params(deep=False).items())
        return f"{type(self).__name__}({args})"

    # -- the protocol -------------------------------------------------------------

    def fit(self, docs, y=None):
        """Learn from the training documents (and labels); returns ``self``."""
        return self

    def __sklearn_is_fitted__(self) -> bool:
        """Whether ``transform`` may be called: always for a stateless featurizer, else scikit-learn's rule
        (an attribute ending in ``_`` set by ``fit``). Featurizers that learn raise
        :class:`~sentiment.errors.NotFittedError` from ``transform`` before ``fit``."""
        return self.stateless or any(k.endswith("_") and not k.startswith("__") for k in vars(self))

    def transform(self, docs):
        """Featurize a list of documents into an ``(n_docs, n_features)`` matrix."""
        raise NotImplementedError

    def fit_transform(self, docs, y=None):
        """``fit`` then ``transform`` the same documents."""
        docs = list(docs)
        return self.fit(docs, y).transform(docs)

    @property
    def feature_names(self) -> list[str]:
        """One name per column (what :meth:`get_feature_names_out` returns, as a list)."""
        raise NotImplementedError

    def get_feature_names_out(self, input_features=None):
        """One name per output column, as a numpy array of strings (scikit-learn's name)."""
        import numpy as np

        return np.asarray(self.feature_names, dtype=object)

    def to_dict(self) -> dict:
        """The fitted state as a JSON-ready dict holding at least ``kind``."""
        return {"kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict, *, lexicon=None, tokenizer: str = "regex", name: str = "<model>"):
        """Rebuild from :meth:`to_dict`'s output (validating it; ``name`` is the file for messages)."""
        return cls()

    def contributions(self, text: str, x, w=None) -> dict:
        """What ``explain`` shows of this featurizer for one document.

        Parameters
        ----------
        text : str
            The document.
        x : numpy.ndarray
            Its feature row, dense, in raw units.
        w : numpy.ndarray or None
            The binary model's weights in raw units (``None`` for a multi-class model).

        Returns
        -------
        dict
            ``columns``: the indices of the columns listed one by one (default: all),
            plus any extra keys for the explanation (e.g. ``matches``).
        """
        return {"columns": list(range(len(x)))}

    def raw_units(self, W, b):
        """The model's weights and bias (``W`` is classes × columns) in the units of the raw features.

        The default returns them as given: a featurizer that standardises some of
        its own columns (the extended block) undoes that here, for the training summary.
        """
        return W, b

    def summary_lines(self, w=None, labels=()) -> list[str]:
        """Extra lines for the training summary (default: none)."""
        return []

    def log_length_stats(self, model):
        """``(mean, sd)`` of the training documents' ln(token count), or ``None`` if not known."""
        return None
