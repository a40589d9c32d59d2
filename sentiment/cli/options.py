"""Options and error handling shared by the commands."""

from __future__ import annotations

import functools
import sys
import warnings

import click

from sentiment.errors import InputError


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _warning_to_stderr(message, category, filename, lineno, file=None, line=None):
    click.echo(f"warning: {message}", err=True)


#: The parameters through which a command writes files, and those through which it reads them. Every
#: command goes through :func:`handle_errors`, which checks each written path against each read one
#: (standard input's file included) before any work: a command cannot forget one.
OUTPUT_PARAMETERS = ("output", "html_path", "plot", "predictions")
_OUTPUT_OPTIONS = {"output": "-o", "html_path": "--html"}  # the others are --plot and --predictions
INPUT_PARAMETERS = ("inputs", "texts", "corpora", "model", "model_a", "model_b", "lexicon", "spec")


def refuse_writing_what_is_read(params: dict) -> None:
    """:class:`InputError` if a command's output path is one of its inputs or inside an input folder."""
    from sentiment.io.atomic import refuse_overwriting_inputs

    def paths(names):
        for name in names:
            value = params.get(name)
            if isinstance(value, (tuple, list)):
                yield from (v for v in value if isinstance(v, str))
            elif isinstance(value, str):
                yield value

    for name in OUTPUT_PARAMETERS:  # `--html ''` wrote nothing and exited 0, as if asked for no file
        if params.get(name) == "":
            raise InputError(f"'': empty file name for an output ({_OUTPUT_OPTIONS.get(name, '--' + name)})")
    outputs = list(paths(OUTPUT_PARAMETERS))
    if outputs:
        refuse_overwriting_inputs(outputs, list(paths(INPUT_PARAMETERS)))


def exit_with_error_line(exc):
    """Bad input, or a standard output that cannot be written: one ``error:`` line and exit 1.

    Any other ``OSError`` is a bug and is raised again, traceback and all. Used by :func:`handle_errors`
    around every command and by ``main`` around what click writes itself (``--help``, ``--version``).
    """
    from sentiment.io.stdout import stdout_error

    err = exc if isinstance(exc, InputError) else stdout_error(exc)  # what atomic_write did not name is stdout
    if err is None:
        raise exc
    click.echo(f"error: {err}", err=True)
    sys.exit(1)


