"""The one-liners: ``sentiment.classify(texts)`` and ``sentiment.score(text)``.

>>> import sentiment
>>> sentiment.score("A stirring, funny and finally transporting film.")["label"]
'pos'
>>> sentiment.classify(["A gem.", "A dull, tedious mess."])[["text", "label"]]
                    text label
0                 A gem.   pos
1  A dull, tedious mess.   neg

A string is one document (never one per character); a list, tuple or pandas
Series is one document per item (a Series keeps its index); a pandas or Dask
DataFrame is scored in the column named by ``column=`` (see
:func:`sentiment.frames.score_frame`).  Rows with no text follow ``on_error``
as on the command line, with its default: ``flag`` keeps the row with an
``error`` ("no text") and no label, ``fail`` names the row, ``skip`` leaves it
out.  Models are loaded once per name and kept.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from sentiment.documents import is_dataframe
from sentiment.errors import InputError
from sentiment.io.batch import ON_ERROR_DEFAULT

__all__ = ["classify", "score", "get_model"]

_LOADED: dict = {}


if TYPE_CHECKING:
    from typing import NotRequired

    import pandas

    from sentiment.pipeline import SentimentPipeline

#: What ``on_error`` may be: keep a row with no text and flag it, leave it out, or stop.
OnError = Literal["flag", "skip", "fail"]


class ScoreResult(TypedDict):
    """What :func:`score` returns."""

    text: str
    label: str
    probability: float
    probabilities: dict[str, float]
    score: NotRequired[float]


def get_model(model: str | os.PathLike[str] | SentimentPipeline = "default") -> SentimentPipeline:
    """A fitted pipeline: ``model`` itself, or the model file or shipped model it names (loaded once)."""
    if isinstance(model, (str, os.PathLike)):
        key = os.fspath(model)
        if key not in _LOADED:
            from sentiment.pipeline import load_model

            _LOADED[key] = load_model(key)
        return _LOADED[key]
    if not hasattr(model, "predict_proba") or not hasattr(model, "classes_"):
        raise TypeError(f"model must be a model name, a model file or a fitted pipeline; got {type(model).__name__}")
    return model


def classify(texts: Any, *, model: str | os.PathLike[str] | SentimentPipeline = "default", column: str | None = None,
             on_error: OnError = ON_ERROR_DEFAULT, neutral: bool = True,
             by: Literal["document", "sentence"] = "document", prefix: str = "") -> pandas.DataFrame:
    """Label texts; return a DataFrame with ``text``, ``label``, ``probability`` and ``p_<class>`` columns.

    Parameters
    ----------
    texts
        One string, a list/tuple/iterable of strings, a pandas Series, or a
        pandas/Dask DataFrame together with ``column``.
    model
        A shipped model (``"default"`` = ``"general"``, ``"six"``, ``"extended"``), a model file, or a
        fitted :class:`~sentiment.pipeline.SentimentPipeline`.
    column
        The text column, for a DataFrame (its other columns are kept).
    on_error
        What a row with no text (missing, NaN, blank) does: ``"flag"`` (the default, as on the
        command line) keeps it with ``error`` "no text" and no label (the ``error`` column is
        added when a row is flagged; always for a Dask frame), ``"fail"`` raises naming it,
        ``"skip"`` leaves it out.
    neutral
        Keep ``neutral`` as an answer (as ``sentiment classify`` does). ``False``: a three-way model
        answers negative or positive, with ``p_neg`` and ``p_pos`` renormalised; a binary model's
        neutral rule is not applied.
    prefix
        Put before every answer column's name: ``prefix="pred_"`` gives ``pred_label``,
        ``pred_probability``, … (and ``pred_error``). An input column is never overwritten: a
        DataFrame with a ``label`` (or any answer's) column, or a Series named ``label``, is refused
        without a prefix that avoids it.

    by
        ``"document"`` (the default): a row per text. ``"sentence"``: after each text's row, a row per
        sentence with its own scores and the columns ``document`` (the text's index), ``sentence``,
        ``start`` and ``end`` (:mod:`sentiment.io.by_sentence`); not for Dask inputs.

    Returns
    -------
    pandas.DataFrame, or a lazy dask DataFrame for a Dask input
        The input's columns, then ``label``, ``probability``, ``p_neg``, ``p_neu``, ``p_pos`` and
        ``score`` (p_pos − p_neg, in [−1, 1]); :mod:`sentiment.outputs` has the rules.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": [7, 8], "review": ["Wonderful.", None]})
    >>> classify(df, column="review")[["id", "label", "error"]]
       id label    error
    0   7   pos     None
    1   8  None  no text
    >>> classify(df, column="review", on_error="fail")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: row 1 (column 'review'): no text (nan); drop or fill it, or pass on_error="skip" or "flag"
    >>> classify(df)
    Traceback (most recent call last):
    ...
    TypeError: classify(df) needs the column that holds the texts: classify(df, column="review") (columns: 'id', 'review')
    """
    import pandas as pd

    from sentiment.frames import is_dask_collection, score_frame

    if by not in ("document", "sentence"):
        raise ValueError(f'by must be "document" or "sentence"; got {by!r}')
    if by == "sentence":
        if is_dask_collection(texts):
            raise TypeError('by="sentence" takes texts, a Series or a pandas DataFrame, not a Dask collection')
        return _by_sentence(classify(texts, model=model, column=column, on_error=on_error, neutral=neutral,
                                     prefix=prefix), get_model(model), column or _text_name(texts), neutral, prefix)
    pipe = get_model(model)
    if is_dataframe(texts):
        if column is None:
            cols = list(texts.columns)
            guess = next((c for c in cols if str(c).lower() in ("text", "review", "sentence", "body")), cols[0] if cols else "text")
            raise TypeError(f'classify(df) needs the column that holds the texts: classify(df, column="{guess}") '
                            f"(columns: {', '.join(map(repr, cols))})")
        return score_frame(texts, column, pipe, on_error, neutral, prefix)
    if column is not None:
        raise TypeError("column= names a DataFrame's text column; texts is not a DataFrame")
    if is_dask_collection(texts):  # a Dask Series: score it as a one-column frame
        name = texts.name if texts.name is not None else "text"
        return score_frame(texts.to_frame(name=name), name, pipe, on_error, neutral, prefix)
    if isinstance(texts, bytes):
        raise TypeError("texts is bytes; decode it first: texts.decode('utf-8')")
    if isinstance(texts, Mapping):
        raise TypeError("expected texts, got a dict (its keys would be scored); pass list(d.values()) or list(d)")
    if isinstance(texts, str):
        frame = pd.DataFrame({"text": [texts]})
        name = "text"
    elif isinstance(texts, pd.Series):
        name = texts.name if texts.name is not None else "text"
        frame = texts.to_frame(name=name)
    else:
        if getattr(texts, "ndim", 1) != 1:
            raise TypeError(f"expected a 1-D list of texts, got a {texts.ndim}-D array")
        frame = pd.DataFrame({"text": pd.Series(list(texts), dtype=object)})
        name = "text"
    return score_frame(frame, name, pipe, on_error, neutral, prefix)


def _text_name(texts) -> str:
    """The text column's name in :func:`classify`'s result for a list, a string or a Series."""
    import pandas as pd

    return texts.name if isinstance(texts, pd.Series) and texts.name is not None else "text"


def _by_sentence(scored, pipe, column, neutral, prefix=""):
    """``scored`` (classify's DataFrame) with each text's sentence rows after it (:mod:`sentiment.io.by_sentence`)."""
    import pandas as pd

    from sentiment.io.by_sentence import expand_sentences
    from sentiment.outputs import output_names

    if "document" in scored.columns:
        raise InputError('the input already has a column "document", which by="sentence" adds; rename it first')
    cols = {"document": scored.index.tolist(), **{c: scored[c].tolist() for c in scored.columns}}
    texts = [t if isinstance(t, str) and t.strip() else None for t in cols[column]]
    answers = [prefix + n for n in output_names(pipe.classes_, neutral) if prefix + n in cols]
    out = pd.DataFrame(expand_sentences(pipe, cols, texts, column, answers, neutral, keys=("document", "id"),
                                        prefix=prefix))
    for name in ("sentence", "start", "end"):  # whole numbers, empty on the documents' rows
        out[name] = out[name].astype("Int64")
    return out


def score(text: str, *, model: str | os.PathLike[str] | SentimentPipeline = "default",
          neutral: bool = True) -> ScoreResult:
    """Label one text.

    Parameters
    ----------
    text : str
        One document (a list is refused: use :func:`classify` for several).
    model : str, os.PathLike or SentimentPipeline, default "default"
        A shipped model's name, a model file, or a fitted pipeline.
    neutral : bool, default True
        Answer ``neutral`` where the model's neutral rule says so, as ``sentiment classify`` does.

    Returns
    -------
    dict
        ``{"text", "label", "probability", "probabilities": {class: p}, "score"}``; ``score`` is
        p(pos) − p(neg) in [−1, 1] (:mod:`sentiment.outputs`), absent when the classes have no polarity.

    Examples
    --------
    >>> r = score("What a dull, tedious mess.")
    >>> r["label"], sorted(r["probabilities"]), r["score"] < 0
    ('neg', ['neg', 'neutral', 'pos'], True)
    >>> score(["a", "list"])
    Traceback (most recent call last):
    ...
    TypeError: score takes one text (a string), got list; use sentiment.classify for several
    """
    if not isinstance(text, str):
        raise TypeError(f"score takes one text (a string), got {type(text).__name__}; use sentiment.classify "
                        "for several")
    if not text.strip():
        raise InputError("score: no text (an empty or blank string)")
    pipe = get_model(model)
    proba = pipe.predict_proba([text])[0]
    import numpy as np

    from sentiment.neutral import neutral_labels
    from sentiment.outputs import answer_columns, probability_name

    labels = np.asarray(pipe.classes_).tolist()
    P = proba[None, :]
    rule = neutral_labels(pipe, [text], [labels[int(np.argmax(proba))]], P) if neutral else None
    cols = answer_columns(labels, P, neutral, rule)
    out = {"text": text, "label": cols["label"][0], "probability": float(cols["probability"][0]),
           "probabilities": {l: float(cols[probability_name(l)][0]) for l in labels if probability_name(l) in cols}}
    if "score" in cols:
        out["score"] = float(cols["score"][0])
    return out
