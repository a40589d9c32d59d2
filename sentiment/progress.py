"""Progress of long loops, told to whoever listens; silent unless someone does.

Library code marks its long loops (solver iterations, folds, the tuning grid,
bootstrap resamples, featurizing, reading) with :func:`task`; nothing is drawn
unless a front end installed a drawer with :func:`reporting` (the command line
does, on a terminal: :mod:`sentiment.cli.progress`).  Only the outermost task
is drawn: a fold's solver iterations do not fight the folds' bar for the line.
This module imports nothing, so marking a loop costs the library nothing.

Examples
--------
>>> seen = []
>>> class Drawer:
...     def __init__(self, label, total, unit): seen.append((label, total, unit))
...     def update(self, n): seen.append(n)
...     def close(self): seen.append("done")
>>> with reporting(Drawer):
...     with task("folds", total=2, unit="folds") as bar:
...         for k in range(2):
...             with task("solver", total=100) as inner:   # nested: not drawn
...                 inner.update(100)
...             bar.update(1)
>>> seen
[('folds', 2, 'folds'), 1, 1, 'done']
>>> with task("nobody listens", total=3) as bar:
...     bar.update(3)
"""

from __future__ import annotations

import contextlib

__all__ = ["task", "reporting", "active", "listening"]

_drawer = None
_depth = 0


class _Silent:
    def update(self, n=1):
        pass

    def close(self):
        pass


_SILENT = _Silent()


def listening() -> bool:
    """Whether a front end draws tasks at all."""
    return _drawer is not None


def active() -> bool:
    """Whether a drawer listens and no task is being drawn yet (so a new task would be drawn)."""
    return _drawer is not None and _depth == 0


@contextlib.contextmanager
def task(label, total=None, unit="items"):
    """A long loop: yields an object whose ``update(n)`` says ``n`` more units are done.

    ``total`` is the number of units (None when unknown: no percentage, no ETA).
    """
    global _depth
    bar = _drawer(label, total, unit) if active() else _SILENT
    _depth += 1
    try:
        yield bar
    finally:
        _depth -= 1
        bar.close()


@contextlib.contextmanager
def reporting(drawer):
    """Draw tasks with ``drawer(label, total, unit)`` (an object with ``update`` and ``close``) inside the block."""
    global _drawer
    previous, _drawer = _drawer, drawer
    try:
        yield
    finally:
        _drawer = previous
