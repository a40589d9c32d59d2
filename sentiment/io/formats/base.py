"""The registry of input formats: how a file of rows is recognised, read in chunks and handed to Dask.

Every reader of rows goes through here: :func:`~sentiment.io.corpus.read_corpus`
(labelled corpora), ``sentiment classify``'s streaming reader
(:func:`~sentiment.io.batch.iter_chunks`) and ``classify --engine dask``.  A
format is an :class:`InputFormat`: a name, its suffixes, optionally a ``sniff``
that recognises a file by its first bytes, a ``read`` that yields
:class:`Chunk` objects, and optionally a ``to_dask``.

Adding one is one module and one registration::

    register_format(InputFormat("myformat", (".my",), read=read_my_rows))

(and, for a format that ships with the package, its module's name in
``_BUILTIN`` so it is imported on first use).

Examples
--------
>>> [f.name for f in input_formats()][:5]  # the built-in ones first
['csv', 'tsv', 'jsonl', 'json', 'parquet']
>>> find_format("reviews.TSV").name, find_format("notes.txt")
('tsv', None)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sentiment.errors import InputError

__all__ = ["Chunk", "InputFormat", "register_format", "input_formats", "find_format", "suffixes", "CHUNK_ROWS",
           "CHUNK_CHARS", "open_text", "missing_column", "column_chunks"]

CHUNK_ROWS = 20_000
#: A chunk's rows stop at this many characters of text, where the reader can tell (see :func:`in_chunks`).
CHUNK_CHARS = 2_000_000

# The formats that ship with the package, in detection order; imported on first use.
_BUILTIN = ("sentiment.io.formats.delimited", "sentiment.io.formats.jsonlines", "sentiment.io.formats.parquet",
            "sentiment.io.formats.amazon", "sentiment.io.formats.pros_cons")
_FORMATS: dict[str, "InputFormat"] = {}
_loaded = False


@dataclass
class Chunk:
    """Rows of input: ``columns`` (name → list of values) and the ``texts`` to classify.

    ``texts`` holds ``None`` for a row with no usable text (missing, empty or not
    a string); ``labels`` holds the raw labels when the reader was asked for them.
    """

    columns: dict
    texts: list
    first_row: int  # 1-based number of the chunk's first row in its input
    source: str
    labels: list | None = field(default=None)

    def __len__(self):
        return len(self.texts)


@dataclass(frozen=True)
class InputFormat:
    """One input format.

    Parameters
    ----------
    name : str
        What messages and ``--help`` call it.
    suffixes : tuple of str
        File name endings (lower case, with the dot) that select it.
    read : callable
        ``read(path, *, text_column, label_column, encoding, chunk_rows) -> Iterator[Chunk]``;
        ``label_column`` is ``None`` when no labels are wanted, else the column to carry as
        ``Chunk.labels`` (missing: :class:`InputError`).  Rows come in input order, none dropped.
    sniff : callable, optional
        ``sniff(path, head: bytes) -> bool``: recognise a file by its first bytes; checked before
        suffixes, so a format can claim e.g. a header-less ``.csv``.
    to_dask : callable, optional
        ``to_dask(path, *, encoding) -> dask.dataframe.DataFrame`` for ``--engine dask``.
    """

    name: str
    suffixes: tuple
    read: Callable[..., Iterator[Chunk]]
    sniff: Callable[[Path, bytes], bool] | None = None
    to_dask: Callable | None = None


def register_format(fmt: InputFormat) -> InputFormat:
    """Add ``fmt`` to the registry (a later registration with the same name replaces the earlier one)."""
    _load_builtin()  # the built-in formats come first, whoever registers first
    _FORMATS[fmt.name] = fmt
    return fmt


def _load_builtin() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _BUILTIN:
            importlib.import_module(module)


def _rank(fmt: InputFormat) -> int:
    # Built-in formats in _BUILTIN's order, then the others: the order must not depend on which
    # module happened to be imported first (``find_format`` lets the last sniffer win).
    module = getattr(fmt.read, "__module__", None)
    return _BUILTIN.index(module) if module in _BUILTIN else len(_BUILTIN)


def input_formats() -> list[InputFormat]:
    """Every registered format: the built-in ones in ``_BUILTIN``'s order, then the others as registered."""
    _load_builtin()
    return sorted(_FORMATS.values(), key=_rank)  # stable: registration order within a rank


def suffixes() -> list[str]:
    """Every suffix some format reads (for messages and help)."""
    return [s for f in input_formats() for s in f.suffixes]


