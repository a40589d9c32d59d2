"""``sentiment train`` and ``sentiment cv``: fit a model on labelled corpora, or cross-validate it."""

from __future__ import annotations

import warnings

import click

from sentiment.cli.progress import draws_progress, quiet_option
from sentiment.cli.options import (CONTEXT, _Output, _lexicon_spec, _model_params, _report_out, corpus_options,
                                   handle_errors, output_options, plot_option, training_options, tune_option,
                                   writes_document, writes_rows)


def _featurizer_factory(features, lexicon, tokenizer, ngram_max, min_df, negation, nb, nb_score, ending):
    """A function making a fresh featurizer for the chosen --features (from the registry).

    Each featurizer takes the options among its constructor parameters; the
    others (the n-gram options for ``six``) do not apply to it.
    """
    from sentiment.features.base import get_featurizer

    cls = get_featurizer(features)
    offered = {"lexicon": _lexicon_spec(lexicon), "tokenizer": tokenizer, "ngram_range": (1, ngram_max),
               "min_df": min_df, "negation": negation, "nb": nb, "nb_score": nb_score, "nb_end": ending}
    taken = set(cls().get_params(deep=False))
    params = {k: v for k, v in offered.items() if k in taken}
    return lambda: cls(**params)


def _given(name) -> bool:
    """Whether option ``name`` was given on the command line (not left at its default)."""
    from click.core import ParameterSource

    return click.get_current_context().get_parameter_source(name) not in (ParameterSource.DEFAULT, None)


def _general_recipe(params, lexicon, tokenizer, ngram_max, min_df, negation, nb, nb_score, ending):
    """For --features general: a function making the shipped model's recipe (lexicon prior, length-balanced
    weights, VADER rule, neutral rule; :func:`~sentiment.training.general.make_general_pipeline`), its
    settings replaced only by the options given."""
    from sentiment.linear.model import LogisticRegression
    from sentiment.training.general import GENERAL_C, make_general_pipeline

    refused = [f for f, on in (("--solver", params["solver"] not in ("auto", "lbfgs")), ("--l2", params["l2"] is not None),
                               ("--validation-split", bool(params["validation_fraction"])),
                               ("--multi-class", params["multi_class"] not in ("auto", "binary"))) if on]
    if refused:
        raise click.UsageError(f"--features general trains by L-BFGS with the recipe's weights; it does not take "
                               f"{', '.join(refused)}")
    offered = {"lexicon": ("lexicon", _lexicon_spec(lexicon)), "tokenizer": ("tokenizer", tokenizer),
               "ngram_max": ("ngram_range", (1, ngram_max)), "min_df": ("min_df", min_df),
               "negation": ("negation", negation), "nb": ("nb", nb), "nb_score": ("nb_score", nb_score),
               "ending": ("nb_end", ending)}
    overrides = dict(v for k, v in offered.items() if _given(k))
    model = {**params, "solver": "lbfgs", "C": params["C"] if _given("C") else GENERAL_C}

    def make():
        pipe = make_general_pipeline(**overrides)
        pipe.model = LogisticRegression(**model)
        return pipe

    return make


def _check_polarity(corpus):
    """The general recipe must know which label is positive: ask now, naming the corpus, before any work."""
    if len(set(corpus.labels)) == 2:
        from sentiment.training.polarity import polarity_order

        polarity_order(corpus.labels, corpus.source)


def _tuner(features, lexicon, tokenizer, min_df, nb, nb_score, ending, seed, tol, log=None):
    """``tune(docs, labels) -> (make_featurizer, {"C": ...}, best, table)`` for --tune, or None without it."""
    if features != "extended":
        raise click.UsageError("--tune needs --features extended")
    from sentiment.training.tune import tune_extended

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
    from sentiment.training.tune import INNER_FOLDS

    lines = [f"tuning on {INNER_FOLDS} inner folds (accuracy; gain over the first row ± its standard error; "
             "another row is chosen only if its gain exceeds that error):"]
    for r in table:
        mark = "   <- chosen" if all(r[k] == best[k] for k in best) else ""
        lines.append(f"  1-{r['ngram_max']}-grams  negation {'on ' if r['negation'] else 'off'}  C={r['C']:<5g} "
                     f"{r['accuracy']:.4f}  {r['gain']:+.4f} ± {r['gain_se']:.4f}{mark}")
    return "\n".join(lines)


