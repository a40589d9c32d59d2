"""Reports → files and terminals: rows as a readable table, CSV, JSON or JSON lines.

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

__all__ = ["FORMATS", "write_rows", "format_value", "RowWriter"]

FORMATS = ("table", "csv", "tsv", "json", "jsonl")


def format_value(v, digits=4) -> str:
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return f"{v:.{digits}f}"
    if v is None:
        return ""
    return str(v)


def _json_safe(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


class RowWriter:
    """Write rows one chunk at a time in one of :data:`FORMATS`.

    ``table`` needs every row to size its columns, so it buffers; the other
    formats stream.
    """

    def __init__(self, out, columns, fmt="table"):
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
        self.out, self.columns, self.fmt = out, list(columns), fmt
        self._rows: list = []
        self._first = True
        if fmt in ("csv", "tsv"):
            self._csv = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            self._csv.writerow(self.columns)

    def write(self, rows):
        for row in rows:
            if self.fmt in ("csv", "tsv"):
                self._csv.writerow([format_value(row.get(c), 6) if isinstance(row.get(c), float) else
                                    ("" if row.get(c) is None else row.get(c)) for c in self.columns])
            elif self.fmt == "jsonl":
                self.out.write(json.dumps({c: _json_safe(row.get(c)) for c in self.columns}, ensure_ascii=False) + "\n")
            elif self.fmt == "json":
                self.out.write(("[\n" if self._first else ",\n") + json.dumps(
                    {c: _json_safe(row.get(c)) for c in self.columns}, ensure_ascii=False))
                self._first = False
            else:
                self._rows.append(row)

    def close(self):
        if self.fmt == "json":
            self.out.write("[]\n" if self._first else "\n]\n")
        elif self.fmt == "table":
            cells = [[format_value(r.get(c)) for c in self.columns] for r in self._rows]
            widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(self.columns)]
            line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()
            self.out.write(line(self.columns) + "\n")
            self.out.write(line(["-" * w for w in widths]) + "\n")
            for row in cells:
                self.out.write(line(row) + "\n")


def write_rows(rows, columns, fmt, out) -> None:
    """Write all ``rows`` (dicts) with the given ``columns`` in format ``fmt`` to ``out``."""
    w = RowWriter(out, columns, fmt)
    w.write(rows)
    w.close()
