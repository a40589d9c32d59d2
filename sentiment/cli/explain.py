"""``sentiment explain``: every feature, weight and contribution behind a score."""

from __future__ import annotations

import json
import sys

import click

from sentiment.cli.options import CONTEXT, handle_errors


@click.command(context_settings=CONTEXT)
@click.argument("texts", nargs=-1, required=True)
@click.option("-m", "--model", default="default", show_default=True, metavar="NAME|PATH", help="Model file or shipped name.")
@click.option("--json", "as_json", is_flag=True, help="Print the explanations as JSON.")
@click.option("--color/--no-color", default=None, help="Highlight lexicon words (default: on a terminal).")
@handle_errors
def explain(texts, model, as_json, color):
    """Show why each text got its score: every feature, weight and contribution.

    \b
    Examples:
      sentiment explain "It's hokey, but the cast is great!"
      sentiment explain --json "No surprises." | jq '.[0].z'
    """
    from sentiment.reports.explain import render_explanation
    from sentiment.pipeline import load_model

    pipe = load_model(model)
    explanations = [pipe.explain(t) for t in texts]
    if as_json:
        click.echo(json.dumps(explanations, indent=2, ensure_ascii=False))
        return
    color = sys.stdout.isatty() if color is None else color
    click.echo("\n\n".join(render_explanation(e, color=color) for e in explanations))