@click.command(context_settings=CONTEXT)
@click.argument("corpora", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Model file to write: JSON, or a compact zip when FILE ends in .zip.")
@training_options
@corpus_options
@click.option("--cv", "cv_folds", type=click.IntRange(2), default=None, metavar="K",
              help="Also run stratified K-fold cross-validation with the same options; its accuracy is printed "
                   "and stored in the model's metadata.")
@tune_option
@click.option("--from", "prior", default=None, metavar="MODEL",
              help="Adapt MODEL (a shipped model's name or a model file) to the labels: its features and classes, "
                   "its weights as the start and the centre of the penalty (strength chosen on 5 inner folds, or "
                   "--l2). 'none' trains from scratch (--features). Default: adapt the default model when no "
                   "--features is given and the labels are its classes (neg, neutral, pos).")
@click.option("--timestamps/--no-timestamps", default=True, show_default=True,
              help="Record the training date and seconds in the model file; --no-timestamps leaves them out, so "
                   "the same data, options and seed give a byte-identical file.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: train --features general or extended on CSV/TSV/JSONL/Parquet tables read by a Dask "
                   "cluster, to the one-process weights (pip install 'sentiment[dask]').")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: threads in this process).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars or summary.")
@draws_progress
@handle_errors
def train(corpora, output, cv_folds, tune, prior, timestamps, features, ngram_max, min_df, negation, nb, nb_score, ending, lexicon, tokenizer, solver, C, l2, tol, epochs,
          batch_size, learning_rate, decay, validation_split, multi_class, seed, read_corpus, engine, scheduler, quiet):
    """Train a model on labelled CORPORA and save it (JSON, or a compact .zip when -o ends in .zip).

    By default the default model is adapted to the labels (--from default) when
    they are its classes (neg, neutral, pos; rename others with --label-map) and no
    --features is given; --features six, extended or general trains from scratch
    (--from none).

    A CORPUS is a folder of label sub-folders (txt_sentoken/), a .pos/.neg file
    of one document per line (or LABEL=FILE), a 'LABEL TEXT' file, a
    CSV/TSV/JSONL/Parquet table (--no-header: columns by number from 1), an Amazon
    multi-domain folder or .review file, a pros/cons folder or Integrated{Pros,Cons}.txt,
    nltk:movie_reviews or nltk:pros_cons.

    \b
    Examples:
      sentiment train reviews.csv --text-column body --label-column stars --label-map 1=neg,5=pos -o mine.zip
      sentiment train test.csv --from default --l2 0.001 -o mine.zip
      sentiment train txt_sentoken/ --features six \\
          --lexicon opinion-lexicon-english/ -o rt2k.json
      sentiment train rt-polarity.pos rt-polarity.neg --features six --solver sgd --epochs 20 -o mr.json
      sentiment train reviews.csv --text-column body --label-column stars --from none -o stars.json
      sentiment train multi-domain-sentiment/kitchen pros-cons --features six -o products.json
      sentiment train tweets.csv --no-header --text-column 6 --label-column 1 --label-map 0=neg,4=pos \\
          --features six -o tw.json
      sentiment train reviews.csv --text-column body --label-column stars --label-map 1=neg,5=pos \
          --features general -o mine.zip
      sentiment train stsa.binary.dev --label-map 0=neg,1=pos --features extended --tune -o dev.zip
      sentiment train reviews.csv --text-column body --label-column stars --label-map 1=neg,5=pos \
          --features general --engine dask -o big.zip
    """
    from sentiment.io.atomic import check_writable
    from sentiment.training.train import train_pipeline

    check_writable(output)  # fail before the work, not after it
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if _adapting(prior, engine):
        _adapt(corpora, output, cv_folds, prior, timestamps, l2, seed, read_corpus, quiet)
        return
    if engine == "dask":
        pipe = _train_dask(corpora, features, tune, cv_folds, solver, l2, validation_split, multi_class, scheduler,
                           ngram_max, min_df, negation, nb, nb_score, ending, lexicon, tokenizer, C, tol, epochs)
        _save_and_report(pipe, output, timestamps, quiet)
        return
    tuner = _tuner(features, lexicon, tokenizer, min_df, nb, nb_score, ending, seed, tol) if tune else None
    corpus = read_corpus(corpora)
    params = _model_params(solver, C, l2, tol, epochs, batch_size, learning_rate, decay, validation_split,
                           multi_class, seed, quiet)
    tuning = None
    if tuner:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            make, overrides, best, table = tuner(corpus.texts, corpus.labels)
        params.update(overrides)
        from sentiment.training.tune import INNER_FOLDS

        tuning = {"inner_folds": INNER_FOLDS, "seed": seed, "chosen": best, "table": table}
        if not quiet:
            click.echo(_tuning_table(best, table), err=True)
    else:
        make = _featurizer_factory(features, lexicon, tokenizer, ngram_max, min_df, negation, nb, nb_score, ending)
    recipe = None
    if features == "general" and not tuner:
        recipe = _general_recipe(params, lexicon, tokenizer, ngram_max, min_df, negation, nb, nb_score, ending)
        _check_polarity(corpus)
    pipe = train_pipeline(corpus, pipeline=recipe() if recipe else None, featurizer=None if recipe else make(),
                          **params)
    if tuning:
        pipe.metadata["tuning"] = tuning
    if cv_folds:
        from sentiment.training.crossval import stratified_folds
        from sentiment.training.train import cross_validate_corpus

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            _, summary = cross_validate_corpus(corpus, stratified_folds(corpus.labels, cv_folds, seed),
                                               make_featurizer=make, make_pipeline=recipe,
                                               **{**params, "verbose": False})
        pipe.metadata["cv"] = {"folds": cv_folds, "seed": seed, **summary}
    _save_and_report(pipe, output, timestamps, quiet)


