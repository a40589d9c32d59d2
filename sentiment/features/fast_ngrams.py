"""The n-gram block for a batch, computed over the batch's characters with numpy.

:meth:`NgramFeatures._counts <sentiment.features.ngrams.NgramFeatures>` builds a
Python string per token and per n-gram and looks each up in a dict; on sentences
that is most of the time ``classify`` spends.  :class:`HashedNgrams` finds the
same counts without a Python object per token:

1. the batch is joined by spaces, lower-cased, and read as one array of code
   points (bytes when the batch is ASCII, UTF-32 otherwise: the same values);
2. characters are classed as in :mod:`sentiment.features.fast_counts`
   (letter/digit, joiner, space, other; non-ASCII characters are classed once per
   distinct character with the regex tokenizer's own pattern), which gives every
   token's start and end, exactly the regex tokenizer's tokens;
3. each token gets a 64-bit polynomial hash of its code points (each plus one, so
   that NUL counts) from prefix sums;
   a token in a negation scope (:func:`~sentiment.text.negation.mark_negation`'s
   rule, computed with a running maximum over the batch) has its hash shifted, as
   the ``NOT_`` prefix changes the token;
4. an n-gram's hash folds its tokens' hashes (``g = g·P + h + 1``: the + 1 keeps a
   token of hash 0 from making a bigram collide with its second word); a probe of a hash table of the
   vocabulary's hashes gives each n-gram's column;
5. the (document, column) hits become the CSR matrix (:meth:`HashedNgrams.counts`), or, for scores
   that need no matrix, distinct ``(row, column, value)`` triplets with numpy alone
   (:meth:`HashedNgrams.distinct_counts`: no scipy import).

The vocabulary's entries are hashed the same way from their strings, so no new
state goes into the model file.  Two vocabulary entries with the same hash (never
seen; 2⁻⁶⁴ odds a pair) make :func:`hashed_ngrams` return None and the caller
keep the string path; tests check both paths give the same matrix on arbitrary
Unicode.

Examples
--------
>>> h = HashedNgrams(["good", "not", "NOT_good", "not NOT_good"], (1, 2), negation=True)
>>> h.counts(["Not good.", "good, not"])[0].toarray()
array([[0., 1., 1., 1.],
       [1., 1., 0., 0.]])
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from sentiment.features.fast_counts import _CLASS
from sentiment.text.chunk_table import batch_groups
from sentiment.text.hash_index import HashIndex
from sentiment.text.negation import _CLAUSE_END as _CLAUSE_END_TOKENS
from sentiment.text.negation import NEGATION_WORDS, _negates
from sentiment.text.slices import any_long, is_long, slices
from sentiment.text.span_hash import code_points, span_hashes, string_hash, string_hashes
from sentiment.text.tokenize import WORD_PATTERN, tokenize
from sentiment.text.word_table import batch_words

__all__ = ["HashedNgrams", "hashed_ngrams", "GROUP_CHARS"]

#: Documents are hashed in groups of about this many characters (arrays of ~60 bytes a character).
GROUP_CHARS = 1 << 20

_P = 0x9E3779B97F4A7C15  # the per-token base when folding an n-gram
_NEG = 0xD6E8FEB86659FD93  # added to the hash of a token in a negation scope (its NOT_ prefix)
_OTHER = np.uint64(0x8D5C4B3A29180F77)  # the hash every token outside the vocabulary's tokens is given
_WORD_CHAR = re.compile(r"[^\W_]")
_SPACE = re.compile(r"\s")
_CLAUSE_END = np.array(sorted(map(ord, ".,:;!?")), dtype=np.int64)
_APOSTROPHES = (ord("'"), ord("’"))
_is_clause_end = _CLAUSE_END_TOKENS.__contains__  # one object: the word table keeps values per function
assert WORD_PATTERN == r"[^\W_]+(?:['’\-][^\W_]+)*|[^\w\s]|_", "fast_ngrams mirrors this pattern"


@lru_cache(maxsize=1 << 16)
def _unicode_class(cp: int) -> int:
    ch = chr(cp)
    if _WORD_CHAR.match(ch):
        return 1
    if ch in "'’-":
        return 2
    return 3 if _SPACE.match(ch) else 0


class _Tokens:
    """The tokens of a batch: hashes, character spans, document of each, first token of each document."""

    def __init__(self, docs: list[str]):
        n_docs = len(docs)
        joined = " " + " ".join(docs).lower() + " "
        padded = code_points(joined)
        if padded.dtype == np.uint8:
            cls_padded = _CLASS[padded]
        else:
            cls_padded = np.empty(len(padded), dtype=np.uint8)
            low = padded < 128
            cls_padded[low] = _CLASS[padded[low]]
            high = ~low
            distinct, where = np.unique(padded[high], return_inverse=True)
            cls_padded[high] = np.array([_unicode_class(int(c)) for c in distinct], dtype=np.uint8)[where]
        # The lower-cased documents' lengths: lower() may change a text's length (İ → i̇).
        lengths = np.fromiter((len(d.lower()) for d in docs), dtype=np.int64, count=n_docs) if not joined.isascii() \
            else np.fromiter(map(len, docs), dtype=np.int64, count=n_docs)
        data = padded[1:-1]
        n = len(data)
        doc_start = np.zeros(n_docs, dtype=np.int64)
        if n_docs:
            np.cumsum(lengths[:-1] + 1, out=doc_start[1:])

        alnum = cls_padded == 1
        in_word = np.zeros(n + 2, dtype=bool)
        in_word[1:-1] = alnum[1:-1] | ((cls_padded[1:-1] == 2) & alnum[:-2] & alnum[2:])
        word, prev_word, next_word = in_word[1:-1], in_word[:-2], in_word[2:]
        punct = ~word & (cls_padded[1:-1] != 3)
        starts = np.flatnonzero((word & ~prev_word) | punct)
        ends = np.flatnonzero((word & ~next_word) | punct) + 1

        self.hashes = span_hashes(data, starts, ends)
        self.text = joined[1:-1]  # the lower-cased documents, as ``data`` holds them
        self.data, self.starts, self.ends = data, starts, ends
        self.doc_of = np.searchsorted(doc_start, starts, side="right") - 1
        self.n_tokens = np.bincount(self.doc_of, minlength=n_docs)
        self.first = np.zeros(n_docs, dtype=np.int64)
        if n_docs:
            np.cumsum(self.n_tokens[:-1], out=self.first[1:])
        self.n_docs = n_docs

    def negation_marked(self, negators: np.ndarray) -> np.ndarray:
        """Tokens in a negation scope: after a negator, before the next clause end, within the document."""
        data, starts, ends = self.data, self.starts, self.ends
        single = ends - starts == 1
        first_char = data[starts].astype(np.int64)
        clause_end = single & np.isin(first_char, _CLAUSE_END)
        negator = np.isin(self.hashes, negators)
        maybe = np.flatnonzero(negator)  # by hash; then by string (a crafted token can share a negator's hash)
        negator[maybe] = [self.text[a:b] in NEGATION_WORDS for a, b in zip(self.starts[maybe].tolist(),
                                                                            self.ends[maybe].tolist())]
        long = ends - starts >= 3
        e = ends[long]
        tail = (data[e - 1] == ord("t")) & np.isin(data[e - 2], _APOSTROPHES) & (data[e - 3] == ord("n"))
        negator[np.flatnonzero(long)[tail]] = True
        return _negation_scope(negator, clause_end, self.first[self.doc_of])


class _WordTokens:
    """:class:`_Tokens` read off the process's word table (:mod:`sentiment.text.word_table`), not the characters.

    The same tokens; their hashes (:meth:`HashedNgrams._token_hashes_of`) come once per distinct word, from
    its string, checked against the vocabulary's tokens.
    """

    def __init__(self, table, words: np.ndarray, doc_of: np.ndarray, n_docs: int):
        self.table = table
        self.words = words
        self.doc_of = doc_of
        self.n_tokens = np.bincount(doc_of, minlength=n_docs)
        self.first = np.zeros(n_docs, dtype=np.int64)
        if n_docs:
            np.cumsum(self.n_tokens[:-1], out=self.first[1:])
        self.n_docs = n_docs

    @classmethod
    def of(cls, docs):
        """The tokens of ``docs``, or None where the word table cannot tell them apart (see ``batch_words``)."""
        found = batch_words(docs)
        return None if found is None else cls(*found, len(docs))

    def negation_marked(self, negators=None) -> np.ndarray:
        """:meth:`_Tokens.negation_marked` (``negators`` unused: whether a word negates is asked of the word itself)."""
        table = self.table
        negator = table.values("negates", _negates, bool)[self.words]
        clause_end = table.values("clause end", _is_clause_end, bool)[self.words]
        return _negation_scope(negator, clause_end, self.first[self.doc_of])


def _negation_scope(negator, clause_end, doc_first):
    """Tokens after a negator and before the next clause end, within their document (``doc_first``: its first token).

    :func:`~sentiment.text.negation.mark_negation`'s rule over a whole batch: each token's last event (a
    negator or a clause end) before it, by a running maximum.
    """
    negator = negator & ~clause_end
    events = np.where(negator | clause_end, np.arange(len(negator)), -1)
    last = np.maximum.accumulate(events) if len(events) else events
    before = np.empty_like(last)
    before[:1] = -1
    before[1:] = last[:-1]
    inside = before >= doc_first
    inside[inside] = negator[before[inside]]
    return inside & ~clause_end


def _vocabulary_tokens(vocabulary, negation: bool) -> list[str]:
    """The distinct tokens of the vocabulary's entries (``NOT_`` marks off when ``negation``), in one C pass each.

    A set comprehension over 14 000 entries took 0.05 s of every process's start; this takes a few ms.

    >>> sorted(_vocabulary_tokens(["a NOT_good", "NOT_a", "good film"], True))
    ['a', 'film', 'good']
    """
    tokens = set(" ".join(vocabulary).split(" ")) if vocabulary else set()
    if negation:
        marked = [t for t in tokens if t.startswith("NOT_")]
        tokens.difference_update(marked)
        tokens.update(t[4:] for t in marked)
    return list(tokens)


class HashedNgrams:
    """Count a fixed vocabulary's n-grams in batches of documents (see the module docstring).

    Parameters
    ----------
    vocabulary
        The n-grams in column order: tokens joined by single spaces, ``NOT_`` before negated tokens.
    ngram_range
        ``(min_n, max_n)``.
    negation
        Whether the vocabulary's tokens carry :func:`~sentiment.text.negation.mark_negation`'s marks.
    """

    def __init__(self, vocabulary, ngram_range, negation=False):
        self.ngram_range = tuple(ngram_range)
        self.negation = bool(negation)
        vocabulary = list(vocabulary)
        hashes = self._entry_hashes(vocabulary)
        order = np.argsort(hashes, kind="stable")
        self._keys = hashes[order]
        self._columns = order.astype(np.int64)
        self.n_columns = len(hashes)
        self._index = HashIndex(self._keys, self._columns)  # column of each n-gram hash
        self.unique = bool(len(self._keys) < 2 or np.all(self._keys[1:] != self._keys[:-1]))
        self._negators = np.array(sorted(string_hash(w) for w in NEGATION_WORDS), dtype=np.uint64)
        # The vocabulary's tokens (NOT_ marks off) by hash: a batch token keeps its hash only if it is one of
        # them, by its string; any other token becomes _OTHER.  Hashes mod 2**64 can be made to collide (an
        # 8 192-letter word with the hash of "worst" took a reviewer 13 s to build), and a token that only
        # shares a vocabulary token's hash must not count as it, nor fold into an n-gram that does.
        tokens = _vocabulary_tokens(vocabulary, negation)
        self._token_of_hash = dict(zip(string_hashes(tokens).tolist(), tokens))
        self._token_hashes = np.array(sorted(self._token_of_hash), dtype=np.uint64)
        self.unique = self.unique and len(self._token_of_hash) == len(tokens) and int(_OTHER) not in self._token_of_hash
        self._word_hashes = self._checked_word_hashes  # one object: the word table keeps values per function

    def _checked_word_hashes(self, words) -> np.ndarray:
        """Each word's hash if it is a vocabulary token (by its string), else :data:`_OTHER`."""
        hashes = string_hashes(words)
        token = self._token_of_hash.get
        ok = np.fromiter((token(h) == w for h, w in zip(hashes.tolist(), words)), dtype=bool, count=len(words))
        return np.where(ok, hashes, _OTHER)

    def _token_hashes_of(self, tok) -> np.ndarray:
        """The group's token hashes, each checked against the vocabulary's tokens by its string (else _OTHER)."""
        if isinstance(tok, _WordTokens):
            return tok.table.values("ngram token", self._word_hashes, np.uint64, many=True)[tok.words]
        h = tok.hashes
        known = np.flatnonzero(np.isin(h, self._token_hashes))
        out = np.full(len(h), _OTHER, dtype=np.uint64)
        token = self._token_of_hash.get
        same = [token(k) == tok.text[a:b] for k, a, b in zip(h[known].tolist(), tok.starts[known].tolist(),
                                                                tok.ends[known].tolist())]
        kept = known[np.array(same, dtype=bool)]
        out[kept] = h[kept]
        return out

    def _entry_hashes(self, entries: list[str]) -> np.ndarray:
        """Each vocabulary entry's n-gram hash, computed for all entries at once.

        Entries are tokens joined by single spaces, so here a token is a run of non-space
        characters; a leading ``NOT_`` (when ``negation``) is left out of the hash and
        shifts it instead, as for a negated token in a document.
        """
        if not entries:
            return np.zeros(0, dtype=np.uint64)
        codes = code_points("\n".join(entries))
        space = (codes == ord(" ")) | (codes == ord("\n"))
        edge = np.flatnonzero(space)
        starts = np.concatenate([[0], edge + 1])
        ends = np.concatenate([edge, [len(codes)]])
        negated = np.zeros(len(starts), dtype=bool)
        if self.negation:
            prefix = np.frombuffer("NOT_".encode("utf-32-le"), dtype=np.uint32)
            long = np.flatnonzero(ends - starts >= 4)
            ok = np.ones(len(long), dtype=bool)
            for k, c in enumerate(prefix):
                ok &= codes[starts[long] + k] == c
            negated[long[ok]] = True
            starts = np.where(negated, starts + 4, starts)
        tok = span_hashes(codes, starts, ends)
        with np.errstate(over="ignore"):
            tok = np.where(negated, tok + np.uint64(_NEG), tok)
            # Token k of its entry: entries end at newlines, so count the newlines before each token.
            entry_of = np.concatenate([[0], np.cumsum(codes[edge] == ord("\n"))])
            first = np.searchsorted(entry_of, np.arange(len(entries)))
            index = np.arange(len(tok)) - first[entry_of]
            out = np.zeros(len(entries), dtype=np.uint64)
            for k in range(int(index.max()) + 1):
                at = index == k
                out[entry_of[at]] = out[entry_of[at]] * np.uint64(_P) + tok[at] + np.uint64(1)
        return out

    def counts(self, docs, ending: float = 0.0, weighting: str = "binary"):
        """``(X, X_end)``: CSR counts of the documents' n-grams, and of their last ``ending`` share of tokens.

        ``X_end`` is None when ``ending`` is 0.  Documents are hashed in groups of about
        :data:`GROUP_CHARS` characters, so memory stays bounded whatever the batch size.
        """
        docs = list(docs)
        rows, cols, in_end, repeats = _joined(list(self._hits(docs, ending)), ending)
        X = self._csr(rows, cols, len(docs), weighting, repeats)
        X_end = None
        if ending:
            X_end = self._csr(rows[in_end], cols[in_end], len(docs), weighting, None if repeats is None else repeats[in_end])
        return X, X_end

    def distinct_counts(self, docs, ending: float = 0.0, weighting: str = "binary"):
        """:meth:`counts` as ``(rows, columns, values)`` triplets, one per nonzero, with numpy alone.

        For scores that need no matrix (:meth:`NgramFeatures.linear_scores
        <sentiment.features.ngrams.NgramFeatures.linear_scores>`): scipy is not imported, which is most
        of what a file of a few hundred lines costs.  The second item is the ending's triplets, or None.

        Examples
        --------
        >>> h = HashedNgrams(["good", "not", "NOT_good", "not NOT_good"], (1, 2), negation=True)
        >>> rows, cols, values = h.distinct_counts(["Not good.", "good, not"])[0]   # the module's example, by column
        >>> rows.tolist(), cols.tolist(), values.tolist()
        ([1, 0, 1, 0, 0], [0, 1, 1, 2, 3], [1.0, 1.0, 1.0, 1.0, 1.0])
        """
        docs = list(docs)
        groups = list(self._hits(docs, ending))
        if any(repeats is not None for *_, repeats in groups):
            # Long documents' slices: one document's hits may span groups, so they are made distinct together.
            groups = [_joined(groups, ending)]
        parts = [(_distinct(r, c, weighting, n), None if not ending else _distinct(r[e], c[e], weighting,
                                                                                   None if n is None else n[e]))
                 for r, c, e, n in groups]  # group by group: small arrays sort faster
        whole = tuple(np.concatenate(arrays) for arrays in zip(*[w for w, _ in parts])) if parts else _NO_HITS
        if not ending:
            return whole, None
        return whole, tuple(np.concatenate(arrays) for arrays in zip(*[e for _, e in parts])) if parts else _NO_HITS

    def _hits(self, docs, ending):
        """Every vocabulary n-gram found, group by group: ``(rows, columns, in the ending, repeats)`` each.

        A pair (row, column) may come more than once; ``repeats`` (None: once each) is how many times
        each was found when long documents' slices were summed.  Within a column, rows never decrease.
        ``in the ending`` is None when ``ending`` is 0.
        """
        owner = from_token = None
        if any_long(docs):
            docs, owner, from_token = _sliced(docs, ending)
        for start, stop, tok in self._groups(docs, owner is None):
            r, c, e = self._group_hits(docs[start:stop], ending,
                                       None if from_token is None else from_token[start:stop], tok)
            r = r + start
            n = None
            if owner is not None:  # a long document's slices add up into its row; its hits are summed group by group
                r, c, e, n = self._summed(owner[r], c, e)
            yield r, c, e, n

    def _summed(self, rows, cols, in_end):
        """The distinct ``(row, column, in the ending)`` hits, and how many times each was found."""
        flag = np.zeros(len(rows), dtype=np.int64) if in_end is None else in_end.astype(np.int64)
        keys, n = np.unique((rows * self.n_columns + cols) * 2 + flag, return_counts=True)
        pair = keys // 2
        return pair // self.n_columns, pair % self.n_columns, (keys % 2).astype(bool) if in_end is not None else None, n

    @staticmethod
    def _groups(docs, by_words):
        """``(start, stop, tokens or None)`` of the groups the batch is counted in.

        ``by_words``: the groups of every batch block, tokens read off the word table; a group it
        cannot read, and a batch with documents read in slices, is hashed over its characters in
        groups of about :data:`GROUP_CHARS` (tokens None: the caller finds them).
        """
        for start, stop in batch_groups(docs) if by_words else [(0, len(docs))]:
            tok = _WordTokens.of(docs[start:stop]) if by_words else None
            if tok is not None:
                yield start, stop, tok
                continue
            first = start
            while first < stop:
                end, size = first, 0
                while end < stop and (end == first or size + len(docs[end]) <= GROUP_CHARS):
                    size += len(docs[end]) + 1
                    end += 1
                yield first, end, None
                first = end

    def _group_hits(self, docs, ending, from_token=None, tok=None):
        """For one group of documents: each vocabulary n-gram found (document, column), and whether in the ending.

        ``from_token``, when given, is the first token of each document's ending (-1: its ``ending`` share);
        ``tok``, the group's tokens when known (else hashed over the characters here).
        """
        tok = _Tokens(docs) if tok is None else tok
        h = self._token_hashes_of(tok)
        if self.negation and len(h):
            with np.errstate(over="ignore"):
                h = np.where(tok.negation_marked(self._negators), h + np.uint64(_NEG), h)
        grams, positions = [], []
        lo, hi = self.ngram_range
        with np.errstate(over="ignore"):
            folded = np.zeros(len(h), dtype=np.uint64)
            for n in range(1, hi + 1):
                m = len(h) - n + 1
                if m <= 0:
                    break
                folded = folded[:m] * np.uint64(_P) + h[n - 1 : n - 1 + m] + np.uint64(1)
                if n >= lo:
                    at = np.flatnonzero(tok.doc_of[:m] == tok.doc_of[n - 1 : n - 1 + m])
                    grams.append(folded[at])
                    positions.append(at)
        g = np.concatenate(grams) if grams else np.zeros(0, dtype=np.uint64)
        at = np.concatenate(positions) if positions else np.zeros(0, dtype=np.int64)
        found = self._lookup(g)
        hit = found >= 0
        cols, at = found[hit], at[hit]
        docs_of = tok.doc_of[at]
        in_end = None
        if ending:
            cut = (tok.n_tokens * (1.0 - ending)).astype(np.int64)
            if from_token is not None:
                cut = np.where(from_token >= 0, from_token, cut)
            cut = cut + tok.first
            in_end = at >= cut[docs_of]
        return docs_of, cols, in_end

    def _lookup(self, g: np.ndarray) -> np.ndarray:
        """The column of each hash in ``g``, or -1."""
        return self._index.find(g)

    def _csr(self, rows, cols, n_rows, weighting, repeats=None):
        from scipy.sparse import coo_matrix

        # Built as the transpose and turned back: two counting sorts, so each row's columns come out sorted
        # with the repeats of an n-gram in a document side by side, summed in linear time.  (COO → CSR
        # straight sorts every row's columns by comparison: on reviews, 1 000 hits a row, four times the time.)
        # Within a column the hits' rows already ascend, as ``_group_hits`` finds them in document order
        # n by n; were they not, scipy would sort them, so the matrix is right either way.
        data = np.ones(len(rows)) if repeats is None else repeats.astype(float)
        X = coo_matrix((data, (cols, rows)), shape=(self.n_columns, n_rows)).tocsr().T.tocsr()
        X.sum_duplicates()
        X.data = np.ones(len(X.data)) if weighting == "binary" else 1.0 + np.log(X.data)
        return X


