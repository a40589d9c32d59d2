"""CSV and TSV, read with the standard library's C ``csv`` reader (no pandas).

A field may hold a 100 MB review; a blank line is not a row, except in a
one-column table, where it is a row with an empty field (a row with no text,
flagged or skipped as any other); a row with a different number of fields than
the header is an error naming its line.
Without a header row (``header=False``, the CLI's ``--no-header``) every row is
data and the columns are named by number from 1: Sentiment140's polarity is
column ``"1"`` and its text column ``"6"``.
"""

from __future__ import annotations

import csv
import itertools

from sentiment.errors import InputError
from sentiment.io.formats import base
from sentiment.io.formats.base import (CHUNK_ROWS, Chunk, InputFormat, decode_error, missing_column, open_text,
                                       register_format)

__all__ = ["read_delimited", "read_delimited_lines"]

csv.field_size_limit(1 << 30)  # a 100 MB review is one field, not an error


def read_delimited(path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=CHUNK_ROWS,
                   delimiter=",", header=True):
    """Yield :class:`~sentiment.io.formats.base.Chunk` objects of ``chunk_rows`` rows (strings, as written).

    ``header=False``: the first row is data, and columns are named ``"1"``, ``"2"``, … .
    """
    fh = open_text(path, encoding)
    with fh:
        yield from read_delimited_lines(fh, path, text_column=text_column, label_column=label_column,
                                        encoding=encoding, chunk_rows=chunk_rows, delimiter=delimiter, header=header)


def read_delimited_lines(lines, path, *, text_column="text", label_column=None, encoding="utf-8",
                         chunk_rows=CHUNK_ROWS, delimiter=",", header=True):
    """:func:`read_delimited` over lines of text already open (standard input); ``path`` names them in messages."""
    # strict: a quoted field must close, and its closing quote end the field, so a stray quote
    # cannot silently swallow the rows after it (issue 12: 5 rows in, 2 out).
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    start = 1
    try:
        first = next(reader, None)
        while first is not None and not header and not first:
            first = next(reader, None)  # blank lines before the first row
        if first is None:
            raise InputError(f"{path}: empty file, no rows")
        names = first if header else [str(i) for i in range(1, len(first) + 1)]
        if header:
            from sentiment.io.delimited import check_unique_columns

            check_unique_columns(names, path)
        for name in [text_column] + ([label_column] if label_column is not None else []):
            if not header and name not in names:
                raise InputError(f"{path}: without a header, columns are numbers 1–{len(names)}, not {name!r}")
            if name not in names:
                raise missing_column(path, "column", name, names, label_column)
        width = len(names)

        # One loop, no generator between the reader and the chunks: on sentences the per-row Python was
        # a third of the reading.  ``start`` is the line the next row starts on, for messages.
        at = names.index(text_column)
        limit = base.CHUNK_CHARS  # see in_chunks: a chunk also ends at this many characters of text
        batch, chars, first_row = [], 0, 1
        start = reader.line_num + 1
        for row in itertools.chain([] if header else [first], reader):  # without a header, the first row is data
            if len(row) != width:
                if row:
                    raise InputError(f"{path}: line {start}: {len(row)} fields, "
                                     f"{'the header has' if header else 'the first row has'} {width}")
                if width != 1:
                    start = reader.line_num + 1  # a blank line is not a row
                    continue
                row = [""]  # in a one-column table a blank line is a row whose one field is empty: no text
            start = reader.line_num + 1
            batch.append(row)
            chars += len(row[at])
            if len(batch) >= chunk_rows or chars >= limit:
                yield _chunk(names, batch, text_column, label_column, first_row, path)
                first_row += len(batch)
                batch, chars = [], 0
        if batch:
            yield _chunk(names, batch, text_column, label_column, first_row, path)
    except UnicodeDecodeError as exc:
        raise decode_error(path, encoding, reader.line_num + 1, exc) from None
    except csv.Error as exc:
        from sentiment.io.delimited import quote_error

        raise quote_error(path, exc, start, delimiter) from None


def _chunk(header, rows, text_column, label_column, first_row, path):
    columns = {name: list(col) for name, col in zip(header, zip(*rows))}
    texts = [v if v.strip() else None for v in columns[text_column]]
    labels = columns[label_column] if label_column is not None else None
    return Chunk(columns, texts, first_row, str(path), labels)


def _dask_reader(sep):
    def to_dask(path, *, encoding="utf-8"):
        import dask.dataframe as dd

        return dd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""], encoding=encoding,
                           blocksize=2**25)

    return to_dask


register_format(InputFormat("csv", (".csv",), read=read_delimited, to_dask=_dask_reader(",")))
register_format(InputFormat("tsv", (".tsv", ".tab"),
                            read=lambda path, **kw: read_delimited(path, delimiter="\t", **kw),
                            to_dask=_dask_reader("\t")))
