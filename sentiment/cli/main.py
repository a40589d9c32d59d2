"""The ``sentiment`` command group and its console-script entry point."""

from __future__ import annotations

import os
import signal
import sys


def _quit_before_start(signum, frame):
    """Ctrl-C (or SIGTERM, …) while the command's modules load: nothing is open yet, so no clean-up; one word."""
    os.write(2, b"interrupted\n" if signum == signal.SIGINT else b"terminated\n")
    os._exit(128 + signum)


def _is_the_command() -> bool:
    """Whether this process is the ``sentiment`` command (not a program or a test importing the CLI)."""
    argv0 = sys.argv[0] if sys.argv else ""
    return (os.path.basename(argv0) in ("sentiment", "sentiment.exe")
            or argv0.endswith(os.path.join("sentiment", "__main__.py")))


# As early as can be: an interrupt while click and the commands import would be a traceback.
if _is_the_command():
    from sentiment.errors import CLEANUP_SIGNALS  # signal alone: nothing slow

    for _signum in (signal.SIGINT, *CLEANUP_SIGNALS):
        if signal.getsignal(_signum) in (signal.SIG_DFL, signal.default_int_handler):  # nohup's SIG_IGN stays
            signal.signal(_signum, _quit_before_start)

import click  # noqa: E402

from sentiment.cli.options import CONTEXT  # noqa: E402


class _Stopped(Exception):
    """A signal's exception carried past click, which would print "Aborted!" and exit 1 for it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _past_click(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except KeyboardInterrupt as exc:  # outside a command's own handling (parsing, a command's import)
        if not _STOPPED_BY:  # not a signal main() handles (a test raising it, the library in a program)
            raise
        raise _Stopped(getattr(exc, "signum", signal.SIGINT)) from None


class _LazyGroup(click.Group):
    """A group whose commands in :data:`COMMANDS` are imported on first use."""

    def make_context(self, *args, **kwargs):
        return _past_click(super().make_context, *args, **kwargs)

    def invoke(self, ctx):
        return _past_click(super().invoke, ctx)

    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(COMMANDS))

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMANDS:
            import importlib

            module, attr = COMMANDS[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings=CONTEXT)
@click.version_option(package_name="sentiment")
def cli():
    """Sentiment classification with logistic regression, after SLP3 chapter 5.

    \b
    Examples:
      sentiment example                      # the textbook's worked example
      sentiment classify "A gem of a film."  # label and probability
      sentiment train txt_sentoken/ -o model.json  # train on your own labelled data
      sentiment explain "It's hokey, but I loved it."
    """


#: The signal that stopped the command, once one did (a later ``except`` may have swallowed its exception).
_STOPPED_BY: list = []


def _stop(signum, frame):
    """From here on, Ctrl-C and :data:`~sentiment.errors.CLEANUP_SIGNALS` raise, so that clean-up runs."""
    from sentiment.errors import Terminated

    _STOPPED_BY.append(signum)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def _install_stop_handlers() -> None:
    from sentiment.errors import CLEANUP_SIGNALS

    for signum in (signal.SIGINT, *CLEANUP_SIGNALS):
        if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler, _quit_before_start):
            signal.signal(signum, _stop)


def _exit_stopped(signum) -> None:
    from sentiment.errors import Terminated

    if signum == signal.SIGINT:
        click.echo("interrupted", err=True)
        sys.exit(130)
    stop = Terminated(signum)
    click.echo(stop.message, err=True)
    sys.exit(stop.exit_status)


def main():  # the console-script entry point
    _STOPPED_BY.clear()
    _install_stop_handlers()
    try:
        _main()
    except _Stopped as exc:  # outside a command's own handling: click's parsing, an import
        _exit_stopped(exc.signum)
    except KeyboardInterrupt as exc:
        _exit_stopped(getattr(exc, "signum", signal.SIGINT))
    except SystemExit as exc:
        # A signal whose exception something swallowed (click turns Ctrl-C into "Aborted!", exit 1): the run
        # was stopped all the same, and says so with the signal's status, never 0.
        if _STOPPED_BY and exc.code in (None, 0, 1):
            _exit_stopped(_STOPPED_BY[0])
        raise
    if _STOPPED_BY:
        _exit_stopped(_STOPPED_BY[0])


class _ClosedOutput:
    """What ``sys.stdout`` is when descriptor 1 is closed (``sentiment … >&-``): writing is one error line."""

    def _closed(self, *args, **kwargs):
        from sentiment.errors import InputError

        raise InputError("<stdout>: standard output is closed; give -o FILE, or leave standard output open")

    write = writelines = fileno = _closed

    def flush(self):
        pass

    def isatty(self):
        return False

    @property
    def buffer(self):
        return self


def _main():
    if sys.stdout is None:  # Python leaves it None when descriptor 1 is closed
        sys.stdout = _ClosedOutput()
    # One BLAS thread unless the user says otherwise (numpy is not imported yet, so this
    # takes effect): L-BFGS works on vectors of ~10⁵ weights, where OpenBLAS's second
    # thread costs more than it gives and, beside a second process (--jobs, cv),
    # spin-waits for a busy core (docs/design.md: Measurements behind the design).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from sentiment.errors import InputError
    from sentiment.cli.options import exit_with_error_line
    from sentiment.io.stdout import flush_stdout

    # Output click writes itself (--help, --version, usage errors) happens outside the commands' own
    # error handling: a full or closed standard output is one error line here too, never a traceback.
    try:
        try:
            cli(prog_name="sentiment")
        finally:
            flush_stdout()
    except BrokenPipeError:  # `sentiment --help | head -1`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except (OSError, InputError) as exc:
        exit_with_error_line(exc)


#: Each command lives in its own module, imported when the command runs (or when --help lists them), so that
#: a one-line `sentiment classify` loads neither the training commands nor numpy.
COMMANDS = {
    "example": "sentiment.cli.example:example",
    "classify": "sentiment.cli.classify:classify",
    "explain": "sentiment.cli.explain:explain",
    "train": "sentiment.cli.train:train",
    "evaluate": "sentiment.cli.evaluate:evaluate",
    "cv": "sentiment.cli.train:cv",
    "compare": "sentiment.cli.evaluate:compare",
    "lexicon": "sentiment.cli.lexicon:lexicon",
    "models": "sentiment.cli.models:models",
    "serve": "sentiment.cli.serve:serve",
}
