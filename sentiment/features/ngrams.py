"""Tokens → sparse n-gram features, optionally negation-marked and Naive-Bayes scaled.

:class:`NgramFeatures` learns a vocabulary of word n-grams (those in at least
``min_df`` training documents) and, for binary tasks with ``nb=True``, the
log-count ratio of each n-gram, r = log((p / |p|₁) / (q / |q|₁)) with
p = α + Σ x over positive documents and q likewise over negative ones (Wang and
Manning 2012); features are then r ∘ x̂ with x̂ the binary (or sublinear) counts.
With three labels, one of them ``neutral``, r is the polarity ratio of the other two (neutral
documents count in neither p nor q): a softmax over r ∘ x̂ and the NB log-odds column then
calls a text neutral where its polarity evidence is weak, as an ordinal scale would.

Examples
--------
>>> f = NgramFeatures(ngram_range=(1, 2), nb=False).fit(["not good at all", "very good"], [0, 1])
>>> f.feature_names[:4]
['ngram:all', 'ngram:at', 'ngram:at all', 'ngram:good']
>>> float(f.transform(["good good"]).toarray()[0, f.vocabulary_["good"]])
1.0
"""

from __future__ import annotations

import math

import numpy as np

from sentiment.text.negation import mark_negation
from sentiment.text.slices import is_long, slices
from sentiment.linear.standardize import column_scale
from sentiment.parameters import Integral, Interval, NgramRange, Options, Real, validate_params
from sentiment.text.tokenize import get_tokenizer

__all__ = ["NgramFeatures", "SMALL_BATCH", "MAX_NGRAM", "NGRAM_CONSTRAINTS"]

#: Batches smaller than this are featurized through Python strings, not hashed (see ``transform``).
SMALL_BATCH = 16

#: The longest n-gram. Past five words nearly every n-gram occurs in one document only, so it adds
#: columns that generalise to nothing (SLP3 ch. 3 stops at 4-grams for the same sparsity); and each
#: document yields max_n - min_n + 1 n-grams per token, so (1, 10**9) never finished. Model files
#: hold at most the same (features.extended._check_ngrams, the quick path).
MAX_NGRAM = 5

#: The n-gram block's parameters, in scikit-learn's ``_parameter_constraints`` style
#: (:mod:`sentiment.parameters`); the featurizers that hold a block share these entries.
NGRAM_CONSTRAINTS = {
    "ngram_range": [NgramRange(MAX_NGRAM)],
    "min_df": [Interval(Integral, 1, None, closed="left")],
    "weighting": [Options(("binary", "sublinear"))],
    "negation": ["boolean"],
    "nb": ["boolean"],
    "alpha": [Interval(Real, 0, None, closed="neither")],
    "nb_score": ["boolean"],
    "nb_score_folds": [Interval(Integral, 2, None, closed="left")],
    "nb_score_per_ngram": ["boolean", None],
    "nb_end": [Interval(Real, 0, 1, closed="left")],
    "max_features": [Interval(Integral, 1, None, closed="left"), None],
}


def _inverse_sd(values) -> float:
    # The one standardisation rule: a (nearly) constant column is left unscaled, not blown up.
    return 1.0 / float(column_scale([np.mean(values)], [np.std(values)])[0])


