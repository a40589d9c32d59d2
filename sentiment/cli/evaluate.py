"""``sentiment evaluate`` and ``sentiment compare``: what a model is worth on a labelled corpus."""

from __future__ import annotations

import click

from sentiment.errors import InputError
from sentiment.cli.progress import quiet_option
from sentiment.cli.options import (CONTEXT, FiniteFloatRange, _Output, _report_out, corpus_options, handle_errors, output_options,
                                   plot_option, writes_rows)


@click.command(context_settings=CONTEXT)
@click.argument("model")
@click.argument("corpora", nargs=-1, required=True)
@corpus_options
@click.option("--predictions", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Write one row per document (id, gold, predicted, probability of each class); "
                   ".jsonl/.json by extension, else CSV.")
@click.option("--errors", "n_errors", type=click.IntRange(0), default=0, metavar="N",
              help="List the N most confidently wrong documents with their feature contributions.")
@plot_option
@click.option("--html", "html_path", type=click.Path(dir_okay=False), default=None, metavar="FILE.html",
              help="Also write one self-contained HTML report: metrics, confusion matrix, ROC and precision-recall "
                   "with the 0.5 threshold, reliability with bin counts, accuracy by length and the 10 most "
                   "confidently wrong documents, each explained.")
@output_options
@quiet_option
@handle_errors
def evaluate(model, corpora, read_corpus, predictions, n_errors, plot, html_path, fmt, output):
    """Measure MODEL on labelled CORPORA: metrics table and confusion matrix.

    MODEL is a model file or a shipped name (default = general, six, extended). The corpus's labels
    must be the model's (neg, pos for the shipped models): --label-map maps others, e.g. 0=neg,1=pos.

    \b
    Examples:
      sentiment evaluate default stsa.binary.test --label-map 0=neg,1=pos
      sentiment evaluate six txt_sentoken --json --errors 5
      sentiment evaluate m.json test.csv --predictions preds.csv --plot report.png
      sentiment evaluate default test.csv --html report.html
    """
    from sentiment.io.atomic import check_writable
    from sentiment.evaluation.evaluate import confident_errors, evaluate as run_evaluation, length_shift, prediction_rows
    from sentiment.pipeline import load_model
    from sentiment.io.writers import output_for_path, write_rows

    if plot:
        from sentiment.reports.plots import require_matplotlib

        require_matplotlib()
        check_writable(plot)
    if predictions:
        check_writable(predictions)
    if html_path:
        check_writable(html_path)
    from sentiment.evaluation.polar import polar_view

    corpus = _with_text(read_corpus(corpora))
    three_way = load_model(model)
    pipe = polar_view(three_way, corpus.labels)  # a three-way model on gold without neutral: scored as binary
    report, proba, pred, gold = run_evaluation(pipe, corpus)
    if pipe is not three_way:
        report["neutral_answers"] = pipe.neutral_share_
        report["note"] = ("the gold has no neutral: the three-way model is scored on negative vs positive "
                          "(p_neg, p_pos renormalised); neutral_answers is the share it would have called neutral")
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
        from sentiment.reports.explain import render_explanation
        from sentiment.reports.tables import render_report

        text = f"model: {model}\ncorpora: {corpus.source}\n" + render_report(report)
        if errors:
            text += f"\n\n{len(errors)} most confidently wrong:\n" + "\n\n".join(
                f"[{e['id']}] gold {e['gold']}\n" + render_explanation({**e, "text": e["text"][:300]}) for e in errors)
    _report_out(report, fmt, output, text)
    if predictions:
        labels = pipe.classes_.tolist()
        from sentiment.outputs import probability_name

        cols = ["id", "gold", "predicted", "correct"] + [probability_name(l) for l in labels]
        kind = output_for_path(predictions, "csv")
        with _Output(predictions) as out:
            write_rows(prediction_rows(corpus, gold, pred, proba, labels), cols, kind, out)
    if plot:
        from sentiment.reports.plots import plot_report

        plot_report(plot, report, gold, proba, pipe.classes_, pipe.metadata.get("history") or None,
                    title=f"{model} on {corpus.source}"[:120])
    if html_path:
        from sentiment.io.atomic import atomic_write
        from sentiment.reports.html import report_page

        page = report_page(pipe, corpus, report, gold, pred, proba, n_errors=n_errors or 10,
                           title=f"model {model} on {corpus.source}")
        with atomic_write(html_path) as fh:
            fh.write(page)


