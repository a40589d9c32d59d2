"""CSV and TSV rows, strictly: every row accounted for, or the line that breaks it named.

One reader for ``classify`` (streamed in chunks) and ``train``/``evaluate``
(whole corpora), so the two cannot disagree about a file:

* the header may not name a column twice (which copy would be the text?);
* a row with more or fewer fields than the header stops the read, naming its line;
* quotes are strict: a quoted field must close, and a closing quote must end
  the field, so a stray ``"`` cannot silently swallow the rows after it;
* a byte that is not valid in the encoding is reported at its exact line.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
>>> _ = p.write_text('id,text\\n1,great\\n2,"oops\\n3,awful\\n')
>>> header, rows = open_rows(p)
>>> header
['id', 'text']
>>> list(rows)
Traceback (most recent call last):
...
sentiment.errors.InputError: .../c.csv: line 3: a quoted field opened here is never closed (it runs to the end of the file)
"""

from __future__ import annotations

import csv
from pathlib import Path

from sentiment.errors import InputError
from sentiment.io.formats.base import open_text
from sentiment.io.textfile import decode_error

__all__ = ["open_rows", "quote_error", "check_unique_columns", "delimiter_for"]

csv.field_size_limit(1 << 30)  # a 100 MB review is one field, not an error


def delimiter_for(path) -> str:
    return "\t" if Path(path).suffix.lower() == ".tsv" else ","


def check_unique_columns(names, path) -> None:
    """Refuse a table that names a column twice.

    Examples
    --------
    >>> check_unique_columns(["text", "id", "text"], "c.csv")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: c.csv: column 'text' appears 2 times (columns: text, id, text); rename one
    """
    seen = {}
    for n in names:
        seen[n] = seen.get(n, 0) + 1
    dup = [n for n, k in seen.items() if k > 1]
    if dup:
        which = ", ".join(f"{n!r} appears {seen[n]} times" for n in dup)
        raise InputError(f"{path}: column {which} (columns: {', '.join(map(str, names))}); rename one")


def open_rows(path, encoding="utf-8", delimiter=None):
    """``(header, rows)``: the header's names and an iterator of ``(line, row)`` pairs (see the module docstring).

    ``line`` is the 1-based line on which the row starts.  Blank lines are not rows, except in a one-column
    table, where a blank line is a row with an empty field.
    """
    path = Path(path)
    delimiter = delimiter or delimiter_for(path)
    fh = open_text(path, encoding)
    reader = csv.reader(fh, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        fh.close()
        raise InputError(f"{path}: empty file, no rows") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        fh.close()
        raise _error(path, encoding, exc, 1, delimiter) from None
    check_unique_columns(header, path)
    return header, _rows(fh, reader, header, path, encoding, delimiter)


def _rows(fh, reader, header, path, encoding, delimiter):
    width = len(header)
    with fh:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except (UnicodeDecodeError, csv.Error) as exc:
                raise _error(path, encoding, exc, start, delimiter) from None
            if len(row) != width:
                if not row and width != 1:  # a blank line is not a row
                    continue
                if not row:  # except in a one-column table: there it is a row with an empty field
                    row = [""]
                else:
                    raise InputError(f"{path}: line {start}: {len(row)} fields, the header has {width}")
            yield start, row


def _error(path, encoding, exc, start, delimiter):
    if isinstance(exc, UnicodeDecodeError):
        return decode_error(path, encoding)
    return quote_error(path, exc, start, delimiter)


def quote_error(path, exc, start, delimiter) -> InputError:
    """The one-line error for a ``csv.Error`` in a row that starts on line ``start``."""
    msg = str(exc)
    if "unexpected end of data" in msg:
        return InputError(f"{path}: line {start}: a quoted field opened here is never closed "
                          "(it runs to the end of the file)")
    if "expected after" in msg:
        sep = "tab" if delimiter == "\t" else repr(delimiter)
        return InputError(f"{path}: line {start}: a field starts with a quote that closes before its end "
                          f"({sep} expected after '\"'); quote the whole field and double the quotes inside it")
    return InputError(f"{path}: line {start}: {msg}")