_NO_HITS = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))


def _joined(groups, ending):
    """The groups' hits as one ``(rows, columns, in the ending, repeats)``."""
    if not groups:
        return _NO_HITS[0], _NO_HITS[1], np.zeros(0, dtype=bool) if ending else None, None
    rows, cols, in_end, repeats = zip(*groups)
    return (np.concatenate(rows), np.concatenate(cols), np.concatenate(in_end) if ending else None,
            np.concatenate(repeats) if repeats[0] is not None else None)


def _distinct(rows, cols, weighting, repeats=None):
    """The distinct ``(row, column)`` pairs among a batch's hits, with their values: 1, or 1 + ln(count).

    What :meth:`HashedNgrams._csr` computes, in numpy alone.  The hits are put in column order by a
    stable sort (a radix sort while columns fit in 16 bits): within a column the rows never decrease
    (:meth:`HashedNgrams._hits`), so a pair's repeats come side by side.  Were they not, a full sort
    by column then row keeps the answer right.

    Examples
    --------
    >>> rows, cols = np.array([0, 0, 1, 0, 1]), np.array([2, 5, 2, 2, 2])
    >>> [a.tolist() for a in _distinct(rows, cols, "log")]
    [[0, 1, 0], [2, 2, 5], [1.6931471805599454, 1.6931471805599454, 1.0]]
    """
    if not len(rows):
        return rows, cols, np.zeros(0)
    order = np.argsort(cols.astype(np.uint16) if cols.max() < 1 << 16 else cols, kind="stable")
    r, c = rows[order], cols[order]
    if ((c[1:] == c[:-1]) & (r[1:] < r[:-1])).any():
        order = np.lexsort((rows, cols))
        r, c = rows[order], cols[order]
    new = np.empty(len(r), dtype=bool)
    new[0] = True
    np.not_equal(r[1:], r[:-1], out=new[1:])
    new[1:] |= c[1:] != c[:-1]
    first = np.flatnonzero(new)
    if weighting == "binary":
        values = np.ones(len(first))
    else:
        n = np.diff(first, append=len(r)) if repeats is None else np.add.reduceat(repeats[order], first)
        values = 1.0 + np.log(n)
    return r[first], c[first], values


