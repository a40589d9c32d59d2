"""Long text → bounded slices: the one rule by which every featurizer path reads a very long document.

A document longer than :data:`SLICE_CHARS` characters is read in slices of about that many
characters, each cut on a white-space character, where no token can straddle the cut; a stretch
of more than :data:`LONGEST_RUN` characters with no white space (a 30 MB base64 blob, or
``"!?"`` repeated) is cut anyway, at the slice size: a token that long is not a word, and searching
on would make the slice, and the memory its tokenizing takes, unbounded (a 30 MB document with no
white space peaked at 2.5 GB under the general model).

Every featurizer (the six counts, the string and the hashed n-gram paths, the cue pass) counts a
long document slice by slice and adds the counts up, so they stay equal to one another and memory
stays a small constant times the slice size.  What differs from reading the document whole:
an n-gram, a negation scope or a sentence (for the cue blocks) does not cross a cut.  A document of
at most :data:`SLICE_CHARS` characters (any review or post) is one slice: read exactly as before.

Examples
--------
>>> list(slices("aaa bbb ccc", size=4))
['aaa bbb', ' ccc']
>>> [len(p) for p in slices("x" * 20, size=8, longest_run=2)]
[8, 8, 4]
>>> list(slices("short"))
['short']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

__all__ = ["SLICE_CHARS", "LONGEST_RUN", "slices", "is_long", "any_long", "weighted_mean"]

#: Documents longer than this many characters are read in slices of about this size.
SLICE_CHARS = 1 << 18
#: A slice is cut inside a run without white space once the run goes this far past the slice size.
LONGEST_RUN = 1 << 16

_SPACE = re.compile(r"\s")  # the tokenizers' white space (`\s`, the same as str.isspace)


def is_long(text: str) -> bool:
    """Whether ``text`` is read in more than one slice."""
    return len(text) > SLICE_CHARS


def any_long(texts) -> bool:
    """Whether any of ``texts`` is read in slices: one C loop over their lengths, for the batch paths.

    >>> any_long(["short", ""]), any_long([])
    (False, False)
    """
    return max(map(len, texts), default=0) > SLICE_CHARS


def slices(text: str, size: int | None = None, longest_run: int | None = None) -> Iterator[str]:
    """Cut ``text`` into pieces of about ``size`` characters, each cut on a white-space character.

    The pieces joined give ``text``; each is at most ``size + longest_run`` characters long.  A
    run of more than ``longest_run`` characters without white space after a cut point is cut at
    the cut point.  ``size`` and ``longest_run`` default to :data:`SLICE_CHARS` and
    :data:`LONGEST_RUN` (read at each call, so a test may lower them).
    """
    size = SLICE_CHARS if size is None else size
    longest_run = LONGEST_RUN if longest_run is None else longest_run
    start = 0
    while len(text) - start > size:
        cut = start + size
        # White space up to longest_run characters on: a run of exactly longest_run is not cut.
        space = _SPACE.search(text, cut, min(len(text), cut + longest_run + 1))
        if space is not None:
            cut = space.start()
        elif cut + longest_run >= len(text):
            cut = len(text)
        yield text[start:cut]
        start = cut
    if start < len(text) or not text:
        yield text[start:]


def weighted_mean(rows, weights) -> list[float]:
    """The mean of ``rows`` (equal-length sequences of numbers), row k weighted by ``weights[k]``.

    How a long document's per-word values (the cue blocks') come from its slices'; each column is
    summed with :func:`math.fsum`, so the result does not depend on the order of the slices' rows.
    A single row comes back as it is: w·x / w need not be x in floating point, and a text that is
    one slice must get the values a short text gets, bit for bit, on every path.

    >>> weighted_mean([[1.0, 4.0], [4.0, 1.0]], [2, 1])
    [2.0, 3.0]
    >>> weighted_mean([[0.195]], [3]), 3 * 0.195 / 3
    ([0.195], 0.19499999999999998)
    """
    if len(rows) == 1:
        return list(rows[0])
    total = math.fsum(weights)
    width = len(rows[0]) if rows else 0
    return [math.fsum(w * row[j] for row, w in zip(rows, weights)) / total for j in range(width)]