def handle_errors(fn):
    """Turn bad input (:class:`InputError`) into one line on stderr and exit status 1; Ctrl-C into 130.

    Any other exception is a bug and keeps its traceback: library code raises
    ``InputError`` for everything a user can get wrong.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        warnings.showwarning = _warning_to_stderr
        from sentiment.io.stdout import flush_stdout

        try:
            refuse_writing_what_is_read(kwargs)
            result = fn(*args, **kwargs)
            flush_stdout()  # > /dev/full: one error line now, not a traceback at exit
            return result
        except BrokenPipeError:
            sys.exit(0)
        except (OSError, InputError) as exc:
            exit_with_error_line(exc)
        except KeyboardInterrupt as exc:
            from sentiment.io.atomic import Terminated

            terminated = isinstance(exc, Terminated)
            click.echo(exc.message if terminated else "interrupted", err=True)
            sys.exit(exc.exit_status if terminated else 130)

    return wrapper


class RegistryChoice(click.Choice):
    """A ``click.Choice`` whose choices are read from a registry when the option is parsed.

    The commands are defined when the CLI is imported; a solver, featurizer or output format
    registered after that (a plug-in module, a test) must still be accepted.

    Examples
    --------
    >>> names = ["a"]
    >>> choice = RegistryChoice(lambda: names)
    >>> names.append("b")
    >>> choice.choices
    ('a', 'b')
    """

    def __init__(self, names, case_sensitive: bool = True):
        self._names = names
        super().__init__((), case_sensitive=case_sensitive)

    @property
    def choices(self):
        return tuple(self._names())

    @choices.setter
    def choices(self, _value):  # click.Choice.__init__ assigns; the registry stays the source
        pass


def output_options(fn):
    """One flag per registered output format (--csv/--json/…) and -o FILE, as sqlite-utils does.

    Without a flag, ``-o``'s extension chooses the format (``-o scored.jsonl``).
    """
    from sentiment.io.writers import output_for_path, output_formats

    @functools.wraps(fn)
    def wrapper(*args, fmt, fmt_name, output, **kwargs):
        if fmt and fmt_name and fmt != fmt_name:
            raise click.UsageError(f"--{fmt} and --fmt {fmt_name} disagree; give one")
        return fn(*args, fmt=fmt or fmt_name or output_for_path(output), output=output, **kwargs)

    wrapper = click.option("--fmt", "fmt_name", type=RegistryChoice(lambda: [f.name for f in output_formats()]),
                           default=None, metavar="NAME",
                           help="Output format by name, including formats registered by plug-ins.")(wrapper)
    wrapper = click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
                           help="Write to FILE (atomically) instead of standard output; its extension "
                                "chooses the format unless a flag does.")(wrapper)
    for out_fmt in reversed(output_formats()):
        wrapper = click.option(f"--{out_fmt.name}", "fmt", flag_value=out_fmt.name, help=out_fmt.help)(wrapper)
    return wrapper


def writes_document(fmt) -> bool:
    """Whether ``fmt`` writes a nested report whole (JSON) rather than rows or text."""
    from sentiment.io.writers import get_output

    return fmt is not None and get_output(fmt).write_document is not None


def writes_rows(fmt) -> bool:
    """Whether a report goes out as rows in ``fmt`` (CSV, TSV, JSON lines): not text, not a whole document."""
    return fmt not in (None, "table") and not writes_document(fmt)


class _Output:
    """Standard output or an atomically written file."""

    def __init__(self, path):
        self.path = path
        self._cm = None

    def __enter__(self):
        if self.path in (None, "-"):
            self._stdout = True
            return sys.stdout
        from sentiment.io.atomic import atomic_write

        # A text argument that was not valid UTF-8 holds surrogates: written back as the bytes it came
        # from, as standard output writes them, not a traceback.
        self._cm = atomic_write(self.path, newline="", errors="surrogateescape")
        return self._cm.__enter__()

    def __exit__(self, *exc):
        if self._cm is not None:
            return self._cm.__exit__(*exc)
        from sentiment.io.stdout import flush_stdout, stdout_error

        if exc[0] is None:
            flush_stdout()  # a full /dev/full is one error line here, not a traceback at exit
        elif isinstance(exc[1], OSError) and stdout_error(exc[1]) is not None:
            raise stdout_error(exc[1]) from None
        return False


def lexicon_option(fn):
    return click.option(
        "--lexicon", "lexicon", multiple=True, metavar="NAME|PATH",
        help="Lexicon: a shipped one (default, hu-liu, vader, textbook), nltk:opinion_lexicon, a Hu-and-Liu "
             "folder, an MPQA .tff, a word,polarity CSV/TSV; give it twice for a positive and a negative word file.",
    )(fn)


def _lexicon_spec(values):
    if not values:
        return "default"
    return values[0] if len(values) == 1 else tuple(values)


def corpus_options(fn):
    """Options for reading labelled corpora, handed to the command as one ``read_corpus(paths)`` callable."""

    @functools.wraps(fn)
    def wrapper(*args, text_column, label_column, encoding, label_map, header, **kwargs):
        from sentiment.io.corpus import parse_label_map, read_corpora

        def read_corpus(paths):
            # Called inside the command, so handle_errors turns a bad --label-map into one line.
            mapping = parse_label_map(label_map) if label_map else None
            return read_corpora(paths, text_column=text_column, label_column=label_column, encoding=encoding,
                                label_map=mapping, header=header)

        return fn(*args, read_corpus=read_corpus, **kwargs)

    wrapper = click.option("--label-map", default=None, metavar="OLD=NEW,…",
                           help="Rename corpus labels, e.g. '0=neg,1=pos' to score SST with a neg/pos model.")(wrapper)
    wrapper = click.option("--encoding", default="utf-8", show_default=True, help="Encoding of corpus files.")(wrapper)
    wrapper = click.option("--header/--no-header", default=True, show_default=True,
                           help="CSV/TSV: the first row names the columns; with --no-header every row is data "
                                "and columns are numbers from 1 (Sentiment140: --no-header --text-column 6 "
                                "--label-column 1 --label-map 0=neg,4=pos).")(wrapper)
    wrapper = click.option("--label-column", default="label", show_default=True,
                           help="Label column of CSV/TSV/JSONL/Parquet (with --no-header: a number from 1).")(wrapper)
    wrapper = click.option("--text-column", default="text", show_default=True,
                           help="Text column of CSV/TSV/JSONL/Parquet (with --no-header: a number from 1).")(wrapper)
    return wrapper


class FiniteFloatRange(click.FloatRange):
    """``click.FloatRange`` that refuses NaN and infinity, before any work.

    FloatRange checks its bounds by comparing, and every comparison with NaN is false, so
    ``--ending nan`` passed any range (and ``--decay inf`` any range open above). A NaN
    setting only ever makes NaN weights, found after the fit.

    Examples
    --------
    >>> FiniteFloatRange(0, 1).convert("0.25", None, None)
    0.25
    >>> FiniteFloatRange(0, 1).convert("nan", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 'nan' is not a finite number.
    """

    def convert(self, value, param, ctx):
        import math

        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


def training_options(fn):
    """The hyper-parameters shared by train and cv (the choice lists come from the registries)."""
    from sentiment.features.base import featurizer_names
    from sentiment.linear import MULTI_CLASS
    from sentiment.linear.solvers import solver_names
    from sentiment.text.tokenize import TOKENIZERS

    opts = [
        click.option("--seed", type=click.IntRange(0), default=0, show_default=True, help="Random seed (shuffling, splits)."),
        click.option("--multi-class", type=click.Choice(list(MULTI_CLASS)), default="auto",
                     show_default=True, help="Force binary (sigmoid), softmax, or one-vs-rest."),
        click.option("--validation-split", type=FiniteFloatRange(0, 1, max_open=True), default=0.0, show_default=True,
                     help="Fraction held out for early stopping (gradient solvers)."),
        click.option("--decay", type=FiniteFloatRange(0), default=0.0, show_default=True, help="Step size lr / (1 + decay * epoch)."),
        click.option("--learning-rate", "--lr", type=FiniteFloatRange(0, min_open=True), default=0.1,
                     show_default=True, help="Gradient step size."),
        click.option("--batch-size", type=click.IntRange(1), default=32, show_default=True, help="Rows per minibatch step."),
        click.option("--epochs", "--max-iter", "epochs", type=click.IntRange(1), default=None,
                     help="Epochs (gradient solvers) or iterations (newton 100, lbfgs 1000 by default)."),
        click.option("--tol", type=FiniteFloatRange(0, 1, max_open=True), default=None,
                     help="Convergence tolerance (largest gradient entry, or relative loss change per epoch)."),
        click.option("--l2", type=FiniteFloatRange(0), default=None, help="Penalty on the mean loss (overrides --C)."),
        click.option("--C", "C", type=FiniteFloatRange(0, min_open=True), default=1.0, show_default=True,
                     help="Inverse regularisation strength, as in scikit-learn (--features general: the recipe's 0.3 unless given)."),
        click.option("--solver", type=RegistryChoice(solver_names),
                     default="auto", show_default=True, help="Optimiser (auto: Newton for six features)."),
        click.option("--tokenizer", type=click.Choice(list(TOKENIZERS)), default="regex",
                     show_default=True, help="Tokenizer (treebank/tweet need NLTK)."),
        lexicon_option,
        click.option("--nb/--no-nb", default=True, show_default=True,
                     help="extended: scale n-grams by their Naive Bayes log-count ratio (binary tasks)."),
        click.option("--nb-score/--no-nb-score", default=True, show_default=True,
                     help="extended: add the document's NB log-odds as one feature (out of fold when training), "
                          "so the model is Naive Bayes plus learned corrections."),
        click.option("--ending", type=FiniteFloatRange(0, 1, max_open=True), default=0.25, show_default=True,
                     metavar="FRACTION",
                     help="extended: score the last FRACTION of each document's tokens again as one more NB "
                          "log-odds feature (reviews end with their verdict); 0 turns it off."),
        click.option("--negation/--no-negation", default=True, show_default=True,
                     help="extended: mark negation scope with NOT_ before counting n-grams."),
        click.option("--min-df", type=click.IntRange(1), default=1, show_default=True,
                     help="extended: keep n-grams seen in at least this many training documents."),
        click.option("--ngrams", "ngram_max", type=click.IntRange(1, 5), default=2, show_default=True,
                     help="extended: longest n-gram (1 = unigrams, 2 = uni+bigrams, ...)."),
        click.option("--features", type=RegistryChoice(featurizer_names), default="six", show_default=True,
                     help="A registered featurizer: six (the SLP3 features), extended (six + n-grams, sparse, "
                          "L-BFGS), general (the default model's recipe: six + lexical cues + n-grams, with the "
                          "lexicon prior), or any other in the registry."),
    ]
    for opt in opts:
        fn = opt(fn)
    return fn


def _model_params(solver, C, l2, tol, epochs, batch_size, learning_rate, decay, validation_split, multi_class, seed,
                  quiet=True):
    # The model standardises dense features; a sparse block (extended) standardises its own dense part.
    return dict(solver=solver, C=C, l2=l2, tol=tol, max_iter=epochs, batch_size=batch_size,
                learning_rate=learning_rate, decay=decay, validation_fraction=validation_split,
                multi_class=multi_class, random_state=seed, verbose=not quiet)


tune_option = click.option(
    "--tune", is_flag=True,
    help="extended: first choose --ngrams (2, 3), --negation (on, off) and --C (1, 0.1) by accuracy on 5 "
         "stratified inner folds of the training data (with cv: of each training fold); the defaults (2, on, 1) "
         "stay unless another setting beats them by more than one standard error; overrides those options.")


def plot_option(fn):
    return click.option("--plot", type=click.Path(dir_okay=False), default=None, metavar="FILE.png",
                        help="Also draw the report as a PNG (needs matplotlib: pip install 'sentiment[plot]').")(fn)


def _report_out(report, fmt, output, text):
    """Write a metric report as text (default), JSON or CSV rows."""
    from sentiment.io.writers import get_output, write_rows
    from sentiment.reports.tables import report_rows

    with _Output(output) as out:
        if writes_document(fmt):
            get_output(fmt).write_document(report, out)
        elif writes_rows(fmt):
            write_rows(report_rows(report), ["metric", "class", "value"], fmt, out)
        else:
            out.write(text + "\n")
