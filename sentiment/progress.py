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

__all__ = ["task", "reporting", "active", "listening", "transform_in_chunks", "fit_transform_with_progress"]

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


def transform_in_chunks(transform, docs, label="featurizing", chunk=2000):
    """``transform(docs)``, in chunks of ``chunk`` documents under a task when one would be drawn.

    Only for transforms that treat each document on its own (a fitted
    featurizer's ``transform``): the stacked chunks equal the one-call result.
    Without a listener it is exactly one call.
    """
    docs = docs if isinstance(docs, list) else list(docs)
    if not active() or len(docs) <= chunk:
        return transform(docs)
    parts = []
    with task(label, total=len(docs), unit="docs") as bar:
        for start in range(0, len(docs), chunk):
            parts.append(transform(docs[start:start + chunk]))
            bar.update(len(docs[start:start + chunk]))
    if hasattr(parts[0], "tocsr"):
        from scipy.sparse import vstack

        return vstack(parts, format="csr")
    import numpy as np

    return np.vstack(parts)


def fit_transform_with_progress(featurizer, docs, y):
    """``featurizer.fit_transform(docs, y)``; in drawn chunks when the featurizer learns nothing from data."""
    if getattr(featurizer, "stateless", False) and active():
        docs = list(docs)
        featurizer.fit(docs, y)
        return transform_in_chunks(featurizer.transform, docs)
    with task(f"featurizing {len(docs):,} documents", total=None, unit="docs") as bar:
        X = featurizer.fit_transform(docs, y)
        bar.update(len(docs))
    return X
