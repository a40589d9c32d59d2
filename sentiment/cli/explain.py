"""``sentiment explain``: every feature, weight and contribution behind a score."""

from __future__ import annotations

import json

import click

from sentiment.cli.color import color_option, use_color
from sentiment.cli.options import CONTEXT, handle_errors


@click.command(context_settings=CONTEXT)
@click.argument("texts", nargs=-1, required=True)
@click.option("--text-column", default="text", show_default=True, help="Column holding the text in CSV/TSV/JSONL/Parquet.")
@click.option("--as-text", is_flag=True,
              help="Every TEXT is a text to explain, even one that names a file or looks like a file name.")
@click.option("-m", "--model", default="default", show_default=True, metavar="NAME|PATH", help="Model file or shipped name.")
@click.option("--json", "as_json", is_flag=True, help="Print the explanations as JSON.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), default=None, metavar="FILE.html",
              help="Also write the explanations as one self-contained HTML page (SLP3 Figure 5.2: each token "
                   "coloured by its share of z, hover for its w·x, the feature table, z and σ(z)).")
@color_option
@handle_errors
def explain(texts, text_column, as_text, model, as_json, html_path, color, no_color):
    """Show why each text got its score: every feature, weight and contribution.

    \b
    Examples:
      sentiment explain "It's hokey, but the cast is great!"
      sentiment explain --json "No surprises." | jq '.[0].z'
      sentiment explain "It's hokey, but I loved it." --html why.html
      sentiment explain review.txt          # a file is read as classify reads it; - is standard input
    """
    from sentiment.reports.explain import render_explanation
    from sentiment.pipeline import load_model

    if html_path:
        from sentiment.io.atomic import check_writable

        check_writable(html_path)
    texts = _documents(texts, text_column, as_text)
    pipe = load_model(model)
    from sentiment.explanations import explain_texts

    explanations = explain_texts(pipe, texts)  # a text of several sentences: each one's own answer too
    if html_path:
        from sentiment.io.atomic import atomic_write
        from sentiment.reports.html import explain_page

        page = explain_page(pipe, list(texts), model)
        with atomic_write(html_path) as fh:
            fh.write(page)
    if as_json:
        click.echo(json.dumps(explanations, indent=2, ensure_ascii=False))
        return
    color = use_color("never" if no_color else color)
    click.echo("\n\n".join(render_explanation(e, color=color) for e in explanations), color=color)


def _documents(inputs, text_column, as_text):
    """The texts to explain, resolved by classify's rules (files, folders, ``-``, path-like names, texts)."""
    from sentiment.errors import InputError
    from sentiment.io.batch import iter_chunks

    texts = []
    for chunk in iter_chunks(inputs, text_column=text_column, as_text=as_text):
        for i, text in enumerate(chunk.texts):
            if text is None:
                ident = chunk.columns.get("id", [None] * len(chunk))[i] or f"row {chunk.first_row + i}"
                raise InputError(f"{chunk.source}: {ident}: no text to explain")
            texts.append(text)
    return texts
