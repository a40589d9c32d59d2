"""Training the extended model (six lexicon features + NB-scaled n-grams) on a Dask DataFrame.

:func:`fit_extended` gives the weights of
``SentimentPipeline(ExtendedFeatures(...), LogisticRegression(C=C)).fit(texts, labels)`` in one
process, while the documents stay in their partitions.  Every statistic the featurizer
learns is a sum, so it is merged from per-partition pieces on the client:

1. the six features' sums and sums of squares (their standardisation), and each
   partition's n-gram document frequencies (the vocabulary: ``min_df``);
2. per fold and class, the sums of the n-gram counts (the NB log-count ratios, and the
   out-of-fold ratios of the ``nb_log_odds`` columns; a row's fold is its global index
   modulo ``nb_score_folds``, as in one process);
3. each row's out-of-fold score and count of n-grams (their standard deviations and median:
   one number per row comes back);
4. then the client's L-BFGS (:func:`~sentiment.linear.solvers.lbfgs_minimize`, the solver
   one process uses) takes the loss and gradient summed over the partitions' feature
   matrices, which stay on the workers.

Binary labels only (the NB ratios need two classes).  Optional extra:
``pip install 'sentiment[dask]'``.
"""

from __future__ import annotations

from collections import Counter
from operator import getitem

import numpy as np

from sentiment.errors import InputError

__all__ = ["fit_extended"]


def _featurizer(lexicon_dict, params):
    from sentiment.features.extended import ExtendedFeatures
    from sentiment.lexicons.lexicon import lexicon_from_dict

    return ExtendedFeatures(lexicon=lexicon_from_dict(lexicon_dict, params.get("tokenizer", "regex"), "<dask>"), **params)


def _load(df, text_column, label_column, lexicon_dict, params):
    """A partition's texts, labels and raw six features, and its n-gram document frequencies."""
    texts = df[text_column].astype(str).tolist()
    labels = df[label_column].astype(str).to_numpy()
    f = _featurizer(lexicon_dict, params)
    block = f._ngram_block()
    counts = Counter()
    for text in texts:
        counts.update(set(block._grams(text)))
    return {"texts": texts, "labels": labels, "X6": f._six_raw(texts)}, dict(counts)


def _moments(part):
    X6 = part["X6"]
    return len(X6), X6.sum(axis=0), (X6 ** 2).sum(axis=0)


def _count(part, lexicon_dict, params, vocab, offset, positive_label, folds):
    """The n-gram counts (and those of the endings), kept; per fold and class, their column sums."""
    block = _featurizer(lexicon_dict, params)._ngram_block()
    block.vocabulary_ = dict(zip(vocab, range(len(vocab))))
    with_end = block.nb_score and block.nb_end > 0
    if with_end:
        grams, ending = block._grams_and_endings(part["texts"])
        X, X_end = block._counts(grams_list=grams), block._counts(grams_list=ending)
    else:
        X, X_end = block._counts(part["texts"]), None
    positive = part["labels"] == positive_label
    fold = (offset + np.arange(X.shape[0])) % folds
    sums = np.zeros((folds, 2, len(vocab)))
    class_counts = np.zeros((folds, 2), dtype=np.int64)
    for k in range(folds):
        for c, mask in enumerate((positive, ~positive)):
            rows = (fold == k) & mask
            class_counts[k, c] = int(rows.sum())
            if rows.any():
                sums[k, c] = np.asarray(X[rows].sum(axis=0)).ravel()
    kept = dict(part, X=X, X_end=X_end, positive=positive, fold=fold)
    return kept, sums, class_counts


def _scores(part, lexicon_dict, params, fold_ratios):
    """Each row's out-of-fold NB log-odds (and of its ending), divided as the block divides, and its n-gram count."""
    block = _featurizer(lexicon_dict, params)._ngram_block()
    X, X_end, fold = part["X"], part["X_end"], part["fold"]
    score, end = np.zeros(X.shape[0]), np.zeros(X.shape[0])
    for k, ratio in enumerate(fold_ratios):
        held = fold == k
        if ratio is not None and held.any():
            score[held] = X[held] @ ratio
            if X_end is not None:
                end[held] = X_end[held] @ ratio
    score /= block.score_divisor(X)
    if X_end is not None:
        end /= block.score_divisor(X_end)
    return score, end, X.getnnz(axis=1)


