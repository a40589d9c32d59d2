"""Whole tables → ``{column: list}``: CSV, TSV, JSON (an array of objects), JSON lines, Parquet.

Every format refuses a column (or key) named twice, so no copy is silently dropped.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "c.csv").write_text("text,label\\ngreat,pos\\n")
>>> read_columns(d / "c.csv")
{'text': ['great'], 'label': ['pos']}
>>> _ = (d / "c.jsonl").write_text('{"text": "a", "text": "b"}\\n')
>>> read_columns(d / "c.jsonl")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
sentiment.errors.InputError: .../c.jsonl: line 1: key 'text' appears twice in one object
"""

from __future__ import annotations

import json
from pathlib import Path

from sentiment.errors import InputError

__all__ = ["read_columns", "read_json_records"]


def _from_records(records) -> dict:
    names: dict = {}
    for rec in records:
        names.update(dict.fromkeys(rec))
    return {n: [r.get(n) for r in records] for n in names}


def read_json_records(path: Path, encoding="utf-8") -> list:
    """A ``.json`` file holding an array of objects (or one object of equal-length columns → rows)."""
    from sentiment.io.jsonrecords import unique_keys
    from sentiment.io.textfile import read_text

    text = read_text(path, encoding)
    if not text.strip():
        raise InputError(f"{path}: empty file, no rows")
    try:
        data = json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a JSON array of objects (one per row), got {type(data).__name__}")
    for i, rec in enumerate(data, 1):
        if not isinstance(rec, dict):
            raise InputError(f"{path}: item {i}: expected a JSON object, got {type(rec).__name__}")
    return data


def read_columns(path, encoding="utf-8") -> dict:
    """Read a whole table by its suffix (see the module docstring)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        from sentiment.io.delimited import open_rows

        header, rows = open_rows(path, encoding)
        cols = [[] for _ in header]
        for _, row in rows:
            for c, v in zip(cols, row):
                c.append(v)
        return dict(zip(header, cols))
    if suffix in (".jsonl", ".ndjson"):
        from sentiment.io.delimited import open_text
        from sentiment.io.jsonrecords import loads_record

        records = []
        try:
            with open_text(path, encoding) as fh:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        records.append(loads_record(line, f"{path}: line {n}"))
        except UnicodeDecodeError:
            from sentiment.io.textfile import decode_error

            raise decode_error(path, encoding) from None
        return _from_records(records)
    if suffix == ".json":
        return _from_records(read_json_records(path, encoding))
    if suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'sentiment[parquet]'") from None
        from sentiment.io.delimited import check_unique_columns

        try:
            pf = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow's errors name no file
            raise InputError(f"{path}: not a Parquet file ({exc})") from None
        check_unique_columns(pf.schema_arrow.names, path)
        return pf.read().to_pydict()
    raise InputError(f"{path}: not a table (.csv, .tsv, .json, .jsonl, .parquet)")
