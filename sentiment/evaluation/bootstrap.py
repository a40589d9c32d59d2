"""The paired bootstrap test of SLP3 §4.9: is model A really better than model B?

For the test set x, δ(x) is how much better A is than B.  Drawing b bootstrap
samples x⁽ⁱ⁾ (n documents with replacement), the p-value is the share of
samples with δ(x⁽ⁱ⁾) ≥ 2 δ(x): samples are biased towards A by δ(x), so under
the null hypothesis δ would be centred on δ(x), not 0.
"""

from __future__ import annotations

import numpy as np

__all__ = ["paired_bootstrap"]


def _macro_f1(counts):
    """Macro-F1 from confusion counts of shape (..., K, K)."""
    tp = np.diagonal(counts, axis1=-2, axis2=-1).astype(float)
    pred_n, gold_n = counts.sum(axis=-2), counts.sum(axis=-1)
    p = np.divide(tp, pred_n, out=np.zeros_like(tp), where=pred_n > 0)
    r = np.divide(tp, gold_n, out=np.zeros_like(tp), where=gold_n > 0)
    f = np.divide(2 * p * r, p + r, out=np.zeros_like(tp), where=(p + r) > 0)
    return f.mean(axis=-1)


def paired_bootstrap(gold, pred_a, pred_b, labels, resamples=10_000, seed=0, confidence=0.95, chunk=500):
    """Paired bootstrap on accuracy and macro-F1.

    Returns, for each metric, A's and B's score, δ = A − B, the one-sided
    p-value of "A is better", and a percentile confidence interval for δ.

    Examples
    --------
    >>> gold = [1, 0] * 50
    >>> r = paired_bootstrap(gold, gold, [1, 1] * 50, [0, 1], resamples=2000)
    >>> r["accuracy"]["delta"], r["accuracy"]["p_value"] < 0.01
    (0.5, True)
    """
    from sentiment.parameters import Integral, Interval, Real, validate_params

    # Where they are set: a negative seed was a numpy traceback after both models had scored the corpus.
    validate_params({"resamples": resamples, "seed": seed, "confidence": confidence, "chunk": chunk},
                    {"resamples": [Interval(Integral, 1, None, closed="left")],
                     "seed": [Interval(Integral, 0, None, closed="left")],
                     "confidence": [Interval(Real, 0, 1, closed="neither")],
                     "chunk": [Interval(Integral, 1, None, closed="left")]}, "paired_bootstrap")
    K = len(labels)
    idx = {l: i for i, l in enumerate(labels)}
    g = np.array([idx[v] for v in gold])
    a = np.array([idx[v] for v in pred_a])
    b = np.array([idx[v] for v in pred_b])
    n = len(g)
    code_a, code_b = g * K + a, g * K + b
    full_a = np.bincount(code_a, minlength=K * K).reshape(K, K)
    full_b = np.bincount(code_b, minlength=K * K).reshape(K, K)
    observed = {
        "accuracy": (float(np.mean(a == g)), float(np.mean(b == g))),
        "macro_f1": (float(_macro_f1(full_a)), float(_macro_f1(full_b))),
    }
    rng = np.random.default_rng(seed)
    deltas = {"accuracy": [], "macro_f1": []}
    from sentiment.progress import task

    done = 0
    bar_cm = task("bootstrap", total=resamples, unit="resamples")
    bar = bar_cm.__enter__()
    while done < resamples:
        m = min(chunk, resamples - done)
        sample = rng.integers(0, n, size=(m, n))
        correct = (a == g).astype(np.int32) - (b == g).astype(np.int32)
        deltas["accuracy"].append(correct[sample].sum(axis=1) / n)
        offset = (np.arange(m) * K * K)[:, None]
        ca = np.bincount((code_a[sample] + offset).ravel(), minlength=m * K * K).reshape(m, K, K)
        cb = np.bincount((code_b[sample] + offset).ravel(), minlength=m * K * K).reshape(m, K, K)
        deltas["macro_f1"].append(_macro_f1(ca) - _macro_f1(cb))
        done += m
        bar.update(m)
    bar_cm.__exit__(None, None, None)
    out = {"resamples": resamples, "seed": seed, "confidence": confidence, "documents": n}
    lo, hi = (1 - confidence) / 2, 1 - (1 - confidence) / 2
    for key, (sa, sb) in observed.items():
        d = np.concatenate(deltas[key])
        delta = sa - sb
        # Counted with a small tolerance: sums of ±1/n are not exact in floating point.
        p = float(np.mean(d >= 2 * delta - 1e-12)) if delta > 0 else 1.0
        out[key] = {"a": sa, "b": sb, "delta": delta, "p_value": p,
                    "ci_low": float(np.quantile(d, lo)), "ci_high": float(np.quantile(d, hi))}
    return out
