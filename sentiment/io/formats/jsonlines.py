"""JSON lines (one object per line) and a JSON array of objects, read with :mod:`json` (no pandas)."""

from __future__ import annotations

import json

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
    """Yield chunks of JSON-lines records (blank lines skipped; every other line one object)."""
    fh = open_text(path, encoding)
    with fh:
        yield from read_jsonl_lines(fh, path, text_column=text_column, label_column=label_column, encoding=encoding,
                                    chunk_rows=chunk_rows)


def read_jsonl_lines(lines, path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=CHUNK_ROWS):
    """:func:`read_jsonl` over lines of text already open (standard input); ``path`` names them in messages."""
    names: dict = {}
    line_no = 0

    def records():
        nonlocal line_no
        for line in lines:
            line_no += 1
            if not line.strip():
                continue
            from sentiment.io.jsonrecords import loads_record

            rec = loads_record(line, f"{path}: line {line_no}")  # an object; a key given twice refused
            names.update(dict.fromkeys(rec))
            yield rec

    try:
        for first, batch in in_chunks(records(), chunk_rows, size=_text_size(text_column)):
            yield _chunk(batch, names, text_column, label_column, first, path)
    except UnicodeDecodeError as exc:
        raise decode_error(path, encoding, line_no + 1, exc) from None


def read_json_array(path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=CHUNK_ROWS):
    """Yield chunks of a JSON array of objects (the whole array is parsed at once)."""
    with open_text(path, encoding) as fh:
        try:
            from sentiment.io.jsonrecords import unique_keys

            data = json.load(fh, object_pairs_hook=unique_keys)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
        except ValueError as exc:  # a key given twice
            raise InputError(f"{path}: {exc}") from None
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
