"""Training the extended and general models on a Dask DataFrame, to the one-process weights.

:func:`fit_extended` gives the weights of
``SentimentPipeline(ExtendedFeatures(...), LogisticRegression(C=C)).fit(texts, labels)`` in one
process, and :func:`fit_general` those of
:func:`~sentiment.training.general.make_general_pipeline` ``(...).fit(texts, labels)`` (the
default model's recipe), while the documents stay in their partitions.  Every statistic the
featurizer learns is a sum, so it is merged from per-partition pieces on the client:

1. the dense columns' sums, then their squared deviations from the merged mean (their
   standardisation: the six and, for the general featurizer, its cue blocks, computed by the
   featurizer itself), and each partition's n-gram document frequencies (the vocabulary:
   ``min_df``, then the ``max_ngrams`` most frequent);
2. per fold and class, the sums of the n-gram counts (the NB log-count ratios, and the
   out-of-fold ratios of the ``nb_log_odds`` columns; a row's fold is its global index
   modulo ``nb_score_folds``, as in one process);
3. each row's out-of-fold score and count of n-grams (their standard deviations and median:
   one number per row comes back);
4. then the client's L-BFGS (:func:`~sentiment.linear.solvers.lbfgs_minimize`, the solver
   one process uses) takes the loss and gradient summed over the partitions' feature
   matrices, which stay on the workers.

The general recipe adds, as :class:`~sentiment.training.general.GeneralPipeline` does: the
lexicon pseudo-documents of :func:`~sentiment.training.prior.prior_documents` as one more
partition after the data's (made on a worker, so they take the last global rows, as they are
appended last in one process); the length-band sample weights of
:func:`~sentiment.training.general.length_balanced_weights` (each partition counts its rows per
band, the client turns the merged counts into one weight per band); and, after the fit, the
rule weight and the neutral rule.

Binary labels only (the NB ratios need two classes).  Optional extra:
``pip install 'sentiment[dask]'``.
"""

from __future__ import annotations

from collections import Counter
from operator import getitem

import numpy as np

from sentiment.errors import DivergenceError, InputError

__all__ = ["fit_extended", "fit_general"]


def _featurizer(kind, lexicon_dict, params):
    from sentiment.features.base import get_featurizer
    from sentiment.lexicons.lexicon import lexicon_from_dict

    lexicon = lexicon_from_dict(lexicon_dict, params.get("tokenizer", "regex"), "<dask>")
    return get_featurizer(kind)(lexicon=lexicon, **params)


def _prior_frame(text_column, label_column, positive, negative):
    """The lexicon pseudo-documents as a table with the data's two columns (built where it is used)."""
    import pandas as pd

    from sentiment.training.prior import prior_documents

    docs = prior_documents(positive=positive, negative=negative)
    return pd.DataFrame({text_column: [t for t, _ in docs], label_column: [lab for _, lab in docs]})


def _load(df, text_column, label_column, kind, lexicon_dict, params, edges):
    """A partition's texts, labels and raw dense columns, and its n-gram document frequencies."""
    for col in (text_column, label_column):
        missing = df[col].isna()
        if missing.any():
            raise InputError(f"a row has no {col} (row {int(np.flatnonzero(missing.to_numpy())[0]) + 1} "
                             "of its partition)")
    from sentiment.io.labels import label_strings

    texts = df[text_column].astype(str).tolist()
    # The one label rule (sentiment.io.labels), as strings so that every partition spells a label alike.
    labels = np.asarray(label_strings(df[label_column].tolist(), "a partition"), dtype=object)
    f = _featurizer(kind, lexicon_dict, params)
    block = f._ngram_block()
    counts = Counter()
    for text in texts:
        counts.update(set(block._grams(text)))
    part = {"texts": texts, "labels": labels, "X": f._six_raw(texts)}
    if edges is not None:  # the length band of each row, as length_balanced_weights counts them
        part["band"] = np.digitize([len(t.split()) for t in texts], edges)
    return part, dict(counts)


def _sums(part, edges):
    X = part["X"]
    bands = np.bincount(part["band"], minlength=len(edges) + 1) if edges is not None else None
    return len(X), X.sum(axis=0), Counter(part["labels"].tolist()), bands


def _squares(part, mean):
    return ((part["X"] - mean) ** 2).sum(axis=0)


def _count(part, kind, lexicon_dict, params, vocab, offset, positive_label, folds):
    """The n-gram counts (and those of the endings), kept; per fold and class, their column sums."""
    block = _featurizer(kind, lexicon_dict, params)._ngram_block()
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
    kept = dict(part, ngrams=X, ngrams_end=X_end, positive=positive, fold=fold)
    return kept, sums, class_counts


