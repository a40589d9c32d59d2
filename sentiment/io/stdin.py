r"""Standard input for ``sentiment classify -``: one document a line, or a CSV/TSV/JSON-lines table.

``--format auto`` (the default) looks at the first line: a JSON object makes
it JSON lines; a header naming the ``--text-column`` makes it a TSV (when it
holds a tab) or a CSV, also when that name is the whole line (a one-column
table); anything else is one document per line, and a line ends at ``\n``,
``\r\n`` or a bare ``\r``.  Tables are
read by the same readers as files (:mod:`sentiment.io.formats`), so their
columns are carried to the output and ``--text-column`` chooses the text.
Every line-mode row carries its ``text``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re

from sentiment.io.formats.base import Chunk
from sentiment.io.textfile import _wide, check_not_binary, decode, split_lines

__all__ = ["STDIN_FORMATS", "sniff_stdin", "stdin_chunks"]

STDIN_FORMATS = ("auto", "lines", "csv", "tsv", "jsonl")
SOURCE = "<stdin>"


def sniff_stdin(first_line: str, text_column: str = "text") -> str:
    """The format of standard input judged by its first line: ``jsonl``, ``tsv``, ``csv`` or ``lines``.

    Examples
    --------
    >>> sniff_stdin('{"text": "Great!", "id": 7}'), sniff_stdin("id\\ttext"), sniff_stdin("id,text,stars")
    ('jsonl', 'tsv', 'csv')
    >>> sniff_stdin("A fine film, with text in it."), sniff_stdin("body,stars", text_column="body")
    ('lines', 'csv')
    >>> sniff_stdin("text"), sniff_stdin("texts")
    ('csv', 'lines')
    """
    line = first_line.rstrip("\r\n")
    if line.lstrip().startswith("{"):
        try:
            if isinstance(json.loads(line), dict):
                return "jsonl"
        except RecursionError:  # an object, too deep to read: the JSON-lines reader says so in one line
            return "jsonl"
        except json.JSONDecodeError:
            pass
    if "\t" in line and text_column in line.split("\t"):
        return "tsv"
    try:
        fields = next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return "lines"
    if text_column in fields and (len(fields) > 1 or line.strip() == text_column):
        return "csv"  # a one-column table whose header is the text column's name: the header is not a text
    return "lines"


def _line_chunks(raw_lines, chunk_rows, encoding):
    from sentiment.io.formats.base import CHUNK_CHARS

    ids, texts, n, chars = [], [], 0, 0
    for raw in raw_lines:
        n += 1
        line = decode(raw, f"{SOURCE} line {n}", encoding) if isinstance(raw, bytes) else raw
        n -= 1
        # A bare CR ends a line too (old Mac files), as files' lines do (sentiment.io.textfile.split_lines).
        for line in split_lines(line) or [""]:
            n += 1
            ids.append(f"stdin:{n}")
            texts.append(line)
            chars += len(line)
        if len(texts) >= chunk_rows or chars >= CHUNK_CHARS:  # see sentiment.io.formats.base.in_chunks
            yield _chunk(ids, texts, n - len(texts) + 1)
            ids, texts, chars = [], [], 0
    if texts:
        yield _chunk(ids, texts, n - len(texts) + 1)


#: The longest line standard input may hold (bytes, or characters once decoded): whatever arrives
#: (``/dev/zero``, a stream with no newline), memory stays bounded.
MAX_LINE = 64 * 1024 * 1024
_SNIFF = 8192  # as sentiment.io.textfile: NUL bytes among the first 8 KiB mark binary data


def _bounded_lines(stream, first_number=2):
    """The lines of ``stream`` (bytes or text), each read with a bound: a longer one is an InputError."""
    n = first_number
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE:
            from sentiment.errors import InputError

            raise InputError(f"{SOURCE}: line {n} is longer than {MAX_LINE:,} {'bytes' if isinstance(line, bytes) else 'characters'}"
                             "; standard input holds one document or one row a line")
        yield line
        n += 1


_BARE_CR = re.compile(r"(?<=\r)(?!\n)")


def _decoded_lines(raw_lines, encoding, first_number=2):
    """Bytes lines decoded one by one (an error names its line), split again after any bare CR."""
    for n, raw in enumerate(raw_lines, first_number):
        text = decode(raw, f"{SOURCE} line {n}", encoding)
        yield from (part for part in _BARE_CR.split(text) if part)


def _first_line(raw, encoding):
    """Standard input's first line, its first 8 KiB checked for NUL bytes before any more is read."""
    head = raw.readline(_SNIFF)
    if isinstance(head, bytes):
        check_not_binary(head, SOURCE, encoding)
    ends = ("\n", "\r") if isinstance(head, str) else (b"\n", b"\r")
    if len(head) == _SNIFF and not head.endswith(ends):
        rest = next(_bounded_lines(raw, 1), head[:0])
        if len(head) + len(rest) > MAX_LINE:
            from sentiment.errors import InputError

            raise InputError(f"{SOURCE}: line 1 is longer than {MAX_LINE:,} bytes; standard input holds one "
                             "document or one row a line")
        head += rest
    return head


def _chunk(ids, texts, first_row):
    return Chunk({"id": ids, "text": texts}, [t if t.strip() else None for t in texts], first_row, SOURCE)


def stdin_chunks(stream, *, fmt="auto", text_column="text", encoding="utf-8", chunk_rows=20_000):
    """Chunks of standard input ``stream`` read as ``fmt`` (one of :data:`STDIN_FORMATS`)."""
    if fmt not in STDIN_FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(STDIN_FORMATS)}")
    if stream is None or getattr(stream, "closed", False):  # `classify - <&-`: Python's sys.stdin is None
        from sentiment.errors import InputError

        raise InputError("-: standard input is closed (nothing to read)")
    buffer = getattr(stream, "buffer", None)
    raw = buffer if buffer is not None else stream
    first = _first_line(raw, encoding)
    if not first:
        return
    first_text = decode(first, f"{SOURCE} line 1", encoding) if isinstance(first, bytes) else first
    # With bare-CR line ends the first "line" read may hold many rows (readline stops at LF only).
    header, *more = [part for part in _BARE_CR.split(first_text) if part] or [first_text]
    if fmt == "auto":
        fmt = sniff_stdin(header, text_column)
    if fmt == "lines":
        yield from _line_chunks(itertools.chain([first_text], _bounded_lines(raw)), chunk_rows, encoding)
        return
    if buffer is not None and not _wide(encoding):
        # Each line decoded on its own, so that a bad byte is named at its line (a decoder reading ahead in
        # blocks can only say "near"); a bare CR still ends a line, as a text stream with newline="" reads it.
        rest = _decoded_lines(_bounded_lines(raw), encoding)
    else:
        rest = _bounded_lines(io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
                              if buffer is not None else raw)
    lines = itertools.chain([header], more, rest)
    if fmt == "jsonl":
        from sentiment.io.formats.jsonlines import read_jsonl_lines

        yield from read_jsonl_lines(lines, SOURCE, text_column=text_column, encoding=encoding, chunk_rows=chunk_rows)
    else:
        from sentiment.io.formats.delimited import read_delimited_lines

        yield from read_delimited_lines(lines, SOURCE, text_column=text_column, encoding=encoding,
                                        chunk_rows=chunk_rows, delimiter="\t" if fmt == "tsv" else ",")
