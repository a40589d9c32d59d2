"""Tokens → features: the six features of SLP3 Fig. 5.2.

======  =====================  ==============================================
column  name                   value
======  =====================  ==============================================
x1      ``positive_words``     count of positive-lexicon tokens
x2      ``negative_words``     count of negative-lexicon tokens
x3      ``has_no``             1 if the token ``no`` occurs, else 0
x4      ``pronouns``           count of first- and second-person pronouns
x5      ``has_exclamation``    1 if the token ``!`` occurs, else 0
x6      ``log_length``         ln(token count), the count taken as at least 1
======  =====================  ==============================================
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from sentiment.features.base import Featurizer, register_featurizer
from sentiment.features.lexicon_codes import BITS, PRONOUNS, count_tokens, phrase_matches, phrase_patterns, token_codes
from sentiment.lexicons.lexicon import Lexicon, load_lexicon
from sentiment.text.slices import any_long, is_long, slices
from sentiment.text.tokenize import get_tokenizer

__all__ = ["SixFeatures", "FEATURE_NAMES", "PRONOUNS"]

FEATURE_NAMES = ("positive_words", "negative_words", "has_no", "pronouns", "has_exclamation", "log_length")

# Token bit masks and the per-document count live in lexicon_codes (plain Python, shared with sentiment.quick).

#: Batches of at least this many documents are counted off the word table (:meth:`SixFeatures._word_counts`).
WORD_TABLE_FROM = 32


@register_featurizer("six")
class SixFeatures(Featurizer):
    """Turn documents into the six SLP3 features.

    Parameters
    ----------
    lexicon : Lexicon or str or path, default "default"
        A :class:`~sentiment.lexicons.lexicon.Lexicon` or anything
        :func:`~sentiment.lexicons.lexicon.load_lexicon` accepts (default: the shipped
        ``default`` lexicon).  It is read on first use (``fit`` or ``transform``)
        and kept as ``lexicon_``.
    tokenizer : str, default "regex"
        Name of the tokenizer (see :func:`sentiment.text.tokenize.get_tokenizer`).

    Notes
    -----
    The six features learn nothing from data (``stateless``): the lexicon is a parameter,
    read on first use, so ``transform`` before ``fit`` gives the same values as after it
    and is not an error (unlike :class:`~sentiment.features.extended.ExtendedFeatures`,
    whose standardisation and n-grams are learned). scikit-learn's ``check_is_fitted``
    agrees (``__sklearn_is_fitted__``).

    Examples
    --------
    >>> f = SixFeatures(lexicon="textbook")
    >>> from sentiment.worked_example import REVIEW
    >>> x = f.transform([REVIEW])[0]
    >>> x.round(2).tolist()
    [3.0, 2.0, 1.0, 3.0, 0.0, 4.19]
    >>> f.transform(["", "No! You?"]).tolist()
    [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0, 1.0, 1.3862943611198906]]
    >>> f.get_params()
    {'lexicon': 'textbook', 'tokenizer': 'regex'}
    """

    stateless = True  # nothing is learned from data: cross-validation may featurize once

    def __init__(self, *, lexicon="default", tokenizer: str = "regex"):
        self.lexicon = lexicon
        self.tokenizer = tokenizer

    @property
    def feature_names(self) -> list[str]:
        return list(FEATURE_NAMES)

    @property
    def lexicon_(self) -> Lexicon:
        """The loaded :class:`~sentiment.lexicons.lexicon.Lexicon` (read on first use)."""
        return self._tables()["lexicon"]

    def _tables(self) -> dict:
        """The lookup tables for the current parameters, built once (and again if they change)."""
        key = (id(self.lexicon), self.lexicon if isinstance(self.lexicon, str) else None, self.tokenizer)
        cached = self.__dict__.get("_cache")
        if cached is not None and cached["key"] == key:
            return cached
        tokenize = get_tokenizer(self.tokenizer)
        lexicon = load_lexicon(self.lexicon, tokenizer=tokenize)
        codes = token_codes(lexicon)
        fast = None
        if self.tokenizer == "regex":
            from sentiment.features.fast_counts import AsciiCounter

            phrases = [(col, e.split(" ")) for col, side in enumerate((lexicon.positive, lexicon.negative))
                       for e in side if " " in e]
            fast = AsciiCounter(codes, phrases, n_bits=5)
        # Entries of several tokens are matched as phrases on the space-joined tokens.
        self._cache = {"key": key, "lexicon": lexicon, "tokenize": tokenize, "code_of": codes.get, "fast": fast,
                       "code_or_zero": lambda token, get=codes.get: get(token, 0),
                       "phrases": phrase_patterns(lexicon)}
        return self._cache

    def __getstate__(self):
        # The lookup tables are derived from the parameters and rebuilt on first use; they hold functions
        # that cannot be pickled, so pickle and joblib take the parameters alone.
        return {k: v for k, v in self.__dict__.items() if k != "_cache"}

    def fit(self, docs=None, y=None):
        """Read the lexicon; the six features learn nothing else from data."""
        self._tables()
        return self

    # -- the hot path -----------------------------------------------------------

    def _row_counts(self, text: str):
        """The five counts and the token count of one document, token by token."""
        tables = self._tables()
        return count_tokens(tables["tokenize"](text), tables["code_of"], tables["phrases"])

    def _phrase_matches(self, tokens) -> list[list[str]]:
        """The multi-token lexicon entries in ``tokens``: positive ones, then negative ones."""
        return phrase_matches(tokens, self._tables()["phrases"])

    def _row(self, text: str) -> list[float]:
        counts, n = self._row_counts(text)
        return [float(counts[0]), float(counts[1]), 1.0 if counts[2] else 0.0, float(counts[3]),
                1.0 if counts[4] else 0.0, math.log(max(n, 1))]

    def _counts(self, docs: list[str]):
        """``(counts, n_tokens)`` for a batch: read off the word table, or vectorised for ASCII text, else token by token."""
        tables = self._tables()
        if tables["fast"] is not None and not any(tables["phrases"]) and len(docs) >= WORD_TABLE_FROM:
            found = self._word_counts(docs, tables["code_or_zero"])
            if found is not None:
                return found
        counts = np.zeros((len(docs), 5), dtype=np.int64)
        n_tokens = np.zeros(len(docs), dtype=np.int64)
        fast_counter = tables["fast"]
        if fast_counter is None:
            fast_idx = []
        else:
            fast_idx = [i for i, d in enumerate(docs) if d.isascii()]
        if len(fast_idx) < len(docs):
            fast = set(fast_idx)
            for i, d in enumerate(docs):
                if i not in fast:
                    c, n = self._row_counts(d)
                    counts[i], n_tokens[i] = c, n
        # Batches of about 1 MB keep the vectorised pass's temporaries small.
        start = 0
        while start < len(fast_idx):
            size, stop = 0, start
            while stop < len(fast_idx) and (size < 1_000_000 or stop == start):
                size += len(docs[fast_idx[stop]]) + 1
                stop += 1
            rows = fast_idx[start:stop]
            counts[rows], n_tokens[rows] = fast_counter.counts([docs[i] for i in rows])
            start = stop
        return counts, n_tokens

    @staticmethod
    def _word_counts(docs, code_of):
        """``(counts, n_tokens)`` from the process's word table (:mod:`sentiment.text.word_table`), or None.

        The regex tokenizer's words of each distinct chunk are known there, so a batch's counts are one
        lookup of its chunks (shared with the cue blocks and the n-grams) and ``bincount``s.  None when a
        text holds the word table's separator: the caller counts the batch its own way.
        """
        from sentiment.text.chunk_table import batch_groups
        from sentiment.text.word_table import batch_words

        counts = np.zeros((len(docs), 5), dtype=np.int64)
        n_tokens = np.zeros(len(docs), dtype=np.int64)
        for start, stop in batch_groups(docs):
            found = batch_words(docs[start:stop])
            if found is None:
                return None
            table, words, doc_of = found
            n = stop - start
            n_tokens[start:stop] = np.bincount(doc_of, minlength=n)
            codes = table.values("six counts", code_of, np.int64)[words]
            hit = np.flatnonzero(codes)
            code, doc_hit = codes[hit], doc_of[hit]
            for bit, col in BITS:
                counts[start:stop, col] = np.bincount(doc_hit[(code & bit) != 0], minlength=n)
        return counts, n_tokens

    @staticmethod
    def _sliced(docs):
        """``(pieces, owner)``: the documents with each long one replaced by its slices, and each piece's document."""
        pieces, owner = [], []
        for i, d in enumerate(docs):
            if is_long(d):
                parts = list(slices(d))
                pieces.extend(parts)
                owner.extend([i] * len(parts))
            else:
                pieces.append(d)
                owner.append(i)
        return pieces, owner

    def transform(self, docs: Iterable[str]) -> np.ndarray:
        """Featurize a batch of documents into an ``(n_docs, 6)`` float matrix."""
        if isinstance(docs, str):
            raise TypeError("transform expects a list of documents, not one string; wrap it: [text]")
        docs = docs if isinstance(docs, list) else list(docs)
        # A very long document (a 100 MB line) is counted in slices (sentiment.text.slices),
        # so memory stays bounded; the counts add up.
        pieces, owner = docs, range(len(docs))
        if any_long(docs):
            pieces, owner = self._sliced(docs)
        counts, n_tokens = self._counts(pieces)
        if len(pieces) != len(docs):
            owner = np.asarray(owner)
            total = np.zeros((len(docs), 5), dtype=np.int64)
            np.add.at(total, owner, counts)
            tokens = np.zeros(len(docs), dtype=np.int64)
            np.add.at(tokens, owner, n_tokens)
            counts, n_tokens = total, tokens
        X = np.empty((len(docs), len(FEATURE_NAMES)), dtype=np.float64)
        X[:, :5] = counts
        X[:, 2] = counts[:, 2] > 0
        X[:, 4] = counts[:, 4] > 0
        X[:, 5] = np.log(np.maximum(n_tokens, 1))
        return X

    def fit_transform(self, docs, y=None) -> np.ndarray:
        return self.transform(docs)

    def to_frame(self, docs: Iterable[str], index=None):
        """The feature matrix as a pandas DataFrame with named columns."""
        import pandas as pd

        return pd.DataFrame(self.transform(docs), columns=list(FEATURE_NAMES), index=index)

    # -- explanation --------------------------------------------------------------

    def matches(self, text: str) -> dict[str, list[str]]:
        """The tokens of ``text`` behind each count feature, in order of appearance.

        Examples
        --------
        >>> SixFeatures(lexicon="textbook").matches("No, it's great and you are nice!")
        {'positive_words': ['great', 'nice'], 'negative_words': [], 'has_no': ['no'], 'pronouns': ['you'], 'has_exclamation': ['!']}
        """
        tables = self._tables()
        tokens = tables["tokenize"](text)
        out: dict[str, list[str]] = {name: [] for name in FEATURE_NAMES[:5]}
        for tok in tokens:
            mask = tables["code_of"](tok) or 0
            for bit, col in BITS:
                if mask & bit:
                    out[FEATURE_NAMES[col]].append(tok)
        for col, found in enumerate(self._phrase_matches(tokens)):
            out[FEATURE_NAMES[col]].extend(found)
        return out

    def contributions(self, text: str, x, w=None) -> dict:
        """Every column listed, and the tokens behind each count (see :meth:`matches`)."""
        return {"columns": list(range(len(FEATURE_NAMES))), "matches": self.matches(text)}

    def log_length_stats(self, model):
        """The model standardises the six columns: ln(length) is its last."""
        return float(model.mean_[5]), float(model.scale_[5])

    def log_lengths(self, docs):
        """ln(token count) of each document."""
        return self.transform(list(docs))[:, 5]

    # -- the model file -------------------------------------------------------------

    def to_dict(self) -> dict:
        return {"kind": "six", "tokenizer": self.tokenizer, "names": list(FEATURE_NAMES)}

    @classmethod
    def from_dict(cls, data: dict, *, lexicon=None, tokenizer: str = "regex", name: str = "<model>"):
        check_six_dict(data, {"kind", "names", "tokenizer"}, name)
        return cls(lexicon=lexicon if lexicon is not None else "default", tokenizer=tokenizer)


def check_six_dict(data: dict, allowed: set, name: str) -> None:
    """Check the six columns' names and that ``data`` holds no key outside ``allowed``."""
    from sentiment.io.checks import fail

    if data.get("names") != list(FEATURE_NAMES):
        fail(name, f"feature names must be {list(FEATURE_NAMES)}")
    if set(data) - allowed:
        fail(name, f"unexpected key(s) in features: {', '.join(sorted(set(data) - allowed))}")