def _scores(part, kind, lexicon_dict, params, fold_ratios):
    """Each row's out-of-fold NB log-odds (and of its ending), divided as the block divides, and its n-gram count."""
    block = _featurizer(kind, lexicon_dict, params)._ngram_block()
    X, X_end, fold = part["ngrams"], part["ngrams_end"], part["fold"]
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


def _design(part, fitted, score, end, band_weights):
    """The partition's training matrix, as the featurizer's ``fit_transform`` builds it, its targets and weights."""
    from scipy.sparse import csr_matrix, hstack

    f, positive_label = fitted
    dense = (part["X"] - f.mean_) / f.scale_
    X_end = part["ngrams_end"]
    M = hstack([csr_matrix(dense), f.ngrams_._assemble(part["ngrams"], score, X_end,
                                                       end if X_end is not None else None)], format="csr")
    weights = None if band_weights is None else band_weights[part["band"]]
    return M, (part["labels"] == positive_label).astype(float)[:, None], weights


def _weight_total(design):
    M, _, w = design
    return float(M.shape[0]) if w is None else float(w.sum())


def _loss_terms(design, theta):
    from sentiment.linear.loss import gradient

    M, Y, w = design
    total = _weight_total(design)
    if total == 0:
        return 0.0, np.zeros_like(theta), 0.0
    loss, g = gradient(theta, M, Y, 0.0, w)
    return loss * total, g * total, total  # (weighted) sums: the client divides by the global total


def _correct(design, theta):
    """How many of the partition's rows the model with parameters ``theta`` labels right."""
    from sentiment.linear.loss import linear

    M, Y, _ = design
    return int(np.sum((linear(M, theta)[:, 0] > 0) == (Y[:, 0] == 1.0)))


def _vocabulary(frequencies, min_df, max_features):
    """The n-grams kept, sorted: as :class:`~sentiment.features.ngrams.NgramFeatures` chooses them in one process."""
    df_total = Counter()
    for part_df in frequencies:
        df_total.update(part_df)
    vocab = [t for t, c in df_total.items() if c >= min_df]
    if max_features is not None and len(vocab) > max_features:
        vocab = sorted(vocab, key=lambda t: (-df_total[t], t))[:max_features]  # ties: by the n-gram itself
    return sorted(vocab)


