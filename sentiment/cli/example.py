"""``sentiment example``: SLP3's worked example, number by number."""

from __future__ import annotations

import json

import click

from sentiment.cli.options import CONTEXT, _lexicon_spec, handle_errors, lexicon_option


@click.command(context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Print every number as JSON.")
@lexicon_option
@handle_errors
def example(as_json, lexicon):
    """Walk through SLP3's worked example, printing each number.

    The review is featurized with the book's five-word lexicon, scored with
    w = [2.5, -5.0, -1.2, 0.5, 2.0, 0.7], b = 0.1, and compared with a real
    lexicon (the shipped VADER-derived one; --lexicon picks another, e.g. a
    folder holding Hu and Liu's positive-words.txt and negative-words.txt).

    \b
    Examples:
      sentiment example
      sentiment example --json | jq .classification
      sentiment example --lexicon opinion-lexicon-english/
    """
    from sentiment.worked_example import compute, render

    result = compute(_lexicon_spec(lexicon) if lexicon else None)
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        click.echo(render(result))
