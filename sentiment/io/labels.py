"""Class labels, normalised once for every corpus format and for Python's ``fit``, or refused naming the row.

* white space and invisible format characters around a label are not part of it (``" pos"``
  and ``"pos\\u200b"``, with a zero-width space, are ``pos``); one inside a label is refused,
  since two labels that print the same would be two classes;
* a number is one label however it is written: ``1``, ``"1"``, ``1.0`` and
  ``"1.0"`` are the integer ``1``; when every label is a whole number the labels
  are integers, otherwise all are strings (``0.5`` → ``"0.5"``), so a model's
  labels are always strings or integers and its file loads again;
* a missing or blank label, a list, an object or a boolean is refused;
* labels that differ only in case (``Pos``, ``pos``) are refused rather than
  folded: a label is a name the user chose and that every output repeats, so
  changing its spelling silently is worse than asking for one
  ``--label-map Pos=pos`` (see :func:`check_case_conflicts`).

Examples
--------
>>> normalise_labels([" pos", "neg ", "pos"], "c.csv")
['pos', 'neg', 'pos']
>>> normalise_labels(["1", 1.0, " 0 "], "c.csv")
[1, 1, 0]
>>> normalise_labels(["0.50", 1, "pos"], "c.csv")
['0.5', '1', 'pos']
>>> normalise_labels(["pos\u200b", "\ufeffneg"], "c.csv")
['pos', 'neg']

:func:`training_labels` is the whole rule for labels given to ``fit`` in Python (the same
normalisation, the case check and the many-labels guard that the command line's corpora get).
"""

from __future__ import annotations

import math
import re

from sentiment.errors import InputError

__all__ = ["normalise_labels", "check_case_conflicts", "check_labels_look_like_labels", "training_labels",
           "label_strings"]

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _is_invisible(char: str) -> bool:
    """White space, or a format character (Unicode Cf: zero-width space and joiners, BOM, bidi controls)."""
    import unicodedata

    return char.isspace() or unicodedata.category(char) == "Cf"


def _strip_invisible(value: str) -> str:
    start, end = 0, len(value)
    while start < end and _is_invisible(value[start]):
        start += 1
    while end > start and _is_invisible(value[end - 1]):
        end -= 1
    return value[start:end]


def _where(source, ids, i, column):
    row = ids[i] if ids is not None else f"row {i + 1}"
    col = f" in column {column!r}" if column else ""
    return f"{source}: {row}", col


def _one(value, source, ids, i, column):
    """A label as ``str`` (stripped) or ``float`` (a number), or an InputError."""
    where, col = _where(source, ids, i, column)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalar
        try:
            value = value.item()
        except (ValueError, TypeError):
            pass
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise InputError(f"{where}: missing label{col}")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise InputError(f"{where}: label {shown}{col} is a {type(value).__name__}, not a class name or number")
    if isinstance(value, str):
        value = value.strip()
        if value and (_is_invisible(value[0]) or _is_invisible(value[-1]) or not value.isprintable()):
            value = _strip_invisible(value)  # (the common label is plain: one check, no per-character pass)
            inside = next((c for c in value if not c.isspace() and _is_invisible(c)), None)
            if inside is not None:
                import unicodedata

                raise InputError(f"{where}: label {value!r}{col} holds an invisible character (U+{ord(inside):04X} "
                                 f"{unicodedata.name(inside, 'FORMAT CHARACTER')}); remove it")
        if not value:
            raise InputError(f"{where}: missing label{col}")
        if _NUMBER.fullmatch(value):
            value = float(value)
        else:
            return value
    if not math.isfinite(value):
        raise InputError(f"{where}: label {value!r}{col} is not a finite number")
    return float(value)


def normalise_labels(labels, source, column=None, ids=None) -> list:
    """Labels made comparable (see the module docstring); ``ids`` name rows in errors."""
    values = [_one(v, source, ids, i, column) for i, v in enumerate(labels)]
    if values and all(isinstance(v, float) and v.is_integer() for v in values):
        return [int(v) for v in values]
    return [v if isinstance(v, str) else (str(int(v)) if v.is_integer() else repr(v)) for v in values]


def check_case_conflicts(labels, ids, source, fix="e.g. --label-map '{a}={b}'") -> None:
    """Refuse string labels that differ only in case, naming a row of each spelling.

    ``fix`` is the remedy shown, formatted with the two spellings ``a`` and ``b``.

    Examples
    --------
    >>> check_case_conflicts(["pos", "neg", "Pos"], ["c:1", "c:2", "c:3"], "c.csv")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: c.csv: labels 'Pos' (c:3) and 'pos' (c:1) differ only in case; make them one, e.g. --label-map 'Pos=pos'
    """
    first: dict = {}
    spelling: dict = {}
    for i, l in enumerate(labels):
        if not isinstance(l, str):
            continue
        first.setdefault(l, i)
        spelling.setdefault(l.casefold(), set()).add(l)
    for forms in spelling.values():
        if len(forms) > 1:
            a, b = sorted(forms)[:2]
            raise InputError(f"{source}: labels {a!r} ({ids[first[a]]}) and {b!r} ({ids[first[b]]}) differ only in "
                             f"case; make them one, {fix.format(a=a, b=b)}")