def _save_and_report(pipe, output, timestamps, quiet):
    """Write the model file (without the run's date and seconds with --no-timestamps) and print the summary."""
    from sentiment.training.train import summarize_fit

    if not timestamps:  # run facts differ from run to run; the model does not
        for key in ("date", "seconds"):
            pipe.metadata.pop(key, None)
    pipe.save(output)
    if not quiet:
        click.echo(summarize_fit(pipe))
        click.echo(f"saved: {output}")


#: The options that choose a from-scratch model: given any, a bare ``train`` does not adapt.
_SCRATCH_OPTIONS = ("features", "tune", "lexicon", "tokenizer", "ngram_max", "min_df", "negation", "nb", "nb_score",
                    "ending", "solver", "C", "epochs", "batch_size", "learning_rate", "decay", "validation_split",
                    "multi_class")


def _adapting(prior, engine):
    """Whether ``train`` adapts: ``--from MODEL``, or a bare ``train`` (the default model, if the labels fit it).

    Returns ``False`` (from scratch), ``"given"`` (``--from MODEL``) or ``"default"`` (a bare ``train``:
    the labels are checked against the default model's classes once read).
    """
    if prior is not None and prior.lower() == "none":
        return False
    if prior is None:
        return "default" if engine == "local" and not any(_given(o) for o in _SCRATCH_OPTIONS) else False
    refused = [f"--{o.replace('_', '-')}" for o in _SCRATCH_OPTIONS if _given(o)]
    if engine != "local":
        refused.append("--engine")
    if refused:
        raise click.UsageError(f"--from adapts the prior model with its own features, classes and solver; it does "
                               f"not take {', '.join(refused)} (train from scratch with --from none; the penalty "
                               "towards the prior is --l2)")
    return "given"


