"""``sentiment models``: the shipped models and their model cards."""

from __future__ import annotations

import os

import click

from sentiment.cli.options import CONTEXT, handle_errors


@click.command(context_settings=CONTEXT)
@click.argument("name", required=False)
@handle_errors
def models(name):
    """List the shipped models, or print NAME's model card.

    A card says what the model was trained on, how it scored on each domain of the
    leave-one-domain-out benchmark, and what it gets wrong. NAME may be a model file:
    its card is made from the training record it holds (an adapted model's says what
    it was adapted from, and on how many documents).

    \b
    Examples:
      sentiment models
      sentiment models general
      sentiment models my-model.zip
      sentiment classify --model six "A gem."
    """
    from sentiment.models.cards import MODEL_ALIASES, card, shipped_model_names, summary

    if name:
        if name not in MODEL_ALIASES and name not in shipped_model_names() and os.path.isfile(name):
            from sentiment.models.cards import file_card
            from sentiment.pipeline import load_model

            click.echo(file_card(load_model(name).metadata, os.path.basename(name)))
            return
        click.echo(card(name).rstrip())
        return
    aliases = {v: k for k, v in MODEL_ALIASES.items()}
    for n in shipped_model_names():
        label = n + (f" ({aliases[n]})" if n in aliases else "")
        click.echo(f"{label:<20} {summary(n)}")
    click.echo("\n`sentiment models NAME` prints a model's card; `--model NAME` uses it.")
