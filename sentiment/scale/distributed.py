"""More than one machine: scoring and six-feature training on Dask collections.

Optional extra: ``pip install 'sentiment[dask]'``.  Nothing here is imported by
the rest of the package unless ``--engine dask`` or these functions are used.

* :func:`score_dataframe` applies a pipeline to a ``dask.dataframe`` with
  ``map_partitions``: each partition gains ``label``, ``probability`` and one
  ``p_<class>`` column per class.
* :func:`fit_newton` trains the six-feature model where the data lives: each
  Newton step sums per-partition losses, gradients and Hessians (a few dozen
  numbers per partition) and solves on the client, so the documents never have
  to fit on one machine.  It minimises the same objective as
  :class:`~sentiment.linear.model.LogisticRegression` and reaches the same weights.
"""

from __future__ import annotations

import numpy as np

from sentiment.errors import InputError

__all__ = ["score_dataframe", "fit_newton", "iter_scored_partitions"]


def _score_partition(df, model_dict, text_column, neutral=True, prefix=""):
    from sentiment.outputs import predictions
    from sentiment.neutral import neutral_labels
    from sentiment.pipeline import model_from_dict

    pipe = model_from_dict(model_dict, "<dask>")
    texts = df[text_column].tolist()
    rows = np.flatnonzero([isinstance(t, str) and bool(t.strip()) for t in texts])
    labels = np.asarray(pipe.classes_).tolist()
    P = pipe.predict_proba([texts[i] for i in rows]) if len(rows) else np.zeros((0, len(labels)))
    from sentiment.outputs import answer_columns

    out = df.copy()
    label, _, P = predictions(labels, P, rows, len(df))
    # the model's neutral rule, as classify applies it
    out = out.assign(**answer_columns(labels, P, neutral, neutral_labels(pipe, texts, label, P) if neutral else None,
                                      prefix))
    return out


def score_dataframe(pipe, ddf, text_column="text", neutral=True, prefix=""):
    """Add predictions to every partition of a ``dask.dataframe`` (lazy; rows with no text get NaN).

    The model travels to the workers as its JSON dict, not as a pickle of live objects.  The answer
    columns are named after ``prefix``; a frame that already has one of them is an :class:`InputError`
    (:func:`sentiment.outputs.refuse_overwrite`): an input column is never overwritten.
    """
    from sentiment.pipeline import model_to_dict

    from sentiment.frames import check_column
    from sentiment.outputs import output_names, refuse_overwrite

    check_column(ddf, text_column)
    names = output_names(pipe.classes_, neutral, prefix)
    refuse_overwrite(ddf.columns, names, prefix=prefix)
    meta = ddf._meta.copy()
    for name in names:
        meta[name] = np.array([], dtype=object if name == prefix + "label" else float)
    return ddf.map_partitions(_score_partition, model_to_dict(pipe), text_column, neutral, prefix, meta=meta)


def iter_scored_partitions(scored, client=None, ahead=2):
    """Compute partitions in order, a few ahead, yielding pandas DataFrames (for streaming output)."""
    parts = scored.to_delayed()
    if client is None:
        import dask

        for p in parts:
            yield dask.compute(p)[0]
        return
    futures = [client.compute(p) for p in parts[:ahead]]
    nxt = len(futures)
    while futures:
        f = futures.pop(0)
        if nxt < len(parts):
            futures.append(client.compute(parts[nxt]))
            nxt += 1
        yield f.result()


# -- training ----------------------------------------------------------------------


def _featurize_partition(df, lexicon_dict, text_column, label_column, classes):
    from sentiment.features.six import SixFeatures
    from sentiment.lexicons.lexicon import lexicon_from_dict

    # The lexicon travels as a model file stores it (a shipped one by name and hash).
    X = SixFeatures(lexicon=lexicon_from_dict(lexicon_dict, "regex", "<dask>")).transform(df[text_column].tolist())
    y = np.searchsorted(classes, np.asarray(_labels(df[label_column]), dtype=str))
    return X, y


def _labels(series):
    """A partition's labels under the one label rule, spelled alike in every partition (sentiment.io.labels)."""
    import pandas as pd

    from sentiment.io.labels import label_strings

    return pd.Series(label_strings(series.tolist(), "a partition"), index=series.index, dtype=object)


def _moments(part):
    X, _ = part
    return np.array([len(X)]), X.sum(axis=0), (X ** 2).sum(axis=0)


def _local_terms(part, theta, mean, scale, K, with_hessian):
    from sentiment.linear.loss import gradient, hessian

    X, y = part
    n = len(X)
    if n == 0:
        return 0.0, np.zeros_like(theta), np.zeros((theta.size, theta.size)) if with_hessian else None, 0
    Xs = (X - mean) / scale
    Y = (y == 1).astype(float)[:, None] if K == 1 else np.eye(K)[y]
    # Sums, not means: the client divides by the global count.
    loss, g = gradient(theta, Xs, Y, 0.0)
    H = hessian(theta, Xs, Y, 0.0) * n if with_hessian else None
    return loss * n, g * n, H, n