def _sliced(docs, ending):
    """The batch with each long document replaced by its slices: ``(slices, owner, from_token)``.

    ``owner[k]`` is slice k's document; ``from_token[k]`` the first token of slice k in the
    document's ending (the last ``ending`` share of all its slices' tokens), or -1 for a document
    read whole.  The string path (``NgramFeatures._grams_and_endings``) cuts the ending alike.
    """
    out, owner, from_token = [], [], []
    for i, d in enumerate(docs):
        if not is_long(d):
            out.append(d)
            owner.append(i)
            from_token.append(-1)
            continue
        parts = list(slices(d))
        counts = [len(tokenize(p)) for p in parts] if ending else [0] * len(parts)
        cut, seen = int(sum(counts) * (1.0 - ending)), 0
        for part, n in zip(parts, counts):
            out.append(part)
            owner.append(i)
            from_token.append(min(max(cut - seen, 0), n))
            seen += n
    return out, np.asarray(owner, dtype=np.int64), np.asarray(from_token, dtype=np.int64)


def hashed_ngrams(block) -> HashedNgrams | None:
    """The hashed counter for a fitted :class:`~sentiment.features.ngrams.NgramFeatures`, or None.

    None when the block does not use the regex tokenizer, or when its vocabulary's hashes
    are not all distinct; built once per vocabulary and kept on the block.
    """
    if block.tokenizer != "regex":
        return None
    cached = block.__dict__.get("_hashed")
    if cached is not None and cached[0] is block.vocabulary_:
        return cached[1]
    counter = HashedNgrams(block.vocabulary_list, block.ngram_range, block.negation)
    counter = counter if counter.unique else None
    block.__dict__["_hashed"] = (block.vocabulary_, counter)
    return counter
