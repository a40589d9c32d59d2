"""The exception types a user can cause, so the CLI can turn each into one line.

Every one is a :class:`InputError` (a ``ValueError``) except :class:`NotFittedError`,
which is a programming error (an estimator used before ``fit``), as in scikit-learn:

* :class:`InputError`: bad input, a file, a column, a label or a model the pipeline cannot use;
* :class:`InvalidParameterError`: an estimator's parameter outside what it takes (also a
  ``TypeError``, as scikit-learn's is), raised by ``fit`` (:mod:`sentiment.parameters`);
* :class:`DivergenceError`: a fit whose weights or loss stopped being finite numbers, naming
  the settings to change;
* :class:`NotFittedError`: ``transform``/``predict`` before ``fit`` (a ``ValueError`` and an
  ``AttributeError``, as scikit-learn's is).

Examples
--------
>>> str(InputError("reviews.csv: no column 'text' (columns: body, stars)"))
"reviews.csv: no column 'text' (columns: body, stars)"
>>> issubclass(DivergenceError, ValueError), issubclass(InvalidParameterError, TypeError)
(True, True)
"""

from __future__ import annotations

import signal

__all__ = ["InputError", "InvalidParameterError", "DivergenceError", "NotFittedError", "Terminated",
           "CLEANUP_SIGNALS", "raise_terminated"]


class InputError(ValueError):
    """Bad input: a file, a column, a label or a model the pipeline cannot use.

    The message is one line that names the file (or value) and the problem; the
    CLI prints it as ``error: <message>`` and exits with status 1.
    """


class InvalidParameterError(InputError, TypeError):
    """A parameter of an estimator is outside what it takes: ``LogisticRegression(max_iter=-5).fit(...)``.

    A ``ValueError`` and a ``TypeError``, as scikit-learn's ``InvalidParameterError`` is, so code
    written for either catches it; an :class:`InputError`, so the CLI prints it as one line.
    """


class DivergenceError(InputError):
    """Training diverged: the weights or the loss are no longer finite numbers (or grew without bound).

    The message names the settings that caused it and which way to change them
    (``lower learning_rate (--lr) or raise C (--C)``); no model is kept.
    """


class NotFittedError(ValueError, AttributeError):
    """The estimator is used before ``fit`` (a ``ValueError`` and an ``AttributeError``, as in scikit-learn)."""


#: Signals whose default action ends the process at once, skipping every clean-up: while an output is open
#: (and for the whole of a command: sentiment.cli.main) they raise :class:`Terminated` instead, so the
#: temporary file is removed. SIGKILL cannot be caught: what it leaves is ``.NAME.XXXXXXXX.tmp`` beside
#: the output (docs/robustness.md says how to clean it).
CLEANUP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2")
                        if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """SIGTERM (or SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2), raised where Ctrl-C would be, so the same clean-up runs.

    ``exit_status`` is the shell's for that signal: 143 for SIGTERM, 129 for SIGHUP, 128 + the number.
    """

    def __init__(self, signum: int = signal.SIGTERM):
        super().__init__()
        self.signum = int(signum)

    @property
    def exit_status(self) -> int:
        return 128 + self.signum

    @property
    def message(self) -> str:
        if self.signum == signal.SIGTERM:
            return "terminated"
        try:
            return f"terminated ({signal.Signals(self.signum).name})"
        except ValueError:
            return f"terminated (signal {self.signum})"


def raise_terminated(signum, frame):
    """The handler of :data:`CLEANUP_SIGNALS`: raise :class:`Terminated` where the program is."""
    raise Terminated(signum)
