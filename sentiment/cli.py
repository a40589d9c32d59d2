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
    shipped VADER-derived one; --lexicon picks another).

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
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: score CSV/TSV/JSONL/Parquet tables on a Dask cluster (pip install 'sentiment[dask]').")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: threads in this process).")
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr.")
@output_options
@handle_errors
def classify(inputs, model, text_column, encoding, on_error, jobs, engine, scheduler, quiet, fmt, output):
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
    from .output import ColumnWriter

    pipe = load_model(model)
    fmt = fmt or ("table" if (output is None and sys.stdout.isatty()) else "csv")
    if engine == "dask":
        _classify_dask(pipe, inputs, text_column, encoding, scheduler, fmt, output)
        return
    report: dict = {}
    chunks = _warn_on_length_shift(pipe, iter_chunks(inputs, text_column=text_column, encoding=encoding))
    scorer = None
    if jobs > 1:
        from .parallel import ProcessScorer

        scorer = ProcessScorer(pipe, jobs)
    results = _with_progress(classify_chunks(pipe, chunks, on_error, report, scorer=scorer), quiet)
    labels = [f"p_{l}" for l in pipe.classes_]
    writer = None
    with _Output(output) as out:
        for cols in results:
            if writer is None:
                carried = [k for k in cols if k not in ("label", "probability", "error") and k not in labels]
                columns = carried + ["label", "probability"] + labels + (["error"] if on_error == "flag" else [])
                writer = ColumnWriter(out, columns, fmt)
            writer.write(cols)
        if writer is None:
            writer = ColumnWriter(out, ["id", "label", "probability"] + labels, fmt)
        writer.close()
    for what, n in report.items():
        verb = "skipped" if what == "skip" else "flagged"
        click.echo(f"{verb} {n} row(s) with no text", err=True)