def _design(part, fitted, score, end):
    """The partition's training matrix, as ``ExtendedFeatures.fit_transform`` builds it, and its targets."""
    from scipy.sparse import csr_matrix, hstack

    f, positive_label = fitted
    X6 = (part["X6"] - f.mean_) / f.scale_
    block = f.ngrams_
    M = hstack([csr_matrix(X6), block._assemble(part["X"], score, part["X_end"], end if part["X_end"] is not None
                                                else None)], format="csr")
    return M, (part["labels"] == positive_label).astype(float)[:, None]


def _loss_terms(design, theta):
    from sentiment.linear.loss import gradient

    M, Y = design
    n = M.shape[0]
    if n == 0:
        return 0.0, np.zeros_like(theta), 0
    loss, g = gradient(theta, M, Y, 0.0)
    return loss * n, g * n, n  # sums: the client divides by the global count


def fit_extended(ddf, text_column="text", label_column="label", lexicon="default", C=1.0, max_iter=1000, tol=1e-8,
                 client=None, **featurizer_params):
    """Fit the extended model on a ``dask.dataframe`` (see the module docstring).

    ``featurizer_params`` go to :class:`~sentiment.features.extended.ExtendedFeatures`
    (``ngram_range``, ``min_df``, ``negation``, ``nb_end``, ...).  Returns a fitted
    :class:`~sentiment.pipeline.SentimentPipeline`.
    """
    import dask

    from sentiment.estimator import label_array
    from sentiment.io.corpus import coerce_labels
    from sentiment.lexicons.lexicon import lexicon_to_dict, load_lexicon
    from sentiment.linear.model import LogisticRegression
    from sentiment.linear.solvers import lbfgs_minimize
    from sentiment.linear.standardize import column_scale
    from sentiment.pipeline import SentimentPipeline

    for col in (text_column, label_column):
        if col not in ddf.columns:
            raise InputError(f"no column {col!r} (columns: {', '.join(map(str, ddf.columns))})")
    lex = load_lexicon(lexicon)
    lex_dict = lexicon_to_dict(lex)
    params = dict(featurizer_params)
    f = _featurizer(lex_dict, params)
    classes = sorted(ddf[label_column].astype(str).unique().compute().tolist())
    if len(classes) != 2:
        raise InputError(f"the distributed extended trainer takes two classes; got {classes}")
    positive_label = classes[1]
    persist = dask.persist if client is None else (lambda *xs: client.persist(list(xs)))
    compute = dask.compute if client is None else (lambda *xs: client.gather(client.compute(list(xs))))
    delayed = dask.delayed

    # 1. Texts, the six features' moments, document frequencies.
    loaded = persist(*[delayed(_load)(p, text_column, label_column, lex_dict, params) for p in ddf.to_delayed()])
    parts = [delayed(getitem)(x, 0) for x in loaded]
    moments = compute(*[delayed(_moments)(p) for p in parts])
    frequencies = compute(*[delayed(getitem)(x, 1) for x in loaded])
    sizes = [int(m[0]) for m in moments]
    n = sum(sizes)
    mean = sum(m[1] for m in moments) / n
    std = np.sqrt(np.maximum(sum(m[2] for m in moments) / n - mean ** 2, 0.0))
    f.mean_, f.scale_ = mean, column_scale(mean, std)
    block = f._ngram_block()
    df_total = Counter()
    for part_df in frequencies:
        df_total.update(part_df)
    vocab = sorted(t for t, c in df_total.items() if c >= block.min_df)
    block.vocabulary_ = dict(zip(vocab, range(len(vocab))))

    # 2. Counts per fold and class → the NB ratios, in full and out of fold.
    folds = block.nb_score_folds
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    counted = persist(*[delayed(_count)(p, lex_dict, params, vocab, int(o), positive_label, folds)
                        for p, o in zip(parts, offsets)])
    parts = [delayed(getitem)(c, 0) for c in counted]
    pieces = compute(*[delayed(getitem)(c, 1) for c in counted])
    class_pieces = compute(*[delayed(getitem)(c, 2) for c in counted])
    sums, class_counts = sum(pieces), sum(class_pieces)  # (folds, 2, V) and (folds, 2)

    def ratio(pos, neg):
        p, q = block.alpha + pos, block.alpha + neg
        return np.log(p / p.sum()) - np.log(q / q.sum())

    if block.nb:
        block.ratio_ = ratio(sums[:, 0].sum(axis=0), sums[:, 1].sum(axis=0))
    score = end = None
    if block.has_score_column:
        total_pos, total_neg = class_counts[:, 0].sum(), class_counts[:, 1].sum()
        fold_ratios = []
        for k in range(folds):
            held = class_counts[k].sum() > 0
            ok = held and total_pos - class_counts[k, 0] > 0 and total_neg - class_counts[k, 1] > 0
            fold_ratios.append(ratio(sums[:, 0].sum(axis=0) - sums[k, 0], sums[:, 1].sum(axis=0) - sums[k, 1])
                               if ok else None)
        # 3. Out-of-fold scores: their spread and the median n-gram count.
        scored = compute(*[delayed(_scores)(p, lex_dict, params, fold_ratios) for p in parts])
        score = [s[0] for s in scored]
        end = [s[1] for s in scored]
        nnz = np.concatenate([s[2] for s in scored])
        from sentiment.features.ngrams import _inverse_sd

        block.median_ngrams_ = float(max(np.median(nnz), 1))
        block.score_scale_ = _inverse_sd(np.concatenate(score))
        if block.has_end_column:
            block.end_scale_ = _inverse_sd(np.concatenate(end))
    f.ngrams_ = block

    # 4. L-BFGS on the client, loss and gradient summed over the partitions.
    designs = persist(*[delayed(_design)(p, (f, positive_label), None if score is None else score[i],
                                         None if end is None else end[i]) for i, p in enumerate(parts)])
    d = 6 + len(block.score_names) + len(vocab)
    l2 = 1.0 / (C * n)

    def fg(flat):
        theta = flat.reshape(1, d + 1)
        out = compute(*[delayed(_loss_terms)(m, theta) for m in designs])
        loss = sum(o[0] for o in out) / n + 0.5 * l2 * float(np.sum(theta[:, :-1] ** 2))
        g = sum(o[1] for o in out) / n
        g[:, :-1] += l2 * theta[:, :-1]
        return loss, g.ravel()

    theta, info = lbfgs_minimize(np.zeros((1, d + 1)), fg, max_iter, tol)

    model = LogisticRegression(C=C, max_iter=max_iter, tol=tol)
    model.classes_, model.mode_ = label_array(coerce_labels(classes)), "binary"
    model.n_features_in_ = d
    model.mean_, model.scale_ = np.zeros(d), np.ones(d)  # sparse features are not standardised by the model
    model.coef_, model.intercept_ = theta[:, :-1].copy(), theta[:, -1].copy()
    model.n_iter_, model.loss_, model.grad_norm_ = info["n_iter"], info["loss"], info["grad_norm"]
    model.converged_, model.history_, model.solver_, model.l2_ = bool(info["converged"]), [], "dask-lbfgs", l2
    pipe = SentimentPipeline(f, model)
    pipe.metadata = {"corpora": "dask collection", "documents": n, "features": "extended", "n_grams": len(vocab),
                     "solver": "dask-lbfgs", "iterations": info["n_iter"], "final_loss": info["loss"],
                     "converged": bool(info["converged"]), "lexicon": lex.name}
    return pipe
