"""The extended featurizer: the six SLP3 features (standardised) beside a sparse n-gram block.

Keeping the lexicon features in the same model holds a floor under
out-of-domain text, where most n-grams are unseen.

Examples
--------
>>> f = ExtendedFeatures("textbook", ngram_range=(1, 1), nb=False)
>>> X = f.fit(["great fun", "hokey mess"], ["pos", "neg"]).transform(["great mess"])
>>> X.shape, f.feature_names[:2], f.feature_names[6:]
((1, 10), ['positive_words', 'negative_words'], ['ngram:fun', 'ngram:great', 'ngram:hokey', 'ngram:mess'])
"""

from __future__ import annotations

import numpy as np

from .features import SixFeatures
from .ngrams import NgramFeatures

__all__ = ["ExtendedFeatures"]


class ExtendedFeatures:
    """Six lexicon features plus word n-grams, as one scipy.sparse matrix.

    Parameters are those of :class:`~sentiment.features.SixFeatures` (``lexicon``,
    ``tokenizer``) and :class:`~sentiment.ngrams.NgramFeatures` (the rest).
    """

    stateless = False

    def __init__(self, lexicon="default", tokenizer="regex", **ngram_params):
        # The NB log-odds column is on wherever NB ratios are (binary tasks): measured
        # gains on every benchmark corpus (benchmarks/accuracy.py).
        ngram_params.setdefault("nb_score", ngram_params.get("nb", True))
        self.six = SixFeatures(lexicon, tokenizer=tokenizer)
        self.ngrams = NgramFeatures(tokenizer=tokenizer, **ngram_params)
        self.tokenizer = tokenizer
        self.mean_ = np.zeros(6)
        self.scale_ = np.ones(6)

    @property
    def lexicon(self):
        return self.six.lexicon

    def _fit_six(self, docs):
        X6 = self.six.transform(docs)
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
        X6 = (self.six.transform(docs) - self.mean_) / self.scale_
        return hstack([csr_matrix(X6), self.ngrams.transform(docs)], format="csr")

    def ngram_weights(self, w):
        """The n-gram columns' weights with the ``nb_log_odds`` column's share folded in.

        That column is ``score_scale`` × the sum of the n-gram columns, so
        ``z = six part + Σ_j ngram_weights(w)[j] · x_j + b`` exactly; returns
        ``(names, weights)`` for the n-gram columns alone.
        """
        w = np.asarray(w, dtype=float)[6:]
        names = self.feature_names[6:]
        if self.ngrams.has_score_column:
            return names[1:], w[1:] + self.ngrams.score_scale * w[0]
        return names, w

    def matches(self, text):
        return self.six.matches(text)

    @property
    def feature_names(self):
        return list(self.six.feature_names) + self.ngrams.feature_names

    def to_dict(self) -> dict:
        return {"kind": "extended", "tokenizer": self.tokenizer, "six_mean": self.mean_.tolist(),
                "six_scale": self.scale_.tolist(), "ngrams": self.ngrams.to_dict()}
