"""Reports → files and terminals: rows as a readable table, CSV, TSV, JSON or JSON lines.

Rows arrive as columns (``{name: list or array}``) in chunks, so a large batch
streams; only the table format, which must size its columns, buffers.

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

__all__ = ["FORMATS", "ColumnWriter", "write_rows", "format_value", "json_ready"]

FORMATS = ("table", "csv", "tsv", "json", "jsonl")


def format_value(v, digits=4) -> str:
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.{digits}f}"
    if v is None:
        return ""
    if hasattr(v, "item"):
        return format_value(v.item(), digits)
    return str(v)


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


def _plain_list(values):
    """Column values as plain Python objects (numpy arrays → lists; NaN → None)."""
    if hasattr(values, "tolist"):
        values = values.tolist()
    return [None if isinstance(v, float) and v != v else v for v in values]


def _csv_cells(values):
    if hasattr(values, "dtype") and values.dtype.kind == "f":
        return ["" if v != v else f"{v:.6f}" for v in values.tolist()]
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


class ColumnWriter:
    """Write chunks of columns in one of :data:`FORMATS` to a text stream."""

    def __init__(self, out, columns, fmt="table"):
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
        self.out, self.columns, self.fmt = out, list(columns), fmt
        self._buffer = {c: [] for c in self.columns}
        self._first = True
        if fmt in ("csv", "tsv"):
            self._csv = csv.writer(_LineEnds(out), delimiter="," if fmt == "csv" else "\t", lineterminator="\r\n")
            self._csv.writerow(self.columns)

    def write(self, cols: dict):
        if self.fmt in ("csv", "tsv"):
            self._csv.writerows(zip(*(_csv_cells(cols.get(c, [None] * self._n(cols))) for c in self.columns)))
        elif self.fmt in ("json", "jsonl"):
            lists = [_plain_list(cols.get(c, [None] * self._n(cols))) for c in self.columns]
            dumps = json.dumps
            lines = [dumps(dict(zip(self.columns, vals)), ensure_ascii=False, default=str) for vals in zip(*lists)]
            if not lines:
                return
            if self.fmt == "jsonl":
                self.out.write("\n".join(lines) + "\n")
            else:
                self.out.write(("[\n" if self._first else ",\n") + ",\n".join(lines))
                self._first = False
        else:
            for c in self.columns:
                self._buffer[c].extend(_plain_list(cols.get(c, [None] * self._n(cols))))

    @staticmethod
    def _n(cols):
        return len(next(iter(cols.values()))) if cols else 0

    def close(self):
        if self.fmt == "json":
            self.out.write("[]\n" if self._first else "\n]\n")
        elif self.fmt == "table":
            cells = [[format_value(v) for v in self._buffer[c]] for c in self.columns]
            widths = [max([len(c)] + [len(v) for v in col]) for c, col in zip(self.columns, cells)]
            line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()
            self.out.write(line(self.columns) + "\n")
            self.out.write(line(["-" * w for w in widths]) + "\n")
            for row in zip(*cells):
                self.out.write(line(row) + "\n")


def write_rows(rows, columns, fmt, out) -> None:
    """Write ``rows`` (an iterable of dicts) with the given ``columns`` in format ``fmt`` to ``out``."""
    rows = list(rows)
    w = ColumnWriter(out, columns, fmt)
    w.write({c: [r.get(c) for r in rows] for c in columns})
    w.close()
