"""Documents to classify, streamed in chunks, with every row accounted for.

:func:`iter_chunks` turns the inputs of ``sentiment classify`` (literal texts,
``-`` for standard input, files, folders, tables) into :class:`Chunk` objects:
the columns carried to the output (an ``id``, or the table's own columns) and
the texts, ``None`` for a row with no usable text.  Order is input order and
nothing is dropped here; what happens to a bad row is decided by
:func:`classify_chunks`' ``on_error``.  Memory stays flat: a table is read
``chunk_rows`` rows at a time.

CSV/TSV are read with the standard library's C ``csv`` reader, JSON lines with
``json``, so the common paths import neither pandas nor pyarrow; Parquet needs pyarrow.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from sentiment.errors import InputError
from sentiment.io.textfile import decode, read_text

__all__ = ["Chunk", "iter_chunks", "classify_chunks", "ON_ERROR", "TABLE_SUFFIXES"]

ON_ERROR = ("fail", "skip", "flag")
CHUNK_ROWS = 20_000
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")
csv.field_size_limit(1 << 30)  # a 100 MB review is one field, not an error


@dataclass
class Chunk:
    """Rows of input: ``columns`` (name → list of values) and the ``texts`` to classify."""

    columns: dict
    texts: list
    first_row: int  # 1-based number of the chunk's first row in its input
    source: str

    def __len__(self):
        return len(self.texts)


def _stdin_chunks(stream, chunk_rows, encoding):
    ids, texts, n = [], [], 0
    buffer = getattr(stream, "buffer", None)
    lines = buffer if buffer is not None else stream
    for raw in lines:
        n += 1
        line = decode(raw, f"<stdin> line {n}", encoding) if isinstance(raw, bytes) else raw
        line = line.rstrip("\r\n")
        texts.append(line if line.strip() else None)
        ids.append(f"stdin:{n}")
        if len(texts) >= chunk_rows:
            yield Chunk({"id": ids}, texts, n - len(texts) + 1, "<stdin>")
            ids, texts = [], []
    if texts:
        yield Chunk({"id": ids}, texts, n - len(texts) + 1, "<stdin>")


def _open_text(path: Path, encoding: str):
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    from sentiment.io.textfile import check_not_binary

    head = fh.read(8192)
    check_not_binary(head, path)
    if not head.strip():
        fh.close()
        raise InputError(f"{path}: empty file, no rows")
    fh.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
    return io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")


def _csv_chunks(path: Path, text_column, encoding, chunk_rows, delimiter):
    fh = _open_text(path, encoding)
    reader = csv.reader(fh, delimiter=delimiter)
    try:
        with fh:
            header = next(reader)
            if text_column not in header:
                raise InputError(f"{path}: no column {text_column!r} (columns: {', '.join(header)}); "
                                 "choose with --text-column")
            width, t = len(header), header.index(text_column)
            rows, row_no = [], 0
            for row in reader:
                row_no += 1
                if len(row) != width:
                    if not row:  # a blank line is not a row
                        row_no -= 1
                        continue
                    raise InputError(f"{path}: line {reader.line_num}: {len(row)} fields, the header has {width}")
                rows.append(row)
                if len(rows) >= chunk_rows:
                    yield _rows_chunk(header, rows, t, row_no - len(rows) + 1, path)
                    rows = []
            if rows:
                yield _rows_chunk(header, rows, t, row_no - len(rows) + 1, path)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid {encoding} near line {reader.line_num + 1} "
                         f"(byte 0x{exc.object[exc.start:exc.start + 1].hex()}); try --encoding latin-1") from None
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: {exc}") from None


def _rows_chunk(header, rows, t, first_row, path):
    columns = {name: list(col) for name, col in zip(header, zip(*rows))}
    texts = [v if v.strip() else None for v in columns[header[t]]]
    return Chunk(columns, texts, first_row, str(path))


def _jsonl_chunks(path: Path, text_column, encoding, chunk_rows):
    fh = _open_text(path, encoding)
    records, names, line_no = [], {}, 0
    try:
        with fh:
            for line in fh:
                line_no += 1
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}: line {line_no}: not valid JSON ({exc.msg})") from None
                if not isinstance(rec, dict):
                    raise InputError(f"{path}: line {line_no}: expected a JSON object")
                records.append(rec)
                names.update(dict.fromkeys(rec))
                if len(records) >= chunk_rows:
                    yield _records_chunk(records, names, text_column, line_no, path)
                    records = []
            if records:
                yield _records_chunk(records, names, text_column, line_no, path)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid {encoding} near line {line_no + 1} "
                         f"(byte 0x{exc.object[exc.start:exc.start + 1].hex()}); try --encoding latin-1") from None


def _records_chunk(records, names, text_column, last_line, path):
    if text_column not in names:
        raise InputError(f"{path}: no field {text_column!r} (fields: {', '.join(names)}); choose with --text-column")
    columns = {n: [r.get(n) for r in records] for n in names}
    texts = [v if isinstance(v, str) and v.strip() else None for v in columns[text_column]]
    return Chunk(columns, texts, last_line - len(records) + 1, str(path))


def _parquet_chunks(path: Path, text_column, chunk_rows):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'sentiment[parquet]'") from None
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        raise InputError(f"{path}: not a Parquet file ({exc})") from None
    if text_column not in pf.schema_arrow.names:
        raise InputError(f"{path}: no column {text_column!r} (columns: {', '.join(pf.schema_arrow.names)}); "
                         "choose with --text-column")
    row = 1
    for batch in pf.iter_batches(batch_size=chunk_rows):
        columns = batch.to_pydict()
        texts = [v if isinstance(v, str) and v.strip() else None for v in columns[text_column]]
        yield Chunk(columns, texts, row, str(path))
        row += len(texts)


def iter_chunks(inputs, *, text_column="text", encoding="utf-8", chunk_rows=CHUNK_ROWS, stdin=None):
    """Yield :class:`Chunk` objects for each input, in order (see the module docstring)."""
    pending_ids, pending_texts = [], []

    def flush():
        nonlocal pending_ids, pending_texts
        if pending_texts:
            chunk = Chunk({"id": pending_ids}, pending_texts, 1, "<arguments>")
            pending_ids, pending_texts = [], []
            return [chunk]
        return []

    n_text = 0
    for item in inputs:
        if item == "-":
            yield from flush()
            yield from _stdin_chunks(stdin if stdin is not None else sys.stdin, chunk_rows, encoding)
            continue
        path = Path(item)
        try:
            is_path = len(item) < 4096 and "\n" not in item and path.exists()
        except (OSError, ValueError):
            is_path = False
        if not is_path:
            n_text += 1
            pending_ids.append(f"text:{n_text}")
            pending_texts.append(item)
            continue
        yield from flush()
        suffix = path.suffix.lower()
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not files:
                raise InputError(f"{path}: folder holds no documents")
            for start in range(0, len(files), chunk_rows):
                part = files[start : start + chunk_rows]
                yield Chunk({"id": [str(f) for f in part]}, [read_text(f, encoding) for f in part], start + 1, str(path))
        elif suffix in (".csv", ".tsv"):
            yield from _csv_chunks(path, text_column, encoding, chunk_rows, "\t" if suffix == ".tsv" else ",")
        elif suffix in (".jsonl", ".ndjson"):
            yield from _jsonl_chunks(path, text_column, encoding, chunk_rows)
        elif suffix == ".parquet":
            yield from _parquet_chunks(path, text_column, chunk_rows)
        else:
            yield Chunk({"id": [str(path)]}, [read_text(path, encoding)], 1, str(path))
    yield from flush()


def score_texts(pipe, texts):
    """Probabilities for a list of texts (the unit of work a worker process does)."""
    return pipe.predict_proba(texts)


def classify_chunks(pipe, chunks, on_error="fail", report=None, scorer=None):
    """Classify each chunk; yield ``(columns, names)`` with label, probability and ``p_<class>`` added.

    ``on_error`` decides what happens to a row with no text (missing, empty or
    not a string): ``fail`` raises naming the row, ``skip`` leaves it out,
    ``flag`` keeps it with empty predictions and ``error`` set.  ``report`` (a
    dict) receives the counts of skipped and flagged rows.  ``scorer`` maps an
    iterable of text lists to probability matrices (default: in this process).
    """
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}")
    import numpy as np

    labels = np.asarray(pipe.classes_).tolist()
    names = [f"p_{l}" for l in labels]

    def checked(chunks):
        for chunk in chunks:
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
        cols = dict(chunk.columns)
        if bad and on_error == "skip":
            keep = np.setdiff1d(np.arange(len(chunk)), bad)
            cols = {k: [v[i] for i in keep] for k, v in cols.items()}
            bad = []
        idx = P.argmax(axis=1) if len(P) else np.zeros(0, dtype=int)
        lab = [labels[i] for i in idx]
        prob = P[np.arange(len(P)), idx] if len(P) else np.zeros(0)
        if bad:  # flag: put empty predictions where the text was missing
            n = len(chunk)
            good = np.setdiff1d(np.arange(n), bad)
            full_lab, full_prob = [None] * n, np.full(n, np.nan)
            full_P = np.full((n, len(labels)), np.nan)
            for j, i in enumerate(good):
                full_lab[i] = lab[j]
            full_prob[good], full_P[good] = prob, P
            lab, prob, P = full_lab, full_prob, full_P
            err = [None] * n
            for i in bad:
                err[i] = "no text"
            cols["error"] = err
        cols["label"], cols["probability"] = lab, prob
        for j, name in enumerate(names):
            cols[name] = P[:, j] if len(P) else np.zeros(0)
        yield cols
