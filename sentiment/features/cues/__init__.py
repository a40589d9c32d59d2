"""Lexical cue blocks: small dense feature groups read from one :func:`~sentiment.text.cues.analyse` pass.

Each block is a module with ``NAMES`` and ``values(analysis) -> list of floats``; :data:`BLOCKS`
names them, and :class:`CueFeatures` stacks the chosen ones into a matrix.  Every value is per
word, a bounded score or a capped count, so a tweet and a review are on the same scale.

Examples
--------
>>> f = CueFeatures(("negation", "emoticons"))
>>> f.feature_names
['negated_positive', 'negated_negative', 'negated_hu_liu_positive', 'negated_hu_liu_negative', 'positive_emoticons', 'negative_emoticons']
>>> f.transform(["not bad :)"]).tolist()   # 3 words (the emoticon counts as one)
[[0.0, -0.8333333333333334, 0.0, 0.3333333333333333, 1.0, 0.0]]
"""

from __future__ import annotations

from sentiment.features.cues import contrast, emoticons, emphasis, intensity, negation, opinion_words, valence

__all__ = ["BLOCKS", "BATCH_FROM", "CueFeatures"]

#: From this many texts on, the cue blocks are computed by the numpy pass over the batch (below it the
#: per-text pass is faster: the numpy pass costs about 0.2 ms per call; measured on MR sentences).
BATCH_FROM = 32

BLOCKS = {
    "valence": valence,
    "hu_liu": opinion_words,
    "negation": negation,
    "contrast": contrast,
    "intensity": intensity,
    "emphasis": emphasis,
    "emoticons": emoticons,
}


class CueFeatures:
    """The chosen cue blocks (default: all, in :data:`BLOCKS` order) as one dense matrix."""

    def __init__(self, blocks=tuple(BLOCKS)):
        unknown = [b for b in blocks if b not in BLOCKS]
        if unknown:
            raise ValueError(f"unknown cue block(s) {', '.join(unknown)}; expected some of: {', '.join(BLOCKS)}")
        self.blocks = tuple(blocks)

    @property
    def feature_names(self):
        return [name for b in self.blocks for name in BLOCKS[b].NAMES]

    @property
    def columns(self) -> list:
        """The chosen blocks' columns in :data:`sentiment.text.fast_cues.CUE_NAMES`."""
        from sentiment.text.fast_cues import CUE_NAMES

        return [CUE_NAMES.index(name) for name in self.feature_names]

    def transform(self, docs):
        """The matrix, one row per text.

        From :data:`BATCH_FROM` texts on, by the numpy pass over the whole batch
        (:func:`sentiment.text.batch_cues.batch_cue_rows`); fewer, by the per-text pass
        (:func:`sentiment.text.fast_cues.cue_rows`), which is faster there.  Both give the same floats.
        """
        docs = list(docs)
        if len(docs) >= BATCH_FROM:
            from sentiment.text.batch_cues import batch_cue_rows

            return batch_cue_rows(docs, self.columns)
        from sentiment.text.fast_cues import cue_rows

        return cue_rows(docs, self.columns)

    def reference_transform(self, docs):
        """The same matrix from :func:`~sentiment.text.cues.analyse` and each block's ``values``: slow, plain."""
        import numpy as np

        from sentiment.text.cues import analyse
        from sentiment.text.slices import slices, weighted_mean

        modules = [BLOCKS[b] for b in self.blocks]
        rows = []
        for text in docs:
            # A long text is read in slices (sentiment.text.slices): their rows' mean, weighted by their words.
            found = [(a, [v for m in modules for v in m.values(a)]) for a in map(analyse, slices(text))]
            rows.append(weighted_mean([r for _, r in found], [a.words for a, _ in found]))
        return np.asarray(rows, dtype=float).reshape(len(rows), len(self.feature_names))
