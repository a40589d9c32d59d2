"""The six, extended and general featurizers' values for a few texts, as sparse rows, in plain Python.

A row is ``{column: value}`` in the column order of the batch featurizers
(:mod:`sentiment.features.six`, :mod:`~sentiment.features.extended`,
:mod:`~sentiment.features.general`): the dense block (the six, then the cue
blocks), standardised by the featurizer's own mean and scale where it has them,
then the NB log-odds columns, then the n-grams.  The building blocks are the
batch path's own: the tokenizer, :func:`~sentiment.text.negation.mark_negation`,
the lexicon's token codes (:mod:`sentiment.features.lexicon_codes`) and the cue
pass (:func:`~sentiment.text.fast_cues.cue_values`); what is written again here
is only the arithmetic that assembles them, which the tests hold to the batch
path's.

:meth:`QuickFeatures.from_dict` checks a model file's ``features`` the way the
featurizers' ``from_dict`` do and raises :class:`Declined` at the first doubt.

Examples
--------
>>> from sentiment.lexicons.lexicon import load_lexicon
>>> f = QuickFeatures.from_dict({"kind": "six", "tokenizer": "regex", "names": list(SIX_NAMES)},
...                             load_lexicon("textbook"), "regex")
>>> f.width, f.rows(["No, you are great!"])[0]
(6, {0: 1.0, 1: 0.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: 1.791759469228055})
"""

from __future__ import annotations

import math

from sentiment.features.lexicon_codes import count_tokens, phrase_patterns, token_codes
from sentiment.io.checks import MAX_MEAN, MAX_SCALE, MAX_WEIGHT, MIN_SCALE, within
from sentiment.io.npy import all_finite
from sentiment.text.negation import mark_negation
from sentiment.text.tokenize import get_tokenizer

__all__ = ["Declined", "QuickFeatures", "SIX_NAMES", "numbers"]

SIX_NAMES = ("positive_words", "negative_words", "has_no", "pronouns", "has_exclamation", "log_length")
_COUNTS = (0, 1, 3)  # the columns that grow with length (per_token divides them by the token count)
_KEYS = {
    "six": ({"kind", "names", "tokenizer"}, set()),
    "extended": ({"kind", "names", "tokenizer", "six_mean", "six_scale", "ngrams"}, {"per_token"}),
    "general": ({"kind", "names", "tokenizer", "six_mean", "six_scale", "ngrams", "per_token", "cues"},
                {"max_ngrams"}),
}
_NGRAM_KEYS = {"ngram_range", "min_df", "weighting", "negation", "nb", "alpha", "vocabulary", "ratio"}
_NGRAM_OPTIONAL = {"nb_score", "nb_score_scale", "nb_score_per_ngram", "median_ngrams", "nb_end", "nb_end_scale"}


class Declined(Exception):
    """The quick path does not take this model (the batch path will, or will say what is wrong)."""


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _positive(v) -> bool:
    return _is_number(v) and math.isfinite(v) and v > 0


def numbers(value, length):
    """``value`` if it is ``length`` finite numbers (a list, or ``array('d')`` from a compact file), else Declined."""
    from array import array

    if isinstance(value, array):  # sentiment.io.npy has checked that every value is finite
        if value.typecode != "d" or len(value) != length:
            raise Declined
        return value
    if not (isinstance(value, list) and len(value) == length and set(map(type, value)) <= {int, float}
            and all_finite(value)):
        raise Declined
    return value


class QuickFeatures:
    """One model file's featurizer (kind six, extended or general), for a few texts at a time."""

    def __init__(self, kind, lexicon, tokenizer, per_token=False, mean=None, scale=None, cues=(), ngrams=None):
        self.kind, self.per_token, self.mean, self.scale = kind, per_token, mean, scale
        self._tokenize = get_tokenizer(tokenizer)
        self._code_of, self._phrases = token_codes(lexicon).get, phrase_patterns(lexicon)
        self.cue_columns = cues
        self.ngrams = ngrams
        self.dense_width = len(SIX_NAMES) + len(cues)
        self.width = self.dense_width + (ngrams.width if ngrams is not None else 0)

    @classmethod
    def from_dict(cls, data, lexicon, tokenizer) -> "QuickFeatures":
        if not isinstance(data, dict) or data.get("kind") not in _KEYS or lexicon is None:
            raise Declined
        kind = data["kind"]
        required, optional = _KEYS[kind]
        if data.get("names") != list(SIX_NAMES) or not required <= set(data) <= required | optional:
            raise Declined
        if kind == "six":
            return cls(kind, lexicon, tokenizer)
        per_token = data.get("per_token", False)
        if not isinstance(per_token, bool):
            raise Declined
        cues = ()
        if kind == "general":
            cues = _cue_columns(data["cues"])
            max_ngrams = data.get("max_ngrams")
            if max_ngrams is not None and not (type(max_ngrams) is int and max_ngrams >= 1):
                raise Declined
        width = len(SIX_NAMES) + len(cues)
        mean, scale = numbers(data["six_mean"], width), numbers(data["six_scale"], width)
        if not (within(mean, -MAX_MEAN, MAX_MEAN) and within(scale, MIN_SCALE, MAX_SCALE)):
            raise Declined  # the batch loader's bounds (sentiment.io.checks): it names the value
        return cls(kind, lexicon, tokenizer, per_token, mean, scale, cues, QuickNgrams.from_dict(data["ngrams"], tokenizer))

    def rows(self, texts) -> list[dict]:
        """One ``{column: value}`` per text (zeros of the n-gram block left out)."""
        dense = [self._six(t) for t in texts]
        if self.cue_columns:
            from sentiment.text.fast_cues import cue_values

            for row, cues in zip(dense, cue_values(texts)):
                row.extend(cues[j] for j in self.cue_columns)
        if self.mean is not None:
            dense = [[(v - m) / s for v, m, s in zip(row, self.mean, self.scale)] for row in dense]
        out = [dict(enumerate(row)) for row in dense]
        if self.ngrams is not None:
            for row, text in zip(out, texts):
                row.update(self.ngrams.row(text, self.dense_width))
        return out

    def _six(self, text) -> list:
        counts, n = count_tokens(self._tokenize(text), self._code_of, self._phrases)
        row = [float(counts[0]), float(counts[1]), 1.0 if counts[2] else 0.0, float(counts[3]),
               1.0 if counts[4] else 0.0, math.log(max(n, 1))]
        if self.per_token:
            tokens = math.exp(row[5])  # as the batch path divides: by e^(ln count)
            for j in _COUNTS:
                row[j] /= tokens
        return row