def _classify_dask(pipe, inputs, text_column, encoding, scheduler, fmt, output):
    from pathlib import Path

    from .output import ColumnWriter

    try:
        import dask.dataframe as dd
    except ImportError:
        raise InputError("--engine dask needs Dask: pip install 'sentiment[dask]'") from None
    from .distributed import iter_scored_partitions, score_dataframe

    client = None
    if scheduler:
        from distributed import Client

        client = Client(scheduler)
    writer = None
    with _Output(output) as out:
        for item in inputs:
            suffix = Path(item).suffix.lower()
            if not Path(item).is_file() or suffix not in (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"):
                raise InputError(f"{item}: --engine dask reads CSV/TSV/JSONL/Parquet files")
            if suffix == ".parquet":
                ddf = dd.read_parquet(item)
            elif suffix in (".jsonl", ".ndjson"):
                ddf = dd.read_json(item, lines=True, blocksize=2**25)
            else:
                ddf = dd.read_csv(item, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False,
                                  na_values=[""], encoding=encoding, blocksize=2**25)
            for df in iter_scored_partitions(score_dataframe(pipe, ddf, text_column), client):
                cols = {str(c): df[c].tolist() for c in df.columns}
                if writer is None:
                    writer = ColumnWriter(out, list(cols), fmt)
                writer.write(cols)
        if writer is not None:
            writer.close()
    if client is not None:
        client.close()


def _warn_on_length_shift(pipe, chunks, sample=1000):
    """Pass chunks through; warn once if the first chunk's documents are far from the training lengths."""
    from .evaluation import length_shift

    first = True
    for chunk in chunks:
        if first:
            first = False
            texts = [t for t in chunk.texts[:sample] if t is not None]
            shift = length_shift(pipe, texts) if len(texts) >= 5 else None  # a few texts say little
            if shift:
                click.echo(f"warning: {chunk.source}: {shift}", err=True)
        yield chunk


def _with_progress(results, quiet):
    if quiet or not sys.stderr.isatty():
        yield from results
        return
    n = 0
    for cols in results:
        n += len(cols["label"])
        sys.stderr.write(f"\rclassified {n} documents")
        yield cols
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
    """Options for reading labelled corpora, handed to the command as one ``read_corpus(paths)`` callable."""

    @functools.wraps(fn)
    def wrapper(*args, text_column, label_column, encoding, label_map, **kwargs):
        from .corpus import parse_label_map, read_corpora

        def read_corpus(paths):
            # Called inside the command, so handle_errors turns a bad --label-map into one line.
            mapping = parse_label_map(label_map) if label_map else None
            return read_corpora(paths, text_column=text_column, label_column=label_column, encoding=encoding,
                                label_map=mapping)

        return fn(*args, read_corpus=read_corpus, **kwargs)

    wrapper = click.option("--label-map", default=None, metavar="OLD=NEW,…",
                           help="Rename corpus labels, e.g. '0=neg,1=pos' to score SST with a neg/pos model.")(wrapper)
    wrapper = click.option("--encoding", default="utf-8", show_default=True, help="Encoding of corpus files.")(wrapper)
    wrapper = click.option("--label-column", default="label", show_default=True,
                           help="Label column of CSV/TSV/JSONL/Parquet.")(wrapper)
    wrapper = click.option("--text-column", default="text", show_default=True,
                           help="Text column of CSV/TSV/JSONL/Parquet.")(wrapper)
    return wrapper


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
        click.option("--nb/--no-nb", default=True, show_default=True,
                     help="extended: scale n-grams by their Naive Bayes log-count ratio (binary tasks)."),
        click.option("--nb-score/--no-nb-score", default=True, show_default=True,
                     help="extended: add the document's NB log-odds as one feature (out of fold when training), "
                          "so the model is Naive Bayes plus learned corrections."),
        click.option("--ending", type=click.FloatRange(0, 1, max_open=True), default=0.25, show_default=True,
                     metavar="FRACTION",
                     help="extended: score the last FRACTION of each document's tokens again as one more NB "
                          "log-odds feature (reviews end with their verdict); 0 turns it off."),
        click.option("--negation/--no-negation", default=True, show_default=True,
                     help="extended: mark negation scope with NOT_ before counting n-grams."),
        click.option("--min-df", type=click.IntRange(1), default=1, show_default=True,
                     help="extended: keep n-grams seen in at least this many training documents."),
        click.option("--ngrams", "ngram_max", type=click.IntRange(1, 5), default=2, show_default=True,
                     help="extended: longest n-gram (1 = unigrams, 2 = uni+bigrams, ...)."),
        click.option("--features", type=click.Choice(["six", "extended"]), default="six", show_default=True,
                     help="six: the SLP3 features; extended: six + n-grams (sparse, L-BFGS)."),
    ]
    for opt in opts:
        fn = opt(fn)
    return fn


def _model_params(solver, C, l2, tol, epochs, batch_size, learning_rate, decay, validation_split, multi_class, seed,
                  quiet=True, features="six"):
    return dict(solver=solver, C=C, l2=l2, tol=tol, max_iter=epochs, batch_size=batch_size,
                learning_rate=learning_rate, decay=decay, validation_fraction=validation_split,
                multi_class=multi_class, random_state=seed, verbose=not quiet, standardize=features == "six")


def _featurizer_factory(features, lexicon, tokenizer, ngram_max, min_df, negation, nb, nb_score, ending):
    """A function making a fresh featurizer for the chosen --features."""
    spec = _lexicon_spec(lexicon)
    if features == "six":
        from .features import SixFeatures

        return lambda: SixFeatures(spec, tokenizer=tokenizer)
    from .extended import ExtendedFeatures

    return lambda: ExtendedFeatures(spec, tokenizer=tokenizer, ngram_range=(1, ngram_max), min_df=min_df,
                                    negation=negation, nb=nb, nb_score=nb_score, nb_end=ending)


tune_option = click.option(
    "--tune", is_flag=True,
    help="extended: first choose --ngrams (2, 3), --negation (on, off) and --C (1, 0.1) by accuracy on 5 "
         "stratified inner folds of the training data (with cv: of each training fold); the defaults (2, on, 1) "
         "stay unless another setting beats them by more than one standard error; overrides those options.")