class _SlicedGrams:
    """The n-grams of a long document (:mod:`sentiment.text.slices`), made slice by slice each time they are read.

    Those of its tokens from the ``from_token``-th on, when given (its ending); no n-gram crosses a cut.
    """

    def __init__(self, block, text, from_token=0):
        self.block, self.text, self.from_token = block, text, from_token

    def __iter__(self):
        seen = 0
        for part in slices(self.text):
            toks = self.block._tokens(part)
            skip = min(max(self.from_token - seen, 0), len(toks))
            seen += len(toks)
            yield from self.block._ngrams(toks[skip:])


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
    nb_score
        Also emit one column ``nb_log_odds`` = Σ r_j x̂_j / σ, the multinomial
        NB log-odds of the document over its training standard deviation σ
        (binary tasks with ``nb``).  Its weight γ makes the model γ·MNB plus
        L2-penalised per-n-gram corrections: one weight carries the evidence of
        every n-gram, so its penalty is negligible, while the corrections are
        shrunk towards 0 — small ``C`` gives (rescaled) Naive Bayes, large
        ``C`` plain NB-weighted logistic regression.  On the training documents
        the column is computed out of fold (``nb_score_folds`` folds), so γ is
        learned from scores whose n-gram ratios never saw the document's label.
    nb_score_per_ngram
        Divide that log-odds by the document's number of distinct in-vocabulary
        n-grams (its mean ratio), so the column has the same scale on a sentence
        as on a review.  As a sum, the column of a 20-token sentence is a tiny
        fraction of a 700-token review's, and a model trained on reviews leaves
        sentences to the lexicon features (docs/design.md: Measurements behind the
        design; benchmarks/accuracy.py).
    max_features
        Keep at most this many n-grams, those in the most training documents.
    nb_end
        If above 0, one more column, ``nb_log_odds_end``: the same score over
        the n-grams of the document's last ``nb_end`` share of tokens (out of
        fold in training, per n-gram and scaled likewise).  Reviews end with
        their verdict, after plot summary that can read either way (docs/design.md:
        Measurements behind the design; benchmarks/accuracy.py).
    """

    stateless = False

    def __init__(self, ngram_range=(1, 2), min_df=1, weighting="binary", negation=False, nb=True, alpha=1.0,
                 tokenizer="regex", nb_score=False, nb_score_folds=5, nb_score_per_ngram=False, nb_end=0.0,
                 max_features=None):
        validate_params(dict(ngram_range=ngram_range, min_df=min_df, weighting=weighting, negation=negation, nb=nb,
                             alpha=alpha, nb_score=nb_score, nb_score_folds=nb_score_folds,
                             nb_score_per_ngram=nb_score_per_ngram, nb_end=nb_end, max_features=max_features),
                        NGRAM_CONSTRAINTS, "NgramFeatures")
        if nb_score and not nb:
            raise ValueError("nb_score needs nb=True (it is the sum of the NB-scaled n-grams)")
        if nb_end and not nb_score:
            raise ValueError("nb_end needs nb_score=True (it scores the ending the same way)")
        self.ngram_range = tuple(ngram_range)
        self.min_df, self.weighting, self.negation, self.nb, self.alpha = min_df, weighting, negation, nb, alpha
        self.nb_score, self.nb_score_folds = bool(nb_score), int(nb_score_folds)
        self.nb_score_per_ngram = bool(nb_score_per_ngram)
        self.nb_end = float(nb_end)
        self.max_features = max_features
        self.tokenizer = tokenizer
        self._tokenize = get_tokenizer(tokenizer)
        # Fitted (set by fit/from_dict): vocabulary_ {n-gram: column}, ratio_ (NB log-count ratios or
        # None), score_scale_ / end_scale_ (1 / σ of the training documents' out-of-fold NB log-odds of the
        # whole text / its ending), median_ngrams_ (their median count of distinct n-grams).
        self.vocabulary_: dict[str, int] = {}
        self._fitted = False  # the defaults above are no vocabulary: transform refuses until fit or from_dict
        self.ratio_ = None
        self.score_scale_ = 1.0
        self.median_ngrams_ = 1.0
        self.end_scale_ = 1.0

    def __sklearn_is_fitted__(self) -> bool:
        return self.__dict__.get("_fitted", True)  # True: an object pickled before the flag existed was fitted

    # The fitted attributes under their names before the underscore convention.
    vocabulary = property(lambda self: self.vocabulary_)
    ratio = property(lambda self: self.ratio_)
    score_scale = property(lambda self: self.score_scale_)
    median_ngrams = property(lambda self: self.median_ngrams_)
    end_scale = property(lambda self: self.end_scale_)

    @property
    def has_score_column(self) -> bool:
        """Whether :meth:`transform` puts the ``nb_log_odds`` column first (binary fits with ``nb_score``)."""
        return self.nb_score and self.ratio_ is not None

    @property
    def has_end_column(self) -> bool:
        """Whether the ``nb_log_odds_end`` column follows ``nb_log_odds``."""
        return self.has_score_column and self.nb_end > 0

    def _tokens(self, text):
        toks = self._tokenize(text)
        return mark_negation(toks) if self.negation else toks

    def _grams(self, text):
        if is_long(text):
            return _SlicedGrams(self, text)
        return self._ngrams(self._tokens(text))

    def _grams_and_endings(self, docs):
        """Each document's n-grams, and those of its last ``nb_end`` share of tokens: two lists."""
        grams, endings = [], []
        for text in docs:
            if is_long(text):
                n_tokens = sum(len(self._tokens(part)) for part in slices(text))
                grams.append(_SlicedGrams(self, text))
                endings.append(_SlicedGrams(self, text, int(n_tokens * (1.0 - self.nb_end))))
                continue
            toks = self._tokens(text)
            grams.append(self._ngrams(toks))
            endings.append(self._ngrams(toks[int(len(toks) * (1.0 - self.nb_end)):]))
        return grams, endings

    def _ngrams(self, toks):
        lo, hi = self.ngram_range
        out = []
        for n in range(lo, hi + 1):
            if n == 1:
                out.extend(toks)
            else:
                out.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
        return out

    def _fit(self, docs, y):
        """Learn the vocabulary, NB ratio and score scales; return the training counts and out-of-fold scores."""
        ending = None
        if self.nb_score and self.nb_end > 0:
            grams, ending = self._grams_and_endings(docs)
        else:
            grams = [self._grams(d) for d in docs]
        df: dict[str, int] = {}
        for g in grams:
            for t in set(g):
                df[t] = df.get(t, 0) + 1
        vocab = [t for t, c in df.items() if c >= self.min_df]
        if self.max_features is not None and len(vocab) > self.max_features:
            # the most frequent, ties broken by the n-gram itself so the choice is reproducible
            vocab = sorted(vocab, key=lambda t: (-df[t], t))[: self.max_features]
        vocab.sort()
        self.vocabulary_ = {t: i for i, t in enumerate(vocab)}
        self._fitted = True
        self.ratio_ = None
        X = self._counts(grams_list=grams)
        positive = negative = None
        if self.nb and y is not None:
            from sentiment.neutral import polar_labels

            polar = polar_labels(map(str, y))  # the labels the ratio contrasts, as strings
            if polar:
                negative = np.asarray([str(v) == polar[0] for v in y])
                positive = np.asarray([str(v) == polar[1] for v in y])
                self.ratio_ = self._log_count_ratio(X, positive, negative)
        score = X_end = end = None
        if self.has_score_column:
            # Document i's score uses a ratio learned without document i's fold:
            # in-sample scores are overconfident and would inflate γ.
            X_end = self._counts(grams_list=ending) if self.has_end_column else None
            fold = np.arange(X.shape[0]) % self.nb_score_folds
            score, end = np.zeros(X.shape[0]), np.zeros(X.shape[0])
            for k in range(self.nb_score_folds):
                held = fold == k
                if held.any() and positive[~held].any() and negative[~held].any():
                    ratio = self._log_count_ratio(X[~held], positive[~held], negative[~held])
                    score[held] = X[held] @ ratio
                    if X_end is not None:
                        end[held] = X_end[held] @ ratio
            score /= self.score_divisor(X)
            self.median_ngrams_ = float(max(np.median(X.getnnz(axis=1)), 1))
            self.score_scale_ = _inverse_sd(score)
            if X_end is not None:
                end /= self.score_divisor(X_end)
                self.end_scale_ = _inverse_sd(end)
        return X, score, X_end, end

    def score_divisor(self, X):
        """Per-row divisor of the NB log-odds: the row's count of distinct n-grams (at least 1), or 1."""
        if not self.nb_score_per_ngram:
            return np.ones(X.shape[0])
        return np.maximum(X.getnnz(axis=1), 1).astype(float)

    def _log_count_ratio(self, X, positive, negative):
        p = self.alpha + np.asarray(X[positive].sum(axis=0)).ravel()
        q = self.alpha + np.asarray(X[negative].sum(axis=0)).ravel()
        return np.log(p / p.sum()) - np.log(q / q.sum())

    def fit(self, docs, y=None):
        self._fit(list(docs), y)
        return self

    def fit_transform(self, docs, y=None):
        """Fit, then featurize the training documents (with the out-of-fold NB score column)."""
        return self._assemble(*self._fit(list(docs), y))

    def transform_by_strings(self, docs):
        """:meth:`transform` through Python strings per token (the reference the hashed path is tested against)."""
        docs = list(docs)
        if not self.has_end_column:
            return self._assemble(self._counts(docs))
        grams, ending = self._grams_and_endings(docs)
        return self._assemble(self._counts(grams_list=grams), X_end=self._counts(grams_list=ending))

    def _counts(self, docs=None, grams_list=None):
        from scipy.sparse import csr_matrix

        vocab = self.vocabulary_
        indptr, indices, data = [0], [], []
        if grams_list is None:
            grams_list = (self._grams(d) for d in docs)
        binary = self.weighting == "binary"
        for grams in grams_list:
            counts: dict[int, int] = {}
            for t in grams:
                j = vocab.get(t)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            indices.extend(counts)
            if binary:
                data.extend([1.0] * len(counts))
            else:
                data.extend(1.0 + math.log(c) for c in counts.values())
            indptr.append(len(indices))
        return csr_matrix((np.asarray(data, float), np.asarray(indices, np.int64), np.asarray(indptr, np.int64)),
                          shape=(len(indptr) - 1, len(vocab)))

    def _assemble(self, X, score=None, X_end=None, end=None):
        if self.ratio_ is None:
            return X
        from scipy.sparse import csr_matrix, hstack

        if not self.has_score_column:
            return X.multiply(self.ratio_).tocsr()
        if score is None:
            score = (X @ self.ratio_) / self.score_divisor(X)
        columns = [self.score_scale_ * score]
        if self.has_end_column:
            if end is None:
                end = (X_end @ self.ratio_) / self.score_divisor(X_end)
            columns.append(self.end_scale_ * end)
        return hstack([csr_matrix(np.column_stack(columns)), X.multiply(self.ratio_).tocsr()], format="csr")

    def _dense_counts(self, grams_list):
        """:meth:`_counts` as a dense array, with numpy alone (for a handful of documents)."""
        vocab = self.vocabulary
        X = np.zeros((len(grams_list), len(vocab)))
        for i, grams in enumerate(grams_list):
            for t in grams:
                j = vocab.get(t)
                if j is not None:
                    X[i, j] += 1.0
        hit = X > 0
        X[hit] = 1.0 if self.weighting == "binary" else 1.0 + np.log(X[hit])
        return X

    def transform_dense(self, docs):
        """:meth:`transform` as a dense numpy array, without scipy: a one-line ``classify`` never imports it.

        Examples
        --------
        >>> f = NgramFeatures(nb_score=True, nb_score_per_ngram=True, nb_end=0.5).fit(["good fun", "bad mess"] * 3, [1, 0] * 3)
        >>> bool(np.allclose(f.transform_dense(["good mess", "fun"]), f.transform(["good mess", "fun"]).toarray()))
        True
        """
        docs = list(docs)
        ending = None
        if self.has_end_column:
            grams, ending = self._grams_and_endings(docs)
        else:
            grams = [self._grams(d) for d in docs]
        X = self._dense_counts(grams)
        if self.ratio is None:
            return X
        XR = X * self.ratio
        if not self.has_score_column:
            return XR
        divisor = lambda M: np.maximum(np.count_nonzero(M, axis=1), 1) if self.nb_score_per_ngram else 1.0
        columns = [self.score_scale * (X @ self.ratio) / divisor(X)]
        if ending is not None:
            XE = self._dense_counts(ending)
            columns.append(self.end_scale * (XE @ self.ratio) / divisor(XE))
        return np.hstack([np.column_stack(columns), XR])

    def transform(self, docs):
        """The block's CSR matrix: hashed over the batch's characters, or through strings for a few documents.

        Fewer than :data:`SMALL_BATCH` documents take the string path: hashing the
        vocabulary once costs more than they take.
        """
        if not self.__sklearn_is_fitted__():
            from sentiment.estimator import not_fitted

            raise not_fitted(self)
        docs = list(docs)
        if len(docs) < SMALL_BATCH:
            return self.transform_by_strings(docs)
        return self.transform_hashed(docs)

    def transform_hashed(self, docs):
        """:meth:`transform` of a batch hashed over its characters (:mod:`~sentiment.features.fast_ngrams`)."""
        from sentiment.features.fast_ngrams import hashed_ngrams

        docs = list(docs)
        fast = hashed_ngrams(self)  # the same counts, computed over the batch's characters with numpy
        if fast is not None:
            X, X_end = fast.counts(docs, self.nb_end if self.has_end_column else 0.0, self.weighting)
            return self._assemble(X, X_end=X_end)
        return self.transform_by_strings(docs)

    def linear_scores(self, docs, W):
        """``transform(docs) @ W`` (``W``: one row per column of this block, one column per score).

        Read off the block's nonzero counts with ``bincount``, never building the matrix: a batch of the
        hashed path imports no scipy (0.2 s of a few hundred lines' run).  Each text's scores are summed
        over its n-grams in column order whatever the batch, so they are the same bits in any batch
        (``--jobs`` cuts a file into batches of its own).

        Examples
        --------
        >>> f = NgramFeatures(nb_score=True, nb_score_per_ngram=True, nb_end=0.5).fit(["good fun", "bad mess"] * 3, [1, 0] * 3)
        >>> docs = ["good mess", "fun", "bad"] * 6
        >>> W = np.arange(len(f.feature_names), dtype=float)[:, None]
        >>> bool(np.allclose(f.linear_scores(docs, W), f.transform(docs) @ W))
        True
        """
        docs = list(docs)
        W = np.asarray(W, dtype=float)
        n_docs = len(docs)
        whole, ending = self._nonzeros(docs)
        k = len(self.score_names)
        ratio = self.ratio_
        columns = W[k:]

        def weighted(rows, cols, values):
            return values if ratio is None else values * ratio[cols]

        rows, cols, values = whole
        xr = weighted(rows, cols, values)
        sums = lambda r, weights: np.bincount(r, weights, minlength=n_docs).astype(float, copy=False)  # int if no hits
        Z = np.column_stack([sums(rows, xr * columns[cols, j]) for j in range(W.shape[1])])
        # The NB log-odds columns that come first (score_names): the text's, then its ending's, each
        # Σ ratio · x over its distinct n-grams, per n-gram if asked, times its scale.
        for at, ((r, c, v), scale) in enumerate([(whole, self.score_scale_), (ending, self.end_scale_)][:k]):
            score = sums(r, weighted(r, c, v))
            if self.nb_score_per_ngram:
                score /= np.maximum(np.bincount(r, minlength=n_docs), 1)
            Z += np.outer(scale * score, W[at])
        return Z

    def _nonzeros(self, docs):
        """The counts' nonzeros as ``(rows, columns, values)``, each row's columns ascending; and the endings' (or None).

        Hashed for a batch; for a few documents through strings into a dense array (no scipy: the same
        ``1 + ln(count)`` by numpy's log as the hashed path); another tokenizer's, through strings into CSR.
        """
        from sentiment.features.fast_ngrams import hashed_ngrams

        fast = hashed_ngrams(self)
        if fast is not None and len(docs) >= SMALL_BATCH:
            return fast.distinct_counts(docs, self.nb_end if self.has_end_column else 0.0, self.weighting)
        if fast is not None:
            def nonzeros(grams):
                X = self._dense_counts(grams)
                rows, cols = np.nonzero(X)
                return rows, cols, X[rows, cols]
        else:
            def nonzeros(grams):
                X = self._counts(grams_list=grams)
                X.sort_indices()
                return np.repeat(np.arange(X.shape[0]), np.diff(X.indptr)), X.indices, X.data
        if self.has_end_column:
            grams, endings = self._grams_and_endings(docs)
            return nonzeros(grams), nonzeros(endings)
        return nonzeros([self._grams(d) for d in docs]), None

    @property
    def vocabulary_list(self) -> list[str]:
        """The n-grams in column order (kept while ``vocabulary_`` is the same dict)."""
        cached = self.__dict__.get("_vocabulary_list")
        if cached is None or cached[0] is not self.vocabulary_ or len(cached[1]) != len(self.vocabulary_):
            names = [""] * len(self.vocabulary_)
            for t, j in self.vocabulary_.items():
                names[j] = t
            cached = self._vocabulary_list = (self.vocabulary_, names)
        return cached[1]

    def __getstate__(self):
        # The names are derived from the vocabulary and rebuilt on first use: a pickle (--jobs) need not carry them.
        return {k: v for k, v in self.__dict__.items() if k != "_feature_names"}

    @property
    def feature_names(self):
        # Built once per vocabulary: explain asks for the names several times, and 60 000 of them take ~16 ms.
        key = (self.vocabulary_, len(self.vocabulary_), self.has_score_column, self.has_end_column)
        cached = self.__dict__.get("_feature_names")
        if cached is None or cached[0][0] is not key[0] or cached[0][1:] != key[1:]:
            cached = self._feature_names = (key, self.score_names + ["ngram:" + t for t in self.vocabulary_list])
        return list(cached[1])  # a copy: a caller may change its list

    @property
    def score_names(self) -> list[str]:
        """The names of the NB score columns that come before the n-grams (none, one or two)."""
        return (["nb_log_odds"] if self.has_score_column else []) + (["nb_log_odds_end"] if self.has_end_column else [])

    def to_dict(self) -> dict:
        return {
            "ngram_range": list(self.ngram_range), "min_df": self.min_df, "weighting": self.weighting,
            "negation": self.negation, "nb": self.nb, "alpha": self.alpha, "nb_score": self.nb_score,
            "nb_score_scale": self.score_scale_, "nb_score_per_ngram": self.nb_score_per_ngram,
            "median_ngrams": self.median_ngrams_, "nb_end": self.nb_end, "nb_end_scale": self.end_scale_,
            "vocabulary": list(self.vocabulary_list),
            "ratio": None if self.ratio_ is None else [round(float(v), 10) for v in self.ratio_],
        }

    @classmethod
    def from_dict(cls, d, tokenizer="regex"):
        f = cls(tuple(d["ngram_range"]), d["min_df"], d["weighting"], d["negation"], d["nb"], d["alpha"], tokenizer,
                nb_score=d.get("nb_score", False), nb_score_per_ngram=d.get("nb_score_per_ngram", False),
                nb_end=d.get("nb_end", 0.0))
        f.end_scale_ = float(d.get("nb_end_scale", 1.0))
        f.score_scale_ = float(d.get("nb_score_scale", 1.0))
        f.median_ngrams_ = float(d.get("median_ngrams", 1.0))
        f.vocabulary_ = dict(zip(d["vocabulary"], range(len(d["vocabulary"]))))
        f._fitted = True
        f._vocabulary_list = (f.vocabulary_, list(d["vocabulary"]))
        f.ratio_ = None if d["ratio"] is None else np.asarray(d["ratio"], dtype=float)
        return f
