"""A checked request → what the Python API gives: the rows of ``sentiment.classify``, the explanations of
``explain --json``.

Scoring is the package's own (:func:`sentiment.classify`, :func:`sentiment.explanations.explain_texts`);
this module only reads the request's options and puts the answer in JSON's terms (NaN and pandas' NA as
``null``). Both functions are plain, blocking calls: :mod:`.app` runs them in a worker thread (a small
classify request, a millisecond's work, on the event loop).

Examples
--------
>>> from sentiment.pipeline import load_model
>>> rows = classify_rows(load_model("six"), {"texts": ["A gem.", None]}, Limits())
>>> [r["label"] for r in rows], rows[1]["error"]
(['pos', None], 'no text')
"""

from __future__ import annotations

from sentiment.serve.limits import REQUIRED, ApiError, Limits, check_options, check_texts

__all__ = ["CLASSIFY_OPTIONS", "EXPLAIN_OPTIONS", "classify_rows", "explain_answers"]

#: The fields of ``POST /v1/classify``: name → (type, default, choices); the options of ``sentiment.classify``.
CLASSIFY_OPTIONS = {
    "texts": (None, REQUIRED, None),  # checked by check_texts, which says more
    "neutral": (bool, True, None),
    "by": (str, "document", ("document", "sentence")),
    "prefix": (str, "", None),
    "on_error": (str, "flag", ("flag", "skip", "fail")),
}
#: The fields of ``POST /v1/explain``; ``html``: also each explanation as the tinted HTML of ``explain --html``.
EXPLAIN_OPTIONS = {
    "texts": (None, REQUIRED, None),  # checked by check_texts, which says more
    "html": (bool, False, None),
}
_MAX_PREFIX = 64


def _json_value(value, isna):
    """A DataFrame cell as JSON has it: NaN and pandas' NA as None, numpy scalars as Python ones."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "item"):
        value = value.item()
    return None if isna(value) else value


def classify_rows(pipe, body, limits: Limits, quick=None) -> list[dict]:
    """The rows :func:`sentiment.classify` gives for the request ``body`` (checked here).

    ``quick``: the same model as a :class:`sentiment.quick.QuickModel`, which scores a handful of texts
    (the common request: one) in plain Python, ten times sooner than a DataFrame is built, as ``sentiment
    classify "TEXT"`` does; ``tests/test_quick.py`` and ``tests/test_serve_api.py`` hold its answers to the
    batch path's (labels equal, probabilities within 1e-9).
    """
    from sentiment import classify
    from sentiment.errors import InputError

    opts = check_options(body, CLASSIFY_OPTIONS)
    texts = check_texts(opts["texts"], limits, field="texts")
    if len(opts["prefix"]) > _MAX_PREFIX:
        raise ApiError(422, f'"prefix" has {len(opts["prefix"])} characters; at most {_MAX_PREFIX}')
    if not texts:
        return []
    if quick is not None and opts["by"] == "document" and _quick_takes(texts):
        cols = {"text": texts, **quick.columns(texts, opts["neutral"], opts["prefix"])}
        return [dict(zip(cols, values)) for values in zip(*cols.values())]
    try:
        frame = classify(texts, model=pipe, neutral=opts["neutral"], by=opts["by"], prefix=opts["prefix"],
                         on_error=opts["on_error"])
    except InputError as exc:
        raise ApiError(422, str(exc)) from None
    from pandas import isna

    columns = [str(c) for c in frame.columns]
    return [{c: _json_value(v, isna) for c, v in zip(columns, row)} for row in frame.itertuples(index=False, name=None)]


def _quick_takes(texts) -> bool:
    """Whether :mod:`sentiment.quick` scores these texts (few, none blank or long), as ``classify`` decides."""
    from sentiment.quick.model import MAX_CHARS, MAX_TEXTS

    return len(texts) <= MAX_TEXTS and all(t is not None and t.strip() and len(t) <= MAX_CHARS for t in texts)


def explain_answers(pipe, body, limits: Limits) -> list[dict]:
    """What ``explain --json`` gives for the request's texts; with ``"html": true`` each one also has ``html``,
    the section ``explain --html`` draws for it (tinted tokens, legend, feature table, z and σ(z))."""
    from sentiment.explanations import explain_texts

    opts = check_options(body, EXPLAIN_OPTIONS)
    texts = check_texts(opts["texts"], limits, field="texts", max_texts=limits.max_explain_texts,
                        limit_name="max_explain_texts")
    blank = [i for i, t in enumerate(texts) if t is None or not t.strip()]
    if blank:
        raise ApiError(422, f'"texts"[{blank[0]}] has no text to explain')
    explanations = explain_texts(pipe, texts)
    if opts["html"]:
        from sentiment.reports.html import explanation_html

        for text, e in zip(texts, explanations):
            e["html"] = explanation_html(pipe, text, e)
    return explanations
