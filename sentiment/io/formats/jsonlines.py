"""JSON lines (one object per line) and a JSON array of objects, read with :mod:`json` (no pandas)."""

from __future__ import annotations


from sentiment.errors import InputError
from sentiment.io.formats.base import (CHUNK_ROWS, Chunk, InputFormat, decode_error, in_chunks, missing_column,
                                       open_text, register_format, text_or_none)

__all__ = ["read_jsonl", "read_jsonl_lines", "read_json_array"]


def _chunk(records, names, text_column, label_column, first_row, path):
    if text_column not in names:
        raise missing_column(path, "field", text_column, names, label_column)
    if label_column is not None and label_column not in names:
        raise missing_column(path, "field", label_column, names, label_column)
    columns = {n: [r.get(n) for r in records] for n in names}
    labels = columns[label_column] if label_column is not None else None
    return Chunk(columns, [text_or_none(v) for v in columns[text_column]], first_row, str(path), labels)


def read_jsonl(path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=CHUNK_ROWS):
    """Yield chunks of JSON-lines records (blank lines skipped; every other line one object).

    A first pass reads every record's field names, so each chunk has every field of the file as a
    column: the output's columns are the first chunk's, and a field first seen in record 30 000 (or
    after the first 2 M characters) would otherwise be dropped from the output.
    """
    names: dict = {}
    with open_text(path, encoding) as fh:
        for _ in _records(fh, path, encoding, names):
            pass
    with open_text(path, encoding) as fh:
        yield from read_jsonl_lines(fh, path, text_column=text_column, label_column=label_column, encoding=encoding,
                                    chunk_rows=chunk_rows, names=names)


def read_jsonl_lines(lines, path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=CHUNK_ROWS,
                     names=None):
    """:func:`read_jsonl` over lines of text already open (standard input); ``path`` names them in messages.

    ``names``: every field of the records when known (a file's first pass); else a field first seen
    after the first chunk is an error, as the output's columns are the first chunk's.
    """
    complete = names is not None
    names = dict(names) if complete else {}
    frozen = [False]  # after the first chunk, no new field may appear (unless every field is known)

    def check(rec, line_no):
        if frozen[0] and not complete:
            new = [k for k in rec if k not in names]
            if new:
                raise InputError(f"{path}: line {line_no}: field {new[0]!r} first appears after the first chunk of "
                                 "rows, whose fields are the output's columns; give it in the first record (null "
                                 "will do), or read the records from a file")

    first_chunk = True
    for first, batch in in_chunks(_records(lines, path, encoding, names, check), chunk_rows,
                                  size=_text_size(text_column)):
        if first_chunk:
            frozen[0], first_chunk = True, False
        yield _chunk(batch, names, text_column, label_column, first, path)


def _records(lines, path, encoding, names, check=None):
    """The records of JSON lines, blank lines skipped; each record's fields are added to ``names``."""
    from sentiment.io.jsonrecords import loads_record

    line_no = 0
    try:
        for line in lines:
            line_no += 1
            if not line.strip():
                continue
            rec = loads_record(line, f"{path}: line {line_no}")  # an object; a key given twice refused
            if check is not None:
                check(rec, line_no)
            names.update(dict.fromkeys(rec))
            yield rec
    except UnicodeDecodeError as exc:
        raise decode_error(path, encoding, line_no + 1, exc) from None


def read_json_array(path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=CHUNK_ROWS):
    """Yield chunks of a JSON array of objects (the whole array is parsed at once)."""
    with open_text(path, encoding) as fh:
        try:
            from sentiment.io.jsonrecords import parse_json

            data = parse_json(fh.read(), str(path), position=True)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid {encoding} (byte 0x{exc.object[exc.start:exc.start + 1].hex()}); "
                             "try --encoding latin-1") from None
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise InputError(f"{path}: expected a JSON array of objects")
    names: dict = {}
    for r in data:
        names.update(dict.fromkeys(r))
    for first, batch in in_chunks(data, chunk_rows, size=_text_size(text_column)):
        yield _chunk(batch, names, text_column, label_column, first, path)


def _text_size(text_column):
    """A record's characters of text, for :func:`~sentiment.io.formats.base.in_chunks`."""
    return lambda rec: len(value) if isinstance(value := rec.get(text_column), str) else 0


def _dask_jsonl(path, *, encoding="utf-8"):
    import dask.dataframe as dd

    return dd.read_json(path, lines=True, blocksize=2**25, encoding=encoding)


register_format(InputFormat("jsonl", (".jsonl", ".ndjson"), read=read_jsonl, to_dask=_dask_jsonl))
register_format(InputFormat("json", (".json",), read=read_json_array))
