"""The one exception type for bad input, so the CLI can turn it into one line."""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(ValueError):
    """Bad input: a file, a column, a label or a model the pipeline cannot use.

    The message is one line that names the file (or value) and the problem; the
    CLI prints it as ``error: <message>`` and exits with status 1.

    Examples
    --------
    >>> str(InputError("reviews.csv: no column 'text' (columns: body, stars)"))
    "reviews.csv: no column 'text' (columns: body, stars)"
    """
