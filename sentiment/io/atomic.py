"""Atomic file writes: a reader never sees half a file, a crash never leaves one."""

from __future__ import annotations

import contextlib
import os
import tempfile

from sentiment.errors import InputError

__all__ = ["atomic_write", "check_writable"]


def check_writable(path) -> None:
    """Raise :class:`InputError` unless ``path`` could be created or replaced.

    Examples
    --------
    >>> check_writable("/no/such/folder/model.json")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: /no/such/folder/model.json: folder /no/such/folder does not exist
    """
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"{path}: folder {os.path.dirname(path) or folder} does not exist")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a folder, expected a file name")
    if not os.access(folder, os.W_OK):
        raise InputError(f"{path}: folder {os.path.dirname(path) or folder} is not writable")


@contextlib.contextmanager
def atomic_write(path, mode="w", encoding="utf-8", newline=None):
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    If the body raises (or the process is interrupted), ``path`` keeps its old
    content and the temporary file is removed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_write(target) as fh:
    ...     _ = fh.write("hello")
    >>> target.read_text()
    'hello'
    """
    path = os.fspath(path)
    check_writable(path)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{path}: cannot write in {os.path.dirname(path) or folder} ({exc.strerror})") from None
    try:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the replaced file's mode, or the one a plain open() would.
        try:
            bits = os.stat(path).st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            bits = 0o666 & ~umask
        os.chmod(tmp, bits)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
