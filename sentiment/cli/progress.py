"""Progress bars on stderr for the command line: click's bar, only on a terminal.

click's own ``progressbar`` was chosen by start-up cost: click is imported
anyway, and its bar adds about 5 ms, where tqdm adds about 34 ms and
rich.progress about 29 ms (best of 15 runs of ``python -c 'import click, X'``
against ``import click``; docs/design.md).  Bars show the total, the rate
and the ETA when the total is known (bytes for files being streamed), a
running count and rate otherwise; nothing at all when stderr is not a
terminal or with ``--quiet``.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import time

import click

from sentiment.progress import reporting, task

__all__ = ["bars", "Bar", "human_bytes"]


def human_bytes(n: float) -> str:
    """``1536`` → ``'1.5 kB'``.

    Examples
    --------
    >>> human_bytes(999), human_bytes(1536), human_bytes(3.5e9)
    ('999 B', '1.5 kB', '3.3 GB')
    """
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def _amount(n, unit):
    return human_bytes(n) if unit == "bytes" else f"{n:,.0f} {unit}"


class Bar:
    """One bar: click's when the total is known, a counter line with the rate when it is not."""

    def __init__(self, label, total=None, unit="items", file=None):
        self.label, self.total, self.unit = label, total, unit
        self.file = file or sys.stderr
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._bar = None
        if total:
            self._bar = click.progressbar(length=int(total), label=label, file=self.file, show_eta=True,
                                          show_percent=True, show_pos=False, item_show_func=lambda s: s,
                                          update_min_steps=1)
            self._bar.__enter__()

    def _rate(self):
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        per = "/s"
        return (human_bytes(rate) if self.unit == "bytes" else f"{rate:,.1f} {self.unit}") + per

    def update(self, n=1):
        self.done += n
        if self._bar is not None:
            if self.unit == "bytes":
                info = f"{human_bytes(self.done)}/{human_bytes(self.total)}, {self._rate()}"
            else:
                info = f"{self.done:,.0f}/{self.total:,.0f} {self.unit}, {self._rate()}"
            self._bar.update(min(n, max(self.total - self._bar.pos, 0)), info)
            return
        now = time.monotonic()
        if now - self._last >= 0.1:  # a counter redrawn at most ten times a second
            self._last = now
            self.file.write(f"\r{self.label}: {_amount(self.done, self.unit)}, {self._rate()}   ")
            self.file.flush()

    def close(self):
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
        elif self.done:
            self.file.write(f"\r{self.label}: {_amount(self.done, self.unit)}, {self._rate()}   \n")
            self.file.flush()


def wanted(quiet=False, stream=None) -> bool:
    """Bars only on a terminal, and not with --quiet."""
    stream = stream or sys.stderr
    try:
        return not quiet and stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def bars(quiet=False):
    """Inside the block, the library's tasks (:mod:`sentiment.progress`) draw bars on stderr, if wanted."""
    if not wanted(quiet):
        yield
        return
    with reporting(Bar):
        yield


def draws_progress(fn):
    """Run a command whose ``quiet`` parameter says whether the library's tasks draw bars."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with bars(kwargs.get("quiet", False)):
            return fn(*args, **kwargs)

    return wrapper


def quiet_option(fn):
    """``--quiet/-q`` for a command that had none: no progress bars (they show only on a terminal anyway)."""

    @functools.wraps(fn)
    def wrapper(*args, quiet, **kwargs):
        with bars(quiet):
            return fn(*args, **kwargs)

    return click.option("--quiet", "-q", is_flag=True, help="No progress bars on stderr.")(wrapper)


def input_bytes(inputs):
    """``{source: bytes}`` of the files and folders among ``inputs``, or None if any is a text or ``-``."""
    from pathlib import Path

    sizes = {}
    for item in inputs:
        path = Path(item)
        try:
            if path.is_file():
                sizes[str(path)] = path.stat().st_size
            elif path.is_dir():
                sizes[str(path)] = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
            else:
                return None
        except (OSError, ValueError):
            return None
    return sizes


def _chunk_bytes(chunk) -> int:
    """About how many bytes of input a chunk was read from: its values in UTF-8, one separator each."""
    total = 0
    for values in chunk.columns.values():
        for v in values:
            total += len(v.encode("utf-8", "replace")) + 1 if isinstance(v, str) else 8
    return total


def track_chunks(chunks, inputs, quiet=False):
    """Pass ``classify``'s chunks through, drawing a bar on a terminal.

    Files and folders: bytes read of their total size (each source's estimate
    snaps to its size when the next source starts), so the bar has a rate and
    an ETA; standard input or texts: a running count of documents and the rate.
    """
    if not wanted(quiet):
        yield from chunks
        return
    sizes = input_bytes(inputs)
    if not sizes:
        with task("classifying", None, "docs") as bar:  # a task, so featurizing inside draws no second bar
            for chunk in chunks:
                yield chunk
                bar.update(len(chunk))
        return
    total = sum(sizes.values())
    seen: dict = {}
    current = None
    with task("classifying", total, "bytes") as bar:
        for chunk in chunks:
            yield chunk
            if current is not None and chunk.source != current and current in sizes:
                rest = sizes[current] - seen.get(current, 0)  # the previous source is finished: count it whole
                if rest > 0:
                    bar.update(rest)
                    seen[current] = sizes[current]
            current = chunk.source
            step = _chunk_bytes(chunk)
            if current in sizes:
                step = max(0, min(step, sizes[current] - seen.get(current, 0)))
            seen[current] = seen.get(current, 0) + step
            bar.update(step)
        if bar.done < total:  # every input read to its end
            bar.update(total - bar.done)
