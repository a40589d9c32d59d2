"""The extended featurizer: the six SLP3 features (standardised) beside a sparse n-gram block.

Keeping the lexicon features in the same model holds a floor under
out-of-domain text, where most n-grams are unseen.  By default the three
counts (positive words, negative words, pronouns) enter per token, so the
block means the same on a one-line sentence as on a 700-token review: raw
counts grow with length, and a model fitted on reviews then scores every
sentence far outside its training range (docs/design.md: Measurements behind the design;
benchmarks/accuracy.py).

Examples
--------
>>> f = ExtendedFeatures(lexicon="textbook", ngram_range=(1, 1), nb=False)
>>> X = f.fit(["great fun", "hokey mess"], ["pos", "neg"]).transform(["great mess"])
>>> X.shape, f.feature_names[:2], f.feature_names[6:]
((1, 10), ['positive_words_per_token', 'negative_words_per_token'], ['ngram:fun', 'ngram:great', 'ngram:hokey', 'ngram:mess'])
>>> f._six_raw(["great fun", "so great, so much fun"])[:, 0]   # 1 of 2 tokens, 1 of 6 (with ",")
array([0.5       , 0.16666667])
"""

from __future__ import annotations

import math

import numpy as np

from sentiment.features.base import Featurizer, register_featurizer
from sentiment.features.ngrams import MAX_NGRAM, NGRAM_CONSTRAINTS, NgramFeatures
from sentiment.features.six import SixFeatures

__all__ = ["ExtendedFeatures"]

_COUNTS = [0, 1, 3]  # positive_words, negative_words, pronouns: the columns that grow with length
_SIX = 6  # the lexicon block's width: the n-gram block starts after it


