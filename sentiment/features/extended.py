"""The extended featurizer: the six SLP3 features (standardised) beside a sparse n-gram block.

Keeping the lexicon features in the same model holds a floor under
out-of-domain text, where most n-grams are unseen.  By default the three
counts (positive words, negative words, pronouns) enter per token, so the
block means the same on a one-line sentence as on a 700-token review: raw
counts grow with length, and a model fitted on reviews then scores every
sentence far outside its training range (trained on RT-2k, tested on MR
sentences, counts gave 50.0 % and per-token rates 65.8 %; benchmarks/accuracy.py).

Examples
--------
>>> f = ExtendedFeatures("textbook", ngram_range=(1, 1), nb=False)
>>> X = f.fit(["great fun", "hokey mess"], ["pos", "neg"]).transform(["great mess"])
>>> X.shape, f.feature_names[:2], f.feature_names[6:]
((1, 10), ['positive_words_per_token', 'negative_words_per_token'], ['ngram:fun', 'ngram:great', 'ngram:hokey', 'ngram:mess'])
>>> f._six_raw(["great fun", "so great, so much fun"])[:, 0]   # 1 of 2 tokens, 1 of 6 (with ",")
array([0.5       , 0.16666667])
"""

from __future__ import annotations

import numpy as np

from sentiment.features.six import SixFeatures
from sentiment.features.ngrams import NgramFeatures

__all__ = ["ExtendedFeatures"]

_COUNTS = [0, 1, 3]  # positive_words, negative_words, pronouns: the columns that grow with length


class ExtendedFeatures:
    """Six lexicon features plus word n-grams, as one scipy.sparse matrix.

    Parameters are those of :class:`~sentiment.features.six.SixFeatures` (``lexicon``,
    ``tokenizer``) and :class:`~sentiment.features.ngrams.NgramFeatures` (the rest), and
    ``per_token``: divide the three count features by the token count (see above).
    """

    stateless = False

    def __init__(self, lexicon="default", tokenizer="regex", per_token=True, **ngram_params):
        # The NB log-odds column is on wherever NB ratios are (binary tasks): measured
        # gains on every benchmark corpus (benchmarks/accuracy.py).
        # Each column needs the one before: no NB ratios, no NB score; no score, no ending.
        nb = ngram_params.get("nb", True)
        ngram_params["nb_score"] = nb and ngram_params.get("nb_score", True)
        ngram_params.setdefault("nb_score_per_ngram", ngram_params["nb_score"])
        ngram_params["nb_end"] = ngram_params.get("nb_end", 0.25) if ngram_params["nb_score"] else 0.0
        self.six = SixFeatures(lexicon, tokenizer=tokenizer)
        self.ngrams = NgramFeatures(tokenizer=tokenizer, **ngram_params)
        self.tokenizer = tokenizer
        self.per_token = bool(per_token)
        self.mean_ = np.zeros(6)
        self.scale_ = np.ones(6)

    @property
    def lexicon(self):
        return self.six.lexicon

    def _six_raw(self, docs):
        X6 = self.six.transform(docs)
        if self.per_token:
            X6[:, _COUNTS] /= np.exp(X6[:, 5:6])  # ln(token count) is column 6
        return X6

    def _fit_six(self, docs):
        X6 = self._six_raw(docs)
        self.mean_ = X6.mean(axis=0)
        sd = X6.std(axis=0)
        self.scale_ = np.where(sd > 0, sd, 1.0)
        return (X6 - self.mean_) / self.scale_

    def fit(self, docs, y=None):
        docs = list(docs)
        self._fit_six(docs)
        self.ngrams.fit(docs, y)
        return self

    def fit_transform(self, docs, y=None):
        """Fit and featurize the training documents (the NB score column out of fold; see NgramFeatures)."""
        from scipy.sparse import csr_matrix, hstack

        docs = list(docs)
        X6 = self._fit_six(docs)
        return hstack([csr_matrix(X6), self.ngrams.fit_transform(docs, y)], format="csr")

    def transform(self, docs):
        from scipy.sparse import csr_matrix, hstack

        docs = list(docs)
        X6 = (self._six_raw(docs) - self.mean_) / self.scale_
        return hstack([csr_matrix(X6), self.ngrams.transform(docs)], format="csr")

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
        w = np.asarray(w, dtype=float)[6:]
        names = self.feature_names[6:]
        k = len(self.ngrams.score_names)  # score columns before the n-grams
        if k:
            share = self.ngrams.score_scale * w[0]
            if self.ngrams.nb_score_per_ngram:
                share /= max(n_grams if n_grams is not None else self.ngrams.median_ngrams, 1)
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

    def to_dict(self) -> dict:
        return {"kind": "extended", "tokenizer": self.tokenizer, "per_token": self.per_token, "six_mean": self.mean_.tolist(),
                "six_scale": self.scale_.tolist(), "ngrams": self.ngrams.to_dict()}
