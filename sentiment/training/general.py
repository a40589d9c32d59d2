"""The general model: what a bare ``sentiment classify`` uses.

:func:`make_general_pipeline` builds it unfitted (``fit(texts, labels)`` trains it), with the
settings that the leave-one-domain-out benchmark (``benchmarks/domains.py``) chose;
:func:`train_general` trains it on the shared corpora the way ``make models`` does, each
binary domain capped at :data:`DOMAIN_CAP` documents so that no domain's style swamps the others
(pros/cons alone has 45 875 phrases); the three-way sets are taken whole.

Examples
--------
>>> pipe = make_general_pipeline()
>>> type(pipe.featurizer).__name__, pipe.model.C
('GeneralFeatures', 0.3)
"""

from __future__ import annotations

from sentiment.documents import as_documents
from sentiment.neutral import polar_labels
from sentiment.parameters import Interval, Real
from sentiment.pipeline import SentimentPipeline

__all__ = ["GENERAL_PARAMS", "GENERAL_C", "DOMAIN_CAP", "RULE_WEIGHT", "NEUTRAL", "LENGTH_EDGES", "GeneralPipeline", "length_balanced_weights",
           "class_balanced_weights",
           "make_general_pipeline", "cap_domains", "train_general"]

#: The featurizer's settings (see :class:`~sentiment.features.general.GeneralFeatures`).
GENERAL_PARAMS = dict(lexicon="default", ngram_range=(1, 2), min_df=3, max_ngrams=60000, negation=True)
#: Inverse L2 strength, chosen by leave-one-domain-out accuracy (not in-domain CV).
GENERAL_C = 0.3
#: Weight added to the ``vader_compound`` cue after fitting (raw units): VADER's own rule as a prior.
RULE_WEIGHT = 1.0
#: The neutral rule the general model ships with (sentiment/neutral.py; measured in sentiment/models/general.md).
NEUTRAL = dict(band=0.0, cue_free_band=0.3)
#: At most this many documents from each domain (a seeded random subset, as benchmarks/domains.py uses).
DOMAIN_CAP = 10000


#: Length bands (whitespace tokens) that :func:`length_balanced_weights` evens out: ≤ 20, 21–100, > 100.
LENGTH_EDGES = (21, 101)


def length_balanced_weights(texts, edges=LENGTH_EDGES):
    """Sample weights that give each length band the same total weight (mean weight 1).

    Whole reviews are few beside sentences and tweets; without this, pooled training data is
    mostly short text (leave-one-domain-out: mean 82.59 → 82.92 %, see sentiment/models/general.md).

    Examples
    --------
    >>> length_balanced_weights(["a b", "c", "d e f"] + [" ".join("w" * 30)]).tolist()
    [0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 2.0]
    """
    import numpy as np

    band = np.digitize([len(t.split()) for t in texts], edges)
    counts = np.bincount(band)
    return len(band) / (np.count_nonzero(counts) * counts[band])


def class_balanced_weights(labels):
    """Sample weights that give each class the same total weight (mean weight 1).

    Pooled binary corpora hold no neutral text; without this a three-way model learns that neutral is
    rare and under-calls it on text that is mostly neutral (tweets, SMS, news).

    >>> class_balanced_weights(["pos", "pos", "pos", "neg"]).tolist()
    [0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 2.0]
    """
    import numpy as np

    _, index, counts = np.unique(np.asarray(labels, dtype=str), return_inverse=True, return_counts=True)
    return len(index) / (len(counts) * counts[index])


