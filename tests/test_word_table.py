"""The shared chunk and word tables (sentiment.text.chunk_table, sentiment.text.word_table): the same tokens, counts
and n-grams as the per-text paths, on any text, with one chunk look-up per batch."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sentiment.features.fast_ngrams as fast_ngrams
from sentiment.features.six import SixFeatures
from sentiment.pipeline import load_model
from sentiment.text import chunk_table, word_table
from sentiment.text.tokenize import tokenize

PIECES = ["\x00", "\u0301", "\u202e", "😀", "’", "!", "no", "not", "isn't", "don’t", ",", ".", "great", "awful", "you",
          "İ", "ΣΑΣ", "ς", "\u2028", "\x85", "\xa0", "\u3000", "\x1c", "\t", "\n", "a-b", "x'y", "_", "I", "NO"]
weird = st.lists(st.one_of(st.characters(), st.sampled_from(PIECES), st.just(" ")), max_size=40).map("".join)
NGRAMS = load_model("default").featurizer.ngrams
settings.register_profile("word-table", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _by_doc(table, words, doc_of, n):
    out = [[] for _ in range(n)]
    for w, d in zip(words.tolist(), doc_of.tolist()):
        out[d].append(table.words[w])
    return out


@settings(settings.get_profile("word-table"))
@given(st.lists(weird, max_size=8))
def test_a_batchs_words_are_each_texts_tokens(docs):
    found = word_table.batch_words(docs)
    if found is None:  # a text holds the separator chunk itself: the callers tokenize their own way
        assert any("\x00" in d.split() for d in docs)
        return
    assert _by_doc(*found, len(docs)) == [tokenize(d) for d in docs]


@settings(settings.get_profile("word-table"))
@given(st.lists(weird, max_size=8))
def test_six_counts_off_the_word_table_equal_token_by_token(docs):
    six = SixFeatures(lexicon="default")
    tables = six._tables()
    found = six._word_counts(docs, tables["code_or_zero"])
    if found is None:
        assert any("\x00" in d.split() for d in docs)
        return
    counts, n_tokens = found
    for i, d in enumerate(docs):
        c, n = six._row_counts(d)
        assert counts[i].tolist() == list(c) and n_tokens[i] == n


def _counted_over_characters(counter, docs):
    """``counter.counts(docs, 0.25)`` with the word table out of the way: the character-hashing path."""
    original = fast_ngrams._WordTokens.of
    try:
        fast_ngrams._WordTokens.of = classmethod(lambda cls, d: None)
        return counter.counts(docs, 0.25)
    finally:
        fast_ngrams._WordTokens.of = original


def test_real_corpora_count_and_hash_alike_off_the_word_table(data):
    from real_texts import mixed_texts

    docs = mixed_texts(data, tweets=3000, phrases=2000)
    six = SixFeatures(lexicon="default")
    rows = np.array([six._row(d) for d in docs])
    assert np.array_equal(six.transform(docs), rows)  # from 32 texts: off the word table
    counter = fast_ngrams.hashed_ngrams(NGRAMS)
    words = counter.counts(docs, 0.25)
    chars = _counted_over_characters(counter, docs)
    assert all((a != b).nnz == 0 for a, b in zip(words, chars))


@settings(settings.get_profile("word-table"))
@given(st.lists(weird, max_size=8))
def test_ngrams_hashed_over_characters_still_equal_the_string_path(docs):
    # The character path is the fallback (a text holding the separator chunk, texts read in slices): keep it right.
    counter = fast_ngrams.hashed_ngrams(NGRAMS)
    words = counter.counts(docs, 0.25)
    chars = _counted_over_characters(counter, docs)
    for a, b in zip(words, chars):
        assert (a != b).nnz == 0
    assert np.array_equal(words[0].toarray() > 0, NGRAMS._counts(docs).toarray() > 0)  # and the string path


def test_a_text_holding_the_separator_chunk_falls_back_and_agrees():
    docs = ["not good \x00 at all", "a fine film", "\x00", "good"] * 10
    assert word_table.batch_words(docs) is None
    pipe = load_model("default")
    one_by_one = np.vstack([pipe.predict_proba([d]) for d in docs[:4]])
    assert np.allclose(pipe.predict_proba(docs)[:4], one_by_one, atol=1e-12)


def test_the_general_model_looks_a_batchs_chunks_up_once(monkeypatch):
    pipe = load_model("default")
    docs = [f"review {i}: not bad at all, really GOOD :)" for i in range(64)]
    pipe.predict_proba(docs[:40])  # warm: the tables know the chunks
    calls = []
    original = chunk_table.ChunkTable.chunk_ids

    def counted(self, joined):
        calls.append(joined == self._last[0])
        return original(self, joined)

    monkeypatch.setattr(chunk_table.ChunkTable, "chunk_ids", counted)
    pipe.predict_proba(docs)
    assert calls.count(False) == 1 and len(calls) == 3  # six counts, cue blocks, n-grams: one look-up


@pytest.mark.parametrize("limit", ["CHUNK_LIMIT", "CHUNK_CHAR_LIMIT"])
def test_the_tables_start_afresh_together_past_the_chunk_limit(monkeypatch, limit):
    # Past so many chunks, or so many characters of them (one long new word a batch must not grow a
    # process without bound either).
    from sentiment.text import token_table

    pipe = load_model("default")
    docs = [f"text number {i} is fine" for i in range(40)]
    expected = pipe.predict_proba(docs)
    monkeypatch.setattr(chunk_table, limit, 10 if limit == "CHUNK_LIMIT" else 500)
    before = chunk_table.chunk_table()
    fresh = [f"another {i} text, not bad " + "x" * 30 + str(i) for i in range(40)]
    pipe.predict_proba(fresh)  # grows the table past the limit
    assert chunk_table.chunk_table() is not before
    assert word_table.word_table().chunks is chunk_table.chunk_table()
    assert token_table.token_table().chunks is chunk_table.chunk_table()
    assert np.allclose(pipe.predict_proba(docs), expected, atol=1e-12)


def test_short_ngrams_spread_over_the_hash_table():
    # A one-character token's hash is under 257: slots from the key's own top bits put them all in one slot,
    # and nearly every look-up of ",", "a" or "i" into the overflow list.
    vocabulary = sorted({chr(c).lower() for c in range(33, 127)} | {a + b for a in "abcdefghij" for b in "klmnopqrst"})
    counter = fast_ngrams.HashedNgrams(vocabulary, (1, 1))
    assert len(counter._index.overflow_keys) < 0.3 * len(vocabulary)
    X, _ = counter.counts([" ".join(vocabulary)] * 3)
    assert X.sum() == 3 * len(vocabulary)


@pytest.mark.parametrize("greek", ["ΟΔΟΣ ΣΑΣ", "ΑΣ\u00a0Β", "ΑΣ\u2028Β"])
def test_final_sigma_lowers_alike_in_a_chunk_and_in_a_text(greek):
    found = word_table.batch_words([greek, "x"])
    assert _by_doc(*found, 2)[0] == tokenize(greek)


def test_threads_growing_the_tables_at_once_get_their_own_answers():
    # A new chunk's id is the table's length: without the lock two threads could give two chunks one id.
    from concurrent.futures import ThreadPoolExecutor

    pipe = load_model("default")
    batches = [[f"thread{k} says text{i} word{k}x{i} is not bad{i % 7} at all, GOOD{k} :)" for i in range(300)]
               for k in range(8)]
    expected = [pipe.predict_proba(b) for b in batches]
    for _ in range(3):
        chunk_table._table[0] = None  # every thread meets new chunks and words
        with ThreadPoolExecutor(4) as pool:
            got = list(pool.map(pipe.predict_proba, batches))
        assert all(np.allclose(g, e, atol=1e-12) for g, e in zip(got, expected))


def test_two_lexicons_keep_their_own_word_values():
    # Two models in one process (a server, two loaded models) must not evict each other's per-word values.
    docs = [f"a great film {i}, you say? no, awful!" for i in range(40)]
    default, textbook = SixFeatures(lexicon="default"), SixFeatures(lexicon="textbook")
    for _ in range(2):
        for six in (default, textbook):
            assert np.array_equal(six.transform(docs), np.array([six._row(d) for d in docs]))
    table = word_table.word_table()
    assert sum(key == "six counts" for key, _ in table._values) >= 2



def _thue_morse(n):
    bits = [0]
    for _ in range(n):
        bits += [1 - b for b in bits]
    return bits


def test_chunks_a_polynomial_hash_cannot_tell_apart_keep_their_own_ids():
    # Two 2 048-character chunks that collide under a polynomial hash mod 2**64 whatever the base (a
    # Thue–Morse pair, found by an adversarial review): the table must not let one text's chunk change how
    # another text is read.  It looks chunks up by their strings; a version keyed by such hashes gave both
    # one id, and a text's probability depended on what the process had scored before.
    from sentiment.text.span_hash import string_hash

    happy = ":)" * 1024
    mixed = "".join(":(" if b == 0 else ":*" for b in _thue_morse(10))
    assert happy != mixed and string_hash(happy) == string_hash(mixed)
    table = chunk_table.ChunkTable()
    ids = table.chunk_ids(happy + " " + mixed).tolist()
    assert ids == [1, 2] and [table.strings[i] for i in ids] == [happy, mixed]
    pipe = load_model("default")
    texts = ["what a day " + mixed] * 16
    chunk_table.new_chunk_table()
    alone = pipe.predict_proba(texts)
    chunk_table.new_chunk_table()
    pipe.predict_proba(["what a day " + happy] * 16)
    assert np.array_equal(pipe.predict_proba(texts), alone)
