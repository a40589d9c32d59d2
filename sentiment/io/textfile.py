"""Reading text files strictly: binary files and bad encodings are named, never guessed."""

from __future__ import annotations

import os
import re

from sentiment.errors import InputError

__all__ = ["MAX_WHOLE_FILE_BYTES", "read_text", "decode", "check_not_binary", "check_encoding", "decode_error",
           "split_lines"]

# Bytes that never occur in text; a NUL among the first 8 KiB marks a binary file.
_SNIFF = 8192
#: A file read whole (a document, a lexicon, a `LABEL TEXT` corpus) may be at most this large: its text takes up
#: to four times as much memory. Tables (CSV, TSV, JSON lines) are streamed and have no such limit.
MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024
_READ_BLOCK = 1024 * 1024


def check_encoding(encoding: str) -> str:
    """The codec's canonical name, or an :class:`InputError` naming ``--encoding``.

    Examples
    --------
    >>> check_encoding("UTF8")
    'utf-8'
    >>> check_encoding("bogus")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: --encoding 'bogus': unknown encoding (try utf-8, latin-1, utf-16, cp1252)
    """
    import codecs

    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError, ValueError):
        raise InputError(f"--encoding {encoding!r}: unknown encoding (try utf-8, latin-1, utf-16, cp1252)") from None
    if getattr(info, "_is_text_encoding", True) is False:
        raise InputError(f"--encoding {encoding!r}: not a text encoding")
    return info.name


def _wide(encoding: str) -> bool:
    """UTF-16 and UTF-32 text is full of NUL bytes: the binary sniff cannot apply."""
    return check_encoding(encoding).startswith(("utf-16", "utf-32"))


def decode_error(path, encoding: str) -> InputError:
    """The :class:`InputError` for the first byte of ``path`` that ``encoding`` cannot decode, at its exact line.

    The file is decoded again from the start in blocks (readers ahead of a
    streaming parser do not know which line they were on).
    """
    import codecs

    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset, lines, block = 0, 1, 1 << 20
    with open(path, "rb") as fh:
        while True:
            raw = fh.read(block)
            try:
                decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:
                # exc.start counts from the bytes the decoder held back plus this block.
                held = len(exc.object) - len(raw)
                pos = max(exc.start - held, 0)
                lines += raw.count(b"\n", 0, pos)
                bad = exc.object[exc.start : exc.start + 1].hex()
                return _decode_message(path, encoding, lines, bad, offset + pos)
            if not raw:
                break
            lines += raw.count(b"\n")
            offset += len(raw)
    return InputError(f"{os.fspath(path)}: not valid {encoding}")


def _decode_message(path, encoding, line, bad, offset) -> InputError:
    hint = "; try --encoding latin-1" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else ""
    return InputError(f"{os.fspath(path)}: not valid {encoding} at line {line}, byte 0x{bad} (offset {offset}){hint}")


def check_not_binary(raw: bytes, path: str | os.PathLike, encoding: str = "utf-8") -> None:
    """Raise :class:`InputError` when ``raw`` looks like a binary file (not for UTF-16/32, where NULs are text).

    Examples
    --------
    >>> check_not_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "cat.png")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: cat.png: binary file (NUL byte at offset 8), not text
    """
    if _wide(encoding):
        return
    head = raw[:_SNIFF]
    nul = head.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{os.fspath(path)}: binary file (NUL byte at offset {nul}), not text")


def decode(raw: bytes, path: str | os.PathLike, encoding: str = "utf-8") -> str:
    """Decode ``raw`` or raise an :class:`InputError` naming the line and byte.

    Examples
    --------
    >>> decode("caf\\u00e9\\n".encode("utf-8"), "ok.txt")
    'café\\n'
    >>> decode(b"fine\\ncaf\\xe9\\n", "rt-polarity.all")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: rt-polarity.all: not valid utf-8 at line 2, byte 0xe9 (offset 8); try --encoding latin-1
    """
    check_not_binary(raw, path, encoding)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _decode_message(path, encoding, line, raw[exc.start : exc.start + 1].hex(), exc.start) from None
    # A UTF-8 byte-order mark is not part of the text.
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: str | os.PathLike, encoding: str = "utf-8", max_bytes: int = MAX_WHOLE_FILE_BYTES) -> str:
    """Read a whole text file strictly (see :func:`decode`), in bounded blocks.

    Whatever the file is (a 20 GB sparse file, ``/dev/zero``, ``/dev/urandom``, a FIFO that never ends),
    memory stays bounded: a regular file larger than ``max_bytes`` is refused before it is read, and any
    other source is read a block at a time, its first block checked for NUL bytes as it arrives and the
    whole stopped at ``max_bytes``.
    """
    try:
        with open(path, "rb") as fh:
            raw = _bounded_read(fh, path, encoding, max_bytes)
    except IsADirectoryError:
        raise InputError(f"{os.fspath(path)}: is a folder, expected a file") from None
    except FileNotFoundError:
        raise InputError(f"{os.fspath(path)}: no such file") from None
    except PermissionError:
        raise InputError(f"{os.fspath(path)}: permission denied") from None
    return decode(raw, path, encoding)


def _bounded_read(fh, path, encoding, max_bytes) -> bytes:
    import stat

    name = os.fspath(path)
    st = os.fstat(fh.fileno())
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise InputError(f"{name}: {st.st_size:,} bytes, more than a file read whole may hold ({max_bytes:,}); "
                         "split it, or give it as a CSV or JSON-lines table (tables are streamed)")
    blocks, total = [], 0
    while True:
        block = fh.read(_READ_BLOCK)
        if not block:
            return b"".join(blocks)
        if not blocks:
            check_not_binary(block, path, encoding)  # /dev/zero, /dev/urandom: at once, not after reading it all
        blocks.append(block)
        total += len(block)
        if total > max_bytes:
            raise InputError(f"{name}: more than {max_bytes:,} bytes, more than a file read whole may hold; "
                             "split it, or give it as a CSV or JSON-lines table (tables are streamed)")


def split_lines(text: str) -> list[str]:
    r"""Split at line endings: ``\n``, ``\r\n`` and a bare ``\r`` (old Mac files), as Python's universal
    newlines do, but not at the other characters ``str.splitlines`` breaks at: U+0085 or U+2028 inside a
    document is part of it.

    Examples
    --------
    >>> split_lines("a\x85b\r\nc\n"), split_lines("pos a gem\rneg a mess\r")
    (['a\x85b', 'c'], ['pos a gem', 'neg a mess'])
    """
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


_LINE_END = re.compile("\r\n|\r|\n")