def find_format(path) -> InputFormat | None:
    """The format of ``path``: the last registered whose ``sniff`` accepts its first bytes, else by suffix."""
    formats = input_formats()
    path = Path(path)
    sniffers = [f for f in formats if f.sniff is not None]
    if sniffers and path.is_file():
        try:
            with open(path, "rb") as fh:
                head = fh.read(8192)
        except OSError:
            head = b""
        for f in reversed(sniffers):
            if f.sniff(path, head):
                return f
    suffix = path.suffix.lower()
    for f in reversed(formats):
        if suffix in f.suffixes:
            return f
    return None


def open_text(path: Path, encoding: str):
    """Open ``path`` as text for row readers: binary files and empty files refused, a BOM skipped."""
    import io

    from sentiment.io.textfile import check_encoding, check_not_binary

    codec = check_encoding(encoding)  # --encoding bogus: one line, not a LookupError
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    head = fh.read(8192)
    check_not_binary(head, path, encoding)
    if not head.strip():
        fh.close()
        raise InputError(f"{path}: empty file, no rows")
    fh.seek(3 if head.startswith(b"\xef\xbb\xbf") and codec == "utf-8" else 0)
    return io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")


def missing_column(path, what, name, present, label_column) -> InputError:
    """The error for a text or label column the file does not have."""
    hint = "--text-column/--label-column" if label_column is not None else "--text-column"
    plural = "columns" if what == "column" else "fields"
    return InputError(f"{path}: no {what} {name!r} ({plural}: {', '.join(map(str, present))}); choose with {hint}")


def in_chunks(rows, chunk_rows, size=None, chunk_chars=None):
    """Group an iterable of rows into ``(first_row, rows)`` lists of ``chunk_rows`` (1-based row numbers).

    With ``size`` (a row's characters), a chunk also ends once its rows reach ``chunk_chars``
    (default :data:`CHUNK_CHARS`) characters: 20 000 reviews are 80 MB, which ``classify --jobs`` workers would wait for
    while it is read, and which this process would then write while they sat idle.

    Examples
    --------
    >>> list(in_chunks("abcde", 2))
    [(1, ['a', 'b']), (3, ['c', 'd']), (5, ['e'])]
    >>> [len(rows) for _, rows in in_chunks(["ab", "cd", "e", "fgh"], 10, size=len, chunk_chars=3)]
    [2, 2]
    """
    chunk_chars = CHUNK_CHARS if chunk_chars is None else chunk_chars
    batch, first, chars = [], 1, 0
    for row in rows:
        batch.append(row)
        if size is not None:
            chars += size(row)
        if len(batch) >= chunk_rows or chars >= chunk_chars:
            yield first, batch
            first, batch, chars = first + len(batch), [], 0
    if batch:
        yield first, batch


def decode_error(path, encoding, line_no, exc) -> InputError:
    """The error for a byte that is not valid in ``encoding``: at its exact line when ``path`` is a file
    (a streaming reader's own count is off by its look-ahead), else near line ``line_no``."""
    import os

    if os.path.isfile(path):
        from sentiment.io.textfile import decode_error as exact

        return exact(path, encoding)
    byte = exc.object[exc.start:exc.start + 1].hex()
    return InputError(f"{path}: not valid {encoding} near line {line_no} (byte 0x{byte}); try --encoding latin-1")


def text_or_none(value):
    """A row's text for classifying: the string, or ``None`` when missing, empty or not a string."""
    return value if isinstance(value, str) and value.strip() else None


def column_chunks(path, columns: dict, text_column, label_column, chunk_rows=CHUNK_ROWS):
    """Chunks of a whole file already parsed into ``columns`` (name → list), for formats read at once.

    Examples
    --------
    >>> [(c.texts, c.labels, c.first_row) for c in column_chunks("f", {"text": ["a", ""], "y": [1, 0]}, "text", "y", 1)]
    [(['a'], [1], 1), ([None], [0], 2)]
    """
    for name in [text_column] + ([label_column] if label_column is not None else []):
        if name not in columns:
            raise missing_column(path, "field", name, list(columns), label_column)
    n = len(columns[text_column])
    for start in range(0, n, chunk_rows):
        part = {k: v[start:start + chunk_rows] for k, v in columns.items()}
        yield Chunk(part, [text_or_none(t) for t in part[text_column]], start + 1, str(path),
                    part[label_column] if label_column is not None else None)
