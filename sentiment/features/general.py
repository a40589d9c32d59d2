"""The general featurizer: the extended block plus the lexical cue blocks, for text from any domain.

:class:`GeneralFeatures` is :class:`~sentiment.features.extended.ExtendedFeatures` (six lexicon
features per token, negation-marked NB-scaled n-grams, NB log-odds columns) with the dense
cue blocks of :mod:`sentiment.features.cues` standardised beside the six: VADER valences with
negation flipped, Hu–Liu counts, contrast, intensifiers, emphasis and emoticons.  They are
priors that hold where the n-grams were never seen, which is what carries a model across
domains (the leave-one-domain-out benchmark, ``benchmarks/domains.py``).

``max_ngrams`` keeps the n-grams found in the most training documents (like scikit-learn's
``max_features``), which bounds the model file.

Examples
--------
>>> f = GeneralFeatures(lexicon="textbook", cues=("negation",), ngram_range=(1, 1), min_df=1)
>>> X = f.fit(["great fun", "hokey mess", "not great"], ["pos", "neg", "neg"]).transform(["not hokey"])
>>> f.dense_width, f.feature_names[6:8]
(10, ['negated_positive', 'negated_negative'])
>>> X.shape
(1, 18)
"""

from __future__ import annotations

import numpy as np

from sentiment.features.base import register_featurizer
from sentiment.features.cues import BLOCKS, CueFeatures
from sentiment.features.extended import (ExtendedFeatures, _SIX, _check_ngrams, check_dense_standardization,
                                        load_ngram_block)
from sentiment.features.ngrams import NGRAM_CONSTRAINTS, NgramFeatures
from sentiment.parameters import SubsetOf

__all__ = ["GeneralFeatures", "DENSE_BELOW"]

#: Fewer documents than this are featurized densely, with numpy alone (60 000 columns × 8 bytes each).
DENSE_BELOW = 16


@register_featurizer("general")
class GeneralFeatures(ExtendedFeatures):
    """Six lexicon features and the cue blocks (dense, standardised), then the n-gram block.

    Parameters
    ----------
    cues : tuple of str
        The cue blocks to use, names from :data:`sentiment.features.cues.BLOCKS` (default: all).
    max_ngrams : int or None
        Keep at most this many n-grams, those in the most training documents.
    Others
        As for :class:`~sentiment.features.extended.ExtendedFeatures`; the defaults here are the
        settings the domain benchmark chose (negation marking on, n-grams in ≥ 3 documents).
    """

    _parameter_constraints = {
        **ExtendedFeatures._parameter_constraints,
        "cues": [SubsetOf(BLOCKS)],
        "max_ngrams": NGRAM_CONSTRAINTS["max_features"],
    }

    def __init__(self, *, lexicon="default", tokenizer="regex", per_token=True, cues=tuple(BLOCKS),
                 ngram_range=(1, 2), min_df=3, max_ngrams=None, weighting="binary", negation=True, nb=True,
                 alpha=1.0, nb_score=True, nb_score_folds=5, nb_score_per_ngram=None, nb_end=0.25):
        super().__init__(lexicon=lexicon, tokenizer=tokenizer, per_token=per_token, ngram_range=ngram_range, min_df=min_df, weighting=weighting,
                         negation=negation, nb=nb, alpha=alpha, nb_score=nb_score, nb_score_folds=nb_score_folds,
                         nb_score_per_ngram=nb_score_per_ngram, nb_end=nb_end)
        self.cues = cues
        self.max_ngrams = max_ngrams

    @property
    def cue_block(self) -> CueFeatures:
        return CueFeatures(tuple(self.cues))

    @property
    def dense_width(self) -> int:
        return _SIX + len(self.cue_block.feature_names)

    def _ngram_block(self) -> NgramFeatures:
        block = super()._ngram_block()
        block.max_features = self.max_ngrams
        return block

    def transform(self, docs):
        """The feature matrix: scipy.sparse, or for up to :data:`DENSE_BELOW` documents a dense array.

        The dense path needs numpy alone, so a one-line ``sentiment classify`` never imports scipy
        (the model gives the same scores either way).
        """
        self._check_fitted()
        docs = list(docs)
        if len(docs) >= DENSE_BELOW:
            return super().transform(docs)
        dense = (self._six_raw(docs) - self.mean_) / self.scale_
        return np.hstack([dense, self.ngrams.transform_dense(docs)])

    def linear_scores(self, docs, W):
        """:meth:`ExtendedFeatures.linear_scores <sentiment.features.extended.ExtendedFeatures.linear_scores>`:
        :meth:`transform`'s dense path for a few documents has the same values, so the blocks' scores serve both."""
        return super().linear_scores(docs, W)

    def _six_raw(self, docs):
        docs = list(docs)
        return np.hstack([super()._six_raw(docs), self.cue_block.transform(docs)])

    @property
    def feature_names(self):
        names = super().feature_names
        return names[:_SIX] + self.cue_block.feature_names + names[_SIX:]

    def to_dict(self) -> dict:
        out = super().to_dict()
        out.update(kind="general", cues=list(self.cues), max_ngrams=self.max_ngrams)
        return out

    @classmethod
    def from_dict(cls, data: dict, *, lexicon=None, tokenizer: str = "regex", name: str = "<model>"):
        from sentiment.features.six import check_six_dict
        from sentiment.io.checks import fail, number_list

        check_six_dict(data, {"kind", "names", "tokenizer", "six_mean", "six_scale", "ngrams", "per_token", "cues",
                              "max_ngrams"}, name)
        cues = data.get("cues")
        if not isinstance(cues, list) or not all(isinstance(c, str) and c in BLOCKS for c in cues):
            fail(name, f"features.cues must be a list of cue block names ({', '.join(BLOCKS)})")
        max_ngrams = data.get("max_ngrams")
        if max_ngrams is not None and (isinstance(max_ngrams, bool) or not isinstance(max_ngrams, int) or max_ngrams < 1):
            fail(name, f"features.max_ngrams must be a positive integer or null; got {max_ngrams!r}")
        per_token = data.get("per_token")
        if not isinstance(per_token, bool):
            fail(name, f"features.per_token must be true or false; got {per_token!r}")
        block = _check_ngrams(data, name)
        f = cls(lexicon=lexicon if lexicon is not None else "default", tokenizer=tokenizer, per_token=per_token, cues=cues,
                max_ngrams=max_ngrams)
        width = f.dense_width
        f.mean_ = number_list(data.get("six_mean"), width, "features.six_mean", name)
        f.scale_ = number_list(data.get("six_scale"), width, "features.six_scale", name)
        check_dense_standardization(f, name)
        return load_ngram_block(f, block, tokenizer, name)
