"""Adapting a fitted model to a few labelled documents: maximum a posteriori (MAP) adaptation.

The adapted model keeps the prior model's featurizer (its vocabulary, NB ratios and
standardisation) and classes; its weights start at the prior's and are fitted to the new
documents under the penalty ``λ/2 ||θ − θ_prior||²`` instead of ``λ/2 ||θ||²`` (Chelba and
Acero, "Adaptation of maximum entropy capitalizer: little data can help a lot", 2004).  The
biases are drawn to the prior's too, so ``λ = ∞`` is the prior itself and ``λ = 0`` the
unpenalised fit; the math is :func:`sentiment.linear.loss.penalty`, the fit
:class:`~sentiment.linear.model.LogisticRegression` with ``prior=``.

``λ`` (on the mean cross-entropy) is chosen on inner folds of the new documents among
:data:`STRENGTHS`, strongest first, with the one-standard-error rule of ``--tune``
(:func:`sentiment.training.tune.choose`): the first, ``λ = ∞`` (the prior as it is), stays
unless a weaker penalty beats it by more than one standard error of the paired inner-fold
differences.  The features are computed once, under the prior's fitted featurizer, and
every inner fit takes rows of that matrix.

Labels are matched to the prior's classes by name.  Documents of only some of the prior's
classes (negative and positive for the three-way default model) adapt those classes' rows:
their likelihood is the softmax over the classes present, and an absent class keeps the
prior's weights, so the adapted three-way model still says neutral where the prior did.

Examples
--------
>>> from sentiment.features.six import SixFeatures
>>> from sentiment.pipeline import SentimentPipeline
>>> texts = ["great fun", "nice and great", "hokey mess", "second-rate and hokey"] * 3
>>> prior = SentimentPipeline(SixFeatures(lexicon="textbook")).fit(texts, ["pos", "pos", "neg", "neg"] * 3)
>>> pipe = AdaptedPipeline(prior, strength=0.1).fit(["a great mess", "hokey fun"], ["neg", "pos"])
>>> pipe.predict(["great fun"]).tolist(), pipe.metadata["adapted_from"]["documents"]
(['pos'], 2)
>>> AdaptedPipeline(prior).fit(["a great mess", "hokey fun"], ["bad", "good"])
Traceback (most recent call last):
...
sentiment.errors.InputError: label(s) 'bad', 'good' are not among the prior model's classes (neg, pos): rename them to those (--label-map bad=neg,good=pos), or train from scratch (--from none)
"""

from __future__ import annotations

import os
import time
import warnings

import numpy as np

from sentiment.documents import as_documents
from sentiment.errors import InputError
from sentiment.linear.model import LogisticRegression
from sentiment.models.cards import strength_text
from sentiment.parameters import HasFitted, Integral, Interval, Options, Real
from sentiment.pipeline import SentimentPipeline

__all__ = ["STRENGTHS", "AdaptedPipeline", "adapt", "choose_strength", "check_prior_classes", "weight_shift",
           "adaptation_lines"]

#: The penalties ``λ`` the inner folds choose among, strongest first: the first, the prior as it is, is the
#: one-standard-error rule's reference.  The shipped model's own penalty is about 4e-5; measured on
#: benchmarks/adapt.py's learning curve (docs/accuracy.md), where a reference of λ = 1 lost to the prior on
#: tweets (even λ = 1 moves the 25 dense weights enough to cost 2 points there at k = 25).
STRENGTHS = (float("inf"), 10.0, 1.0, 0.1, 0.01, 1e-3, 1e-4, 1e-5, 1e-6)
#: Inner folds for the choice of ``λ`` (as ``--tune``).
INNER_FOLDS = 5


