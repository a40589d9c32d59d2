"""Documents to classify, streamed in chunks, with every row accounted for.

:func:`iter_chunks` turns the inputs of ``sentiment classify`` (literal texts,
``-`` for standard input, files, folders, tables) into :class:`Chunk` objects:
the columns carried to the output (an ``id``, or the table's own columns) and
the texts, ``None`` for a row with no usable text.  Order is input order and
nothing is dropped here; what happens to a bad row is decided by
:func:`classify_chunks`' ``on_error``.  Memory stays flat: a table is read
``chunk_rows`` rows at a time.

Tables are read by the format registered for them (:mod:`sentiment.io.formats`):
CSV/TSV with the standard library's C ``csv`` reader, JSON lines with ``json``,
so the common paths import neither pandas nor pyarrow; Parquet needs pyarrow.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sentiment.errors import InputError
from sentiment.io.formats.base import CHUNK_ROWS, Chunk, find_format, in_chunks, text_or_none
from sentiment.neutral import neutral_labels
from sentiment.outputs import predictions
from sentiment.io.textfile import read_text

__all__ = ["Chunk", "iter_chunks", "classify_chunks", "ON_ERROR", "ON_ERROR_DEFAULT"]

ON_ERROR = ("fail", "skip", "flag")
#: The one default, on the command line (--on-error) and in Python (sentiment.classify, score_frame): a row
#: with no text is kept and flagged, so a batch is scored whole and every row is accounted for.
ON_ERROR_DEFAULT = "flag"


def looks_like_path(item: str) -> bool:
    """Whether an argument reads as a file name: no white space, and a path separator or a known suffix.

    Examples
    --------
    >>> looks_like_path("reviewz.csv"), looks_like_path("data/reviews"), looks_like_path("notes.txt")
    (True, True, True)
    >>> looks_like_path("A gem."), looks_like_path("good/bad, but mostly good"), looks_like_path("wow.")
    (False, False, False)
    """
    import os

    from sentiment.io.formats.base import suffixes

    if not item or any(c.isspace() for c in item):
        return False
    if "/" in item or os.sep in item:
        return True
    return Path(item).suffix.lower() in {*suffixes(), ".txt", ".gz", ".parquet"}


def argument_kind(item: str, as_text: bool = False) -> str:
    """What a ``classify`` argument is: ``"stdin"`` (``-``), ``"path"`` (an existing file or folder) or ``"text"``.

    An argument that looks like a file name (:func:`looks_like_path`) but names nothing is an
    :class:`InputError`, unless ``as_text``: then every argument is a text.

    Examples
    --------
    >>> argument_kind("-"), argument_kind("A gem."), argument_kind("-", as_text=True), argument_kind("")
    ('stdin', 'text', 'text', 'text')
    """
    if as_text:
        return "text"
    if item == "-":
        return "stdin"
    try:
        # Path("") is the current folder: a blank argument (an unset "$FILE") is an empty text, not a path.
        if item.strip() and len(item) < 4096 and "\n" not in item and Path(item).exists():
            return "path"
    except (OSError, ValueError):
        pass
    if looks_like_path(item):
        raise InputError(f"{item}: no such file or folder; to classify the words {item!r} themselves, "
                         "add --as-text")
    return "text"


def iter_chunks(inputs, *, text_column="text", encoding="utf-8", chunk_rows=CHUNK_ROWS, stdin=None,
                stdin_format="auto", as_text=False):
    """Yield :class:`Chunk` objects for each input, in order (see the module docstring).

    ``-`` is standard input, read as ``stdin_format`` (:mod:`sentiment.io.stdin`).
    An argument that looks like a file name (:func:`looks_like_path`) but names
    nothing is an error, unless ``as_text``: then every input is a text.
    Texts carry ``id`` and ``text`` columns.
    """
    pending_ids, pending_texts = [], []

    def flush():
        nonlocal pending_ids, pending_texts
        if pending_texts:
            chunk = Chunk({"id": pending_ids, "text": list(pending_texts)}, pending_texts, 1, "<arguments>")
            pending_ids, pending_texts = [], []
            return [chunk]
        return []

    n_text = 0
    for item in inputs:
        kind = argument_kind(item, as_text)
        if kind == "stdin":
            from sentiment.io.stdin import stdin_chunks

            yield from flush()
            yield from stdin_chunks(stdin if stdin is not None else sys.stdin, fmt=stdin_format,
                                    text_column=text_column, encoding=encoding, chunk_rows=chunk_rows)
            continue
        if kind == "text":
            n_text += 1
            pending_ids.append(f"text:{n_text}")
            pending_texts.append(item if item.strip() else None)  # blank: no text, as in a table
            continue
        path = Path(item)
        yield from flush()
        fmt = None if path.is_dir() else find_format(path)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not files:
                raise InputError(f"{path}: folder holds no documents")
            texts = (read_text(f, encoding) for f in files)
            for first, part in in_chunks(zip(files, texts), chunk_rows, size=lambda pair: len(pair[1])):
                yield Chunk({"id": [str(f) for f, _ in part]}, [text_or_none(t) for _, t in part],
                            first, str(path))  # an empty file is a row with no text, as a blank cell
        elif fmt is not None:
            yield from fmt.read(path, text_column=text_column, encoding=encoding, chunk_rows=chunk_rows)
        else:
            yield Chunk({"id": [str(path)]}, [text_or_none(read_text(path, encoding))], 1, str(path))
    yield from flush()


def score_texts(pipe, texts):
    """Probabilities for a list of texts (the unit of work a worker process does).

    A chunk whose every row was flagged leaves no text: zero rows, not an error.
    """
    if len(texts) == 0:
        import numpy as np

        return np.zeros((0, len(pipe.classes_)))
    return pipe.predict_proba(texts)


def classify_chunks(pipe, chunks, on_error=ON_ERROR_DEFAULT, report=None, scorer=None, neutral=True, prefix="",
                    by_sentence=None):
    """Classify each chunk; yield ``(columns, names)`` with label, probability and ``p_<class>`` added.

    ``on_error`` decides what happens to a row with no text (missing, empty or
    not a string): ``flag`` (the default) keeps it with empty predictions and ``error``
    set, ``fail`` raises naming the row, ``skip`` leaves it out.  ``report`` (a
    dict) receives the counts of skipped and flagged rows.  ``scorer`` maps an
    iterable of text lists to probability matrices (default: in this process).  With
    ``neutral`` and a model that has a neutral rule (:mod:`sentiment.neutral`), the label is
    ``neutral`` where the rule says so; the ``p_<class>`` columns are the model's either way.
    The answer columns are named after ``prefix``; a chunk whose columns include one of them is an
    :class:`InputError` naming its source (:func:`sentiment.outputs.refuse_overwrite`).  The first chunk's
    columns are the output's: a later chunk (another table) with a column they lack is an
    :class:`InputError` naming it, not a column dropped.
    ``by_sentence`` (the name of the text column) adds each document's sentences as rows after it
    (:mod:`sentiment.io.by_sentence`).
    """
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}")
    import numpy as np

    from sentiment.outputs import ERROR, answer_columns, output_names, refuse_overwrite

    labels = np.asarray(pipe.classes_).tolist()
    outputs = output_names(labels, neutral, prefix, error=on_error == "flag")

    first = None  # (source, columns) of the first chunk: they fix the output's columns

    def checked(chunks):
        nonlocal first
        for chunk in chunks:
            # Every chunk: a later table of the inputs may have a column the first one had not.
            refuse_overwrite(chunk.columns, outputs, chunk.source, "--prefix", prefix)
            if first is None:
                first = (chunk.source, list(chunk.columns))
            extra = [c for c in chunk.columns if c not in first[1]]
            if extra:  # the output's header is written: a column it has not would be dropped, silently
                raise InputError(f"{chunk.source}: column(s) {', '.join(map(str, extra))} not in the first input's "
                                 f"columns ({first[0]}: {', '.join(map(str, first[1]))}), which the output has; "
                                 f"classify {chunk.source} on its own, or give it the same columns")
            bad = [i for i, t in enumerate(chunk.texts) if t is None]
            if bad and on_error == "fail":
                i = bad[0]
                ident = chunk.columns["id"][i] if "id" in chunk.columns else f"row {chunk.first_row + i}"
                raise InputError(f"{chunk.source}: row {chunk.first_row + i} ({ident}): no text to classify; "
                                 "use --on-error skip or flag to go on")
            if bad and report is not None:
                report[on_error] = report.get(on_error, 0) + len(bad)
            yield chunk, bad

    pairs = checked(chunks)
    scorer = scorer or (lambda jobs: (score_texts(pipe, texts) for texts in jobs))
    buffered = []

    def texts_of():
        for chunk, bad in pairs:
            buffered.append((chunk, bad))
            yield [t for t in chunk.texts if t is not None] if bad else chunk.texts

    for P in scorer(texts_of()):
        chunk, bad = buffered.pop(0)
        texts = list(chunk.texts)  # one per output row (None where there is no text)
        cols = dict(chunk.columns)
        n = len(chunk)
        if bad and on_error == "skip":
            keep = np.setdiff1d(np.arange(n), bad)
            cols = {k: [v[i] for i in keep] for k, v in cols.items()}
            texts = [texts[i] for i in keep]
            n, bad = len(keep), []
        lab, prob, P = predictions(labels, P, np.setdiff1d(np.arange(n), bad) if bad else None, n)
        rule = neutral_labels(pipe, texts, lab, P) if neutral else None
        if bad:  # flag: the rows with no text keep empty predictions and say why
            err = [None] * n
            for i in bad:
                err[i] = "no text"
            cols[prefix + ERROR] = err
        answers = answer_columns(labels, P, neutral, rule, prefix)
        cols.update(answers)
        if by_sentence:
            from sentiment.io.by_sentence import expand_sentences

            cols = expand_sentences(pipe, cols, texts, by_sentence, list(answers), neutral, first_row=chunk.first_row,
                                    prefix=prefix)
        yield cols


