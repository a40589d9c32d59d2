"""Standard output that cannot be written (``> /dev/full``) is one error line, not a traceback at exit."""

from __future__ import annotations

import os
import sys

from sentiment.errors import InputError

__all__ = ["flush_stdout", "stdout_error"]


def stdout_error(exc: OSError, stream=None) -> InputError | None:
    """The :class:`InputError` for a failed write to standard output (and silence it), or None."""
    from sentiment.io.atomic import write_error

    err = write_error("<stdout>", exc)
    if err is not None:
        _silence(stream or sys.stdout)
    return err


def flush_stdout(stream=None) -> None:
    """Flush standard output; a full or read-only target becomes one :class:`InputError`.

    After a failed flush, standard output is pointed at ``/dev/null``, so the
    interpreter's own flush at exit does not fail a second time.
    """
    stream = stream or sys.stdout
    try:
        stream.flush()
    except OSError as exc:
        err = stdout_error(exc, stream)
        if err is None:
            raise
        raise err from None


def _silence(stream) -> None:
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
