"""The ``sentiment`` command group and its console-script entry point."""

from __future__ import annotations

import os

import click

from sentiment.cli.options import CONTEXT


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="sentiment")
def cli():
    """Sentiment classification with logistic regression, after SLP3 chapter 5.

    \b
    Examples:
      sentiment example                      # the textbook's worked example
      sentiment classify "A gem of a film."  # label and probability
      sentiment train corpus/ -o model.json  # train on your own labelled data
      sentiment explain "It's hokey, but I loved it."
    """


def main():  # the console-script entry point
    # One BLAS thread unless the user says otherwise (numpy is not imported yet, so this
    # takes effect): L-BFGS works on vectors of ~10⁵ weights, where OpenBLAS's second
    # thread costs more than it gives and, beside a second process (--jobs, cv),
    # spin-waits for a busy core (README: Measurements behind the design).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    cli(prog_name="sentiment")


def _register_commands():
    # Each command lives in its own module; the group learns of them here, in one place.
    from sentiment.cli.classify import classify
    from sentiment.cli.evaluate import compare, evaluate
    from sentiment.cli.example import example
    from sentiment.cli.explain import explain
    from sentiment.cli.lexicon import lexicon
    from sentiment.cli.models import models
    from sentiment.cli.train import cv, train

    for command in (example, classify, explain, train, evaluate, cv, compare, lexicon, models):
        cli.add_command(command)


_register_commands()
