"""Atomic file writes: a reader never sees half a file, a crash never leaves one.

:func:`atomic_write` is the one way the package writes an output file:

* a regular file (or a new name) is written to a temporary file beside it and
  renamed over it, keeping the replaced file's permission bits;
* a symbolic link is followed: its target is what gets replaced, the link stays;
* a device, FIFO or ``/dev/stdout``-like path (anything that is not a regular
  file) is written through, never replaced by a file;
* the temporary file is removed on an exception, Ctrl-C, SIGTERM, SIGHUP, SIGQUIT,
  SIGUSR1 and SIGUSR2 (turned into :class:`Terminated`, a ``KeyboardInterrupt``, while
  the write is open); only SIGKILL (or a crash of the machine) can leave ``.NAME.XXXXXXXX.tmp``;
* a full or read-only file system is one :class:`~sentiment.errors.InputError`
  naming the file.

:func:`refuse_overwriting_inputs` is the one check that no output is one of the
inputs (the same file, through any name or link) or lies inside an input folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading

from sentiment.errors import CLEANUP_SIGNALS, InputError, Terminated, raise_terminated

__all__ = ["atomic_write", "check_writable", "refuse_overwriting_inputs", "Terminated", "write_error", "CLEANUP_SIGNALS",
           "raise_terminated"]

# errno values that mean "this output cannot be written", not "a bug".
_WRITE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG}


def write_error(path, exc: OSError) -> InputError | None:
    """The one-line :class:`InputError` for an ``OSError`` that means the output cannot be written.

    Examples
    --------
    >>> import errno
    >>> str(write_error("out.csv", OSError(errno.ENOSPC, "No space left on device")))
    'out.csv: cannot write: No space left on device'
    >>> write_error("out.csv", OSError(errno.ENOENT, "gone")) is None
    True
    """
    if getattr(exc, "errno", None) in _WRITE_ERRNOS:
        return InputError(f"{os.fspath(path)}: cannot write: {exc.strerror or exc}")
    return None


def _check_name(path: str) -> None:
    if not path.strip():
        raise InputError(f"{path!r}: empty file name for an output")
    if path.endswith(("/", os.sep)):
        raise InputError(f"{path}: is a folder name, expected a file name")
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{path.encode('utf-8', 'backslashreplace').decode()}: file name is not valid text "
                         "(it holds a lone surrogate)") from None


def _writes_through(path: str) -> bool:
    """True for a path that exists and is not a regular file (a device, FIFO, socket, /dev/stdout)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode)


def check_writable(path) -> None:
    """Raise :class:`InputError` unless ``path`` could be created or replaced.

    Examples
    --------
    >>> check_writable("/no/such/folder/model.json")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: /no/such/folder/model.json: folder /no/such/folder does not exist
    >>> check_writable("")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: '': empty file name for an output
    """
    path = os.fspath(path)
    _check_name(path)
    if _writes_through(path):
        if not os.access(path, os.W_OK):
            raise InputError(f"{path}: not writable")
        return
    target = os.path.realpath(path)  # a symlink's target is what gets replaced
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        shown = os.path.dirname(path) if os.path.realpath(os.path.dirname(path) or ".") == folder else folder
        raise InputError(f"{path}: folder {shown or folder} does not exist")
    if os.path.isdir(target):
        raise InputError(f"{path}: is a folder, expected a file name")
    if not os.access(folder, os.W_OK):
        raise InputError(f"{path}: folder {os.path.dirname(path) or folder} is not writable")
    longest = _longest_name(folder)
    if len(os.fsencode(os.path.basename(target))) > longest:  # else "File name too long", after all the work
        raise InputError(f"{path}: the file name is {len(os.fsencode(os.path.basename(target)))} bytes, longer than "
                         f"the folder allows ({longest}); choose a shorter name")