def _cue_columns(names) -> tuple:
    from sentiment.features.cues import BLOCKS
    from sentiment.text.fast_cues import CUE_NAMES

    if not isinstance(names, list) or not all(isinstance(b, str) and b in BLOCKS for b in names):
        raise Declined
    return tuple(CUE_NAMES.index(name) for b in names for name in BLOCKS[b].NAMES)


class QuickNgrams:
    """The n-gram block of :class:`~sentiment.features.ngrams.NgramFeatures`, read from its dict."""

    def __init__(self, block, tokenizer):
        self.lo, self.hi = block["ngram_range"]
        self.binary = block["weighting"] == "binary"
        self.negation = block["negation"]
        self.vocabulary = dict(zip(block["vocabulary"], range(len(block["vocabulary"]))))
        self.ratio = block["ratio"]
        score = block.get("nb_score", False) and self.ratio is not None
        self.end = block.get("nb_end", 0.0) if score else 0.0
        self.per_ngram = block.get("nb_score_per_ngram", False)
        self.scales = ([block.get("nb_score_scale", 1.0)] if score else []) + ([block.get("nb_end_scale", 1.0)]
                                                                             if self.end > 0 else [])
        self._tokenize = get_tokenizer(tokenizer)
        self.width = len(self.scales) + len(self.vocabulary)

    @classmethod
    def from_dict(cls, block, tokenizer) -> "QuickNgrams":
        if not isinstance(block, dict) or not _NGRAM_KEYS <= set(block) <= _NGRAM_KEYS | _NGRAM_OPTIONAL:
            raise Declined
        r = block["ngram_range"]
        # 5 is sentiment.features.ngrams.MAX_NGRAM, not imported here: that module loads numpy
        if not (isinstance(r, list) and len(r) == 2 and all(type(v) is int for v in r) and 1 <= r[0] <= r[1] <= 5):
            raise Declined
        if not (type(block["min_df"]) is int and block["min_df"] >= 1 and _positive(block["alpha"])):
            raise Declined
        flags = [block["negation"], block["nb"], block.get("nb_score", False), block.get("nb_score_per_ngram", False)]
        if block["weighting"] not in ("binary", "sublinear") or not all(isinstance(f, bool) for f in flags):
            raise Declined
        if not all(_positive(block.get(k, 1.0)) for k in ("nb_score_scale", "median_ngrams", "nb_end_scale")):
            raise Declined
        if not within([block.get("nb_score_scale", 1.0), block.get("nb_end_scale", 1.0)], MIN_SCALE, MAX_SCALE):
            raise Declined
        end = block.get("nb_end", 0.0)
        if not (_is_number(end) and 0 <= end < 1) or (flags[2] and not flags[1]) or (end and not flags[2]):
            raise Declined  # NgramFeatures refuses these combinations
        vocab = block["vocabulary"]
        if not isinstance(vocab, list) or not set(map(type, vocab)) <= {str}:
            raise Declined
        if block["ratio"] is not None and not within(numbers(block["ratio"], len(vocab)), -MAX_WEIGHT, MAX_WEIGHT):
            raise Declined
        ngrams = cls(block, tokenizer)
        if len(ngrams.vocabulary) != len(vocab):  # an n-gram listed twice
            raise Declined
        return ngrams

    def _grams(self, tokens) -> list:
        out = []
        for n in range(self.lo, self.hi + 1):
            if n == 1:
                out.extend(tokens)
            else:
                out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return out

    def _values(self, grams) -> dict:
        """``{vocabulary column: binary or sublinear count}`` of one document's n-grams."""
        counts: dict[int, int] = {}
        for g in grams:
            j = self.vocabulary.get(g)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if self.binary:
            return dict.fromkeys(counts, 1.0)
        return {j: 1.0 + math.log(c) for j, c in counts.items()}

    def _score(self, x) -> float:
        """The NB log-odds of counts ``x``, per distinct n-gram if so fitted."""
        total = sum(v * self.ratio[j] for j, v in sorted(x.items()))
        return total / max(len(x), 1) if self.per_ngram else total

    def row(self, text, offset) -> dict:
        """This block's nonzero values for ``text``, at columns from ``offset`` on."""
        tokens = self._tokenize(text)
        if self.negation:
            tokens = mark_negation(tokens)
        x = self._values(self._grams(tokens))
        out = {}
        if self.scales:
            out[offset] = self.scales[0] * self._score(x)
        if self.end > 0:
            ending = self._values(self._grams(tokens[int(len(tokens) * (1.0 - self.end)):]))
            out[offset + 1] = self.scales[1] * self._score(ending)
        start = offset + len(self.scales)
        if self.ratio is None:
            out.update((start + j, v) for j, v in x.items())
        else:
            out.update((start + j, v * self.ratio[j]) for j, v in x.items())
        return out