@register_featurizer("extended")
class ExtendedFeatures(Featurizer):
    """Six lexicon features plus word n-grams, as one scipy.sparse matrix.

    Parameters
    ----------
    lexicon, tokenizer
        As for :class:`~sentiment.features.six.SixFeatures`.
    per_token : bool, default True
        Divide the three count features by the token count (see above).
    ngram_range, min_df, weighting, negation, nb, alpha, nb_score, nb_score_folds, nb_score_per_ngram, nb_end
        As for :class:`~sentiment.features.ngrams.NgramFeatures`, with these defaults: the NB
        log-odds column is on wherever NB ratios are (binary tasks; measured gains on every
        benchmark corpus, benchmarks/accuracy.py), per n-gram when on (``nb_score_per_ngram=None``),
        with an ending column over the last quarter.  Each column needs the one before: no NB
        ratios, no NB score; no score, no ending.
    """

    # What each parameter may be, checked by fit (sentiment.parameters); the lexicon and the tokenizer
    # are checked where they are read (load_lexicon, get_tokenizer).
    _parameter_constraints = {
        "per_token": ["boolean"],
        **{k: v for k, v in NGRAM_CONSTRAINTS.items() if k != "max_features"},
    }

    def __init__(self, *, lexicon="default", tokenizer="regex", per_token=True, ngram_range=(1, 2), min_df=1,
                 weighting="binary", negation=False, nb=True, alpha=1.0, nb_score=True, nb_score_folds=5,
                 nb_score_per_ngram=None, nb_end=0.25):
        self.lexicon = lexicon
        self.tokenizer = tokenizer
        self.per_token = per_token
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.weighting = weighting
        self.negation = negation
        self.nb = nb
        self.alpha = alpha
        self.nb_score = nb_score
        self.nb_score_folds = nb_score_folds
        self.nb_score_per_ngram = nb_score_per_ngram
        self.nb_end = nb_end

    def _ngram_block(self) -> NgramFeatures:
        """An unfitted n-gram block for the current parameters."""
        score = bool(self.nb) and bool(self.nb_score)
        per_ngram = score if self.nb_score_per_ngram is None else bool(self.nb_score_per_ngram)
        return NgramFeatures(ngram_range=self.ngram_range, min_df=self.min_df, weighting=self.weighting,
                             negation=self.negation, nb=self.nb, alpha=self.alpha, tokenizer=self.tokenizer,
                             nb_score=score, nb_score_folds=self.nb_score_folds, nb_score_per_ngram=per_ngram,
                             nb_end=self.nb_end if score else 0.0)

    @property
    def dense_width(self) -> int:
        """The number of dense columns before the n-gram block (the six here; more in subclasses)."""
        return _SIX

    @property
    def six(self) -> SixFeatures:
        """The lexicon block (its lexicon read on first use)."""
        key = (id(self.lexicon), self.tokenizer)
        if self.__dict__.get("_six_key") != key:
            self._six, self._six_key = SixFeatures(lexicon=self.lexicon, tokenizer=self.tokenizer), key
        return self._six

    @property
    def ngrams(self) -> NgramFeatures:
        """The n-gram block: the fitted one (``ngrams_``) once fitted."""
        fitted = self.__dict__.get("ngrams_")
        return fitted if fitted is not None else self._ngram_block()

    @property
    def lexicon_(self):
        return self.six.lexicon_

    def _six_raw(self, docs):
        X6 = self.six.transform(docs)
        if self.per_token:
            X6[:, _COUNTS] /= np.exp(X6[:, 5:6])  # ln(token count) is column 6
        return X6

    def _fit_six(self, docs):
        from sentiment.linear.standardize import standardize_columns

        X6 = self._six_raw(docs)
        self.mean_, self.scale_ = standardize_columns(X6)
        return (X6 - self.mean_) / self.scale_

    def fit(self, docs, y=None):
        self._validate_params()
        docs = list(docs)
        self._fit_six(docs)
        self.ngrams_ = self._ngram_block().fit(docs, y)
        return self

    def fit_transform(self, docs, y=None):
        """Fit and featurize the training documents (the NB score column out of fold; see NgramFeatures)."""
        from scipy.sparse import csr_matrix, hstack

        self._validate_params()
        docs = list(docs)
        X6 = self._fit_six(docs)
        self.ngrams_ = self._ngram_block()
        return hstack([csr_matrix(X6), self.ngrams_.fit_transform(docs, y)], format="csr")

    def __sklearn_is_fitted__(self) -> bool:
        # mean_ is set by fit, fit_transform and from_dict together with the fitted n-gram block
        return "mean_" in self.__dict__

    def _check_fitted(self) -> None:
        if not self.__sklearn_is_fitted__():
            from sentiment.estimator import not_fitted

            raise not_fitted(self)

    def transform(self, docs):
        from scipy.sparse import csr_matrix, hstack

        self._check_fitted()
        docs = list(docs)
        X6 = (self._six_raw(docs) - self.mean_) / self.scale_
        return hstack([csr_matrix(X6), self.ngrams.transform(docs)], format="csr")

    def linear_scores(self, docs, W):
        """``transform(docs) @ W`` block by block, without the feature matrix (nor scipy).

        ``W`` has one row per feature column and one column per score; the pipeline's batch
        predictions come this way (:meth:`~sentiment.pipeline.SentimentPipeline.decision_function`).
        """
        from sentiment.features.base import scores_match_transform

        self._check_fitted()
        docs = list(docs)
        W = np.asarray(W, dtype=float)
        d = len(self.mean_)  # the dense columns as fitted (a subclass's _six_raw may add some)
        width = d + len(self.ngrams.score_names) + len(self.ngrams.vocabulary_)
        if W.shape[0] != width:
            raise ValueError(f"linear_scores: W has {W.shape[0]} rows, expected one per feature column ({width})")
        dense = (self._six_raw(docs) - self.mean_) / self.scale_
        # Column by column, not ``dense @ W``: BLAS cuts a matrix into blocks by its number of rows, so a
        # text's last bit would depend on its batch (``--jobs`` cuts batches differently from one process).
        ngrams = self.ngrams
        Z = ngrams.linear_scores(docs, W[d:]) if scores_match_transform(ngrams) else np.asarray(ngrams.transform(docs) @ W[d:])
        for j in range(d):
            Z += np.outer(dense[:, j], W[j])
        return Z

    def ngram_weights(self, w, n_grams=None):
        """The n-gram columns' weights with the ``nb_log_odds`` column's share folded in.

        That column is ``score_scale`` × the sum of the n-gram columns, divided
        by the document's count of distinct n-grams ``n_grams`` when
        ``nb_score_per_ngram`` (default: the training median), so for that
        document ``z = six part + ending part + Σ_j ngram_weights(w)[j] · x_j + b``
        exactly, the ending part being the ``nb_log_odds_end`` column's weight
        times its value (it sums only the ending's n-grams, so it stays a term
        of its own); returns ``(names, weights)`` for the n-gram columns alone.
        """
        w = np.asarray(w, dtype=float)[self.dense_width:]
        names = self.feature_names[self.dense_width:]
        k = len(self.ngrams.score_names)  # score columns before the n-grams
        if k:
            share = self.ngrams.score_scale_ * w[0]
            if self.ngrams.nb_score_per_ngram:
                share /= max(n_grams if n_grams is not None else self.ngrams.median_ngrams_, 1)
            return names[k:], w[k:] + share
        return names, w

    def count_ngrams(self, text) -> int:
        """The number of distinct in-vocabulary n-grams in ``text`` (the NB column's divisor)."""
        return int(self.ngrams._counts([text]).getnnz())

    def matches(self, text):
        return self.six.matches(text)

    @property
    def feature_names(self):
        six = list(self.six.feature_names)
        if self.per_token:
            six = [n + "_per_token" if j in _COUNTS else n for j, n in enumerate(six)]
        return six + self.ngrams.feature_names

    def raw_units(self, W, b):
        """Undo this block's standardisation of the six columns (the n-gram columns stay as they are)."""
        from sentiment.linear.standardize import to_raw_units

        W = np.array(W, dtype=float)
        W[:, :self.dense_width], b = to_raw_units(W[:, :self.dense_width], b, self.mean_, self.scale_)
        return W, b

    # -- explanation ----------------------------------------------------------------

    def contributions(self, text: str, x, w=None) -> dict:
        """The six columns one by one; for a binary model, the n-grams that pushed hardest either way.

        The ``nb_log_odds`` column, if any, is shared out among the n-grams it sums.
        """
        out = {"columns": list(range(self.dense_width)), "matches": self.matches(text)}
        if w is None:
            return out
        names = self.feature_names
        gram_names, weight = self.ngram_weights(w, self.count_ngrams(text))
        xg = x[len(names) - len(gram_names):]
        gram_contrib = weight * xg
        ranked = sorted(np.flatnonzero(xg), key=lambda j: gram_contrib[j])
        top = lambda js: [{"name": gram_names[j], "value": float(xg[j]), "weight": float(weight[j]),
                           "contribution": float(gram_contrib[j])} for j in js]
        out["top_negative"] = top([j for j in ranked if gram_contrib[j] < 0][:10])
        out["top_positive"] = top([j for j in reversed(ranked) if gram_contrib[j] > 0][:10])
        out["ngram_contribution"] = float((w[self.dense_width:] * x[self.dense_width:]).sum())
        if "nb_log_odds_end" in names:  # part of the above: the ending scored on its own
            j = names.index("nb_log_odds_end")
            out["ending_contribution"] = float(w[j] * x[j])
            out["ending_fraction"] = self.ngrams.nb_end
        return out

    def summary_lines(self, w=None, labels=()) -> list[str]:
        """The n-gram block's size and, for a binary model, the n-grams pulling hardest each way."""
        extra = "".join({"nb_log_odds": " + NB log-odds", "nb_log_odds_end": " + NB log-odds of the ending"}[n]
                        for n in self.ngrams.score_names)
        lines = [f"features: six + {len(self.ngrams.vocabulary_)} n-grams{extra}"]
        if w is not None:
            # The effect of an n-gram's presence: its weight (with the NB log-odds
            # column's share, in a document of the training median's n-gram count)
            # times its NB scaling, if any.
            names, weight = self.ngram_weights(w)
            ratio = self.ngrams.ratio_
            effect = weight * (ratio if ratio is not None else 1.0)
            order = np.argsort(effect)
            lines.append("n-grams pulling hardest to " + labels[0] + ": "
                         + ", ".join(f"{names[j][6:]} ({effect[j]:.2f})" for j in order[:8]))
            lines.append("n-grams pulling hardest to " + labels[1] + ": "
                         + ", ".join(f"{names[j][6:]} ({effect[j]:+.2f})" for j in order[::-1][:8]))
        return lines

    def log_length_stats(self, model):
        """This featurizer standardises the six itself: ln(length) is their last column."""
        return float(self.mean_[5]), float(self.scale_[5])

    def log_lengths(self, docs):
        return self.six.log_lengths(docs)

    # -- the model file -------------------------------------------------------------

    def to_dict(self) -> dict:
        return {"kind": "extended", "tokenizer": self.tokenizer, "names": list(self.six.feature_names),
                "per_token": bool(self.per_token), "six_mean": self.mean_.tolist(), "six_scale": self.scale_.tolist(),
                "ngrams": self.ngrams.to_dict()}

    @classmethod
    def from_dict(cls, data: dict, *, lexicon=None, tokenizer: str = "regex", name: str = "<model>"):
        from sentiment.features.six import check_six_dict
        from sentiment.io.checks import fail, number_list

        check_six_dict(data, {"kind", "names", "tokenizer", "six_mean", "six_scale", "ngrams", "per_token"}, name)
        block = _check_ngrams(data, name)
        per_token = data.get("per_token", False)  # absent in files written before it existed
        if not isinstance(per_token, bool):
            fail(name, f"features.per_token must be true or false; got {per_token!r}")
        f = cls(lexicon=lexicon if lexicon is not None else "default", tokenizer=tokenizer, per_token=per_token)
        f.mean_ = number_list(data.get("six_mean"), _SIX, "features.six_mean", name)
        f.scale_ = number_list(data.get("six_scale"), _SIX, "features.six_scale", name)
        check_dense_standardization(f, name)
        return load_ngram_block(f, block, tokenizer, name)


