"""``sentiment models``: the shipped models and their model cards."""

from __future__ import annotations

import click

from sentiment.cli.options import CONTEXT, handle_errors


@click.command(context_settings=CONTEXT)
@click.argument("name", required=False)
@handle_errors
def models(name):
    """List the shipped models, or print NAME's model card.

    A card says what the model was trained on, how it scored on each domain of the
    leave-one-domain-out benchmark, and what it gets wrong.

    \b
    Examples:
      sentiment models
      sentiment models general
      sentiment classify --model six "A gem."
    """
    from sentiment.models.cards import MODEL_ALIASES, card, shipped_model_names, summary

    if name:
        click.echo(card(name).rstrip())
        return
    aliases = {v: k for k, v in MODEL_ALIASES.items()}
    for n in shipped_model_names():
        label = n + (f" ({aliases[n]})" if n in aliases else "")
        click.echo(f"{label:<20} {summary(n)}")
    click.echo("\n`sentiment models NAME` prints a model's card; `--model NAME` uses it.")
