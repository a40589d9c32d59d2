"""Reading text files strictly: binary files and bad encodings are named, never guessed."""

from __future__ import annotations

import os

from sentiment.errors import InputError

__all__ = ["read_text", "decode", "check_not_binary", "split_lines"]

# Bytes that never occur in text; a NUL among the first 8 KiB marks a binary file.
_SNIFF = 8192


def check_not_binary(raw: bytes, path: str | os.PathLike) -> None:
    """Raise :class:`InputError` when ``raw`` looks like a binary file.

    Examples
    --------
    >>> check_not_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "cat.png")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: cat.png: binary file (NUL byte at offset 8), not text
    """
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
    check_not_binary(raw, path)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        hint = "; try --encoding latin-1" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else ""
        raise InputError(
            f"{os.fspath(path)}: not valid {encoding} at line {line}, byte 0x{bad} (offset {exc.start}){hint}"
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    # A UTF-8 byte-order mark is not part of the text.
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: str | os.PathLike, encoding: str = "utf-8") -> str:
    """Read a whole text file strictly (see :func:`decode`)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except IsADirectoryError:
        raise InputError(f"{os.fspath(path)}: is a folder, expected a file") from None
    except FileNotFoundError:
        raise InputError(f"{os.fspath(path)}: no such file") from None
    except PermissionError:
        raise InputError(f"{os.fspath(path)}: permission denied") from None
    return decode(raw, path, encoding)


def split_lines(text: str) -> list[str]:
    r"""Split on newlines only (``\n``, ``\r\n``), not on the other characters
    ``str.splitlines`` breaks at: U+0085 or U+2028 inside a document is part of it.

    Examples
    --------
    >>> split_lines("a\x85b\r\nc\n")
    ['a\x85b', 'c']
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l[:-1] if l.endswith("\r") else l for l in lines]
