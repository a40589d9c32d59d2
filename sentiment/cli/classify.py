"""``sentiment classify``: label files, folders, standard input or texts, streaming."""

from __future__ import annotations

import sys

import click

from sentiment.io.batch import ON_ERROR, ON_ERROR_DEFAULT

from sentiment.cli.progress import draws_progress
from sentiment.cli.options import CONTEXT, _Output, handle_errors, output_options


@click.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-m", "--model", default="default", show_default=True, metavar="NAME|PATH",
              help="A model file, or a shipped model: default (= general), six or extended (`sentiment models`).")
@click.option("--neutral/--no-neutral", default=True, show_default=True,
              help="Answer neutral (the default model's third class, or a two-class model's neutral rule); "
                   "--no-neutral: positive or negative only, p_neg and p_pos renormalised.")
@click.option("--by-sentence", is_flag=True,
              help="After each document's row, a row per sentence (columns sentence, start, end: its number "
                   "and character span) with its own label and scores.")
@click.option("--text-column", default="text", show_default=True, help="Column holding the text in CSV/TSV/JSONL/Parquet.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of input files.")
@click.option("--on-error", type=click.Choice(ON_ERROR), default=ON_ERROR_DEFAULT, show_default=True,
              help="A row with no text: keep it with empty predictions and error 'no text' (counted on "
                   "stderr), stop naming it, or leave it out.")
@click.option("--format", "--stdin-format", "stdin_format", type=click.Choice(["auto", "lines", "csv", "tsv", "jsonl"]),
              default="auto", show_default=True,
              help="How '-' (standard input) is read: one document per line, or a table; auto: JSON lines if "
                   "the first line is a JSON object, CSV/TSV if it is a header naming --text-column, else lines.")
@click.option("--as-text", is_flag=True,
              help="Every INPUT is a text to classify, even one that names a file or looks like a file name.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Featurize with this many processes (output identical to --jobs 1).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: score CSV/TSV/JSONL/Parquet tables on a Dask cluster (pip install 'sentiment[dask]').")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: threads in this process).")
@click.option("--prefix", default="", metavar="TEXT",
              help="Name the answer columns TEXTlabel, TEXTprobability, … (and TEXTerror), e.g. --prefix pred_ "
                   "to keep a table's own label column: an input column is never overwritten.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress or summary on stderr; only errors, warnings and how many rows --on-error skip left out.")
@output_options
@draws_progress
@handle_errors
def classify(inputs, model, neutral, by_sentence, text_column, encoding, on_error, stdin_format, as_text, jobs, engine,
             scheduler, prefix, quiet, fmt, output):
    """Classify texts, files, folders, tables or standard input.

    Each INPUT is a file or folder if one exists by that name, '-' for standard
    input (one document per line, or a CSV/TSV/JSON-lines table: --format), and
    otherwise a text to classify; a name that looks like a file (reviewz.csv,
    data/x) but names nothing is an error (--as-text classifies it). Texts and
    lines come back with their text. A row with no text is kept, flagged and
    counted on stderr (--on-error fail stops instead). Tables
    (.csv, .tsv, .jsonl, .json, .parquet: the registered input formats) keep their columns; the text comes from
    --text-column. Output rows keep the input's order. A table that already has a column the answers
    take (label, probability, p_pos, score, error, …) is refused: rename it or add --prefix pred_.

    \b
    Examples:
      sentiment classify "A gem." "A mess."
      cat reviews.txt | sentiment classify - --csv > scored.csv
      cat reviews.csv | sentiment classify - --text-column body -o scored.jsonl
      sentiment classify reviews.csv --text-column body --jsonl -o scored.jsonl
      sentiment classify txt_sentoken/pos --model extended
      sentiment classify --no-neutral "The meeting is at 3pm."
      sentiment classify --by-sentence "Great food. Slow service, though."
    """
    fmt = fmt or ("table" if (output is None and sys.stdout.isatty()) else "csv")
    if by_sentence and engine == "dask":
        raise click.UsageError("--by-sentence works with --engine local only")
    read: list = []  # the model file as the quick path read it, when it declined the model
    if engine == "local" and not by_sentence and _classify_quickly(inputs, model, neutral, as_text, on_error, fmt,
                                                                   output, quiet, prefix, read):
        return
    if read:
        from sentiment.io.modelfile import with_numpy_arrays
        from sentiment.pipeline import SentimentPipeline

        data, name = read[0]
        pipe = SentimentPipeline.from_dict(with_numpy_arrays(data), name)
    else:
        from sentiment.pipeline import load_model

        pipe = load_model(model)
    report: dict = {}
    if engine == "dask":
        _classify_dask(pipe, inputs, text_column, encoding, scheduler, fmt, output, neutral, on_error, report, prefix)
        _report_counts(report, quiet)
        return
    from sentiment.cli.progress import track_chunks
    from sentiment.io.batch import classify_chunks, iter_chunks
    from sentiment.io.writers import written_chunks

    chunks = _warn_on_length_shift(pipe, iter_chunks(inputs, text_column=text_column, encoding=encoding,
                                                       stdin_format=stdin_format, as_text=as_text))
    scorer = None
    if jobs > 1:
        from sentiment.scale.parallel import ProcessScorer

        scorer = ProcessScorer(pipe, jobs)
    results = classify_chunks(pipe, track_chunks(chunks, inputs, quiet), on_error, report, scorer=scorer, neutral=neutral,
                              prefix=prefix, by_sentence=text_column if by_sentence else None)
    from sentiment.outputs import output_columns

    columns_of = output_columns(pipe.classes_, neutral, prefix, on_error,
                                drop_id=_texts_only(inputs, as_text, fmt))
    with _Output(output) as out:
        for piece in written_chunks(results, columns_of, fmt):
            out.write(piece)
    _report_counts(report, quiet)


