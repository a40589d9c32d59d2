"""The columns a prediction adds to a row, the same in the CLI, the Python API and Dask.

``label``
    The answer: the most probable class, or for a binary model with a neutral rule
    (:mod:`sentiment.neutral`) ``neutral`` where the rule fires.
``probability``
    The probability of the model's most probable class.
``p_<class>``
    Each class's probability; the ``neutral`` class's column is ``p_neu`` (VADER's name for it).
``score``
    A signed score in [−1, 1], ``p_pos − p_neg``, like VADER's compound or TextBlob's polarity, when
    the model's classes include a negative and a positive one (``neg``/``pos``, ``negative``/
    ``positive``, ``0``/``1``, ...).

``error``
    ``no text`` for a row with no text, when such rows are kept and flagged (``on_error="flag"``, the default).

With ``neutral=False`` a model that has a ``neutral`` class answers negative or positive only:
``p_neg`` and ``p_pos`` renormalised to sum to 1, no ``p_neu``, and ``score`` their difference (so it is
larger in size than the three-way ``score`` of the same text).

An input column is never overwritten.  A table (or a pandas Series named by its name) that already has a
column an answer would take is refused, naming the columns and the fix, in the CLI, the Python API and Dask
alike (:func:`refuse_overwrite`).  A prefix (``--prefix pred_`` on the command line, ``prefix="pred_"`` in
Python) puts every answer column, ``error`` included, under new names (``pred_label``, ``pred_probability``,
…), so a table with gold labels keeps them next to the answers.

Examples
--------
>>> import numpy as np
>>> cols = answer_columns(["neg", "neutral", "pos"], np.array([[0.1, 0.6, 0.3], [np.nan] * 3]))
>>> cols["label"], [round(float(v), 2) for v in cols["score"][:1]], list(cols)
(['neutral', None], [0.2], ['label', 'probability', 'p_neg', 'p_neu', 'p_pos', 'score'])
>>> polar = answer_columns(["neg", "neutral", "pos"], np.array([[0.1, 0.6, 0.3]]), neutral=False)
>>> polar["label"], [round(float(v), 2) for v in polar["p_pos"]], list(polar)
(['pos'], [0.75], ['label', 'probability', 'p_neg', 'p_pos', 'score'])
"""

from __future__ import annotations

from sentiment.neutral import NEUTRAL

__all__ = ["probability_name", "output_names", "polar_pair", "predictions", "answer_columns", "refuse_overwrite",
           "output_columns", "ERROR"]

#: The column that says why a row has no answer (``on_error="flag"``).
ERROR = "error"


def probability_name(label) -> str:
    """The column of ``label``'s probability: ``p_neu`` for ``neutral``, else ``p_<label>``."""
    return "p_neu" if str(label) == NEUTRAL else f"p_{label}"


def polar_pair(classes):
    """``(index of the negative class, index of the positive class)`` in ``classes``, or None."""
    from sentiment.training.polarity import is_polarity_pair, polarity_order

    polar = [c for c in classes if str(c) != NEUTRAL]
    if len(polar) != 2 or not is_polarity_pair(polar):
        return None
    negative, positive = polarity_order(polar)
    classes = list(classes)
    return classes.index(negative), classes.index(positive)


def _answered(classes, neutral):
    """The classes a prediction answers with (the neutral class left out when ``neutral`` is False)."""
    classes = list(classes)
    if not neutral and NEUTRAL in map(str, classes) and len(classes) == 3:
        return [c for c in classes if str(c) != NEUTRAL]
    return classes


def output_names(classes, neutral=True, prefix: str = "", error: bool = False) -> list[str]:
    """The columns :func:`answer_columns` gives for a model with ``classes``, in order, each after ``prefix``.

    With ``error``, the ``error`` column (rows kept and flagged) last.
    """
    answered = _answered(classes, neutral)
    names = (["label", "probability"] + [probability_name(c) for c in answered]
             + (["score"] if polar_pair(answered) else []) + ([ERROR] if error else []))
    return [prefix + name for name in names]


def output_columns(classes, neutral=True, prefix: str = "", on_error: str = "flag", drop_id: bool = False):
    """``columns_of(first_chunk)`` for :func:`sentiment.io.writers.written_chunks`: a scored file's columns.

    The input's own columns (``id`` left out with ``drop_id``: literal texts in a table, which shows their
    text), then the answers; with no chunk at all, ``id`` and the answers. One rule for ``sentiment
    classify`` and ``sentiment serve``'s scored uploads.

    >>> columns_of = output_columns(["neg", "pos"])
    >>> columns_of({"id": [], "body": [], "label": []})
    ['id', 'body', 'label', 'probability', 'p_neg', 'p_pos', 'score', 'error']
    """
    answers = output_names(classes, neutral, prefix)
    outputs = output_names(classes, neutral, prefix, error=on_error == "flag")

    def columns_of(cols):
        if cols is None:
            return ["id", *answers]
        return [k for k in cols if k not in outputs and not (k == "id" and drop_id)] + outputs

    return columns_of


