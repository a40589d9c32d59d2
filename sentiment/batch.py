"""Documents to classify, streamed in chunks, with every row accounted for.

:func:`iter_chunks` turns the inputs of ``sentiment classify`` (literal texts,
``-`` for standard input, files, folders, tables) into chunks of
``(rows, texts)``: ``rows`` are dicts of the columns carried to the output
(the id, or the table's own columns), ``texts`` the documents, or ``None`` for
a row with no usable text.  Order is the input order; nothing is dropped here:
what happens to a bad row is :func:`classify_chunks`' ``on_error``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .corpus import TABLE_SUFFIXES, read_table
from .errors import InputError
from .textfile import decode, read_text

__all__ = ["iter_chunks", "classify_chunks", "ON_ERROR"]

ON_ERROR = ("fail", "skip", "flag")
CHUNK_ROWS = 20_000


def _stdin_chunks(stream, chunk_rows, encoding):
    rows, texts, n = [], [], 0
    buffer = getattr(stream, "buffer", None)
    lines = buffer if buffer is not None else stream
    for raw in lines:
        n += 1
        line = decode(raw, "<stdin>", encoding) if isinstance(raw, bytes) else raw
        line = line.rstrip("\r\n")
        rows.append({"id": f"stdin:{n}"})
        texts.append(line)
        if len(rows) >= chunk_rows:
            yield rows, texts
            rows, texts = [], []
    if rows:
        yield rows, texts


def _table_chunks(path: Path, text_column, encoding, chunk_rows):
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        # Validate the header first so a wrong column name fails before any output.
        try:
            with open(path, "rb") as fh:
                head = fh.read(65536)
        except OSError as exc:
            raise InputError(f"{path}: {exc.strerror}") from None
        from .textfile import check_not_binary

        check_not_binary(head, path)
        if not head.strip():
            raise InputError(f"{path}: empty file, no rows")
        sep = "\t" if suffix == ".tsv" else ","
        try:
            reader = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                                 chunksize=chunk_rows, encoding=encoding, on_bad_lines="error")
            first = True
            offset = 0
            for df in reader:
                if first and text_column not in df.columns:
                    raise InputError(f"{path}: no column {text_column!r} (columns: {', '.join(map(str, df.columns))}); "
                                     "choose with --text-column")
                first = False
                yield from _frame_rows(df, text_column, offset)
                offset += len(df)
        except InputError:
            raise
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid {encoding} (byte 0x{exc.object[exc.start:exc.start+1].hex()}); "
                             "try --encoding latin-1") from None
        except Exception as exc:
            msg = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise InputError(f"{path}: cannot parse as {suffix.lstrip('.')}: {msg}") from None
    else:
        df = read_table(path, text_column, None, None, encoding, require_label=False)
        for start in range(0, len(df), chunk_rows):
            yield from _frame_rows(df.iloc[start : start + chunk_rows], text_column, start)


def _frame_rows(df, text_column, offset):
    cols = [str(c) for c in df.columns]
    records = df.to_dict("records")
    texts = []
    for rec in records:
        t = rec.get(text_column)
        texts.append(t if isinstance(t, str) else None)
    rows = [{c: (None if (isinstance(v, float) and v != v) else v) for c, v in zip(cols, rec.values())}
            for rec in records]
    yield rows, texts


def iter_chunks(inputs, *, text_column="text", encoding="utf-8", chunk_rows=CHUNK_ROWS, stdin=None):
    """Yield ``(rows, texts)`` chunks for each input, in order (see the module docstring)."""
    literal_rows, literal_texts = [], []

    def flush():
        nonlocal literal_rows, literal_texts
        if literal_rows:
            out = (literal_rows, literal_texts)
            literal_rows, literal_texts = [], []
            return [out]
        return []

    n_text = 0
    for item in inputs:
        if item == "-":
            yield from flush()
            yield from _stdin_chunks(stdin if stdin is not None else sys.stdin, chunk_rows, encoding)
            continue
        path = Path(item)
        is_path = False
        try:
            is_path = len(item) < 4096 and "\n" not in item and path.exists()
        except OSError:
            is_path = False
        if not is_path:
            n_text += 1
            literal_rows.append({"id": f"text:{n_text}"})
            literal_texts.append(item)
            continue
        yield from flush()
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not files:
                raise InputError(f"{path}: folder holds no documents")
            for start in range(0, len(files), chunk_rows):
                part = files[start : start + chunk_rows]
                yield [{"id": str(f)} for f in part], [read_text(f, encoding) for f in part]
        elif path.suffix.lower() in TABLE_SUFFIXES:
            yield from _table_chunks(path, text_column, encoding, chunk_rows)
        else:
            yield [{"id": str(path)}], [read_text(path, encoding)]
    yield from flush()


def classify_chunks(pipe, chunks, on_error="fail", report=None):
    """Classify each chunk; yield rows with ``label``, ``probability`` and ``p_<class>``.

    ``on_error`` decides what happens to a row whose text is missing:
    ``fail`` raises naming the row, ``skip`` leaves it out of the output,
    ``flag`` keeps it with empty predictions and ``error`` set.  ``report``
    (a dict) receives the counts of skipped and flagged rows.
    """
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}")
    labels = [str(c) for c in pipe.classes_]
    done = 0
    for rows, texts in chunks:
        good = [i for i, t in enumerate(texts) if t is not None]
        if len(good) < len(texts):
            bad = next(i for i, t in enumerate(texts) if t is None)
            if on_error == "fail":
                ident = rows[bad].get("id", f"row {done + bad + 1}")
                raise InputError(f"row {done + bad + 1} ({ident}): no text to classify; "
                                 "use --on-error skip or flag to go on")
        P = pipe.predict_proba([texts[i] for i in good]) if good else None
        out, j = [], 0
        for i, row in enumerate(rows):
            if texts[i] is None:
                if report is not None:
                    report[on_error] = report.get(on_error, 0) + 1
                if on_error == "skip":
                    continue
                out.append({**row, "label": None, "probability": None, "error": "no text"})
                continue
            p = P[j]
            j += 1
            k = int(p.argmax())
            rec = {**row, "label": pipe.classes_[k], "probability": float(p[k])}
            rec.update({f"p_{lab}": float(v) for lab, v in zip(labels, p)})
            out.append(rec)
        done += len(rows)
        yield out
