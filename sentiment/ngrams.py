"""Tokens → sparse n-gram features, optionally negation-marked and Naive-Bayes scaled.

:class:`NgramFeatures` learns a vocabulary of word n-grams (those in at least
``min_df`` training documents) and, for binary tasks with ``nb=True``, the
log-count ratio of each n-gram, r = log((p / |p|₁) / (q / |q|₁)) with
p = α + Σ x over positive documents and q likewise over negative ones (Wang and
Manning 2012); features are then r ∘ x̂ with x̂ the binary (or sublinear) counts.

Examples
--------
>>> f = NgramFeatures(ngram_range=(1, 2), nb=False).fit(["not good at all", "very good"], [0, 1])
>>> f.feature_names[:4]
['ngram:all', 'ngram:at', 'ngram:at all', 'ngram:good']
>>> float(f.transform(["good good"]).toarray()[0, f.vocabulary["good"]])
1.0
"""

from __future__ import annotations

import math

import numpy as np

from .negation import mark_negation
from .text import get_tokenizer

__all__ = ["NgramFeatures"]


class NgramFeatures:
    """Word n-gram block (see the module docstring).

    Parameters
    ----------
    ngram_range
        ``(min_n, max_n)``, e.g. ``(1, 2)`` for unigrams and bigrams.
    min_df
        Keep n-grams seen in at least this many training documents.
    weighting
        ``"binary"`` (presence) or ``"sublinear"`` (1 + ln count).
    negation
        Mark negation scope with ``NOT_`` before counting.
    nb, alpha
        Scale by the NB log-count ratio with smoothing ``alpha`` (binary tasks).
    """

    stateless = False

    def __init__(self, ngram_range=(1, 2), min_df=1, weighting="binary", negation=False, nb=True, alpha=1.0,
                 tokenizer="regex"):
        if weighting not in ("binary", "sublinear"):
            raise ValueError(f"weighting must be binary or sublinear; got {weighting!r}")
        self.ngram_range = tuple(ngram_range)
        self.min_df, self.weighting, self.negation, self.nb, self.alpha = min_df, weighting, negation, nb, alpha
        self.tokenizer = tokenizer
        self._tokenize = get_tokenizer(tokenizer)
        self.vocabulary: dict[str, int] = {}
        self.ratio = None

    def _grams(self, text):
        toks = self._tokenize(text)
        if self.negation:
            toks = mark_negation(toks)
        lo, hi = self.ngram_range
        out = []
        for n in range(lo, hi + 1):
            if n == 1:
                out.extend(toks)
            else:
                out.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
        return out

    def fit(self, docs, y=None):
        df: dict[str, int] = {}
        grams = [set(self._grams(d)) for d in docs]
        for g in grams:
            for t in g:
                df[t] = df.get(t, 0) + 1
        vocab = sorted(t for t, c in df.items() if c >= self.min_df)
        self.vocabulary = {t: i for i, t in enumerate(vocab)}
        self.ratio = None
        if self.nb and y is not None:
            labels = sorted(set(map(str, y)))
            if len(labels) == 2:
                X = self._counts(grams_list=grams)
                pos = np.asarray([str(v) == labels[1] for v in y])
                p = self.alpha + np.asarray(X[pos].sum(axis=0)).ravel()
                q = self.alpha + np.asarray(X[~pos].sum(axis=0)).ravel()
                self.ratio = np.log((p / p.sum()) / (q / q.sum()))
        return self

    def _counts(self, docs=None, grams_list=None):
        from scipy.sparse import csr_matrix

        vocab = self.vocabulary
        indptr, indices, data = [0], [], []
        if grams_list is None:
            grams_list = (self._grams(d) for d in docs)
        for grams in grams_list:
            counts: dict[int, int] = {}
            for t in grams:
                j = vocab.get(t)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            indices.extend(counts)
            if self.weighting == "binary" or isinstance(grams, set):
                data.extend([1.0] * len(counts))
            else:
                data.extend(1.0 + math.log(c) for c in counts.values())
            indptr.append(len(indices))
        return csr_matrix((np.asarray(data, float), np.asarray(indices, np.int64), np.asarray(indptr, np.int64)),
                          shape=(len(indptr) - 1, len(vocab)))

    def transform(self, docs):
        X = self._counts(list(docs))
        if self.ratio is not None:
            X = X.multiply(self.ratio).tocsr()
        return X

    @property
    def feature_names(self):
        return ["ngram:" + t for t in sorted(self.vocabulary, key=self.vocabulary.get)]

    def to_dict(self) -> dict:
        return {
            "ngram_range": list(self.ngram_range), "min_df": self.min_df, "weighting": self.weighting,
            "negation": self.negation, "nb": self.nb, "alpha": self.alpha,
            "vocabulary": sorted(self.vocabulary, key=self.vocabulary.get),
            "ratio": None if self.ratio is None else [round(float(v), 10) for v in self.ratio],
        }

    @classmethod
    def from_dict(cls, d, tokenizer="regex"):
        f = cls(tuple(d["ngram_range"]), d["min_df"], d["weighting"], d["negation"], d["nb"], d["alpha"], tokenizer)
        f.vocabulary = {t: i for i, t in enumerate(d["vocabulary"])}
        f.ratio = None if d["ratio"] is None else np.asarray(d["ratio"], dtype=float)
        return f