def _tuner(features, lexicon, tokenizer, min_df, nb, nb_score, ending, seed, tol, log=None):
    """``tune(docs, labels) -> (make_featurizer, {"C": ...}, best, table)`` for --tune, or None without it."""
    if features != "extended":
        raise click.UsageError("--tune needs --features extended")
    from .tuning import tune_extended

    def tune(docs, labels):
        best, table = tune_extended(docs, labels, lexicon=_lexicon_spec(lexicon), tokenizer=tokenizer,
                                    seed=seed, min_df=min_df, nb=nb, nb_score=nb_score, ending=ending,
                                    tol=tol or 1e-6)
        if log:
            log(best, table)
        make = _featurizer_factory(features, lexicon, tokenizer, best["ngram_max"], min_df, best["negation"], nb,
                                   nb_score, ending)
        return make, {"C": best["C"]}, best, table

    return tune


def _tuning_table(best, table) -> str:
    from .tuning import INNER_FOLDS

    lines = [f"tuning on {INNER_FOLDS} inner folds (accuracy; gain over the first row ± its standard error; "
             "another row is chosen only if its gain exceeds that error):"]
    for r in table:
        mark = "   <- chosen" if all(r[k] == best[k] for k in best) else ""
        lines.append(f"  1-{r['ngram_max']}-grams  negation {'on ' if r['negation'] else 'off'}  C={r['C']:<5g} "
                     f"{r['accuracy']:.4f}  {r['gain']:+.4f} ± {r['gain_se']:.4f}{mark}")
    return "\n".join(lines)


# -- train ------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("corpora", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Model file to write (JSON).")
@training_options
@corpus_options
@click.option("--cv", "cv_folds", type=click.IntRange(2), default=None, metavar="K",
              help="Also run stratified K-fold cross-validation with the same options; its accuracy is printed "
                   "and stored in the model's metadata.")