#: Corpora with fewer rows are not checked by :func:`check_labels_look_like_labels`.
MIN_ROWS = 100


def check_labels_look_like_labels(labels, source, hint) -> None:
    """Refuse labels that look like words of text: ten or more different ones, most of them on one row only.

    A file of plain sentences read as ``LABEL TEXT`` lines takes each line's first
    word for its label (3 000 MR sentences: a 953-class model that took 10 GB to
    train); so does a label column that holds text.  ``hint`` says what to check.

    Examples
    --------
    >>> check_labels_look_like_labels(["pos", "neg"] * 45 + list("abcdefghij"), "s.txt", "check it")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: s.txt: 12 different labels ('pos', 'neg', 'a', 'b', 'c', …), 10 of them on one row only: check it
    >>> check_labels_look_like_labels(list("abcdefghijkl") + ["a"] * 4, "topics.csv", "")  # 16 rows: not checked
    """
    from collections import Counter

    if len(labels) < MIN_ROWS:  # a small file of many classes is cheap to train, and may be meant
        return
    counts = Counter(map(str, labels))
    once = sum(1 for c in counts.values() if c == 1)
    if len(counts) >= 10 and 2 * once > len(counts):
        shown = ", ".join(repr(label) for label, _ in counts.most_common(5))
        raise InputError(f"{source}: {len(counts)} different labels ({shown}, …), {once} of them on one row only: "
                         f"{hint}")


class _Positions:
    """``labels[i]`` for row ``i``: how a Python user finds a row (built only for an error message)."""

    def __getitem__(self, i):
        return f"labels[{i}]"


def training_labels(labels, source="fit") -> list:
    """Labels given to ``fit`` in Python, under the command line's rule: normalised, case-checked, guarded.

    The same :func:`normalise_labels` as every corpus format (``1``, ``1.0`` and ``"1"`` are one
    class; NaN and ``None`` are missing labels, not a class ``'nan'``; ``"pos\\u200b"`` is ``pos``),
    :func:`check_case_conflicts`, and :func:`check_labels_look_like_labels` (many labels, most on one
    row only: scores or texts passed as labels). Errors name the row as ``labels[i]``.

    Examples
    --------
    >>> training_labels(["1", 1.0, 0])
    [1, 1, 0]
    >>> training_labels(["pos", float("nan")])
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: fit: labels[1]: missing label
    """
    if hasattr(labels, "tolist") and not isinstance(labels, (str, bytes)):
        labels = labels.tolist()  # numpy and pandas scalars become Python ones in one pass
    labels = list(labels)
    # A fractional number is a regression target (scikit-learn's "continuous"), which a classifier refuses
    # however few rows there are: the many-labels guard below only looks from 100 rows on. A file's text
    # "0.5" can name a class; a float 0.5 given in Python is a score.
    fractional = next((i for i, v in enumerate(labels) if isinstance(v, float) and math.isfinite(v)
                       and not v.is_integer()), None)
    if fractional is not None:
        raise InputError(f"{source}: labels[{fractional}] is {labels[fractional]!r}: Unknown label type: continuous; "
                         "a classifier needs class labels (pass them as strings if the numbers name classes)")
    labels = normalise_labels(labels, source, ids=_Positions())
    check_case_conflicts(labels, _Positions(), source, fix="e.g. [{b!r} if label == {a!r} else label for label in labels]")
    check_labels_look_like_labels(labels, source, "pass one class label per text (a few classes, each on many "
                                  "texts), not scores or texts")
    return labels


def label_strings(labels, source) -> list[str]:
    """:func:`normalise_labels` as strings: one spelling per label whatever else a batch holds.

    A Dask partition is normalised alone, and whether its labels come out as integers depends on
    the others in it; as strings, ``1``, ``1.0`` and ``"1"`` are ``"1"`` in every partition, and
    the trainer turns the classes back into integers when all are (``coerce_labels``).

    Examples
    --------
    >>> label_strings([1.0, "1", " pos\u200b"], "p"), label_strings([1, 0], "p")
    (['1', '1', 'pos'], ['1', '0'])
    """
    return [str(v) for v in normalise_labels(labels, source)]