def _fit_partitions(ddf, kind, text_column, label_column, lexicon, C, max_iter, tol, client, params, prior=False,
                    balance_lengths=False, finish=None):
    """The featurizer and logistic regression fitted on ``ddf``'s partitions (see the module docstring).

    ``finish(featurizer, model)``, if given, returns the pipeline and may change the weights (the
    general recipe's rule weight); the training accuracy is that pipeline's on the data's rows.
    Returns ``(pipeline, metadata)``.
    """
    import dask

    from sentiment.estimator import label_array
    from sentiment.io.corpus import coerce_labels
    from sentiment.lexicons.lexicon import lexicon_to_dict, load_lexicon
    from sentiment.linear.model import LogisticRegression, check_diverged
    from sentiment.linear.solvers import lbfgs_minimize
    from sentiment.linear.standardize import column_scale
    from sentiment.pipeline import SentimentPipeline
    from sentiment.training.general import LENGTH_EDGES

    from sentiment.frames import check_column

    for col in (text_column, label_column):
        check_column(ddf, col)
    # The settings are checked as the one-process fit checks them, before any work on the cluster.
    LogisticRegression(C=C, max_iter=max_iter, tol=tol, solver="lbfgs")._validate_params()
    lex = load_lexicon(lexicon)
    lex_dict = lexicon_to_dict(lex)
    params = dict(params)
    f = _featurizer(kind, lex_dict, params)
    f._validate_params()
    persist = dask.persist if client is None else (lambda *xs: client.persist(list(xs)))
    compute = dask.compute if client is None else (lambda *xs: client.gather(client.compute(list(xs))))
    delayed = dask.delayed
    edges = LENGTH_EDGES if balance_lengths else None

    # 1. Texts, the dense columns' mean and spread, document frequencies (the prior: one more partition, last).
    def load(frames):
        loaded = persist(*[delayed(_load)(p, text_column, label_column, kind, lex_dict, params, edges) for p in frames])
        parts = [delayed(getitem)(x, 0) for x in loaded]
        return parts, compute(*[delayed(_sums)(p, edges) for p in parts]), compute(*[delayed(getitem)(x, 1) for x in loaded])

    parts, sums, frequencies = load(list(ddf.to_delayed()))
    classes = sorted(set().union(*(s[2] for s in sums)))
    if len(classes) != 2:
        raise InputError(f"the distributed {kind} trainer takes two classes; got {classes}")
    negative_label, positive_label = classes
    if prior:
        from sentiment.training.polarity import polarity_order

        negative, positive = polarity_order(classes)
        more = load([delayed(_prior_frame)(text_column, label_column, positive, negative)])
        parts, sums, frequencies = parts + more[0], sums + more[1], frequencies + more[2]
    sizes = [int(s[0]) for s in sums]
    n = sum(sizes)
    mean = sum(s[1] for s in sums) / n
    std = np.sqrt(sum(compute(*[delayed(_squares)(p, mean) for p in parts])) / n)
    f.mean_, f.scale_ = mean, column_scale(mean, std)
    block = f._ngram_block()
    vocab = _vocabulary(frequencies, block.min_df, block.max_features)
    block.vocabulary_ = dict(zip(vocab, range(len(vocab))))
    band_weights = None
    if edges is not None:  # length_balanced_weights: n / (bands present × rows in the row's band)
        counts = sum(s[3] for s in sums)
        with np.errstate(divide="ignore"):
            band_weights = n / (np.count_nonzero(counts) * counts.astype(float))

    # 2. Counts per fold and class → the NB ratios, in full and out of fold.
    folds = block.nb_score_folds
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    counted = persist(*[delayed(_count)(p, kind, lex_dict, params, vocab, int(o), positive_label, folds)
                        for p, o in zip(parts, offsets)])
    parts = [delayed(getitem)(c, 0) for c in counted]
    pieces = compute(*[delayed(getitem)(c, 1) for c in counted])
    class_pieces = compute(*[delayed(getitem)(c, 2) for c in counted])
    gram_sums, class_counts = sum(pieces), sum(class_pieces)  # (folds, 2, V) and (folds, 2)

    def ratio(pos, neg):
        p, q = block.alpha + pos, block.alpha + neg
        return np.log(p / p.sum()) - np.log(q / q.sum())

    if block.nb:
        block.ratio_ = ratio(gram_sums[:, 0].sum(axis=0), gram_sums[:, 1].sum(axis=0))
    score = end = None
    if block.has_score_column:
        total_pos, total_neg = class_counts[:, 0].sum(), class_counts[:, 1].sum()
        fold_ratios = []
        for k in range(folds):
            held = class_counts[k].sum() > 0
            ok = held and total_pos - class_counts[k, 0] > 0 and total_neg - class_counts[k, 1] > 0
            fold_ratios.append(ratio(gram_sums[:, 0].sum(axis=0) - gram_sums[k, 0],
                                     gram_sums[:, 1].sum(axis=0) - gram_sums[k, 1]) if ok else None)
        # 3. Out-of-fold scores: their spread and the median n-gram count.
        scored = compute(*[delayed(_scores)(p, kind, lex_dict, params, fold_ratios) for p in parts])
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
    designs = [delayed(_design)(p, (f, positive_label), None if score is None else score[i],
                                None if end is None else end[i], band_weights) for i, p in enumerate(parts)]
    if client is None:
        designs = persist(*designs)
        each = lambda fn, *args: compute(*[delayed(fn)(m, *args) for m in designs])  # noqa: E731
    else:  # futures: one light task per partition and step, not a graph built each time
        designs = client.compute(designs)
        each = lambda fn, *args: client.gather([client.submit(fn, m, *args, pure=False) for m in designs])  # noqa: E731
    d = f.dense_width + len(block.score_names) + len(vocab)
    weight_total = float(sum(each(_weight_total)))
    l2 = 1.0 / (C * weight_total)
    if not np.isfinite(l2):
        raise DivergenceError(f"C={float(C)!r} makes the penalty 1 / (C · n) infinite: raise C (--C)")

    def fg(flat):
        theta = flat.reshape(1, d + 1)
        out = each(_loss_terms, theta)
        loss = sum(o[0] for o in out) / weight_total + 0.5 * l2 * float(np.sum(theta[:, :-1] ** 2))
        g = sum(o[1] for o in out) / weight_total
        g[:, :-1] += l2 * theta[:, :-1]
        return loss, g.ravel()

    with np.errstate(over="ignore", invalid="ignore"):  # overflow ends in check_diverged's error, not warnings
        theta, info = lbfgs_minimize(np.zeros((1, d + 1)), fg, max_iter, tol)
    check_diverged(theta, info["loss"], "lbfgs", grad_norm=info["grad_norm"], C=C)

    model = LogisticRegression(C=C, max_iter=max_iter, tol=tol, solver="lbfgs")
    model.classes_, model.mode_ = label_array(coerce_labels(classes)), "binary"
    model.n_features_in_ = d
    model.mean_, model.scale_ = np.zeros(d), np.ones(d)  # sparse features are not standardised by the model
    model.coef_, model.intercept_ = theta[:, :-1].copy(), theta[:, -1].copy()
    model.n_iter_, model.loss_, model.grad_norm_ = info["n_iter"], info["loss"], info["grad_norm"]
    model.converged_, model.history_, model.solver_, model.l2_ = bool(info["converged"]), [], "dask-lbfgs", l2
    pipe = finish(f, model) if finish is not None else SentimentPipeline(f, model)
    data = designs[:len(designs) - 1] if prior else designs  # the prior's partition is last
    final = np.hstack([model.coef_, model.intercept_[:, None]])
    label_counts = sum((s[2] for s in sums[:len(data)]), Counter())
    documents = sum(label_counts.values())
    correct = sum(each(_correct, final)[:len(data)])
    pipe.metadata = {"corpora": "dask collection", "documents": documents,
                     "class_counts": dict(sorted(label_counts.items())), "lexicon": lex.name, "features": kind,
                     "n_grams": len(vocab), "solver": "dask-lbfgs", "partitions": len(data),
                     "iterations": info["n_iter"], "converged": bool(info["converged"]), "final_loss": info["loss"],
                     "gradient_norm": info["grad_norm"], "train_accuracy": correct / max(documents, 1), "history": []}
    if prior:
        pipe.metadata["prior_documents"] = sizes[-1]
    return pipe


