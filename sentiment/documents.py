"""What counts as "a list of documents", checked once where texts enter the Python API.

Python will happily iterate over a string (its characters), a DataFrame (its
column names) or a dict (its keys); a model given one of those would score the
wrong things and say nothing.  :func:`as_documents` refuses them with the fix
in the message, and refuses a missing text (``None``, NaN) naming its row, so
nothing is scored silently in place of what was meant.

Examples
--------
>>> as_documents(["a gem", "a mess"])
['a gem', 'a mess']
>>> as_documents("a gem")
Traceback (most recent call last):
...
TypeError: expected a list of documents, got one string (it would be read as one document per character); wrap it in a list: ['a gem']
>>> as_documents({"a": "a gem"})
Traceback (most recent call last):
...
TypeError: expected a list of documents, got a dict (its keys would be scored); pass list(d.values()) or list(d)
>>> as_documents(["fine", None])
Traceback (most recent call last):
...
sentiment.errors.InputError: row 1: no text (None); drop or fill missing texts first, or use sentiment.classify(texts), which flags them
"""

from __future__ import annotations

from collections.abc import Mapping

from sentiment.errors import InputError

__all__ = ["as_documents", "is_dataframe", "is_missing", "Documents"]


class Documents(list):
    """A list of strings already checked by :func:`as_documents` (so a featurizer inside a pipeline
    does not check the same documents again)."""


def is_dataframe(obj) -> bool:
    """A pandas or Dask DataFrame (anything with ``columns`` and ``dtypes`` that is not a Series)."""
    return hasattr(obj, "columns") and hasattr(obj, "dtypes") and not hasattr(obj, "name")


def is_missing(value) -> bool:
    """``None`` or a float NaN (pandas' ``NA``/``NaT`` as well): a row with no text."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pd.NA (which raises on bool) and NaT are the values not equal to themselves
    except TypeError:
        return True


def _shape_error(texts, example: str):
    if isinstance(texts, (str, bytes)):
        shown = texts if len(texts) <= 40 else texts[:37] + "..."
        return TypeError("expected a list of documents, got one string (it would be read as one document per "
                         f"character); wrap it in a list: [{shown!r}]")
    if is_dataframe(texts):
        cols = ", ".join(map(repr, list(texts.columns)[:5]))
        return TypeError(f"expected a list of documents, got a DataFrame (its column names would be scored); pass "
                         f"its text column, e.g. {example}(df[\"text\"]) (columns: {cols})")
    if isinstance(texts, Mapping):
        return TypeError("expected a list of documents, got a dict (its keys would be scored); pass "
                         "list(d.values()) or list(d)")
    ndim = getattr(texts, "ndim", 1)
    if ndim != 1:
        return TypeError(f"expected a 1-D list of documents, got a {ndim}-D array; pass a column, e.g. X[:, 0]")
    return None


def as_documents(texts, *, example: str = "predict") -> list:
    """``texts`` as a list of strings, or a ``TypeError``/``InputError`` that says how to fix the call.

    Parameters
    ----------
    texts
        A list, tuple, numpy array, pandas Series or any other iterable of strings.
    example
        The method named in the DataFrame hint.

    Raises
    ------
    TypeError
        For one string, a DataFrame, a dict or a 2-D array.
    InputError
        For a missing text (``None``, NaN) or a value that is not a string, naming its row
        (the Series index label when there is one).
    """
    if type(texts) is Documents:
        return texts
    error = _shape_error(texts, example)
    if error is not None:
        raise error
    index = getattr(texts, "index", None)
    if index is not None and not callable(index) and hasattr(texts, "tolist"):
        labels, docs = list(index.tolist() if hasattr(index, "tolist") else index), texts.tolist()
    else:
        docs = texts if isinstance(texts, list) else list(texts)
        labels = None
    if set(map(type, docs)) <= {str}:  # one C pass; only a batch with a non-string is checked row by row
        return Documents(docs)
    for i, doc in enumerate(docs):
        if not isinstance(doc, str):
            where = f"row {labels[i]!r}" if labels is not None else f"row {i}"
            if is_missing(doc):
                raise InputError(f"{where}: no text ({doc!r}); drop or fill missing texts first, or use "
                                 "sentiment.classify(texts), which flags them")
            raise InputError(f"{where}: expected a string, got {type(doc).__name__} {doc!r}")
    return Documents(docs)
