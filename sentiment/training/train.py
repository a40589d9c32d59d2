"""Corpus → fitted pipeline with its training record: what ``sentiment train`` and ``cv`` share."""

from __future__ import annotations

import datetime as _dt
import time

import numpy as np

from sentiment.progress import transform_in_chunks
from sentiment.features.six import SixFeatures
from sentiment.linear.model import LogisticRegression
from sentiment.pipeline import SentimentPipeline

__all__ = ["train_pipeline", "summarize_fit", "cross_validate_corpus"]


def train_pipeline(corpus, *, lexicon="default", tokenizer="regex", featurizer=None, X=None, pipeline=None,
                   **model_params):
    """Fit a :class:`SentimentPipeline` on a :class:`~sentiment.io.corpus.Corpus`.

    ``model_params`` go to :class:`~sentiment.linear.model.LogisticRegression`.  A
    precomputed feature matrix ``X`` (rows in corpus order) skips featurizing.  An unfitted
    ``pipeline`` with a recipe of its own (the general model's) is fitted by its ``fit`` instead.
    The pipeline's ``metadata`` records the corpora, class counts, seed, solver,
    iterations, final loss, training accuracy, history and date.
    """
    from sentiment.io.corpus import require_some_text

    require_some_text(corpus)  # all blank: a zero model, saved as if it had learned something
    start = time.perf_counter()
    if pipeline is not None:
        pipe, featurizer, model = pipeline, pipeline.featurizer, pipeline.model
        pipe.fit(corpus.texts, corpus.labels)
        X = pipe.featurize(corpus.texts)
    else:
        featurizer = featurizer if featurizer is not None else SixFeatures(lexicon=lexicon, tokenizer=tokenizer)
        model = LogisticRegression(**model_params)
        pipe = SentimentPipeline(featurizer, model)
    if X is None:
        from sentiment.progress import fit_transform_with_progress

        X = fit_transform_with_progress(featurizer, corpus.texts, corpus.labels)
    if pipeline is None:
        model.fit(X, corpus.labels)
    seconds = time.perf_counter() - start
    y = np.asarray(corpus.labels, dtype=object)
    train_acc = float(np.mean(model.predict(X) == y))
    pipe.metadata = {
        "corpora": corpus.source,
        "documents": len(corpus),
        "class_counts": {str(k): v for k, v in corpus.class_counts().items()},
        "lexicon": _lexicon_name(featurizer),
        "features": featurizer.kind,
        "params": model.get_params(),
        "solver": model.solver_,
        "iterations": model.n_iter_,
        "converged": model.converged_,
        "final_loss": model.loss_,
        "gradient_norm": model.grad_norm_,
        "train_accuracy": train_acc,
        "pseudo_documents": int(getattr(pipe, "pseudo_documents_", 0)),
        "seconds": round(seconds, 3),
        "history": model.history_,
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return pipe


def _lexicon_name(featurizer):
    lexicon = getattr(featurizer, "lexicon_", None)
    return None if lexicon is None else lexicon.name


def summarize_fit(pipe) -> str:
    """The training summary ``sentiment train`` prints."""
    md, m, f = pipe.metadata, pipe.model, pipe.featurizer
    lines = [f"corpora: {md['corpora']}",
             f"documents: {md['documents']}  (" + ", ".join(f"{k}: {v}" for k, v in md["class_counts"].items()) + ")"]
    if md.get("pseudo_documents"):
        lines.append(f"pseudo-documents: {md['pseudo_documents']} lexicon pseudo-documents added by the general "
                     "recipe (\"awful\" neg, \"not awful\" pos, ...; not counted above)")
    if "adapted_from" in md:
        from sentiment.training.adapt import adaptation_lines

        lines += adaptation_lines(md)
    lexicon = getattr(f, "lexicon_", None)
    if lexicon is not None:
        lines.append(f"lexicon: {md['lexicon']} ({len(lexicon.positive)} positive, {len(lexicon.negative)} negative)")
    lines += [
        f"solver: {md['solver']}  iterations: {md['iterations']}  converged: {md['converged']}  "
        f"gradient norm: {md['gradient_norm']:.2e}",
        f"training loss: {md['final_loss']:.6f}  training accuracy: {md['train_accuracy']:.4f}",
    ]
    if md["history"] and "val_loss" in md["history"][-1]:
        best = min(md["history"], key=lambda r: r["val_loss"])
        lines.append(f"validation loss: {best['val_loss']:.6f}  validation accuracy: {best['val_accuracy']:.4f}"
                     f"  (best epoch {best['epoch']} of {len(md['history'])})")
    W, b = m.raw_coef()
    labels = [str(c) for c in m.classes_]
    if "adapted_from" in md:  # the n-grams that moved are listed above; the strongest overall are the prior's
        lines += f.summary_lines(None, labels)
    else:
        lines += f.summary_lines(W[0] if W.shape[0] == 1 else None, labels)
    # The columns the featurizer lists one by one, in raw units (it undoes any
    # standardisation of its own) beside the weights the model fitted.
    columns = f.contributions("", np.zeros(len(pipe.feature_names)), None)["columns"]
    W, b = f.raw_units(W, b)
    W, m_coef = W[:, columns], m.coef_[:, columns]
    lines.append("weights (raw feature units; standardised in brackets):")
    shown = [pipe.feature_names[j] for j in columns]
    width = max(16, *map(len, shown))
    if W.shape[0] == 1:
        for name, w, ws in zip(shown, W[0], m_coef[0]):
            lines.append(f"  {name:<{width}} {w: .4f}  [{ws: .4f}]")
        lines.append(f"  {'bias':<{width}} {b[0]: .4f}")
    else:
        lines.append("  " + " " * width + "".join(f"{l:>12}" for l in labels))
        for j, name in enumerate(shown):
            lines.append(f"  {name:<{width}}" + "".join(f"{W[k, j]:12.4f}" for k in range(W.shape[0])))
        lines.append(f"  {'bias':<{width}}" + "".join(f"{v:12.4f}" for v in b))
    if "cv" in md:
        cv = md["cv"]
        lines.append(f"{cv['folds']}-fold cross-validation: accuracy {cv['accuracy']['mean']:.4f} ± "
                     f"{cv['accuracy']['std']:.4f}, macro-F1 {cv['macro_f1']['mean']:.4f} ± {cv['macro_f1']['std']:.4f}")
    return "\n".join(lines)


def cross_validate_corpus(corpus, folds, *, lexicon="default", tokenizer="regex", make_featurizer=None, tune=None,
                          make_pipeline=None, **model_params):
    """Cross-validate a pipeline over ``folds`` (one fold number per document).

    Featurizers that learn nothing (the six features) are applied once to the
    whole corpus; any other is refitted on each training fold only.  With
    ``tune`` (``tune(docs, labels) -> (make_featurizer, param_overrides, ...)``,
    see ``sentiment cv --tune``) each training fold first chooses its own
    settings, which is nested cross-validation: the test fold never takes part.
    ``make_pipeline`` (an unfitted pipeline with a recipe of its own, the general model's) is
    fitted on each training fold by its own ``fit`` instead.  Returns ``(per_fold_reports, summary)``.
    """
    from sentiment.io.corpus import require_some_text
    from sentiment.training.crossval import cross_validate

    require_some_text(corpus)
    make_featurizer = make_featurizer or (lambda: SixFeatures(lexicon=lexicon, tokenizer=tokenizer))
    first = make_featurizer()
    stateless = getattr(first, "stateless", False) and tune is None and make_pipeline is None
    X_all = transform_in_chunks(first.transform, corpus.texts) if stateless else None
    y = np.asarray(corpus.labels, dtype=object)

    def fit_fold(train, test):
        if make_pipeline is not None:
            from sentiment.evaluation.polar import polar_view

            pipe = make_pipeline().fit([corpus.texts[i] for i in train], list(y[train]))
            # A three-way model (an adapted default) on gold without neutral is scored as evaluate scores it.
            pipe = polar_view(pipe, y)
            return pipe.classes_.tolist(), pipe.predict_proba([corpus.texts[i] for i in test])
        params, make = model_params, make_featurizer
        if stateless:
            X_tr, X_te = X_all[train], X_all[test]
        else:
            docs = [corpus.texts[i] for i in train]
            if tune is not None:
                make, overrides, *_ = tune(docs, list(y[train]))
                params = {**model_params, **overrides}
            f = make()
            X_tr, X_te = f.fit_transform(docs, list(y[train])), f.transform([corpus.texts[i] for i in test])
        model = LogisticRegression(**params).fit(X_tr, list(y[train]))
        proba = model.predict_proba(X_te)
        return model.classes_.tolist(), proba

    reports, summary = cross_validate(corpus, np.asarray(folds), fit_fold)
    return reports, summary
