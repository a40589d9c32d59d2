"""Explanations and evaluation reports → one self-contained HTML page each.

:func:`explain_page` is SLP3's Figure 5.2 for any model: the text with each
token coloured by its share of z (hover: its w·x and the features behind it),
the lexicon words underlined, the feature table, z and σ(z).
:func:`report_page` is ``sentiment evaluate --html``: metrics, the confusion
matrix, ROC and precision–recall curves with the point of the 0.5 threshold,
the reliability diagram with its bin counts, accuracy by length and the most
confidently wrong documents, each explained as above.

Pages carry their CSS inline and their charts as inline SVG
(:mod:`sentiment.reports.svg`): one file, nothing fetched, readable offline.
"""

from __future__ import annotations

import math

import numpy as np

from sentiment.reports.markup import escape, isolate
from sentiment.reports.svg import Chart

__all__ = ["explanation_html", "explain_page", "report_page", "page_style"]


_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2330;background:#fff;
 max-width:1080px;margin:24px auto;padding:0 20px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde;padding-bottom:4px}
.sub{color:#5b6475;margin:0 0 16px}
.doc{font-size:18px;line-height:2.1;padding:12px 14px;border:1px solid #dde;border-radius:6px;background:#fcfcfd}
.tok{padding:2px 1px;border-radius:3px}
.lex-positive{border-bottom:3px solid #1a7f37;font-weight:600}.lex-negative{border-bottom:3px solid #cf222e;font-weight:600}
.legend{color:#5b6475;font-size:13px;margin:6px 0 10px}
.legend .sw{display:inline-block;width:34px;height:12px;vertical-align:middle;border-radius:2px;margin:0 4px}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{padding:4px 10px;border-bottom:1px solid #e4e6eb;text-align:right}th{background:#f3f4f7}
td.name,th.name{text-align:left}tr.total td{font-weight:600;border-top:2px solid #99a}
.score{font-size:16px;margin:10px 0}.score b{font-size:18px}
.charts{display:flex;flex-wrap:wrap;gap:14px}
.chart .frame{fill:none;stroke:#889}.chart .grid{stroke:#eceef2}.chart .tick{font-size:11px;fill:#5b6475}
.chart .axis{font-size:12px;fill:#333}.chart .title{font-size:13px;font-weight:600;fill:#1d2330}
.chart .curve{stroke:#2f6fdf;stroke-width:2.2}.chart .chance{stroke:#aaa;stroke-dasharray:4 4;stroke-width:1.2}
.chart .marker{fill:#e8590c;stroke:#fff;stroke-width:1.5}.chart .note{font-size:11px;fill:#333}
.chart .bar{fill:#8fb3f0}.chart .binpt{fill:#2f6fdf}
.cm td{min-width:60px;text-align:center}.cm th{text-align:center}
.error{margin:14px 0 26px}.error h3{font-size:15px;margin:0 0 4px}
.metrics td:first-child{text-align:left}
"""

_POS_RGB, _NEG_RGB = (26, 160, 70), (220, 50, 60)


def page_style() -> str:
    """The pages' CSS, for another page that shows explanations (``sentiment serve``'s)."""
    return _CSS


def _page(title, body):
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{escape(title)}</title>"
            f"<style>{_CSS}</style></head><body>\n{body}\n</body></html>\n")


def _tint(c, scale):
    rgb = _POS_RGB if c > 0 else _NEG_RGB
    alpha = min(1.0, abs(c) / scale) * 0.75 if scale else 0.0
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha:.3f})"


def _fmt(v):
    return f"{v:+.4f}"


def _highlighted_text(text, tc, scale=None):
    """The text as HTML, every token a ``span`` tinted by its share of z with a hover title."""
    scale = scale or max([abs(t["contribution"]) for t in tc["tokens"]] + [1e-12])
    out, pos = [], 0
    for t in tc["tokens"]:
        if t["span"] is None:
            continue
        a, b = t["span"]
        out.append(escape(text[pos:a]))  # the whole text is isolated below
        c = t["contribution"]
        tip = f"w·x = {_fmt(c)}" + "".join(f"\n  {k}: {_fmt(v)}" for k, v in t["parts"].items())
        cls = "tok" + (f" lex-{t['lexicon']}" if t["lexicon"] else "")
        style = f' style="background:{_tint(c, scale)}"' if c else ""
        out.append(f'<span class="{cls}" data-wx="{c:.6g}"{style} title="{escape(tip)}">{escape(text[a:b])}</span>')
        pos = b
    out.append(escape(text[pos:]))
    return "<bdi>" + "".join(out) + "</bdi>"


def _feature_table(e):
    labels = list(e["probabilities"])
    if isinstance(e["z"], dict):
        head = "".join(f"<th>w·x ({isolate(l)})</th>" for l in labels)
        rows = "".join(f"<tr><td class=\"name\">{isolate(f['name'])}</td><td>{f['value']:.4f}</td>"
                       + "".join(f"<td>{f['contribution'][l]:+.4f}</td>" for l in labels) + "</tr>"
                       for f in e["features"])
        bias = "<tr><td class=\"name\">bias</td><td></td>" + "".join(f"<td>{e['bias'][l]:+.4f}</td>" for l in labels) + "</tr>"
        if isinstance(e.get("ngram_contribution"), dict):
            bias = ("<tr><td class=\"name\">n-grams (sum)</td><td></td>" + "".join(
                f"<td>{e['ngram_contribution'][l]:+.4f}</td>" for l in labels) + "</tr>" + bias)
        total = "<tr class=\"total\"><td class=\"name\">z</td><td></td>" + "".join(
            f"<td>{e['z'][l]:+.4f}</td>" for l in labels) + "</tr>"
        return (f"<table class=\"features\"><tr><th class=\"name\">feature</th><th>x</th>{head}</tr>"
                f"{rows}{bias}{total}</table>")
    rows = "".join(f"<tr><td class=\"name\">{isolate(f['name'])}</td><td>{f['value']:.4f}</td><td>{f['weight']:+.4f}</td>"
                   f"<td>{f['contribution']:+.4f}</td></tr>" for f in e["features"])
    if "ngram_contribution" in e:
        rows += (f"<tr><td class=\"name\">n-grams (sum)</td><td></td><td></td>"
                 f"<td>{e['ngram_contribution']:+.4f}</td></tr>")
    rows += f"<tr><td class=\"name\">bias</td><td></td><td></td><td>{e['bias']:+.4f}</td></tr>"
    rows += f"<tr class=\"total\"><td class=\"name\">z = w·x + b</td><td></td><td></td><td>{e['z']:+.4f}</td></tr>"
    return f"<table class=\"features\"><tr><th class=\"name\">feature</th><th>x</th><th>w</th><th>w·x</th></tr>{rows}</table>"


def _score_line(e):
    probs = e["probabilities"]
    labels = list(probs)
    if isinstance(e["z"], dict):
        p = ", ".join(f"P({isolate(l)}) = {v:.4f}" for l, v in probs.items())
        return f"<p class=\"score\">softmax(z): {p} → <b>{isolate(str(e['predicted']))}</b></p>"
    z = e["z"]
    sigma = 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
    return (f"<p class=\"score\">z = <b class=\"z\">{z:.4f}</b> &nbsp; σ(z) = P({isolate(labels[-1])}) = "
            f"<b class=\"sigma\">{sigma:.4f}</b> &nbsp; P({isolate(labels[0])}) = 1 − σ(z) = {probs[labels[0]]:.4f}"
            f" &nbsp; → <b class=\"predicted\">{isolate(str(e['predicted']))}</b></p>")


def _legend(tc, scale):
    rest = ", ".join(f"{isolate(n)} {_fmt(v)}" for n, v in tc["remainder"])
    return ("<div class=\"legend\">colour: each token's share of z(" + isolate(tc["label"]) + ") "
            f"<span class=\"sw\" style=\"background:{_tint(-scale, scale)}\"></span>−{scale:.2f} … "
            f"+{scale:.2f}<span class=\"sw\" style=\"background:{_tint(scale, scale)}\"></span>; "
            "underlined: lexicon words (<span class=\"lex-positive\">positive</span>, "
            "<span class=\"lex-negative\">negative</span>); hover a word for its w·x. "
            f"Not on any token: {rest}.</div>")


def explanation_html(pipe, text, explanation=None, heading=None):
    """One explanation as an HTML ``section``: highlighted text, legend, feature table, z and σ(z)."""
    from sentiment.reports.tokens import token_contributions

    from sentiment.io.by_sentence import sentence_answers

    e = explanation if explanation is not None else pipe.explain(text)
    tc = token_contributions(pipe, text, e)
    scale = max([abs(t["contribution"]) for t in tc["tokens"]] + [1e-12])
    head = f"<h3>{heading}</h3>" if heading else ""
    sentences = e.get("sentences") or sentence_answers(pipe, text)
    return (f"<section class=\"explanation\">{head}<div class=\"doc\">{_highlighted_text(text, tc, scale)}</div>"
            f"{_legend(tc, scale)}{_score_line(e)}{_sentence_list(sentences)}{_feature_table(e)}</section>")


def _sentence_list(sentences) -> str:
    """A text of several sentences: each one, tinted by its own score (p_pos − p_neg), with its label."""
    if not sentences:
        return ""
    items = "".join(
        f'<li data-label="{escape(s["label"])}" data-score="{s.get("score", 0.0):.6g}">'
        f'<span class="sent" style="background:{_tint(s.get("score", 0.0), 1.0)}">{isolate(s["text"])}</span> '
        f'<small>{isolate(s["label"])}, P = {s["probability"]:.3f}'
        + (f', score {s["score"]:+.3f}' if "score" in s else "") + "</small></li>"
        for s in sentences)
    return f'<ol class="sentences" aria-label="sentence by sentence">{items}</ol>'



def explain_page(pipe, texts, model_name="") -> str:
    """A page explaining each of ``texts`` with ``pipe`` (``sentiment explain --html``).

    Examples
    --------
    >>> from sentiment.worked_example import REVIEW, textbook_pipeline
    >>> page = explain_page(textbook_pipeline(), [REVIEW], "textbook")
    >>> page.startswith("<!DOCTYPE html>") and 'class="tok lex-positive"' in page and "σ(z)" in page
    True
    """
    sections = "\n".join(explanation_html(pipe, t, heading=f"Text {i}" if len(texts) > 1 else None)
                         for i, t in enumerate(texts, 1))
    body = (f"<h1>Why the model said what it said</h1><p class=\"sub\">model: {isolate(str(model_name))}; "
            "after SLP3 Figure 5.2: the features of the text, their weights, z = w·x + b and σ(z).</p>" + sections)
    return _page("sentiment explain", body)


def _metrics_table(r):
    rows = [("documents", str(r["documents"])), ("accuracy", f"{r['accuracy']:.4f}"),
            ("macro-F1", f"{r['macro']['f1']:.4f}"), ("log-loss", f"{r['log_loss']:.4f}"), ("Brier", f"{r['brier']:.4f}")]
    if "roc_auc" in r:
        rows += [("ROC-AUC", f"{r['roc_auc']:.4f}"), ("average precision", f"{r['average_precision']:.4f}")]
    head = "".join(f"<tr><td>{isolate(k)}</td><td class=\"v\">{v}</td></tr>" for k, v in rows)
    per = "".join(f"<tr><td class=\"name\">{isolate(l)}</td><td>{m['precision']:.4f}</td><td>{m['recall']:.4f}</td>"
                  f"<td>{m['f1']:.4f}</td><td>{m['support']}</td></tr>" for l, m in r["per_class"].items())
    per += "".join(f"<tr><td class=\"name\">{k} avg</td><td>{r[k]['precision']:.4f}</td><td>{r[k]['recall']:.4f}</td>"
                   f"<td>{r[k]['f1']:.4f}</td><td>{r['documents']}</td></tr>" for k in ("macro", "micro"))
    return (f"<div class=\"charts\"><table class=\"metrics\">{head}</table>"
            "<table class=\"per-class\"><tr><th class=\"name\">class</th><th>precision</th><th>recall</th><th>F1</th>"
            f"<th>support</th></tr>{per}</table>{_confusion(r)}</div>")


def _confusion(r):
    C = np.asarray(r["confusion_matrix"])
    labels = r["labels"]
    top = max(int(C.max()), 1)
    rows = []
    for i, l in enumerate(labels):
        cells = "".join(f"<td style=\"background:rgba(47,111,223,{0.08 + 0.7 * C[i, j] / top:.3f});"
                        f"color:{'#fff' if C[i, j] / top > 0.6 else '#111'}\">{C[i, j]}</td>" for j in range(len(labels)))
        rows.append(f"<tr><th>{isolate(l)}</th>{cells}</tr>")
    head = "".join(f"<th>{isolate(l)}</th>" for l in labels)
    return (f"<table class=\"cm\"><caption>confusion matrix (rows gold, columns predicted)</caption>"
            f"<tr><th>gold \\ predicted</th>{head}</tr>{''.join(rows)}</table>")


def _curves(r, gold, proba, labels):
    from sentiment.evaluation.metrics import precision_recall_curve, roc_curve

    from sentiment.evaluation.threshold import threshold_point

    pos, s = labels[1], np.asarray(proba)[:, 1]
    t = threshold_point(gold, s, pos)
    fpr_t, tpr_t, prec_t, rec_t = t["fpr"], t["tpr"], t["precision"], t["recall"]
    roc = Chart(f"ROC (AUC {r['roc_auc']:.3f})", "false positive rate", "true positive rate")
    roc.line([0, 1], [0, 1], cls="chance")
    fpr, tpr, _ = roc_curve(gold, s, pos)
    roc.line(fpr, tpr)
    roc.point(fpr_t, tpr_t, label="threshold 0.5", title=f"threshold 0.5: FPR {fpr_t:.3f}, TPR {tpr_t:.3f}")
    pr = Chart(f"precision–recall (AP {r['average_precision']:.3f})", "recall", "precision")
    p, rec, _ = precision_recall_curve(gold, s, pos)
    pr.line(rec[::-1], p[::-1], step=True)
    pr.point(rec_t, prec_t, label="threshold 0.5", title=f"threshold 0.5: recall {rec_t:.3f}, precision {prec_t:.3f}")
    rel = Chart(f"reliability (Brier {r['brier']:.3f})", f"mean P({labels[1]}) in bin", "observed fraction")
    rel.line([0, 1], [0, 1], cls="chance")
    bins = r.get("calibration") or []
    rel.line([b["mean_predicted"] for b in bins], [b["fraction_positive"] for b in bins])
    for k, b in enumerate(bins):
        rel.point(b["mean_predicted"], b["fraction_positive"], cls="binpt", r=3.5,
                  title=f"P in [{b['low']:.1f}, {b['high']:.1f}): {b['count']} documents, "
                        f"mean P {b['mean_predicted']:.3f}, observed {b['fraction_positive']:.3f}")
        # Counts alternate above and below the curve so neighbours do not overlap.
        dy = 0.05 if k % 2 == 0 else -0.085
        rel.text(b["mean_predicted"], min(max(b["fraction_positive"] + dy, 0.02), 0.97), f"n={b['count']}")
    return [roc.svg(), pr.svg(), rel.svg()]


def _length_chart(bins):
    xticks = [(i + 0.5, f"{b['low']}–{b['high']}") for i, b in enumerate(bins)]
    c = Chart("accuracy by length (tokens)", "tokens per document", "accuracy", xlim=(0, len(bins)), width=560,
              xticks=xticks)
    for i, b in enumerate(bins):
        c.bar(i + 0.12, i + 0.88, b["accuracy"], label=f"{b['accuracy']:.2f} (n={b['count']})",
              title=f"{b['low']}–{b['high']} tokens: {b['count']} documents, accuracy {b['accuracy']:.4f}")
    return c.svg()


def report_page(pipe, corpus, report, gold, pred, proba, n_errors=10, title="") -> str:
    """The ``sentiment evaluate --html`` page (see the module docstring)."""
    from sentiment.evaluation.by_length import accuracy_by_length
    from sentiment.evaluation.evaluate import confident_errors

    labels = list(pipe.classes_)
    from sentiment.reports.tokens import tokenizer_of

    charts = _curves(report, gold, proba, labels) if len(labels) == 2 else []
    bins = accuracy_by_length(corpus.texts, gold, pred, tokenize=tokenizer_of(pipe))
    charts.append(_length_chart(bins))
    errors = confident_errors(pipe, corpus, gold, pred, proba, n_errors)
    err_html = "".join(
        "<div class=\"error\">" + explanation_html(
            pipe, e["text"], e, heading=f"{isolate(str(e['id']))}: gold <b>{isolate(str(e['gold']))}</b>, predicted "
                                        f"<b>{isolate(str(e['predicted']))}</b> with P = "
                                        f"{max(e['probabilities'].values()):.3f}") + "</div>"
        for e in errors)
    warning = f"<p class=\"sub\">warning: {isolate(report['warning'])}</p>" if report.get("warning") else ""
    body = (f"<h1>Evaluation report</h1><p class=\"sub\">{isolate(title)}</p>{warning}"
            f"<h2>Metrics</h2>{_metrics_table(report)}"
            f"<h2>Curves</h2><div class=\"charts\">{''.join(charts)}</div>"
            f"<h2>The {len(errors)} most confidently wrong documents</h2>"
            + (err_html or "<p>none: every document is right.</p>"))
    return _page(f"sentiment evaluate: {title}", body)