def check_prior_classes(labels, classes, source=None) -> None:
    """:class:`InputError` if a label is not one of the prior's ``classes`` (matched by name), saying what to do.

    Examples
    --------
    >>> check_prior_classes(["pos", "neg"], ["neg", "neutral", "pos"])
    >>> check_prior_classes(["positive", "neg"], ["neg", "neutral", "pos"], "my.csv")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: my.csv: label(s) 'positive' are not among the prior model's classes (neg, neutral, pos): rename them to those (--label-map positive=pos), or train from scratch (--from none)
    """
    names = [str(c) for c in classes]
    missing = sorted({str(v) for v in labels} - set(names))
    if not missing:
        return
    polar = [c for c in names if c != "neutral"]
    hint = ""
    if len(polar) == 2:
        from sentiment.training.polarity import _NEGATIVE, _POSITIVE  # the names polarity_order knows

        guesses = [f"{m}={polar[1] if m.lower() in _POSITIVE else polar[0]}" for m in missing
                   if m.lower() in _POSITIVE | _NEGATIVE]
        if guesses and len(guesses) == len(missing):
            hint = f" (--label-map {','.join(guesses)})"
    where = f"{source}: " if source else ""
    raise InputError(f"{where}label(s) {', '.join(map(repr, missing))} are not among the prior model's classes "
                     f"({', '.join(names)}): rename them to those{hint or ' (--label-map)'}, or train from scratch "
                     "(--from none)")


def _present_accuracy(model, X, y) -> float:
    """Accuracy with the answer among the classes present in ``y`` (as ``evaluate`` scores a three-way model
    on two-class gold: :mod:`sentiment.evaluation.polar`)."""
    names = [str(c) for c in model.classes_]
    present = sorted({names.index(str(v)) for v in y})
    P = model.predict_proba(X)[:, present]
    guess = np.asarray(names, dtype=object)[np.asarray(present)[P.argmax(axis=1)]]
    return float(np.mean(guess == np.asarray([str(v) for v in y], dtype=object)))


def choose_strength(X, labels, prior, *, strengths=STRENGTHS, folds=INNER_FOLDS, seed=0):
    """Choose ``λ`` on inner folds of ``(X, labels)``: ``(strength, table)``.

    Parameters
    ----------
    X : array or sparse matrix
        The documents' features under the prior's featurizer.
    labels : sequence
        Their labels, among ``prior.classes_``.
    prior : LogisticRegression
        The fitted prior model.
    strengths : sequence of float
        The candidates, strongest first (the reference of the one-standard-error rule).
    folds, seed
        Stratified inner folds; fewer when a class has fewer documents than ``folds``.  With fewer
        than two documents in some class there is nothing to choose on: the first strength is kept.

    Returns
    -------
    (float, list of dict)
        The chosen strength, and one row per strength (:func:`sentiment.training.tune.score_table`).
    """
    from sentiment.progress import task
    from sentiment.training.crossval import stratified_folds
    from sentiment.training.tune import choose, score_table

    y = np.asarray([str(v) for v in labels], dtype=object)
    folds = min(folds, int(np.unique(y, return_counts=True)[1].min()))
    if folds < 2:
        return strengths[0], []
    inner = stratified_folds(y, folds, seed)
    per_fold: list[list[float]] = [[] for _ in strengths]
    with task("choosing the penalty", total=folds * len(strengths), unit="fits") as bar, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # an inner fit stopped at max_iter is still a fair candidate
        for k in range(folds):
            fit, val = np.flatnonzero(inner != k), np.flatnonzero(inner == k)
            # Strongest first, each fit starting where the last one ended: the weights move away from the
            # prior step by step, and each solve is short.
            m = LogisticRegression(prior=prior, tol=1e-5, warm_start=True)
            for i, strength in enumerate(strengths):
                m.set_params(l2=strength).fit(X[fit], y[fit])
                per_fold[i].append(_present_accuracy(m, X[val], y[val]))
                bar.update(1)
    table = [{"strength": s, **row} for s, row in zip(strengths, score_table(per_fold))]
    return strengths[choose(table)], table