def check_dense_standardization(f, name: str) -> None:
    """The dense columns' mean and scale a model file gives ``f``: positive scales, and within the bounds
    that keep scores finite (sentiment.io.checks; the quick path declines the same values)."""
    from sentiment.io.checks import MAX_MEAN, MAX_SCALE, MIN_SCALE, check_within, fail

    if np.any(f.scale_ <= 0):  # as the general model's loader and the quick path ask
        fail(name, "features.six_scale must be positive")
    check_within(f.mean_, -MAX_MEAN, MAX_MEAN, "features.six_mean", name)
    check_within(f.scale_, MIN_SCALE, MAX_SCALE, "features.six_scale", name)


def load_ngram_block(f, block: dict, tokenizer, name: str):
    """Give featurizer ``f`` its fitted n-gram block from a model file's ``features.ngrams`` (checked)
    and the matching n-gram parameters; returns ``f``."""
    from sentiment.io.checks import fail

    try:
        f.ngrams_ = NgramFeatures.from_dict(block, tokenizer)
    except (ValueError, TypeError) as exc:  # options that cannot go together (nb_score without nb)
        fail(name, f"features.ngrams: {exc}")
    ng = f.ngrams_
    f.set_params(ngram_range=ng.ngram_range, min_df=ng.min_df, weighting=ng.weighting, negation=ng.negation,
                 nb=ng.nb, alpha=ng.alpha, nb_score=ng.nb_score, nb_score_per_ngram=ng.nb_score_per_ngram,
                 nb_end=ng.nb_end)
    return f