def renormalised(P):
    """Rows of ``P`` scaled to sum to 1; a row whose values all underflowed to 0 becomes a tie, not NaN.

    >>> import numpy as np
    >>> renormalised(np.array([[0.1, 0.3], [0.0, 0.0]])).tolist()
    [[0.25, 0.75], [0.5, 0.5]]
    """
    import numpy as np

    total = P.sum(axis=1, keepdims=True)
    tie = np.full_like(P, 1.0 / P.shape[1]) if P.size else P
    return np.where(total > 0, P / np.where(total > 0, total, 1.0), tie)


def refuse_overwrite(columns, outputs, where: str = "", option: str = "prefix", prefix: str = "") -> None:
    """:class:`~sentiment.errors.InputError` naming the ``columns`` of an input that ``outputs`` would overwrite.

    ``where`` names the input (a file); the fix offered is a prefix through ``option`` (``"--prefix"`` on the
    command line, ``"prefix"`` in Python), one other than the ``prefix`` already in use.

    Examples
    --------
    >>> refuse_overwrite(["id", "text", "label"], output_names(["neg", "pos"]), "gold.csv", "--prefix")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: gold.csv: the input already has column(s) label, which the answers would overwrite; rename them, or add --prefix pred_ to name the answers pred_label, pred_probability, …
    """
    taken = set()
    for column in columns:
        try:
            taken.add(column)
        except TypeError:  # an unhashable label (pandas allows few): it cannot equal an answer's name
            pass
    clash = [name for name in outputs if name in taken]
    if clash:
        from sentiment.errors import InputError

        other = "pred_" if prefix != "pred_" else "answer_"
        fix = f"add {option} {other}" if option.startswith("-") else f'pass {option}="{other}"'
        raise InputError(f"{where + ': ' if where else ''}the input already has column(s) {', '.join(clash)}, "
                         f"which the answers would overwrite; rename them, or {fix} to name the answers "
                         f"{other}label, {other}probability, …")


def answer_columns(classes, P, neutral=True, rule_labels=None, prefix: str = "") -> dict:
    """``{column: values}`` for the rows of ``P`` (NaN rows: not scored, empty answers).

    ``rule_labels`` (optional): the labels after a binary model's neutral rule
    (:func:`sentiment.neutral.neutral_labels`), which replace the most probable class.
    ``prefix`` comes before every column's name.
    """
    import numpy as np

    classes = list(classes)
    P = np.asarray(P, dtype=float).reshape(-1, len(classes))
    answered = _answered(classes, neutral)
    if len(answered) < len(classes):  # the neutral class dropped: the two left, renormalised
        keep = [classes.index(c) for c in answered]
        P = P[:, keep]
        P = renormalised(P)
    label, probability, P = predictions(answered, P)
    if rule_labels is not None:
        label = list(rule_labels)
    out = {"label": label, "probability": probability}
    for j, c in enumerate(answered):
        out[probability_name(c)] = P[:, j]
    pair = polar_pair(answered)
    if pair is not None:
        out["score"] = P[:, pair[1]] - P[:, pair[0]]
    return {prefix + name: values for name, values in out.items()} if prefix else out


def predictions(labels, P, rows=None, n=None):
    """``(label, probability, P)`` for ``n`` rows of which ``rows`` (default: all) were scored as ``P``.

    The rows that were not scored (no text) get label ``None`` and NaN
    probabilities; the others their most probable label and its probability.
    Shared by classify's chunks and the Dask partitions.

    Examples
    --------
    >>> import numpy as np
    >>> lab, prob, P = predictions(["neg", "pos"], np.array([[0.2, 0.8]]), rows=np.array([1]), n=2)
    >>> lab, prob.tolist()
    ([None, 'pos'], [nan, 0.8])
    """
    import numpy as np

    P = np.asarray(P, dtype=float).reshape(-1, len(labels))
    if rows is not None:
        full = np.full((n, len(labels)), np.nan)
        full[rows] = P
        P = full
    scored = ~np.isnan(P).any(axis=1) if len(P) else np.zeros(0, dtype=bool)
    best = np.where(scored, np.nan_to_num(P, nan=-1.0).argmax(axis=1) if len(P) else 0, -1)
    lab = [labels[i] if i >= 0 else None for i in best]
    prob = np.where(scored, P[np.arange(len(P)), np.maximum(best, 0)], np.nan) if len(P) else np.zeros(0)
    return lab, prob, P