def weight_shift(prior_pipe, adapted, top=8) -> dict:
    """How far the weights moved: ``||θ − θ_prior|| / ||θ_prior||`` and the n-grams that moved most.

    For a model with two polar classes the n-grams are ranked by the change of their effect on the
    positive-against-negative log-odds (weight times NB ratio, as ``train``'s summary shows n-grams);
    ``toward`` maps each polar class to its ``[(n-gram, change), ...]``.
    """
    from sentiment.neutral import polar_labels

    W0, b0 = prior_pipe.model.coef_, prior_pipe.model.intercept_
    W1, b1 = adapted.model.coef_, adapted.model.intercept_
    before = np.hypot(np.linalg.norm(W0), np.linalg.norm(b0))
    moved = np.hypot(np.linalg.norm(W1 - W0), np.linalg.norm(b1 - b0))
    out = {"relative_change": float(moved / before) if before > 0 else float(moved), "toward": {}}
    f = adapted.featurizer
    ngrams = getattr(f, "ngrams", None)
    names = [str(c) for c in adapted.classes_]
    polar = polar_labels(names)
    if ngrams is None or not polar or not hasattr(f, "ngram_weights"):
        return out
    from sentiment.training.polarity import polarity_order

    negative, positive = polarity_order(polar)
    if W1.shape[0] == 1:
        delta = W1[0] - W0[0]
        sign = 1.0 if names[1] == positive else -1.0
    else:
        delta = (W1[names.index(positive)] - W1[names.index(negative)]) - (W0[names.index(positive)]
                                                                          - W0[names.index(negative)])
        sign = 1.0
    grams, weight = f.ngram_weights(delta)
    effect = sign * weight * (ngrams.ratio_ if ngrams.ratio_ is not None else 1.0)
    order = np.argsort(effect)
    pick = lambda js: [(grams[j][len("ngram:"):], round(float(effect[j]), 4)) for j in js if effect[j] != 0]
    out["toward"] = {positive: pick(order[::-1][:top]), negative: pick(order[:top])}
    return out


class AdaptedPipeline(SentimentPipeline):
    """A pipeline fitted by adapting a prior model to new labelled documents (see the module docstring).

    A scikit-learn classifier over texts: ``clone`` and ``GridSearchCV(AdaptedPipeline(),
    {"strength": [...]})`` work.  Fitted, it is an ordinary :class:`SentimentPipeline`
    (``featurizer`` and ``model`` are the prior's featurizer and the adapted model), and saves as one.

    Parameters
    ----------
    prior : str, os.PathLike or SentimentPipeline, default "default"
        A shipped model's name, a model file, or a fitted pipeline.
    strength : float or None, default None
        The penalty ``λ`` on the mean cross-entropy (``float("inf")``: the prior as it is, ``0``: no
        penalty); None chooses it among ``strengths`` on ``folds`` inner folds (one-standard-error rule).
    strengths : tuple of float
        The candidates, strongest first.
    folds, seed
        The inner folds and their shuffling seed.
    """

    _parameter_constraints = {
        "prior": [str, os.PathLike, HasFitted(("featurizer", "model", "classes_"), "a fitted pipeline")],
        "strength": [None, Interval(Real, 0, None, closed="left"), Options((float("inf"),))],
        "strengths": [tuple, list],
        "folds": [Interval(Integral, 2, None, closed="left")],
        "seed": [Interval(Integral, 0, None, closed="left")],
    }

    # Until fit: SentimentPipeline's methods read these (a fitted pipeline has both).
    featurizer = None
    model = None

    def __init__(self, prior="default", strength=None, strengths=STRENGTHS, folds=INNER_FOLDS, seed=0):
        self.prior = prior
        self.strength = strength
        self.strengths = strengths
        self.folds = folds
        self.seed = seed

    def __sklearn_clone__(self):
        """scikit-learn's ``clone``: the same parameters, the prior shared (cloning it would unfit it)."""
        from sentiment.estimator import clone_sharing

        return clone_sharing(self, "prior")

    def fit(self, texts, labels, sample_weight=None):
        """Adapt the prior to ``texts`` and ``labels`` (labels among the prior's classes); returns ``self``."""
        if sample_weight is not None:
            raise ValueError("AdaptedPipeline does not take sample_weight")
        self._validate_params()
        if not self.strengths or not all(isinstance(s, Real) and s > 0 for s in self.strengths):
            from sentiment.errors import InvalidParameterError

            raise InvalidParameterError(f"AdaptedPipeline: strengths must be positive numbers; got {self.strengths!r}")
        start = time.perf_counter()
        prior, prior_name = self._prior()
        texts = as_documents(texts, example="fit")
        labels = self._labels(labels, len(texts), "fit")
        check_prior_classes(labels, prior.classes_)
        X = prior.featurize(texts, _example="fit")
        chosen, table = self.strength, None
        if chosen is None:
            chosen, table = choose_strength(X, labels, prior.model, strengths=tuple(self.strengths), folds=self.folds,
                                            seed=self.seed)
        model = LogisticRegression(l2=chosen, prior=prior.model)
        model.fit(X, [str(v) for v in labels])
        model.classes_ = prior.classes_  # the prior's labels, in their dtype
        self.featurizer, self.model = prior.featurizer, model
        if prior.neutral is not None:
            self.neutral = prior.neutral
        counts = {str(c): int(np.sum(np.asarray([str(v) for v in labels]) == str(c))) for c in prior.classes_}
        self.metadata = {
            "adapted_from": {"model": prior_name, "documents": len(texts), "class_counts": counts,
                             "prior_documents": prior.metadata.get("documents")},
            "strength": _plain(chosen),
            "strength_choice": None if table is None else {
                "inner_folds": min(self.folds, len(texts)), "seed": self.seed,
                "table": [{**row, "strength": _plain(row["strength"])} for row in table]},
            "weights_moved": weight_shift(prior, self),
            "pseudo_documents": 0,
            "seconds": round(time.perf_counter() - start, 3),
        }
        return self

    def _prior(self):
        """The prior pipeline and the name the model file records for it."""
        prior = self.prior
        if isinstance(prior, (str, os.PathLike)):
            from sentiment.pipeline import load_model

            name = os.fspath(prior)
            return load_model(prior), ("general" if name == "default" else name)
        if isinstance(prior, SentimentPipeline):
            prior._check_fitted()
        return prior, prior.metadata.get("model", type(prior).__name__)


