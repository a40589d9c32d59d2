"""Scoring a text column of a pandas or a Dask DataFrame, with one function for both.

:func:`score_frame` adds ``label``, ``probability`` and one ``p_<class>``
column per class to a DataFrame.  A pandas DataFrame is scored at once; a Dask
DataFrame lazily, partition by partition, through the very same per-partition
function, so both give the same rows, columns and values.  The model travels
to Dask workers as its JSON dict, not a pickle (a model with a tokenizer
function, which has no JSON form, travels as the object itself).

A row with no text (missing, NaN, blank or not a string) follows ``on_error``
as in ``sentiment classify --on-error``, with the same default: ``flag`` keeps it
with empty predictions and ``error`` set to ``"no text"``, ``fail`` raises
:class:`~sentiment.errors.InputError` naming the row's index label, ``skip``
leaves the row out (the index of the others is kept).  A pandas result has the
``error`` column when a row was flagged; a Dask result always has it under ``flag``,
since its columns are fixed before any partition is scored.

An input column is never overwritten: a frame that already has a column an answer would take
(``label``, ``probability``, ``p_<class>``, ``score``, and ``error`` under ``flag``) is refused
with :class:`~sentiment.errors.InputError` naming it; ``prefix="pred_"`` names the answers
``pred_label``, ``pred_probability``, … so both are kept (:mod:`sentiment.outputs`).

Examples
--------
>>> import pandas as pd
>>> from sentiment.worked_example import textbook_pipeline
>>> df = pd.DataFrame({"review": ["a great film", None, "hokey, second-rate"]}, index=[10, 11, 12])
>>> score_frame(df, "review", textbook_pipeline())[["label", "error"]]
       label    error
10  positive     None
11      None  no text
12  negative     None
>>> score_frame(df, "review", textbook_pipeline(), on_error="skip").index.tolist()
[10, 12]
>>> score_frame(df, "review", textbook_pipeline(), on_error="fail")
Traceback (most recent call last):
...
sentiment.errors.InputError: row 11 (column 'review'): no text (nan); drop or fill it, or pass on_error="skip" or "flag"
"""

from __future__ import annotations

import uuid

import numpy as np

from sentiment.documents import is_missing
from sentiment.errors import InputError
from sentiment.io.batch import ON_ERROR, ON_ERROR_DEFAULT

__all__ = ["score_frame", "check_column", "is_dask_collection", "ON_ERROR"]
# Pipelines rebuilt from their dicts on a worker, one per scoring call (not one per partition).
_PIPES: dict = {}


def is_dask_collection(obj) -> bool:
    """Whether ``obj`` is a Dask DataFrame or Series (checked without importing Dask)."""
    return type(obj).__module__.split(".")[0] in ("dask", "dask_expr") and hasattr(obj, "npartitions")


def _has_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_on_error(on_error):
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}; got {on_error!r}")


def check_column(df, column, hint: str = "") -> None:
    """:class:`InputError` unless ``df`` (pandas or Dask) has exactly one column named ``column``.

    A name given twice makes ``df[column]`` a DataFrame of every copy, not the values
    (``AttributeError: 'DataFrame' object has no attribute 'tolist'``).

    Examples
    --------
    >>> import pandas as pd
    >>> check_column(pd.DataFrame([["a", "b"]], columns=["text", "text"]), "text")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: column 'text' appears 2 times (columns: text, text); rename or drop the others, e.g. df.loc[:, ~df.columns.duplicated()]
    """
    columns = list(df.columns)
    listed = ", ".join(map(str, columns))
    if column not in columns:
        raise InputError(f"no column {column!r} (columns: {listed}){hint}")
    copies = columns.count(column)
    if copies > 1:
        raise InputError(f"column {column!r} appears {copies} times (columns: {listed}); rename or drop the "
                         "others, e.g. df.loc[:, ~df.columns.duplicated()]")