def fit_newton(ddf, text_column="text", label_column="label", lexicon="default", C=1.0, max_iter=100, tol=1e-8,
               client=None):
    """Fit the six-feature model on a ``dask.dataframe`` by distributed Newton steps.

    Returns a fitted :class:`~sentiment.pipeline.SentimentPipeline` whose
    weights equal (to solver tolerance) those of ``LogisticRegression(C=C)``
    fitted on the same documents in one process.
    """
    import dask

    from sentiment.estimator import label_array
    from sentiment.features.six import SixFeatures
    from sentiment.io.corpus import coerce_labels
    from sentiment.lexicons.lexicon import lexicon_to_dict, load_lexicon
    from sentiment.linear.model import LogisticRegression, check_diverged
    from sentiment.linear.solvers import newton_minimize
    from sentiment.linear.standardize import column_scale
    from sentiment.frames import check_column
    from sentiment.pipeline import SentimentPipeline

    for col in (text_column, label_column):
        check_column(ddf, col)
    # The settings are checked as the one-process fit checks them, before any work on the cluster.
    LogisticRegression(C=C, max_iter=max_iter, tol=tol, solver="newton")._validate_params()
    lex = load_lexicon(lexicon)
    lex_dict = lexicon_to_dict(lex)
    labels = ddf[label_column].map_partitions(_labels, meta=(label_column, "object"))
    classes = np.array(sorted(labels.unique().compute().tolist()))
    if len(classes) < 2:
        raise InputError(f"need at least two classes to train; got {list(classes)}")
    K = 1 if len(classes) == 2 else len(classes)

    parts = [dask.delayed(_featurize_partition)(p, lex_dict, text_column, label_column, classes)
             for p in ddf.to_delayed()]
    parts = dask.persist(*parts) if client is None else client.persist(parts)
    compute = dask.compute if client is None else (lambda *xs: client.gather(client.compute(list(xs))))

    moments = compute(*[dask.delayed(_moments)(p) for p in parts])
    n = int(sum(m[0][0] for m in moments))
    total = sum(m[1] for m in moments)
    sq = sum(m[2] for m in moments)
    mean = total / n
    std = np.sqrt(np.maximum(sq / n - mean ** 2, 0.0))
    scale = column_scale(mean, std)
    l2 = 1.0 / (C * n)
    if not np.isfinite(l2):
        from sentiment.errors import DivergenceError

        raise DivergenceError(f"C={float(C)!r} makes the penalty 1 / (C · n) infinite: raise C (--C)")
    d = len(mean)
    theta = np.zeros((K, d + 1))
    reg = np.tile(np.r_[np.full(d, l2), 0.0], K)

    def terms(th, with_hessian):
        out = compute(*[dask.delayed(_local_terms)(p, th, mean, scale, K, with_hessian) for p in parts])
        loss = sum(o[0] for o in out) / n + 0.5 * l2 * np.sum(th[:, :-1] ** 2)
        g = sum(o[1] for o in out) / n
        g[:, :-1] += l2 * th[:, :-1]
        H = (sum(o[2] for o in out) / n + np.diag(reg)) if with_hessian else None
        return loss, g, H

    # The in-memory Newton solver, fed sums over the partitions (one pass each).
    with np.errstate(over="ignore", invalid="ignore"):  # overflow ends in check_diverged's error, not warnings
        theta, info = newton_minimize(theta, lambda th: terms(th, False)[:2], lambda th: terms(th, False)[0],
                                      lambda th: terms(th, True)[2], max_iter, tol)
    check_diverged(theta, info["loss"], "newton", grad_norm=info["grad_norm"], C=C)
    it, loss, converged = info["n_iter"], info["loss"], info["converged"]

    model = LogisticRegression(C=C)
    labels = coerce_labels(list(classes))
    model.classes_, model.mode_ = label_array(labels), "binary" if K == 1 else "multinomial"
    model.n_features_in_ = d
    model.mean_, model.scale_ = mean, scale
    model.coef_, model.intercept_ = theta[:, :-1].copy(), theta[:, -1].copy()
    model.n_iter_, model.loss_, model.grad_norm_, model.converged_ = it, loss, info["grad_norm"], bool(converged)
    model.history_, model.solver_, model.l2_ = [], "dask-newton", l2
    pipe = SentimentPipeline(SixFeatures(lexicon=lex), model)
    pipe.metadata = {"corpora": "dask collection", "documents": n, "solver": "dask-newton", "iterations": it,
                     "final_loss": loss, "converged": bool(converged), "lexicon": lex.name}
    return pipe