def refuse_overwriting_inputs(outputs, inputs) -> None:
    """Raise :class:`InputError` if an output is an input (same file) or lies inside an input folder.

    ``outputs`` and ``inputs`` are paths or ``None``; an input may be ``LABEL=path``
    and need not exist (then it cannot be overwritten).  Devices and FIFOs are
    written through, never replaced, so they are not compared.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "c.txt").write_text("pos good")
    >>> refuse_overwriting_inputs([str(d / "m.json")], [str(d / "c.txt")])
    >>> refuse_overwriting_inputs([str(d / "c.txt")], ["pos=" + str(d / "c.txt")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: .../c.txt: the output is the input pos=.../c.txt; choose another output name
    """
    existing = []
    stdin_any = None  # whatever standard input is (a pipe too), when it is read: written to, it never ends
    for spec in inputs:
        if spec is None:
            continue
        spec = os.fspath(spec)
        if spec in ("-", "/dev/stdin"):  # the file behind standard input (``< file``), when it is one
            stdin_any = _stdin_stat(any_kind=True)
            st = _stdin_stat()
            if st is not None:
                existing.append(("standard input", "-", st))
            continue
        candidates = [spec]
        if "=" in spec and not os.path.exists(spec):
            candidates.append(spec.split("=", 1)[1])
        for c in candidates:
            if c.strip() and c != "-" and os.path.exists(c):
                existing.append((spec, c, os.stat(c)))
                break
    seen = {}
    for out in outputs:
        if out is None or os.fspath(out) in ("", "-"):
            continue
        out = os.fspath(out)
        if _writes_through(out):
            try:
                out_st = os.stat(out)
            except OSError:
                continue
            if stdin_any is not None and (out_st.st_dev, out_st.st_ino) == (stdin_any.st_dev, stdin_any.st_ino):
                raise InputError(f"{out}: the output is the input standard input; choose another output")
            continue
        target = os.path.realpath(out)
        if target in seen:
            raise InputError(f"{out}: given for two outputs (also as {seen[target]}); choose two names")
        seen[target] = out
        try:
            out_st = os.stat(target)
        except OSError:
            out_st = None
        for spec, c, st in existing:
            if out_st is not None and (out_st.st_dev, out_st.st_ino) == (st.st_dev, st.st_ino):
                raise InputError(f"{out}: the output is the input {spec}; choose another output name")
            if stat.S_ISDIR(st.st_mode):
                folder = os.path.realpath(c)
                if os.path.commonpath([folder, target]) == folder:
                    raise InputError(f"{out}: the output is inside the input folder {spec}; "
                                     "choose a name outside it")


def _stdin_stat(any_kind=False):
    """``os.stat_result`` of the regular file on standard input, else None (a terminal, a pipe, none).

    ``any_kind``: of whatever standard input is (a pipe, a FIFO, a terminal), None only when there is none.
    """
    import sys

    try:
        st = os.fstat(sys.stdin.fileno())
    except (AttributeError, ValueError, OSError):  # no stdin, or one without a descriptor (CliRunner's)
        return None
    return st if any_kind or stat.S_ISREG(st.st_mode) else None


@contextlib.contextmanager
def _signals_as_interrupt():
    """While the body runs, :data:`CLEANUP_SIGNALS` raise :class:`Terminated` (so ``finally`` clean-up runs).

    Only a signal left at its default action is taken: one the program handles or ignores (``nohup`` ignores
    SIGHUP) keeps its handler.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    try:
        for signum in CLEANUP_SIGNALS:
            if signal.getsignal(signum) == signal.SIG_DFL:
                previous[signum] = signal.signal(signum, raise_terminated)
    except (ValueError, OSError):  # not allowed here (an embedded interpreter): go on without
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _longest_name(folder: str) -> int:
    """The longest file name, in bytes, the file system of ``folder`` takes (255 where it does not say)."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _temporary_prefix(target: str, folder: str) -> str:
    """``.NAME.``, NAME cut so that ``.NAME.XXXXXXXX.tmp`` fits the folder's longest file name (a legal
    254-character output name must not fail for its temporary file's sake).

    Examples
    --------
    >>> len(_temporary_prefix("/tmp/" + "a" * 254, "/tmp")) + 8 + len(".tmp") <= 255
    True
    """
    room = max(_longest_name(folder) - len("..") - 8 - len(".tmp"), 1)  # mkstemp adds 8 random characters
    name = os.fsencode(os.path.basename(target))[:room]  # the limit is in bytes: a cut never splits a character
    return f".{name.decode('utf-8', 'ignore')}."


@contextlib.contextmanager
def _write_through(path, mode, encoding, newline, errors=None):
    kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline, "errors": errors}
    try:
        fh = open(path, mode, **kwargs)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with fh:
            yield fh
    except OSError as exc:
        err = write_error(path, exc)
        if err is None:
            raise
        raise err from None


@contextlib.contextmanager
def atomic_write(path, mode="w", encoding="utf-8", newline=None, errors=None):
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    If the body raises (or the process is interrupted or terminated), ``path``
    keeps its old content and the temporary file is removed.  See the module
    docstring for devices, FIFOs and symbolic links.

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
    if _writes_through(path):
        with _write_through(path, mode, encoding, newline, errors) as fh:
            yield fh
        return
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    try:
        old_mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        old_mode = 0o666 & ~umask
    with _signals_as_interrupt():
        try:
            fd, tmp = tempfile.mkstemp(prefix=_temporary_prefix(target, folder), suffix=".tmp", dir=folder)
        except OSError as exc:
            raise InputError(f"{path}: cannot write in {os.path.dirname(path) or folder} ({exc.strerror})") from None
        try:
            kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline, "errors": errors}
            with os.fdopen(fd, mode, **kwargs) as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            # mkstemp makes the file private (0600): give it the replaced file's mode, or a plain open()'s.
            os.chmod(tmp, old_mode)
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if isinstance(exc, OSError) and write_error(path, exc) is not None:
                raise write_error(path, exc) from None
            raise
