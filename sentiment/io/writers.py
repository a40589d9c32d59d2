"""Reports → files and terminals: the registry of output formats (table, CSV, TSV, JSON, JSON lines).

Rows arrive as columns (``{name: list or array}``) in chunks, so a large batch
streams; only the table format, which must size its columns, buffers.  Each
format is an :class:`OutputFormat` in one registry: the CLI's ``--csv``/``--json``/…
flags and the choice by ``-o`` file extension come from it.  Adding one is
one module and one registration::

    register_output(OutputFormat("xml", (".xml",), "XML rows.", XmlWriter))

Examples
--------
>>> import io
>>> buf = io.StringIO()
>>> write_rows([{"label": "pos", "p": 0.91234}], ["label", "p"], "table", buf)
>>> print(buf.getvalue())
label  p
-----  ------
pos    0.9123
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path

__all__ = ["OutputFormat", "register_output", "output_formats", "get_output", "output_for_path", "ColumnWriter",
           "write_rows", "written_chunks", "format_value", "RowWriter", "json_ready"]


def format_value(v, digits=4) -> str:
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.{digits}f}"
    if v is None:
        return ""
    if hasattr(v, "item"):
        return format_value(v.item(), digits)
    return str(v)


def _plain_list(values):
    """Column values as plain Python objects (numpy arrays → lists; NaN → None)."""
    if hasattr(values, "tolist"):
        values = values.tolist()
    return [None if isinstance(v, float) and v != v else v for v in values]


def _csv_cells(values):
    if hasattr(values, "dtype") and values.dtype.kind == "f":
        return ["" if v != v else f"{v:.6f}" for v in values.tolist()]
    if iter(values) is values:  # a one-shot iterator: the pass over its types below would use it up
        values = list(values)
    if not any(issubclass(t, float) for t in set(map(type, values))):
        return values  # the csv module writes None as "" and anything else as str() does
    return ["" if v is None else (f"{v:.6f}" if isinstance(v, float) else v) for v in values]


class _LineEnds:
    """Rows written with ``\r\n`` reach ``out`` ending in ``\n``.

    The csv module quotes a field only for the characters of its line
    terminator: with ``"\n"`` a bare ``\r`` in a text went out unquoted and read
    back as a line break (50 000 rows came back as 50 322).  Writing with
    ``"\r\n"`` quotes both; each row's own terminator is then shortened here.
    """

    def __init__(self, out):
        self.out = out

    def write(self, row: str):
        return self.out.write(row[:-2] + "\n")


def json_ready(obj):
    """``obj`` with NaN and infinities as ``null`` (JSON has no NaN) and numpy values as Python ones.

    Examples
    --------
    >>> json_ready({"f1": float("nan"), "per_class": [1.0, float("inf")]})
    {'f1': None, 'per_class': [1.0, None]}
    """
    if isinstance(obj, dict):
        return {k: json_ready(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_ready(v) for v in obj]
    if hasattr(obj, "tolist") and not isinstance(obj, (str, bytes)):
        return json_ready(obj.tolist())
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


class RowWriter:
    """Base of the writers: ``RowWriter(out, columns)``, then ``write(cols)`` per chunk and ``close()``."""

    def __init__(self, out, columns):
        self.out, self.columns = out, list(columns)

    def _values(self, cols, c):
        n = len(next(iter(cols.values()))) if cols else 0
        return cols.get(c, [None] * n)

    def write(self, cols: dict) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class DelimitedWriter(RowWriter):
    delimiter = ","

    def __init__(self, out, columns):
        super().__init__(out, columns)
        self._csv = csv.writer(_LineEnds(out), delimiter=self.delimiter, lineterminator="\r\n")
        # With no "\r" in a chunk's cells, "\n" rows straight to ``out`` are the same bytes, without a
        # Python call per row.
        self._plain = csv.writer(out, delimiter=self.delimiter, lineterminator="\n")
        self._csv.writerow(self.columns)

    def write(self, cols):
        values = [self._values(cols, c) for c in self.columns]
        cells = [_csv_cells(v) for v in values]
        bare_cr = any("\r" in "".join(map(str, col)) for v, col in zip(values, cells) if getattr(v, "dtype", None) is None
                      or v.dtype.kind not in "fiub")
        (self._csv if bare_cr else self._plain).writerows(zip(*cells))


class TabWriter(DelimitedWriter):
    delimiter = "\t"


class JsonLinesWriter(RowWriter):
    def _lines(self, cols):
        lists = [_plain_list(self._values(cols, c)) for c in self.columns]
        return [json.dumps(dict(zip(self.columns, vals)), ensure_ascii=False, default=str) for vals in zip(*lists)]

    def write(self, cols):
        lines = self._lines(cols)
        if lines:
            self.out.write("\n".join(lines) + "\n")


class JsonArrayWriter(JsonLinesWriter):
    def __init__(self, out, columns):
        super().__init__(out, columns)
        self._first = True

    def write(self, cols):
        lines = self._lines(cols)
        if lines:
            self.out.write(("[\n" if self._first else ",\n") + ",\n".join(lines))
            self._first = False

    def close(self):
        self.out.write("[]\n" if self._first else "\n]\n")


class TableWriter(RowWriter):
    """A readable table: buffers every row to size the columns.

    A table is for reading, not for a program: a column empty in every row (``error`` when every
    row had text) is left out. The machine formats always keep every column.
    """

    def __init__(self, out, columns):
        super().__init__(out, columns)
        self._buffer = {c: [] for c in self.columns}

    def write(self, cols):
        for c in self.columns:
            self._buffer[c].extend(_plain_list(self._values(cols, c)))

    def close(self):
        cells = [[format_value(v) for v in self._buffer[c]] for c in self.columns]
        columns = list(self.columns)
        if any(cells):
            kept = [i for i, col in enumerate(cells) if any(col)] or list(range(len(columns)))
            columns, cells = [columns[i] for i in kept], [cells[i] for i in kept]
        widths = [max([len(c)] + [len(v) for v in col]) for c, col in zip(columns, cells)]
        line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()
        self.out.write(line(columns) + "\n")
        self.out.write(line(["-" * w for w in widths]) + "\n")
        for row in zip(*cells):
            self.out.write(line(row) + "\n")


def _dump_json(obj, out) -> None:
    # A one-class corpus has undefined metrics: null, since NaN is not JSON.
    out.write(json.dumps(json_ready(obj), indent=2, ensure_ascii=False, default=str, allow_nan=False) + "\n")


@dataclass(frozen=True)
class OutputFormat:
    """One output format.

    Parameters
    ----------
    name : str
        The flag (``--<name>``) and the name messages use.
    suffixes : tuple of str
        ``-o`` file extensions that select it.
    help : str
        The flag's help text.
    writer : type
        A :class:`RowWriter` subclass: ``writer(out, columns)``, ``write(cols)``, ``close()``.
    write_document : callable, optional
        ``write_document(obj, out)``: how a nested report (not rows) is written; without it a report
        goes out as ``metric, class, value`` rows.
    """

    name: str
    suffixes: tuple
    help: str
    writer: type
    write_document: object = None


_OUTPUTS: dict[str, OutputFormat] = {}


def register_output(fmt: OutputFormat) -> OutputFormat:
    """Add ``fmt`` to the registry (the CLI's flags are built from it when the commands are defined)."""
    _OUTPUTS[fmt.name] = fmt
    return fmt


def output_formats() -> list[OutputFormat]:
    """Every registered output format, in registration order."""
    return list(_OUTPUTS.values())


def get_output(name: str) -> OutputFormat:
    """The output format called ``name`` (``ValueError`` if none: a caller's bug, not bad input)."""
    try:
        return _OUTPUTS[name]
    except KeyError:
        raise ValueError(f"format must be one of {', '.join(_OUTPUTS)}; got {name!r}") from None


def output_for_path(path, default=None):
    """The name of the format whose suffix ``path`` has, else ``default``.

    Examples
    --------
    >>> output_for_path("scored.JSONL"), output_for_path("out.txt", "csv"), output_for_path(None)
    ('jsonl', 'csv', None)
    """
    if path in (None, "-"):
        return default
    suffix = Path(str(path)).suffix.lower()
    for fmt in reversed(output_formats()):
        if suffix in fmt.suffixes:
            return fmt.name
    return default


def ColumnWriter(out, columns, fmt="table") -> RowWriter:
    """A writer of chunks of columns in the registered format ``fmt`` to a text stream."""
    return get_output(fmt).writer(out, columns)


def written_chunks(chunks, columns_of, fmt):
    """Each chunk of columns written in format ``fmt``, as text: one piece per chunk (the header comes with
    the first), then what the writer's ``close`` adds. ``columns_of(first_chunk)`` names the output's
    columns; with no chunk at all it is called with ``None``. ``sentiment classify`` writes the pieces to its
    output, ``sentiment serve`` streams them to a client.

    >>> list(written_chunks([{"a": [1, 2]}, {"a": [3]}], lambda cols: ["a"], "csv"))
    ['a\\n1\\n2\\n', '3\\n', '']
    """
    import io

    buffer, writer = io.StringIO(), None

    def drained() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    for cols in chunks:
        if writer is None:
            writer = ColumnWriter(buffer, columns_of(cols), fmt)
        writer.write(cols)
        yield drained()
    if writer is None:
        writer = ColumnWriter(buffer, columns_of(None), fmt)
    writer.close()
    yield drained()


def write_rows(rows, columns, fmt, out) -> None:
    """Write ``rows`` (an iterable of dicts) with the given ``columns`` in format ``fmt`` to ``out``."""
    rows = list(rows)
    w = ColumnWriter(out, columns, fmt)
    w.write({c: [r.get(c) for r in rows] for c in columns})
    w.close()


register_output(OutputFormat("csv", (".csv",), "Comma-separated values with a header row.", DelimitedWriter))
register_output(OutputFormat("json", (".json",), "A JSON array.", JsonArrayWriter, _dump_json))
register_output(OutputFormat("jsonl", (".jsonl", ".ndjson"), "One JSON object per line.", JsonLinesWriter))
register_output(OutputFormat("tsv", (".tsv",), "Tab-separated values.", TabWriter))
register_output(OutputFormat("table", (), "A readable table (default on a terminal).", TableWriter))