def _adapt(corpora, output, cv_folds, prior, timestamps, l2, seed, read_corpus, quiet):
    """``train --from MODEL``, or a bare ``train`` whose labels are the default model's classes."""
    import datetime as _dt

    from sentiment.pipeline import load_model
    from sentiment.training.adapt import AdaptedPipeline, check_prior_classes
    from sentiment.training.train import _lexicon_name

    corpus = read_corpus(corpora)
    from sentiment.io.corpus import require_some_text

    require_some_text(corpus)
    prior_pipe = load_model(prior or "default")
    if prior is None and ({str(v) for v in corpus.labels} - {str(c) for c in prior_pipe.classes_}):
        # A bare train on labels the default model does not have: the six-feature model from scratch, as before.
        click.echo(f"note: the labels ({', '.join(sorted({str(v) for v in corpus.labels}))}) are not the default "
                   f"model's classes ({', '.join(map(str, prior_pipe.classes_))}), so this trains the six-feature "
                   "model from scratch; rename them with --label-map to adapt the default model", err=True)
        ctx = click.get_current_context()
        ctx.invoke(train, **{**ctx.params, "prior": "none"})
        return
    check_prior_classes(corpus.labels, prior_pipe.classes_, corpus.source)
    name = "general" if prior in (None, "default") else prior

    make = lambda: AdaptedPipeline(prior=prior_pipe, strength=l2, seed=seed)  # noqa: E731
    pipe = make().fit(corpus.texts, corpus.labels)
    pipe.metadata["adapted_from"]["model"] = name
    pipe.metadata = {"corpora": corpus.source, "documents": len(corpus),
                     "class_counts": {str(k): v for k, v in corpus.class_counts().items()},
                     "features": pipe.featurizer.kind, "lexicon": _lexicon_name(pipe.featurizer), **pipe.metadata,
                     "solver": pipe.model.solver_, "iterations": pipe.model.n_iter_,
                     "converged": pipe.model.converged_, "final_loss": pipe.model.loss_,
                     "gradient_norm": pipe.model.grad_norm_,
                     "train_accuracy": float(pipe.score(corpus.texts, corpus.labels)), "history": [],
                     "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if cv_folds:
        from sentiment.training.crossval import stratified_folds
        from sentiment.training.train import cross_validate_corpus

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            _, summary = cross_validate_corpus(corpus, stratified_folds(corpus.labels, cv_folds, seed),
                                               make_pipeline=make)
        pipe.metadata["cv"] = {"folds": cv_folds, "seed": seed, **summary}
    _save_and_report(pipe, output, timestamps, quiet)


def _train_dask(corpora, features, tune, cv_folds, solver, l2, validation_split, multi_class, scheduler, ngram_max,
                min_df, negation, nb, nb_score, ending, lexicon, tokenizer, C, tol, epochs):
    """``train --engine dask``: the options that apply are passed on only when given (else the recipe's)."""
    ctx = click.get_current_context()
    given = _given
    unsupported = [flag for flag, on in (("--tune", tune), ("--cv", cv_folds), ("--l2", l2 is not None),
                                         ("--validation-split", validation_split),
                                         ("--solver", solver not in ("auto", "lbfgs")),
                                         ("--multi-class", multi_class not in ("auto", "binary")),
                                         ("--no-header", not ctx.params.get("header", True))) if on]
    if unsupported:
        raise click.UsageError(f"--engine dask does not take {', '.join(unsupported)} (it trains a binary model "
                               "by L-BFGS on the cluster)")
    from sentiment.io.corpus import parse_label_map
    from sentiment.scale.dask_train_cli import train_with_dask

    offered = {"lexicon": ("lexicon", _lexicon_spec(lexicon)), "tokenizer": ("tokenizer", tokenizer),
               "ngram_max": ("ngram_range", (1, ngram_max)), "min_df": ("min_df", min_df),
               "negation": ("negation", negation), "nb": ("nb", nb), "nb_score": ("nb_score", nb_score),
               "ending": ("nb_end", ending)}
    # The extended trainer takes every option (its defaults are the command line's); the general one
    # keeps its recipe's settings unless an option was given.
    params = dict(v for k, v in offered.items() if features != "general" or given(k))
    label_map = ctx.params.get("label_map")
    return train_with_dask(corpora, features=features, text_column=ctx.params["text_column"],
                           label_column=ctx.params["label_column"], encoding=ctx.params["encoding"],
                           label_map=parse_label_map(label_map) if label_map else None, scheduler=scheduler,
                           C=C if (features != "general" or given("C")) else None, tol=tol, max_iter=epochs,
                           featurizer_params=params)


@click.command(context_settings=CONTEXT)
@click.argument("corpora", nargs=-1, required=True)
@click.option("--folds", "-k", type=click.IntRange(2), default=10, show_default=True, help="Number of folds.")
@click.option("--fold-pattern", default=None, metavar="REGEX",
              help=r"Take folds from document ids: the first group (polarity v2.0: 'cv(\d)\d\d').")
@training_options
@tune_option
@click.option("--from", "prior", default=None, metavar="MODEL",
              help="Cross-validate adapting MODEL (a shipped model's name or a model file) to the training folds, "
                   "as train --from does (the strength chosen inside each fold, or --l2). Default: from scratch.")
@corpus_options
@plot_option
@output_options
@quiet_option
@handle_errors
def cv(corpora, folds, fold_pattern, tune, prior, features, ngram_max, min_df, negation, nb, nb_score, ending, lexicon, tokenizer, solver, C, l2, tol,
       epochs, batch_size, learning_rate, decay, validation_split, multi_class, seed, read_corpus, plot, fmt, output):
    """Cross-validate the training options of `sentiment train` on CORPORA.

    Folds are stratified (each class spread evenly, shuffled by --seed) unless
    --fold-pattern reads them from document ids. Prints each fold and the mean
    ± standard deviation. Models are trained from scratch (--features, default
    six) unless --from adapts a model in each training fold.

    \b
    Examples:
      sentiment cv polarity-v2.0/ --lexicon opinion-lexicon-english/ \\
          --fold-pattern 'cv(\\d)\\d\\d'
      sentiment cv rt-polarity.pos rt-polarity.neg --folds 10 --seed 1 --json
      sentiment cv stsa.binary.dev --features extended --tune --folds 3   # nested: tuned inside each fold
      sentiment cv stsa.binary.dev --label-map 0=neg,1=pos --from default --folds 3
    """
    from sentiment.training.crossval import pattern_folds, stratified_folds
    from sentiment.reports.tables import render_cv
    from sentiment.training.train import cross_validate_corpus

    if fold_pattern is not None:
        from sentiment.training.crossval import compile_fold_pattern

        compile_fold_pattern(fold_pattern)  # a bad pattern is an error before the corpus is read

    if plot:
        from sentiment.reports.plots import require_matplotlib

        require_matplotlib()
    chosen = []
    tuner = _tuner(features, lexicon, tokenizer, min_df, nb, nb_score, ending, seed, tol,
                   log=lambda best, table: chosen.append(best)) if tune else None
    corpus = read_corpus(corpora)
    fold_ids = pattern_folds(corpus.ids, fold_pattern) if fold_pattern else stratified_folds(corpus.labels, folds, seed)
    params = _model_params(solver, C, l2, tol, epochs, batch_size, learning_rate, decay, validation_split,
                           multi_class, seed, True)
    make = _featurizer_factory(features, lexicon, tokenizer, ngram_max, min_df, negation, nb, nb_score, ending)
    make()  # load the lexicon once here, so its warnings show once
    recipe = None
    if prior is not None and prior.lower() != "none":
        _adapting(prior, "local")  # refuses the from-scratch options
        from sentiment.pipeline import load_model
        from sentiment.training.adapt import AdaptedPipeline, check_prior_classes

        prior_pipe = load_model(prior)
        check_prior_classes(corpus.labels, prior_pipe.classes_, corpus.source)
        recipe = lambda: AdaptedPipeline(prior=prior_pipe, strength=l2, seed=seed)  # noqa: E731
    elif features == "general" and not tuner:
        recipe = _general_recipe(params, lexicon, tokenizer, ngram_max, min_df, negation, nb, nb_score, ending)
        _check_polarity(corpus)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        reports, summary = cross_validate_corpus(corpus, fold_ids, make_featurizer=make, tune=tuner,
                                                 make_pipeline=recipe, **params)
    for report, best in zip(reports, chosen):  # the tuner ran once per fold, in fold order
        report["tuned"] = best
    result = {"corpora": corpus.source, "documents": len(corpus), "folds": len(reports),
              "fold_pattern": fold_pattern, "seed": seed, "summary": summary, "per_fold": reports}
    if writes_document(fmt):
        _report_out(result, fmt, output, None)
    elif writes_rows(fmt):
        from sentiment.io.writers import write_rows

        rows = [{"fold": r["fold"], "documents": r["documents"], "accuracy": r["accuracy"],
                 "macro_f1": r["macro"]["f1"], "log_loss": r["log_loss"]} for r in reports]
        with _Output(output) as out:
            write_rows(rows, ["fold", "documents", "accuracy", "macro_f1", "log_loss"], fmt, out)
    else:
        _report_out(result, "table", output, f"corpora: {corpus.source}\n" + render_cv(reports, summary))
    if plot:
        import numpy as np

        from sentiment.reports.plots import plot_report

        total = {**reports[0], "confusion_matrix": np.sum([r["confusion_matrix"] for r in reports], axis=0).tolist(),
                 "accuracy": summary["accuracy"]["mean"]}
        plot_report(plot, total, title=f"{len(reports)}-fold CV on {corpus.source}"[:120])