def _check_ngrams(features, name) -> dict:
    from sentiment.io.checks import MAX_SCALE, MAX_WEIGHT, MIN_SCALE, check_within, fail, is_positive_number, number_list

    block = features.get("ngrams")
    keys = {"ngram_range", "min_df", "weighting", "negation", "nb", "alpha", "vocabulary", "ratio"}
    optional = ("nb_score", "nb_score_scale", "nb_score_per_ngram", "median_ngrams", "nb_end",
                "nb_end_scale")  # newer than the format: absent in older files
    if not isinstance(block, dict) or not keys <= set(block) <= keys | set(optional):
        fail(name, f"features.ngrams must hold {', '.join(sorted(keys))} (and optionally {', '.join(optional)})")
    for key in ("nb_score", "nb_score_per_ngram"):
        if not isinstance(block.get(key, False), bool):
            fail(name, f"features.ngrams.{key} must be true or false")
    for key in ("nb_score_scale", "median_ngrams", "nb_end_scale"):
        if not is_positive_number(block.get(key, 1.0)):
            fail(name, f"features.ngrams.{key} must be a positive number")
    for key in ("nb_score_scale", "nb_end_scale"):  # they multiply a column: bounded as scales are
        check_within([block.get(key, 1.0)], MIN_SCALE, MAX_SCALE, f"features.ngrams.{key}", name)
    end = block.get("nb_end", 0.0)
    if isinstance(end, bool) or not isinstance(end, (int, float)) or not 0 <= end < 1:
        fail(name, f"features.ngrams.nb_end must be a fraction in [0, 1); got {end!r}")
    r = block["ngram_range"]
    if not (isinstance(r, list) and len(r) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in r)
            and 1 <= r[0] <= r[1] <= MAX_NGRAM):
        fail(name, f"features.ngrams.ngram_range must be [min_n, max_n] with 1 <= min_n <= max_n <= {MAX_NGRAM}")
    if isinstance(block["min_df"], bool) or not isinstance(block["min_df"], int) or block["min_df"] < 1:
        fail(name, f"features.ngrams.min_df must be an integer >= 1; got {block['min_df']!r}")
    a = block["alpha"]
    if isinstance(a, bool) or not isinstance(a, (int, float)) or not math.isfinite(a) or a <= 0:
        fail(name, f"features.ngrams.alpha must be a positive number; got {a!r}")
    if block["weighting"] not in ("binary", "sublinear") or not isinstance(block["negation"], bool) \
            or not isinstance(block["nb"], bool):
        fail(name, "features.ngrams has a bad weighting, negation or nb value")
    vocab = block["vocabulary"]
    if not isinstance(vocab, list) or not set(map(type, vocab)) <= {str} or len(set(vocab)) != len(vocab):
        fail(name, "features.ngrams.vocabulary_ must be a list of distinct strings")
    if block["ratio"] is not None:
        ratio = number_list(block["ratio"], len(vocab), "features.ngrams.ratio_", name)
        check_within(ratio, -MAX_WEIGHT, MAX_WEIGHT, "features.ngrams.ratio_", name)  # a weight on each n-gram
    return block