def fit_extended(ddf, text_column="text", label_column="label", lexicon="default", C=1.0, max_iter=1000, tol=1e-8,
                 client=None, **featurizer_params):
    """Fit the extended model on a ``dask.dataframe`` (see the module docstring).

    ``featurizer_params`` go to :class:`~sentiment.features.extended.ExtendedFeatures`
    (``ngram_range``, ``min_df``, ``negation``, ``nb_end``, ...).  Returns a fitted
    :class:`~sentiment.pipeline.SentimentPipeline`.
    """
    return _fit_partitions(ddf, "extended", text_column, label_column, lexicon, C, max_iter, tol, client,
                           featurizer_params)


def fit_general(ddf, text_column="text", label_column="label", C=None, prior=True, rule_weight=None, neutral=None,
                balance_lengths=True, max_iter=1000, tol=1e-8, client=None, **featurizer_params):
    """Fit the general model (the default model's recipe) on a ``dask.dataframe``.

    The same weights as ``make_general_pipeline(C=C, ..., **featurizer_params).fit(texts, labels)``
    on the rows in partition order (:mod:`sentiment.training.general`): the featurizer's
    settings default to :data:`~sentiment.training.general.GENERAL_PARAMS`, ``C`` to
    :data:`~sentiment.training.general.GENERAL_C`, ``rule_weight`` and ``neutral`` to the
    shipped model's (``neutral=False``: none); ``prior`` adds the lexicon pseudo-documents and
    ``balance_lengths`` weighs the length bands equally, as in one process.  Returns a fitted
    :class:`~sentiment.training.general.GeneralPipeline`.
    """
    from sentiment.features.general import GeneralFeatures
    from sentiment.training.general import GENERAL_C, GENERAL_PARAMS, NEUTRAL, RULE_WEIGHT, GeneralPipeline

    C = GENERAL_C if C is None else C
    rule_weight = RULE_WEIGHT if rule_weight is None else rule_weight
    neutral = NEUTRAL if neutral is None else neutral
    params = {**GENERAL_PARAMS, **featurizer_params}
    lexicon = params.pop("lexicon")
    GeneralFeatures(**params)._ngram_block()  # unknown or bad settings fail here, before any work on the cluster

    GeneralPipeline(prior=prior, rule_weight=rule_weight, neutral_rule=neutral or None,
                    balance_lengths=balance_lengths)._validate_params()  # before any work on the cluster

    def finish(f, model):
        return GeneralPipeline(f, model, prior=prior, rule_weight=rule_weight, neutral_rule=neutral or None,
                               balance_lengths=balance_lengths).finish_fit()

    pipe = _fit_partitions(ddf, "general", text_column, label_column, lexicon, C, max_iter, tol, client, params,
                           prior=prior, balance_lengths=balance_lengths, finish=finish)
    pipe.metadata.update(model="general", C=C)
    return pipe
