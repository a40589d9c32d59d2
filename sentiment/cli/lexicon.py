"""``sentiment lexicon``: induce a lexicon from a labelled corpus, or show one."""

from __future__ import annotations

import click

from sentiment.cli.options import CONTEXT, FiniteFloatRange, _lexicon_spec, corpus_options, handle_errors


@click.group(context_settings=CONTEXT)
def lexicon():
    """Inspect lexicons, or induce one from labelled data."""


@lexicon.command("induce", context_settings=CONTEXT)
@click.argument("corpora", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Lexicon file to write (TSV).")
@click.option("--z", "z_threshold", type=FiniteFloatRange(0), default=1.96, show_default=True,
              help="Keep words whose log-odds z-score is at least this (in either direction).")
@click.option("--min-count", type=click.IntRange(1), default=3, show_default=True, help="Ignore rarer words.")
@click.option("--alpha0", type=FiniteFloatRange(0, min_open=True), default=None,
              help="Total weight of the Dirichlet prior (default: token count / 100).")
@click.option("--positive", default=None, help="Label of the positive class (default: the second of two, sorted).")
@click.option("--negative", default=None, help="Label of the negative class.")
@click.option("--keep-function-words", is_flag=True,
              help="Also list function words (a, the, and, too, ...), which lean one way in many corpora; "
                   "left out by default (sentiment/text/function_words.py).")
@corpus_options
@handle_errors
def lexicon_induce(corpora, output, z_threshold, min_count, alpha0, positive, negative, keep_function_words,
                   read_corpus):
    """Build a polarity lexicon from labelled CORPORA (weighted log-odds, Monroe et al. 2008).

    The TSV it writes (word, polarity, z, delta, count) loads with --lexicon.

    \b
    Examples:
      sentiment lexicon induce stsa.binary.train -o sst.tsv
      sentiment lexicon induce stsa.fine.train --positive 4 --negative 0 --z 3 -o fine.tsv
      sentiment train txt_sentoken/ --lexicon sst.tsv -o film.json
    """
    from sentiment.io.atomic import atomic_write, check_writable
    from sentiment.lexicons.induce import induce_lexicon
    from sentiment.io.writers import write_rows

    check_writable(output)
    corpus = read_corpus(corpora)
    rows = induce_lexicon(corpus.texts, corpus.labels, positive, negative, z_threshold, alpha0, min_count,
                          **({"exclude": ()} if keep_function_words else {}))
    with atomic_write(output, newline="") as fh:
        write_rows(rows, ["word", "polarity", "z", "delta", "count"], "tsv", fh)
    n_pos = sum(r["polarity"] == "positive" for r in rows)
    click.echo(f"{n_pos} positive and {len(rows) - n_pos} negative words (|z| >= {z_threshold}) from "
               f"{len(corpus)} documents; saved: {output}")
    for side in ("positive", "negative"):
        top = [r["word"] for r in rows if r["polarity"] == side][:12]
        click.echo(f"  strongest {side}: {', '.join(top)}")


@lexicon.command("show", context_settings=CONTEXT)
@click.argument("spec", nargs=-1)
@click.option("--words", is_flag=True, help="List every word.")
@handle_errors
def lexicon_show(spec, words):
    """Describe a lexicon: name, source, counts, hash (default: the shipped default).

    \b
    Examples:
      sentiment lexicon show
      sentiment lexicon show opinion-lexicon-english/ --words
    """
    from sentiment.lexicons.lexicon import load_lexicon

    lex = load_lexicon(_lexicon_spec(spec))
    click.echo(f"name: {lex.name}\nsource: {lex.source}\npositive: {len(lex.positive)}\nnegative: {len(lex.negative)}"
               f"\nin both lists (not counted): {len(lex.conflicts)}\nsha256: {lex.sha256}")
    if words:
        click.echo("positive: " + " ".join(sorted(lex.positive)))
        click.echo("negative: " + " ".join(sorted(lex.negative)))