@tune_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@handle_errors
def train(corpora, output, cv_folds, tune, features, ngram_max, min_df, negation, nb, nb_score, ending, lexicon, tokenizer, solver, C, l2, tol, epochs,
          batch_size, learning_rate, decay, validation_split, multi_class, seed, read_corpus, quiet):
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
      sentiment train rt-polarity.pos rt-polarity.neg --features extended --tune -o mr-extended.json
    """
    from .atomic import check_writable
    from .training import summarize_fit, train_pipeline

    check_writable(output)  # fail before the work, not after it
    tuner = _tuner(features, lexicon, tokenizer, min_df, nb, nb_score, ending, seed, tol) if tune else None
    corpus = read_corpus(corpora)
    params = _model_params(solver, C, l2, tol, epochs, batch_size, learning_rate, decay, validation_split,
                           multi_class, seed, quiet, features)
    tuning = None
    if tuner:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            make, overrides, best, table = tuner(corpus.texts, corpus.labels)
        params.update(overrides)
        from .tuning import INNER_FOLDS

        tuning = {"inner_folds": INNER_FOLDS, "seed": seed, "chosen": best, "table": table}
        if not quiet:
            click.echo(_tuning_table(best, table), err=True)
    else:
        make = _featurizer_factory(features, lexicon, tokenizer, ngram_max, min_df, negation, nb, nb_score, ending)
    pipe = train_pipeline(corpus, featurizer=make(), **params)
    if tuning:
        pipe.metadata["tuning"] = tuning
    if cv_folds:
        from .crossval import stratified_folds
        from .training import cross_validate_corpus

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            _, summary = cross_validate_corpus(corpus, stratified_folds(corpus.labels, cv_folds, seed),
                                               make_featurizer=make, **{**params, "verbose": False})
        pipe.metadata["cv"] = {"folds": cv_folds, "seed": seed, **summary}
    pipe.save(output)
    if not quiet:
        click.echo(summarize_fit(pipe))
        click.echo(f"saved: {output}")


def plot_option(fn):
    return click.option("--plot", type=click.Path(dir_okay=False), default=None, metavar="FILE.png",
                        help="Also draw the report as a PNG (needs matplotlib: pip install 'sentiment[plot]').")(fn)


def _report_out(report, fmt, output, text):
    """Write a metric report as text (default), JSON or CSV rows."""
    from .output import write_rows
    from .report import report_rows

    with _Output(output) as out:
        if fmt == "json":
            out.write(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
        elif fmt in ("csv", "tsv", "jsonl"):
            write_rows(report_rows(report), ["metric", "class", "value"], fmt, out)
        else:
            out.write(text + "\n")


# -- evaluate ---------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("model")
@click.argument("corpora", nargs=-1, required=True)
@corpus_options
@click.option("--predictions", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Write one row per document (id, gold, predicted, probability of each class); "
                   ".jsonl/.json by extension, else CSV.")
@click.option("--errors", "n_errors", type=click.IntRange(0), default=0, metavar="N",
              help="List the N most confidently wrong documents with their feature contributions.")
@plot_option
@output_options
@handle_errors
def evaluate(model, corpora, read_corpus, predictions, n_errors, plot, fmt, output):
    """Measure MODEL on labelled CORPORA: metrics table and confusion matrix.

    MODEL is a model file or a shipped name (default, extended).

    \b
    Examples:
      sentiment evaluate default ../shared/data/corpora/sst/stsa.binary.test
      sentiment evaluate m.json txt_sentoken --json --errors 5
      sentiment evaluate m.json test.csv --predictions preds.csv --plot report.png
    """
    from .atomic import check_writable
    from .evaluation import confident_errors, evaluate as run_evaluation, length_shift, prediction_rows
    from .modelfile import load_model
    from .output import write_rows

    if plot:
        from .plots import require_matplotlib

        require_matplotlib()
        check_writable(plot)
    if predictions:
        check_writable(predictions)
    pipe = load_model(model)
    corpus = read_corpus(corpora)
    report, proba, pred, gold = run_evaluation(pipe, corpus)
    report["model"], report["corpora"] = str(model), corpus.source
    shift = length_shift(pipe, corpus.texts)
    if shift:
        report["warning"] = shift
        click.echo(f"warning: {corpus.source}: {shift}", err=True)
    errors = confident_errors(pipe, corpus, gold, pred, proba, n_errors) if n_errors else []
    if errors:
        report["errors"] = errors
    text = None
    if fmt in (None, "table"):
        from .explain import render_explanation
        from .report import render_report

        text = f"model: {model}\ncorpora: {corpus.source}\n" + render_report(report)
        if errors:
            text += f"\n\n{len(errors)} most confidently wrong:\n" + "\n\n".join(
                f"[{e['id']}] gold {e['gold']}\n" + render_explanation({**e, "text": e["text"][:300]}) for e in errors)
    _report_out(report, fmt, output, text)
    if predictions:
        labels = pipe.classes_
        cols = ["id", "gold", "predicted", "correct"] + [f"p_{l}" for l in labels]
        kind = "jsonl" if predictions.endswith(".jsonl") else "json" if predictions.endswith(".json") else \
            "tsv" if predictions.endswith(".tsv") else "csv"
        with _Output(predictions) as out:
            write_rows(prediction_rows(corpus, gold, pred, proba, labels), cols, kind, out)
    if plot:
        from .plots import plot_report

        plot_report(plot, report, gold, proba, pipe.classes_, pipe.metadata.get("history") or None,
                    title=f"{model} on {corpus.source}"[:120])


# -- cv ---------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("corpora", nargs=-1, required=True)
@click.option("--folds", "-k", type=click.IntRange(2), default=10, show_default=True, help="Number of folds.")
@click.option("--fold-pattern", default=None, metavar="REGEX",
              help=r"Take folds from document ids: the first group (polarity v2.0: 'cv(\d)\d\d').")
@training_options
@tune_option
@corpus_options
@plot_option
@output_options
@handle_errors
def cv(corpora, folds, fold_pattern, tune, features, ngram_max, min_df, negation, nb, nb_score, ending, lexicon, tokenizer, solver, C, l2, tol,
       epochs, batch_size, learning_rate, decay, validation_split, multi_class, seed, read_corpus, plot, fmt, output):
    """Cross-validate the training options of `sentiment train` on CORPORA.

    Folds are stratified (each class spread evenly, shuffled by --seed) unless
    --fold-pattern reads them from document ids. Prints each fold and the mean
    ± standard deviation.

    \b
    Examples:
      sentiment cv ../shared/data/corpora/polarity-v2.0 --lexicon ../shared/data/lexicons/opinion-lexicon-english \\
          --fold-pattern 'cv(\\d)\\d\\d'
      sentiment cv rt-polarity.pos rt-polarity.neg --folds 10 --seed 1 --json
      sentiment cv subj.all --features extended --tune     # nested: tuned inside each training fold
    """
    from .crossval import pattern_folds, stratified_folds
    from .report import render_cv
    from .training import cross_validate_corpus

    if plot:
        from .plots import require_matplotlib

        require_matplotlib()
    chosen = []
    tuner = _tuner(features, lexicon, tokenizer, min_df, nb, nb_score, ending, seed, tol,
                   log=lambda best, table: chosen.append(best)) if tune else None
    corpus = read_corpus(corpora)
    fold_ids = pattern_folds(corpus.ids, fold_pattern) if fold_pattern else stratified_folds(corpus.labels, folds, seed)
    params = _model_params(solver, C, l2, tol, epochs, batch_size, learning_rate, decay, validation_split,
                           multi_class, seed, True, features)
    make = _featurizer_factory(features, lexicon, tokenizer, ngram_max, min_df, negation, nb, nb_score, ending)
    make()  # load the lexicon once here, so its warnings show once
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        reports, summary = cross_validate_corpus(corpus, fold_ids, make_featurizer=make, tune=tuner, **params)
    for report, best in zip(reports, chosen):  # the tuner ran once per fold, in fold order
        report["tuned"] = best
    result = {"corpora": corpus.source, "documents": len(corpus), "folds": len(reports),
              "fold_pattern": fold_pattern, "seed": seed, "summary": summary, "per_fold": reports}
    if fmt == "json":
        _report_out(result, "json", output, None)
    elif fmt in ("csv", "tsv", "jsonl"):
        from .output import write_rows

        rows = [{"fold": r["fold"], "documents": r["documents"], "accuracy": r["accuracy"],
                 "macro_f1": r["macro"]["f1"], "log_loss": r["log_loss"]} for r in reports]
        with _Output(output) as out:
            write_rows(rows, ["fold", "documents", "accuracy", "macro_f1", "log_loss"], fmt, out)
    else:
        _report_out(result, "table", output, f"corpora: {corpus.source}\n" + render_cv(reports, summary))
    if plot:
        import numpy as np

        from .plots import plot_report

        total = {**reports[0], "confusion_matrix": np.sum([r["confusion_matrix"] for r in reports], axis=0).tolist(),
                 "accuracy": summary["accuracy"]["mean"]}
        plot_report(plot, total, title=f"{len(reports)}-fold CV on {corpus.source}"[:120])


# -- compare ----------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("model_a")
@click.argument("model_b")
@click.argument("corpora", nargs=-1, required=True)
@click.option("--resamples", "-b", type=click.IntRange(100), default=10_000, show_default=True,
              help="Bootstrap samples.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the resampling.")
@click.option("--confidence", type=click.FloatRange(0.5, 1, max_open=True), default=0.95, show_default=True,
              help="Level of the confidence interval for the difference.")
@corpus_options
@output_options
@handle_errors
def compare(model_a, model_b, corpora, resamples, seed, confidence, read_corpus, fmt, output):
    """Is MODEL_A better than MODEL_B on CORPORA? The paired bootstrap test (SLP3 §4.9).

    Reports each model's accuracy and macro-F1, the difference A − B, its
    confidence interval, and the p-value of the null hypothesis that A is not
    better than B.

    \b
    Examples:
      sentiment compare extended default ../shared/data/corpora/sst/stsa.binary.test
      sentiment compare a.json b.json test.csv --resamples 20000 --json
    """
    from .bootstrap import paired_bootstrap
    from .evaluation import evaluate as run_evaluation
    from .modelfile import load_model

    a, b = load_model(model_a), load_model(model_b)
    if [str(c) for c in a.classes_] != [str(c) for c in b.classes_]:
        raise InputError(f"the models have different labels: {a.classes_} and {b.classes_}")
    corpus = read_corpus(corpora)
    _, _, pred_a, gold = run_evaluation(a, corpus)
    _, _, pred_b, _ = run_evaluation(b, corpus)
    pred_b = [a.classes_[[str(c) for c in a.classes_].index(str(p))] for p in pred_b]
    r = paired_bootstrap(gold, pred_a, pred_b, a.classes_, resamples=resamples, seed=seed, confidence=confidence)
    r.update(model_a=model_a, model_b=model_b, corpora=corpus.source)
    pct = int(round(confidence * 100))
    text = [f"A: {model_a}", f"B: {model_b}", f"corpora: {corpus.source} ({r['documents']} documents)",
            f"paired bootstrap: {resamples} resamples, seed {seed}", "",
            f"metric     A       B       A - B    {pct}% CI             p (A not better)"]
    for key, name in (("accuracy", "accuracy"), ("macro_f1", "macro-F1")):
        m = r[key]
        text.append(f"{name:<9}  {m['a']:.4f}  {m['b']:.4f}  {m['delta']:+.4f}  [{m['ci_low']:+.4f}, {m['ci_high']:+.4f}]"
                    f"  {m['p_value']:.4f}")
    if fmt in ("csv", "tsv", "jsonl"):
        from .output import write_rows

        rows = [{"metric": k, **{f: r[k][f] for f in ("a", "b", "delta", "ci_low", "ci_high", "p_value")}}
                for k in ("accuracy", "macro_f1")]
        with _Output(output) as out:
            write_rows(rows, ["metric", "a", "b", "delta", "ci_low", "ci_high", "p_value"], fmt, out)
    else:
        _report_out(r, fmt or "table", output, "\n".join(text))


# -- lexicon ----------------------------------------------------------------------


@cli.group(context_settings=CONTEXT)
def lexicon():
    """Inspect lexicons, or induce one from labelled data."""


@lexicon.command("induce", context_settings=CONTEXT)
@click.argument("corpora", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Lexicon file to write (TSV).")
@click.option("--z", "z_threshold", type=click.FloatRange(0), default=1.96, show_default=True,
              help="Keep words whose log-odds z-score is at least this (in either direction).")
@click.option("--min-count", type=click.IntRange(1), default=3, show_default=True, help="Ignore rarer words.")
@click.option("--alpha0", type=click.FloatRange(0, min_open=True), default=None,
              help="Total weight of the Dirichlet prior (default: token count / 100).")
@click.option("--positive", default=None, help="Label of the positive class (default: the second of two, sorted).")
@click.option("--negative", default=None, help="Label of the negative class.")
@click.option("--keep-function-words", is_flag=True,
              help="Also list function words (a, the, and, too, ...), which lean one way in many corpora; "
                   "left out by default (sentiment/function_words.py).")
@corpus_options
@handle_errors
def lexicon_induce(corpora, output, z_threshold, min_count, alpha0, positive, negative, keep_function_words,
                   read_corpus):
    """Build a polarity lexicon from labelled CORPORA (weighted log-odds, Monroe et al. 2008).

    The TSV it writes (word, polarity, z, delta, count) loads with --lexicon.

    \b
    Examples:
      sentiment lexicon induce ../shared/data/corpora/sst/stsa.binary.train -o sst.tsv
      sentiment lexicon induce stsa.fine.train --positive 4 --negative 0 --z 3 -o fine.tsv
      sentiment train reviews/ --lexicon sst.tsv -o m.json
    """
    from .atomic import atomic_write, check_writable
    from .induce import induce_lexicon
    from .output import write_rows

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
      sentiment lexicon show ../shared/data/lexicons/opinion-lexicon-english --words
    """
    from .lexicon import load_lexicon

    lex = load_lexicon(_lexicon_spec(spec))
    click.echo(f"name: {lex.name}\nsource: {lex.source}\npositive: {len(lex.positive)}\nnegative: {len(lex.negative)}"
               f"\nin both lists (not counted): {len(lex.conflicts)}\nsha256: {lex.sha256}")
    if words:
        click.echo("positive: " + " ".join(sorted(lex.positive)))
        click.echo("negative: " + " ".join(sorted(lex.negative)))


def main():  # the console-script entry point
    import os

    # One BLAS thread unless the user says otherwise (numpy is not imported yet, so this
    # takes effect): L-BFGS works on vectors of ~10⁵ weights, where OpenBLAS's second
    # thread costs more than it gives (SUBJ fit 5.1 s → 3.8 s) and, beside a second
    # process (--jobs, cv), spin-waits for a busy core (12.5 s).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    cli(prog_name="sentiment")


if __name__ == "__main__":  # pragma: no cover
    main()