def adapt(texts, labels, model="default", strength=None, **params) -> AdaptedPipeline:
    """Adapt ``model`` (a shipped model's name, a model file or a fitted pipeline) to labelled texts.

    ``strength`` is the penalty ``λ`` towards the prior (None: chosen on inner folds); ``params`` go to
    :class:`AdaptedPipeline`.  Returns the fitted pipeline (``.save(path)`` writes a model file).
    """
    return AdaptedPipeline(prior=model, strength=strength, **params).fit(texts, labels)


def _plain(strength):
    """A strength as a model file stores it: a number, or ``"inf"`` (JSON has no infinity)."""
    return "inf" if np.isinf(strength) else float(strength)


def adaptation_lines(metadata) -> list[str]:
    """The lines ``sentiment train`` prints about an adaptation (from the model's ``metadata``)."""
    a = metadata["adapted_from"]
    lines = [f"prior: {a['model']}" + (f" (trained on {a['prior_documents']} documents)" if a.get("prior_documents")
                                       else ""),
             "pseudo-documents: none (adaptation adds none)"]
    choice = metadata.get("strength_choice")
    if choice:
        lines.append(f"penalty strength λ = {strength_text(metadata['strength'])} (towards the prior; ∞: the prior as "
                     f"it is), chosen on {choice['inner_folds']} inner folds (accuracy; gain over the prior ± its "
                     "standard error; a penalty is chosen only if its gain exceeds that error):")
        for r in choice["table"]:
            mark = "   <- chosen" if r["strength"] == metadata["strength"] else ""
            lines.append(f"  λ = {strength_text(r['strength']):<7} {r['accuracy']:.4f}  {r['gain']:+.4f} ± "
                         f"{r['gain_se']:.4f}{mark}")
    else:
        lines.append(f"penalty strength λ = {strength_text(metadata['strength'])} (towards the prior, as given)")
    moved = metadata["weights_moved"]
    lines.append(f"weights moved: ||w − w_prior|| / ||w_prior|| = {moved['relative_change']:.4f}")
    for label, grams in moved.get("toward", {}).items():
        if grams:
            lines.append(f"n-grams that moved most toward {label}: "
                         + ", ".join(f"{g} ({v:+.2f})" for g, v in grams))
    return lines
