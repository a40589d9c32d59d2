"""Metric reports → readable text and flat CSV rows."""

from __future__ import annotations

__all__ = ["render_report", "report_rows", "render_cv"]


def render_report(r: dict) -> str:
    """The text ``sentiment evaluate`` prints: counts, metrics table, confusion matrix.

    Examples
    --------
    >>> from sentiment.evaluation.metrics import classification_report
    >>> print(render_report(classification_report([0, 1, 1], [0, 1, 0], [[.9, .1], [.2, .8], [.6, .4]], [0, 1])))
    documents: 3  (0: 1, 1: 2)
    accuracy: 0.6667   macro-F1: 0.6667   log-loss: 0.4149   Brier: 0.1367   ROC-AUC: 1.0000   AP: 1.0000
    class      precision  recall  f1      support
    ---------  ---------  ------  ------  -------
    0          0.5000     1.0000  0.6667        1
    1          1.0000     0.5000  0.6667        2
    macro avg  0.7500     0.7500  0.6667        3
    micro avg  0.6667     0.6667  0.6667        3
    confusion matrix (rows: gold, columns: predicted)
        0  1
    0   1  0
    1   1  1
    """
    labels = r["labels"]
    lines = [f"documents: {r['documents']}  (" + ", ".join(f"{k}: {v}" for k, v in r["class_counts"].items()) + ")"]
    head = f"accuracy: {r['accuracy']:.4f}   macro-F1: {r['macro']['f1']:.4f}   log-loss: {r['log_loss']:.4f}" \
           f"   Brier: {r['brier']:.4f}"
    if "roc_auc" in r:
        head += f"   ROC-AUC: {r['roc_auc']:.4f}   AP: {r['average_precision']:.4f}"
    lines.append(head)
    if "neutral_answers" in r:  # a three-way model on gold without neutral (sentiment.evaluation.polar)
        lines.append(f"scored as negative vs positive (the gold has no neutral); it would have called "
                     f"{r['neutral_answers']:.1%} neutral")
    rows = [[l, f"{v['precision']:.4f}", f"{v['recall']:.4f}", f"{v['f1']:.4f}", str(v["support"])]
            for l, v in r["per_class"].items()]
    n = str(r["documents"])
    rows.append(["macro avg"] + [f"{r['macro'][k]:.4f}" for k in ("precision", "recall", "f1")] + [n])
    rows.append(["micro avg"] + [f"{r['micro'][k]:.4f}" for k in ("precision", "recall", "f1")] + [n])
    head = ["class", "precision", "recall", "f1", "support"]
    w = [max(len(x[i]) for x in rows + [head]) for i in range(5)]
    fmt = lambda x: "  ".join(c.rjust(w[i]) if i == 4 else c.ljust(w[i]) for i, c in enumerate(x)).rstrip()
    lines += [fmt(head), fmt(["-" * v for v in w])] + [fmt(x) for x in rows]
    lines.append("confusion matrix (rows: gold, columns: predicted)")
    C = r["confusion_matrix"]
    cw = max([len(str(l)) for l in labels] + [len(str(v)) for row in C for v in row])
    lw = max(len(str(l)) for l in labels)
    lines.append(" " * lw + "  " + " ".join(str(l).rjust(cw) for l in labels))
    for l, row in zip(labels, C):
        lines.append(str(l).ljust(lw) + "  " + " ".join(str(v).rjust(cw) for v in row))
    return "\n".join(lines)


def report_rows(r: dict) -> list[dict]:
    """The report flattened to ``metric, class, value`` rows for ``--csv``."""
    rows = [{"metric": k, "class": "", "value": r[k]} for k in
            ("documents", "accuracy", "log_loss", "brier", "roc_auc", "average_precision") if k in r]
    for avg in ("macro", "micro"):
        rows += [{"metric": f"{avg}_{k}", "class": "", "value": v} for k, v in r[avg].items()]
    for label, v in r["per_class"].items():
        rows += [{"metric": k, "class": label, "value": x} for k, x in v.items()]
    for i, gold in enumerate(r["labels"]):
        rows += [{"metric": f"confusion[{gold}]", "class": pred, "value": r["confusion_matrix"][i][j]}
                 for j, pred in enumerate(r["labels"])]
    return rows


def render_cv(reports, summary) -> str:
    lines = ["fold  documents  accuracy  macro-F1  log-loss", "----  ---------  --------  --------  --------"]
    for r in reports:
        tuned = r.get("tuned")
        lines.append(f"{r['fold']:>4}  {r['documents']:>9}  {r['accuracy']:8.4f}  {r['macro']['f1']:8.4f}  "
                     f"{r['log_loss']:8.4f}" + (f"  tuned: 1-{tuned['ngram_max']}-grams, negation "
                                                f"{'on' if tuned['negation'] else 'off'}, C={tuned['C']:g}"
                                                if tuned else ""))
    s = summary
    lines.append(f"mean ± std: accuracy {s['accuracy']['mean']:.4f} ± {s['accuracy']['std']:.4f}   "
                 f"macro-F1 {s['macro_f1']['mean']:.4f} ± {s['macro_f1']['std']:.4f}   "
                 f"log-loss {s['log_loss']['mean']:.4f} ± {s['log_loss']['std']:.4f}")
    return "\n".join(lines)
