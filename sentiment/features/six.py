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
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np

from sentiment.lexicons.lexicon import Lexicon, load_lexicon
from sentiment.text.tokenize import get_tokenizer

__all__ = ["SixFeatures", "FEATURE_NAMES", "PRONOUNS"]

FEATURE_NAMES = ("positive_words", "negative_words", "has_no", "pronouns", "has_exclamation", "log_length")

PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves".split()
)

# Each token maps to a bit mask of the count features it feeds; a token can feed
# several (a lexicon that lists "no" counts it as negative *and* sets x3).
_POS, _NEG, _NO, _PRON, _BANG = 1, 2, 4, 8, 16
_BITS = ((_POS, 0), (_NEG, 1), (_NO, 2), (_PRON, 3), (_BANG, 4))
_PIECE = 4_000_000  # characters; longer documents are counted in pieces


def _split_at_space(text: str, size: int = _PIECE, longest_word: int = 1 << 20) -> list[str]:
    """Cut ``text`` into pieces of about ``size`` characters, each cut on a white-space character.

    A stretch of more than ``longest_word`` characters with no white space (a
    30 MB base64 blob) is cut anyway, at ``size``: a token that long is not a
    word, and searching on would make the piece, and the memory its tokenizing
    takes, unbounded (30 MB peaked at 1.2 GB).

    Examples
    --------
    >>> _split_at_space("aaa bbb ccc", size=4)
    ['aaa bbb', ' ccc']
    >>> [len(p) for p in _split_at_space("x" * 20, size=8, longest_word=2)]
    [8, 8, 4]
    """
    out, start = [], 0
    while len(text) - start > size:
        cut = start + size
        limit = min(len(text), cut + longest_word)
        while cut < limit and not text[cut].isspace():
            cut += 1
        if cut == limit and cut < len(text):
            cut = start + size
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


class SixFeatures:
    """Turn documents into the six SLP3 features.

    Parameters
    ----------
    lexicon
        A :class:`~sentiment.lexicons.lexicon.Lexicon` or anything
        :func:`~sentiment.lexicons.lexicon.load_lexicon` accepts (default: the shipped
        ``default`` lexicon).
    tokenizer
        Name of the tokenizer (see :func:`sentiment.text.tokenize.get_tokenizer`).

    Examples
    --------
    >>> f = SixFeatures("textbook")
    >>> from sentiment.worked_example import REVIEW
    >>> x = f.transform([REVIEW])[0]
    >>> x.round(2).tolist()
    [3.0, 2.0, 1.0, 3.0, 0.0, 4.19]
    >>> f.transform(["", "No! You?"]).tolist()
    [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0, 1.0, 1.3862943611198906]]
    """

    feature_names = FEATURE_NAMES
    stateless = True  # nothing is learned from data: cross-validation may featurize once

    def __init__(self, lexicon="default", tokenizer: str = "regex"):
        self.tokenizer = tokenizer
        self._tokenize = get_tokenizer(tokenizer)
        self.lexicon: Lexicon = load_lexicon(lexicon, tokenizer=self._tokenize)
        codes: dict[str, int] = {}
        for word in self.lexicon.positive:
            if " " not in word:
                codes[word] = codes.get(word, 0) | _POS
        for word in self.lexicon.negative:
            if " " not in word:
                codes[word] = codes.get(word, 0) | _NEG
        codes["no"] = codes.get("no", 0) | _NO
        codes["!"] = codes.get("!", 0) | _BANG
        for p in PRONOUNS:
            codes[p] = codes.get(p, 0) | _PRON
        self._code_of = codes.get
        # Entries of several tokens are matched as phrases on the space-joined tokens.
        self._phrases = [self._phrase_re(self.lexicon.positive), self._phrase_re(self.lexicon.negative)]
        self._fast = None
        if tokenizer == "regex":
            from sentiment.features.fast_counts import AsciiCounter

            phrases = [(col, e.split(" ")) for col, side in enumerate((self.lexicon.positive, self.lexicon.negative))
                       for e in side if " " in e]
            self._fast = AsciiCounter(codes, phrases, n_bits=5)

    @staticmethod
    def _phrase_re(entries):
        phrases = sorted((e for e in entries if " " in e), key=len, reverse=True)
        if not phrases:
            return None
        return re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\S)")

    # -- the hot path -----------------------------------------------------------

    def _row_counts(self, text: str):
        """The five counts and the token count of one document, token by token."""
        tokens = self._tokenize(text)
        counts = [0, 0, 0, 0, 0]
        for mask, n in Counter(filter(None, map(self._code_of, tokens))).items():
            for bit, col in _BITS:
                if mask & bit:
                    counts[col] += n
        if self._phrases[0] or self._phrases[1]:
            joined = " ".join(tokens)
            for col, rx in enumerate(self._phrases):
                if rx is not None:
                    counts[col] += len(rx.findall(joined))
        return counts, len(tokens)

    def _row(self, text: str) -> list[float]:
        counts, n = self._row_counts(text)
        return [float(counts[0]), float(counts[1]), 1.0 if counts[2] else 0.0, float(counts[3]),
                1.0 if counts[4] else 0.0, math.log(max(n, 1))]

    def _counts(self, docs: list[str]):
        """``(counts, n_tokens)`` for a batch: the vectorised path for ASCII text, else token by token."""
        counts = np.zeros((len(docs), 5), dtype=np.int64)
        n_tokens = np.zeros(len(docs), dtype=np.int64)
        if self._fast is None:
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
            counts[rows], n_tokens[rows] = self._fast.counts([docs[i] for i in rows])
            start = stop
        return counts, n_tokens

    def transform(self, docs: Iterable[str]) -> np.ndarray:
        """Featurize a batch of documents into an ``(n_docs, 6)`` float matrix."""
        if isinstance(docs, str):
            raise TypeError("transform expects a list of documents, not one string; wrap it: [text]")
        docs = docs if isinstance(docs, list) else list(docs)
        # A very long document (a 100 MB line) is counted in pieces cut at white space,
        # where no token can straddle the cut, so memory stays bounded; the counts add up.
        pieces, owner = [], []
        for i, d in enumerate(docs):
            if len(d) > _PIECE:
                parts = _split_at_space(d)
                pieces.extend(parts)
                owner.extend([i] * len(parts))
            else:
                pieces.append(d)
                owner.append(i)
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

    def fit(self, docs=None, y=None):
        """The six features learn nothing from data; present for a uniform API."""
        return self

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
        >>> SixFeatures("textbook").matches("No, it's great and you are nice!")
        {'positive_words': ['great', 'nice'], 'negative_words': [], 'has_no': ['no'], 'pronouns': ['you'], 'has_exclamation': ['!']}
        """
        tokens = self._tokenize(text)
        out: dict[str, list[str]] = {name: [] for name in FEATURE_NAMES[:5]}
        for tok in tokens:
            mask = self._code_of(tok) or 0
            for bit, col in _BITS:
                if mask & bit:
                    out[FEATURE_NAMES[col]].append(tok)
        if self._phrases[0] or self._phrases[1]:
            joined = " ".join(tokens)
            for col, rx in enumerate(self._phrases):
                if rx is not None:
                    out[FEATURE_NAMES[col]].extend(rx.findall(joined))
        return out

    def to_dict(self) -> dict:
        return {"kind": "six", "tokenizer": self.tokenizer}

    def __repr__(self) -> str:
        return f"SixFeatures(lexicon={self.lexicon!r}, tokenizer={self.tokenizer!r})"