@click.command(context_settings=CONTEXT)
@click.argument("model_a")
@click.argument("model_b")
@click.argument("corpora", nargs=-1, required=True)
@click.option("--resamples", "-b", type=click.IntRange(100), default=10_000, show_default=True,
              help="Bootstrap samples.")
@click.option("--seed", type=click.IntRange(0), default=0, show_default=True, help="Seed for the resampling.")
@click.option("--confidence", type=FiniteFloatRange(0.5, 1, max_open=True), default=0.95, show_default=True,
              help="Level of the confidence interval for the difference.")
@corpus_options
@output_options
@quiet_option
@handle_errors
def compare(model_a, model_b, corpora, resamples, seed, confidence, read_corpus, fmt, output):
    """Is MODEL_A better than MODEL_B on CORPORA? The paired bootstrap test (SLP3 §4.9).

    Reports each model's accuracy and macro-F1, the difference A − B, its
    confidence interval, and the p-value of the null hypothesis that A is not
    better than B.

    \b
    Examples:
      sentiment compare extended six stsa.binary.test --label-map 0=neg,1=pos
      sentiment compare a.json b.json test.csv --resamples 20000 --json
    """
    from sentiment.evaluation.bootstrap import paired_bootstrap
    from sentiment.evaluation.evaluate import evaluate as run_evaluation
    from sentiment.pipeline import load_model

    from sentiment.evaluation.polar import polar_view

    a, b = load_model(model_a), load_model(model_b)
    corpus = _with_text(read_corpus(corpora))
    # On gold without neutral a three-way model answers negative/positive, so it compares with a binary one.
    a, b = polar_view(a, corpus.labels), polar_view(b, corpus.labels)
    if [str(c) for c in a.classes_] != [str(c) for c in b.classes_]:
        raise InputError(f"the models have different labels: {list(a.classes_)} and {list(b.classes_)}")
    _, _, pred_a, gold = run_evaluation(a, corpus)
    _, _, pred_b, _ = run_evaluation(b, corpus)
    labels = [c for c in a.classes_]
    pred_b = [labels[[str(c) for c in labels].index(str(p))] for p in pred_b]
    r = paired_bootstrap(gold, pred_a, pred_b, labels, resamples=resamples, seed=seed, confidence=confidence)
    r.update(model_a=model_a, model_b=model_b, corpora=corpus.source)
    pct = int(round(confidence * 100))
    text = [f"A: {model_a}", f"B: {model_b}", f"corpora: {corpus.source} ({r['documents']} documents)",
            f"paired bootstrap: {resamples} resamples, seed {seed}", "",
            f"metric     A       B       A - B    {pct}% CI             p (A not better)"]
    for key, name in (("accuracy", "accuracy"), ("macro_f1", "macro-F1")):
        m = r[key]
        text.append(f"{name:<9}  {m['a']:.4f}  {m['b']:.4f}  {m['delta']:+.4f}  [{m['ci_low']:+.4f}, {m['ci_high']:+.4f}]"
                    f"  {m['p_value']:.4f}")
    if writes_rows(fmt):
        from sentiment.io.writers import write_rows

        rows = [{"metric": k, **{f: r[k][f] for f in ("a", "b", "delta", "ci_low", "ci_high", "p_value")}}
                for k in ("accuracy", "macro_f1")]
        with _Output(output) as out:
            write_rows(rows, ["metric", "a", "b", "delta", "ci_low", "ci_high", "p_value"], fmt, out)
    else:
        _report_out(r, fmt or "table", output, "\n".join(text))


def _with_text(corpus):
    """The documents of ``corpus`` that have text; the blank ones are left out of the metrics, with a note."""
    from sentiment.io.corpus import documents_with_text

    scored, blank = documents_with_text(corpus)
    if blank:
        shown = ", ".join(blank[:3]) + (" …" if len(blank) > 3 else "")
        click.echo(f"note: {corpus.source}: {len(blank)} document(s) with no text left out of the metrics ({shown})",
                   err=True)
    return scored