def score_frame(df, column: str, pipe, on_error: str = ON_ERROR_DEFAULT, neutral: bool = True, prefix: str = ""):
    """``df`` with ``label``, ``probability`` and ``p_<class>`` columns (and ``error`` with ``flag``, the default).

    Parameters
    ----------
    df
        A pandas DataFrame (scored now) or a Dask DataFrame (a lazy Dask DataFrame is returned).
    column
        The column that holds the texts.
    pipe
        A fitted :class:`~sentiment.pipeline.SentimentPipeline` (or anything with
        ``predict_proba`` on a list of texts and ``classes_``).
    on_error
        ``flag`` (the default, as on the command line), ``fail`` or ``skip`` for rows with no text
        (see the module docstring).
    neutral
        Apply the model's neutral rule (:mod:`sentiment.neutral`), as ``sentiment classify`` does;
        ``False`` answers with the model's classes only.
    prefix
        Put before every answer column's name (``"pred_"``: ``pred_label``, …, ``pred_error``), to keep
        input columns of the same names; without it such a frame is refused.
    """
    from sentiment.outputs import output_names, refuse_overwrite

    _check_on_error(on_error)
    if not isinstance(prefix, str):
        raise TypeError(f"prefix must be a string; got {type(prefix).__name__}")
    check_column(df, column, "; name the text column with column=")
    refuse_overwrite(df.columns, output_names(pipe.classes_, neutral, prefix, error=on_error == "flag"),
                     prefix=prefix)
    if not is_dask_collection(df):
        return _score_partition(df, column, pipe, on_error, neutral, error_column=False, prefix=prefix)
    try:
        carried = ("dict", uuid.uuid4().hex, pipe.to_dict())
    except (TypeError, AttributeError):  # no JSON form (a tokenizer function): ship the object
        carried = ("object", None, pipe)
    meta = _score_partition(df._meta, column, pipe, on_error, neutral, error_column=True, prefix=prefix)
    return df.map_partitions(_score_carried, column, carried, on_error, neutral, prefix, meta=meta)


def _score_carried(df, column, carried, on_error, neutral=True, prefix=""):
    how, key, payload = carried
    if how == "dict":
        if key not in _PIPES:
            from sentiment.pipeline import SentimentPipeline

            _PIPES.clear()  # one model at a time: a worker does not hoard models
            _PIPES[key] = SentimentPipeline.from_dict(payload, "<dask>")
        payload = _PIPES[key]
    return _score_partition(df, column, payload, on_error, neutral, error_column=True, prefix=prefix)


def _score_partition(df, column, pipe, on_error, neutral=True, error_column=True, prefix=""):
    """The scored rows of one frame; under ``flag``, the ``error`` column when ``error_column`` or a row is flagged."""
    import pandas as pd

    from sentiment.outputs import predictions

    texts = df[column].tolist()
    ok = np.fromiter((_has_text(t) for t in texts), dtype=bool, count=len(texts))
    if not ok.all() and on_error == "fail":
        i = int(np.flatnonzero(~ok)[0])
        what = "no text" if is_missing(texts[i]) or isinstance(texts[i], str) else "not a string"
        row = df.index[i].item() if hasattr(df.index[i], "item") else df.index[i]
        raise InputError(f"row {row!r} (column {column!r}): {what} ({texts[i]!r}); drop or fill it, "
                         'or pass on_error="skip" or "flag"')
    if on_error == "skip":
        df, texts, ok = df[ok], [t for t, k in zip(texts, ok) if k], ok[ok]
    labels = np.asarray(pipe.classes_).tolist()
    rows = np.flatnonzero(ok)
    P = pipe.predict_proba([texts[i] for i in rows]) if len(rows) else np.zeros((0, len(labels)))
    label, probability, P = predictions(labels, P, rows, len(texts))
    from sentiment.neutral import neutral_labels
    from sentiment.outputs import answer_columns

    answers = answer_columns(labels, P, neutral, neutral_labels(pipe, texts, label, P) if neutral else None, prefix)
    out = df.copy()
    for name, values in answers.items():
        # an object column, so a missing label stays None (pandas would make a str column with NaN)
        out[name] = pd.Series(values, index=out.index, dtype=object) if name == prefix + "label" else values
    if on_error == "flag" and (error_column or not ok.all()):
        out[prefix + "error"] = pd.Series([None if k else "no text" for k in ok], index=out.index, dtype=object)
    return out
