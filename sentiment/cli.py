"""The ``sentiment`` command line: a thin layer over the Python API.

Each command parses its options, calls the library and formats the result.
Heavy modules (pandas, scipy, nltk, matplotlib) are imported inside the
commands that need them, so ``sentiment classify "one sentence"`` starts fast.
"""

from __future__ import annotations

import functools
import json
import sys
import warnings

import click

from .errors import InputError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _warning_to_stderr(message, category, filename, lineno, file=None, line=None):
    click.echo(f"warning: {message}", err=True)


def handle_errors(fn):
    """Turn bad input into one line on stderr and exit status 1; Ctrl-C into 130."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        warnings.showwarning = _warning_to_stderr
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except (ValueError, MemoryError) as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            sys.exit(0)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper


def output_options(fn):
    """--csv/--tsv/--json/--jsonl/--table and -o FILE, as sqlite-utils does."""
    fn = click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
                      help="Write to FILE (atomically) instead of standard output.")(fn)
    fn = click.option("--table", "fmt", flag_value="table", help="A readable table (default on a terminal).")(fn)
    fn = click.option("--tsv", "fmt", flag_value="tsv", help="Tab-separated values.")(fn)
    fn = click.option("--jsonl", "fmt", flag_value="jsonl", help="One JSON object per line.")(fn)
    fn = click.option("--json", "fmt", flag_value="json", help="A JSON array.")(fn)
    fn = click.option("--csv", "fmt", flag_value="csv", help="Comma-separated values with a header row.")(fn)
    return fn


class _Output:
    """Standard output or an atomically written file."""

    def __init__(self, path):
        self.path = path
        self._cm = None

    def __enter__(self):
        if self.path in (None, "-"):
            return sys.stdout
        from .atomic import atomic_write

        self._cm = atomic_write(self.path, newline="")
        return self._cm.__enter__()

    def __exit__(self, *exc):
        if self._cm is not None:
            return self._cm.__exit__(*exc)
        return False


def lexicon_option(fn):
    return click.option(
        "--lexicon", "lexicon", multiple=True, metavar="NAME|PATH",
        help="Lexicon: textbook, default, nltk:opinion_lexicon, a Hu-and-Liu folder, a .tff, a "
             "word,polarity CSV/TSV; give it twice for a positive and a negative word file.",
    )(fn)


def _lexicon_spec(values):
    if not values:
        return "default"
    return values[0] if len(values) == 1 else tuple(values)


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


# -- example ----------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Print every number as JSON.")
@lexicon_option
@handle_errors
def example(as_json, lexicon):
    """Walk through SLP3's worked example, printing each number.

    The review is featurized with the book's five-word lexicon, scored with
    w = [2.5, -5.0, -1.2, 0.5, 2.0, 0.7], b = 0.1, and compared with a real
    lexicon (Hu and Liu when ../shared/data or $SENTIMENT_DATA has it, else the
    shipped default; --lexicon picks another).

    \b
    Examples:
      sentiment example
      sentiment example --json | jq .classification
    """
    from .worked_example import compute, render

    result = compute(_lexicon_spec(lexicon) if lexicon else None)
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        click.echo(render(result))


# -- classify ---------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-m", "--model", default="default", show_default=True, metavar="NAME|PATH",
              help="A model file, or a shipped model: default (six features) or extended.")
@click.option("--text-column", default="text", show_default=True, help="Column holding the text in CSV/TSV/JSONL/Parquet.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of input files.")
@click.option("--on-error", type=click.Choice(["fail", "skip", "flag"]), default="fail", show_default=True,
              help="A row with no text: stop (naming it), leave it out, or keep it flagged.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Featurize with this many processes (output identical to --jobs 1).")
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr.")
@output_options
@handle_errors
def classify(inputs, model, text_column, encoding, on_error, jobs, quiet, fmt, output):
    """Classify texts, files, folders, tables or standard input.

    Each INPUT is a file or folder if one exists by that name, '-' for standard
    input (one document per line), and otherwise a text to classify. Tables
    (.csv, .tsv, .jsonl, .parquet) keep their columns; the text comes from
    --text-column. Output rows keep the input's order.

    \b
    Examples:
      sentiment classify "A gem." "A mess."
      cat reviews.txt | sentiment classify - --csv > scored.csv
      sentiment classify reviews.csv --text-column body --jsonl -o scored.jsonl
      sentiment classify txt_sentoken/pos --model extended
    """
    from .batch import classify_chunks, iter_chunks
    from .modelfile import load_model
    from .output import RowWriter

    pipe = load_model(model)
    fmt = fmt or ("table" if (output is None and sys.stdout.isatty()) else "csv")
    report: dict = {}
    chunks = iter_chunks(inputs, text_column=text_column, encoding=encoding)
    if jobs > 1:
        from .parallel import parallel_classify

        results = parallel_classify(model, chunks, jobs, on_error, report)
    else:
        results = classify_chunks(pipe, chunks, on_error, report)
    results = _with_progress(results, quiet)
    labels = [str(c) for c in pipe.classes_]
    writer = None
    with _Output(output) as out:
        for rows in results:
            if writer is None:
                carried = [k for k in (rows[0].keys() if rows else []) if k not in ("label", "probability", "error")
                           and not k.startswith("p_")]
                columns = carried + ["label", "probability"] + [f"p_{l}" for l in labels]
                if on_error == "flag":
                    columns.append("error")
                writer = RowWriter(out, columns, fmt)
            writer.write(rows)
        if writer is None:
            writer = RowWriter(out, ["id", "label", "probability"] + [f"p_{l}" for l in labels], fmt)
        writer.close()
    for what, n in report.items():
        verb = "skipped" if what == "skip" else "flagged"
        click.echo(f"{verb} {n} row(s) with no text", err=True)


def _with_progress(results, quiet):
    if quiet or not sys.stderr.isatty():
        yield from results
        return
    n = 0
    for rows in results:
        n += len(rows)
        sys.stderr.write(f"\rclassified {n} documents")
        yield rows
    sys.stderr.write("\n")


# -- explain ----------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
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
    from .explain import render_explanation
    from .modelfile import load_model

    pipe = load_model(model)
    explanations = [pipe.explain(t) for t in texts]
    if as_json:
        click.echo(json.dumps(explanations, indent=2, ensure_ascii=False))
        return
    color = sys.stdout.isatty() if color is None else color
    click.echo("\n\n".join(render_explanation(e, color=color) for e in explanations))


def corpus_options(fn):
    fn = click.option("--encoding", default="utf-8", show_default=True, help="Encoding of corpus files.")(fn)
    fn = click.option("--label-column", default="label", show_default=True, help="Label column of CSV/TSV/JSONL/Parquet.")(fn)
    fn = click.option("--text-column", default="text", show_default=True, help="Text column of CSV/TSV/JSONL/Parquet.")(fn)
    return fn


def training_options(fn):
    """The hyper-parameters shared by train and cv."""
    opts = [
        click.option("--seed", type=int, default=0, show_default=True, help="Random seed (shuffling, splits)."),
        click.option("--multi-class", type=click.Choice(["auto", "binary", "multinomial", "ovr"]), default="auto",
                     show_default=True, help="Force binary (sigmoid), softmax, or one-vs-rest."),
        click.option("--validation-split", type=click.FloatRange(0, 1, max_open=True), default=0.0, show_default=True,
                     help="Fraction held out for early stopping (gradient solvers)."),
        click.option("--decay", type=float, default=0.0, show_default=True, help="Step size lr / (1 + decay * epoch)."),
        click.option("--learning-rate", "--lr", type=float, default=0.1, show_default=True, help="Gradient step size."),
        click.option("--batch-size", type=click.IntRange(1), default=32, show_default=True, help="Rows per minibatch step."),
        click.option("--epochs", "--max-iter", "epochs", type=click.IntRange(1), default=None,
                     help="Epochs (gradient solvers) or iterations (newton 100, lbfgs 1000 by default)."),
        click.option("--tol", type=float, default=None, help="Convergence tolerance."),
        click.option("--l2", type=click.FloatRange(0), default=None, help="Penalty on the mean loss (overrides --C)."),
        click.option("--C", "C", type=click.FloatRange(0, min_open=True), default=1.0, show_default=True,
                     help="Inverse regularisation strength, as in scikit-learn."),
        click.option("--solver", type=click.Choice(["auto", "newton", "lbfgs", "sgd", "minibatch", "batch"]),
                     default="auto", show_default=True, help="Optimiser (auto: Newton for six features)."),
        click.option("--tokenizer", type=click.Choice(["regex", "treebank", "tweet", "whitespace"]), default="regex",
                     show_default=True, help="Tokenizer (treebank/tweet need NLTK)."),
        lexicon_option,
    ]
    for opt in opts:
        fn = opt(fn)
    return fn


def _model_params(solver, C, l2, tol, epochs, batch_size, learning_rate, decay, validation_split, multi_class, seed,
                  quiet=True):
    return dict(solver=solver, C=C, l2=l2, tol=tol, max_iter=epochs, batch_size=batch_size,
                learning_rate=learning_rate, decay=decay, validation_fraction=validation_split,
                multi_class=multi_class, random_state=seed, verbose=not quiet)


# -- train ------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("corpora", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Model file to write (JSON).")
@training_options
@corpus_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@handle_errors
def train(corpora, output, lexicon, tokenizer, solver, C, l2, tol, epochs, batch_size, learning_rate, decay,
          validation_split, multi_class, seed, text_column, label_column, encoding, quiet):
    """Train a model on labelled CORPORA and save it as JSON.

    A CORPUS is a folder of label sub-folders (txt_sentoken/), a .pos/.neg file
    of one document per line (or LABEL=FILE), a 'LABEL TEXT' file, a
    CSV/TSV/JSONL/Parquet table, or nltk:movie_reviews.

    \b
    Examples:
      sentiment train ../shared/data/corpora/polarity-v2.0/txt_sentoken \\
          --lexicon ../shared/data/lexicons/opinion-lexicon-english -o rt2k.json
      sentiment train rt-polarity.pos rt-polarity.neg --solver sgd --epochs 20 -o mr.json
      sentiment train reviews.csv --text-column body --label-column stars -o stars.json
    """
    from .atomic import check_writable
    from .corpus import read_corpora
    from .training import summarize_fit, train_pipeline

    check_writable(output)  # fail before the work, not after it
    corpus = read_corpora(corpora, text_column=text_column, label_column=label_column, encoding=encoding)
    params = _model_params(solver, C, l2, tol, epochs, batch_size, learning_rate, decay, validation_split,
                           multi_class, seed, quiet)
    pipe = train_pipeline(corpus, lexicon=_lexicon_spec(lexicon), tokenizer=tokenizer, **params)
    pipe.save(output)
    if not quiet:
        click.echo(summarize_fit(pipe))
        click.echo(f"saved: {output}")


def main():  # the console-script entry point
    cli(prog_name="sentiment")


if __name__ == "__main__":  # pragma: no cover
    main()
