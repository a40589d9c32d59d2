"""Reports → pictures: confusion matrix, ROC, precision–recall, reliability, loss curves.

matplotlib is an optional extra (``pip install 'sentiment[plot]'``) imported
only here, only when a plot is asked for.
"""

from __future__ import annotations

import numpy as np

from sentiment.errors import InputError

__all__ = ["require_matplotlib", "plot_report", "report_figure"]


def require_matplotlib():
    """Import matplotlib with a file-only backend, or say how to install it."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise InputError("--plot needs matplotlib: pip install 'sentiment[plot]'") from None
    return plt


def plot_report(path, report, gold=None, proba=None, labels=None, history=None, title=""):
    """Write one PNG with a panel per picture that applies to ``report`` (see :func:`report_figure`)."""
    from sentiment.io.atomic import atomic_write

    plt = require_matplotlib()
    fig = report_figure(report, gold, proba, labels, history, title)
    with atomic_write(path, mode="wb") as fh:
        fig.savefig(fh, format="png", dpi=90)
    plt.close(fig)


def report_figure(report, gold=None, proba=None, labels=None, history=None, title=""):
    """The matplotlib figure of :func:`plot_report`.

    Panels: the confusion matrix (always); ROC and precision–recall curves with
    the point of the 0.5 threshold, and a reliability diagram with each bin's
    count (binary, when ``proba`` is given); training and validation loss per
    epoch (when ``history`` has epochs).
    """
    from sentiment.evaluation.metrics import calibration_bins, precision_recall_curve, roc_curve
    from sentiment.evaluation.threshold import threshold_point

    plt = require_matplotlib()
    binary = proba is not None and labels is not None and len(labels) == 2
    panels = ["confusion"] + (["roc", "pr", "reliability"] if binary else []) + (["loss"] if history else [])
    cols = min(3, len(panels))
    rows = int(np.ceil(len(panels) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(4.6 * cols, 4.2 * rows), squeeze=False)
    for ax in axes.ravel()[len(panels):]:
        ax.axis("off")
    for ax, panel in zip(axes.ravel(), panels):
        if panel == "confusion":
            C = np.asarray(report["confusion_matrix"])
            ax.imshow(C, cmap="Blues")
            names = report["labels"]
            ax.set_xticks(range(len(names)), names)
            ax.set_yticks(range(len(names)), names)
            for i in range(C.shape[0]):
                for j in range(C.shape[1]):
                    ax.text(j, i, str(C[i, j]), ha="center", va="center",
                            color="white" if C[i, j] > (C.min() + C.max()) / 2 else "black")
            ax.set_xlabel("predicted")
            ax.set_ylabel("gold")
            ax.set_title(f"confusion (accuracy {report['accuracy']:.3f})")
        elif panel == "roc":
            fpr, tpr, _ = roc_curve(gold, proba[:, 1], labels[1])
            ax.plot(fpr, tpr)
            ax.plot([0, 1], [0, 1], ls="--", c="grey")
            t = threshold_point(gold, proba[:, 1], labels[1])
            ax.plot([t["fpr"]], [t["tpr"]], "o", c="tab:orange", label="threshold 0.5")
            ax.legend(loc="lower right")
            ax.set(xlabel="false positive rate", ylabel="true positive rate",
                   title=f"ROC (AUC {report['roc_auc']:.3f})")
        elif panel == "pr":
            p, r, _ = precision_recall_curve(gold, proba[:, 1], labels[1])
            ax.step(r, p, where="post")
            t = threshold_point(gold, proba[:, 1], labels[1])
            ax.plot([t["recall"]], [t["precision"]], "o", c="tab:orange", label="threshold 0.5")
            ax.legend(loc="lower left")
            ax.set(xlabel="recall", ylabel="precision", title=f"precision–recall (AP {report['average_precision']:.3f})",
                   ylim=(0, 1.02))
        elif panel == "reliability":
            bins = calibration_bins(gold, proba[:, 1], labels[1])
            ax.plot([0, 1], [0, 1], ls="--", c="grey")
            ax.plot([b["mean_predicted"] for b in bins], [b["fraction_positive"] for b in bins], marker="o")
            for k, b in enumerate(bins):  # each bin's count, alternately above and below, so neighbours stay apart
                ax.annotate(f"n={b['count']}", (b["mean_predicted"], b["fraction_positive"]), fontsize=7,
                            textcoords="offset points", xytext=(0, 6 if k % 2 == 0 else -11), ha="center")
            ax.set(xlabel=f"mean P({labels[1]})", ylabel="observed fraction",
                   title=f"reliability (Brier {report['brier']:.3f})", xlim=(0, 1), ylim=(0, 1))
        elif panel == "loss":
            epochs = [h["epoch"] for h in history]
            ax.plot(epochs, [h["loss"] for h in history], label="training")
            if "val_loss" in history[0]:
                ax.plot(epochs, [h["val_loss"] for h in history], label="validation")
            ax.set(xlabel="epoch", ylabel="loss", title="loss per epoch")
            ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
