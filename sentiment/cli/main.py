"""The ``sentiment`` command group and its console-script entry point."""

from __future__ import annotations

import os
import sys

import click

from sentiment.cli.options import CONTEXT


class _LazyGroup(click.Group):
    """A group whose commands in :data:`COMMANDS` are imported on first use."""

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


def main():  # the console-script entry point
    # One BLAS thread unless the user says otherwise (numpy is not imported yet, so this
    # takes effect): L-BFGS works on vectors of ~10⁵ weights, where OpenBLAS's second
    # thread costs more than it gives and, beside a second process (--jobs, cv),
    # spin-waits for a busy core (docs/design.md: Measurements behind the design).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from sentiment.errors import InputError
    from sentiment.io.stdout import flush_stdout, stdout_error

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
    except OSError as exc:
        err = stdout_error(exc)
        if err is None:
            raise
        click.echo(f"error: {err}", err=True)
        sys.exit(1)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


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
}