class GeneralPipeline(SentimentPipeline):
    """A :class:`SentimentPipeline` whose ``fit`` adds the lexicon prior.

    ``fit`` weighs the documents so that each length band has the same total weight
    (:func:`length_balanced_weights`; ``balance_lengths``), trains on them plus :func:`~sentiment.training.prior.prior_documents`
    (``prior=True``), then adds ``rule_weight`` to the raw-unit weight of the ``vader_compound``
    column: the fitted model plus VADER's compound score times ``rule_weight``.  The result is an
    ordinary model (it saves and loads as a :class:`SentimentPipeline`).
    """

    # The recipe's own settings, checked by fit (sentiment.parameters); the featurizer and the model check theirs.
    # A rule weight of NaN or infinity would be added to a fitted weight: a NaN model after a good fit.
    _parameter_constraints = {
        "prior": ["boolean"],
        "rule_weight": [Interval(Real, None, None, closed="neither")],
        "neutral_rule": [dict, None],
        "balance_lengths": ["boolean"],
    }

    def __init__(self, featurizer=None, model=None, prior=True, rule_weight=RULE_WEIGHT, neutral_rule=None,
                 balance_lengths=True, balance_classes=False):
        super().__init__(featurizer, model)
        self.prior = prior
        self.rule_weight = rule_weight
        self.neutral_rule = neutral_rule
        self.balance_lengths = balance_lengths
        self.balance_classes = balance_classes

    def fit(self, texts, labels, sample_weight=None):
        if sample_weight is not None:
            raise ValueError("GeneralPipeline weighs documents itself (balance_lengths); sample_weight is not taken")
        self._validate_params()
        texts = list(as_documents(texts, example="fit"))
        labels = self._labels(labels, len(texts), "fit").tolist()  # the one label rule (SentimentPipeline.fit)
        polar = polar_labels(labels)
        if (self.prior or self.rule_weight) and polar:
            from sentiment.training.polarity import polarity_order

            negative, positive = polarity_order(polar)  # asked before the work, not after it
        if self.prior and polar:
            from sentiment.training.prior import prior_documents

            extra = prior_documents(positive=positive, negative=negative)
            self.pseudo_documents_ = len(extra)
            texts += [t for t, _ in extra]
            labels += [l for _, l in extra]
        else:
            self.pseudo_documents_ = 0
        X = self.featurizer.fit_transform(texts, labels)
        weight = length_balanced_weights(texts) if self.balance_lengths else None
        if self.balance_classes:
            weight = class_balanced_weights(labels) * (1.0 if weight is None else weight)
        self.model.fit(X, labels, sample_weight=weight)
        return self.finish_fit()

    def finish_fit(self):
        """The steps after the logistic regression: the rule weight and the neutral rule; returns ``self``.

        :meth:`fit` ends with them, and so does the Dask trainer
        (:func:`sentiment.scale.dask_training.fit_general`) once its L-BFGS has converged.
        """
        names = self.featurizer.feature_names
        polar = polar_labels(self.classes_)
        if self.rule_weight and "vader_compound" in names and polar:
            from sentiment.training.polarity import polarity_order

            # The featurizer standardised the column: x' = (x − μ) / σ, so +r·x is +r·σ on x' and +r·μ on b.
            # The binary model's score is the logit of its second class: towards the positive label, +r.
            # A softmax over negative, neutral and positive gets +r/2 on the positive row and −r/2 on the
            # negative one: the positive-against-negative log-odds move by r, as in the binary model, and
            # neutral stays in the middle.
            j = names.index("vader_compound")
            mu, sd = self.featurizer.mean_[j], self.featurizer.scale_[j]
            negative, positive = polarity_order(polar)
            classes = list(self.classes_)
            if self.model.coef_.shape[0] == 1:
                rows = [(0, self.rule_weight if positive == classes[1] else -self.rule_weight)]
            else:
                rows = [(classes.index(positive), self.rule_weight / 2), (classes.index(negative), -self.rule_weight / 2)]
            for row, r in rows:
                self.model.coef_[row, j] += r * sd
                self.model.intercept_[row] += r * mu
        if self.model.coef_.shape[0] == 3 and "neutral" in map(str, self.classes_):
            # A softmax is unchanged when one vector is taken from every row: taking the neutral row makes it
            # zero, so the other two read as log-odds against neutral (explain shows them so) and the model
            # file stores two rows of weights, not three.
            k = [str(c) for c in self.classes_].index("neutral")
            self.model.coef_ -= self.model.coef_[k].copy()
            self.model.intercept_ -= self.model.intercept_[k]
        if self.neutral_rule is not None and len(self.classes_) == 2:
            from sentiment.neutral import NeutralRule

            self.neutral = NeutralRule(**self.neutral_rule)
        return self


def make_general_pipeline(C=GENERAL_C, prior=True, rule_weight=RULE_WEIGHT, neutral=NEUTRAL, balance_lengths=True,
                          balance_classes=False, **params):
    """An unfitted general pipeline: :class:`GeneralFeatures`, L-BFGS logistic regression and the prior."""
    from sentiment.features.general import GeneralFeatures
    from sentiment.linear.model import LogisticRegression

    return GeneralPipeline(GeneralFeatures(**{**GENERAL_PARAMS, **params}), LogisticRegression(C=C, solver="lbfgs"),
                           prior=prior, rule_weight=rule_weight, neutral_rule=neutral, balance_lengths=balance_lengths,
                           balance_classes=balance_classes)


def cap_domains(domains, cap=DOMAIN_CAP, seed=200):
    """``(texts, labels, counts)``: every domain's documents, at most ``cap`` of each (seeded, in file order).

    A domain with neutral labels is taken whole: three-way labels are scarce beside the binary corpora,
    and on held-out tweets (TweetEval validation, SemEval 2016 test, SMS, LiveJournal) all 28 047 SemEval
    tweets gave 1.2–3.0 points more macro-F1 than a 10 000-tweet subset (sentiment/models/general.md).

    Examples
    --------
    >>> t, l, counts = cap_domains({"a": (["x"] * 5, ["pos"] * 5), "b": (["y"] * 5, ["neutral"] * 5)}, cap=2)
    >>> counts
    {'a': {'documents': 2, 'of': 5}, 'b': {'documents': 5, 'of': 5}}
    """
    import numpy as np

    texts, labels, counts = [], [], {}
    for j, (name, (t, l)) in enumerate(domains.items()):
        idx = np.arange(len(t))
        if cap is not None and len(idx) > cap and "neutral" not in l:
            idx = np.sort(np.random.default_rng(seed + j).choice(idx, cap, replace=False))
        texts += [t[i] for i in idx]
        labels += [l[i] for i in idx]
        counts[name] = {"documents": int(len(idx)), "of": len(t)}
    return texts, labels, counts


def train_general(domains, cap=DOMAIN_CAP, **params):
    """Fit the general model on ``{domain: (texts, labels)}``; its metadata records what it saw."""
    texts, labels, counts = cap_domains(domains, cap)
    pipe = make_general_pipeline(**params).fit(texts, labels)
    pipe.metadata = {"model": "general", "domains": counts, "documents": len(texts),
                     "classes": {c: labels.count(c) for c in sorted(set(labels))},
                     "C": pipe.model.C, "solver": pipe.model.solver_, "loss": float(pipe.model.loss_),
                     "n_iter": int(pipe.model.n_iter_)}
    return pipe