def _classify_quickly(inputs, model, neutral, as_text, on_error, fmt, output, quiet, prefix="", read=None) -> bool:
    """Classify a handful of literal texts in plain Python (:mod:`sentiment.quick`); False if it does not apply.

    When it read the model file and declined it, ``read`` (a list) gets ``(data, name)`` so that the batch
    path does not read the file again.

    The answer is the batch path's (``tests/test_quick.py``: labels and the six decimals of CSV and tables; the
    last digit of a JSON float may differ, as between a text scored alone and in a batch); no numpy to import.
    """
    from sentiment.io.batch import argument_kind
    from sentiment.quick.model import MAX_CHARS, MAX_TEXTS

    if not 0 < len(inputs) <= MAX_TEXTS or any(argument_kind(t, as_text) != "text" for t in inputs):
        return False
    if any(not t.strip() or len(t) > MAX_CHARS for t in inputs):  # a blank one is a row with no text
        return False
    from sentiment.quick.model import read_quick

    quick, data = read_quick(model)
    if quick is None:
        if data is not None and read is not None:
            read.append(data)
        return False
    from sentiment.cli.progress import track_chunks
    from sentiment.io.formats.base import Chunk
    from sentiment.io.writers import ColumnWriter

    texts = list(inputs)
    cols = {"id": [f"text:{i}" for i in range(1, len(texts) + 1)], "text": texts}
    for _ in track_chunks([Chunk(cols, texts, 1, "<arguments>")], inputs, quiet):  # a count on a terminal, as ever
        answers = quick.columns(texts, neutral, prefix)  # label, probability, p_<class>…, score: as the batch path's
    cols.update(answers)
    from sentiment.outputs import output_names, refuse_overwrite

    outputs = output_names(quick.labels, neutral, prefix, error=on_error == "flag")
    refuse_overwrite(["id", "text"], outputs, "<arguments>", "--prefix", prefix)  # as the batch path checks
    columns = [*(["id"] if fmt != "table" else []), "text", *outputs]
    with _Output(output) as out:
        writer = ColumnWriter(out, columns, fmt)
        writer.write(cols)
        writer.close()
    return True


def _texts_only(inputs, as_text, fmt) -> bool:
    """Whether a table of these inputs needs no ``id``: literal texts are numbered ``text:1…`` in order, and
    the table already shows each one's text (files, folders and tables keep their ids)."""
    from sentiment.io.batch import argument_kind

    return fmt == "table" and all(argument_kind(t, as_text) == "text" for t in inputs)


def _report_counts(report, quiet=False):
    """Say how many rows had no text: flagged rows are in the output (``-q`` silences it), skipped ones are not."""
    for what, n in report.items():
        if what == "skip":
            click.echo(f"skipped {n} row(s) with no text", err=True)
        elif not quiet:
            click.echo(f"flagged {n} row(s) with no text", err=True)


def _classify_dask(pipe, inputs, text_column, encoding, scheduler, fmt, output, neutral=True, on_error=ON_ERROR_DEFAULT,
                   report=None, prefix=""):
    from sentiment.scale.dask_cli import classify_with_dask

    classify_with_dask(pipe, inputs, text_column, encoding, scheduler, fmt, output, on_error,
                       report if report is not None else {}, neutral, prefix)


def _warn_on_length_shift(pipe, chunks, sample=1000):
    """Pass chunks through; warn once if the first chunk's documents are far from the training lengths."""
    from sentiment.evaluation.evaluate import length_shift

    first = True
    for chunk in chunks:
        if first:
            first = False
            texts = [t for t in chunk.texts[:sample] if t is not None]
            shift = length_shift(pipe, texts) if len(texts) >= 5 else None  # a few texts say little
            if shift:
                click.echo(f"warning: {chunk.source}: {shift}", err=True)
        yield chunk
