"""The hashed n-gram path (sentiment.features.fast_ngrams) gives the string path's matrix, on any text."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sentiment.features.fast_ngrams import HashedNgrams, hashed_ngrams
from sentiment.features.ngrams import NgramFeatures

WORDS = ["good", "bad", "not", "never", "don't", "isn’t", "n't", "film", "é", "İ", "Σ", "😀", "'", "-", "’", ",", ".",
         "!", "?", ";", ":", "_", "no", "fun", "a-b", "x'y"]
TRAIN = ["not good at all, but fun", "never bad. a good film!", "isn’t it bad? don't go", "é film İ Σ 😀 fun",
         "a-b x'y no good", "n't good ; bad : fun _ film"]
text = st.lists(st.one_of(st.sampled_from(WORDS), st.characters(), st.sampled_from([" ", "\n", "\t", "\x85", "\u2028"])),
                max_size=40).map(lambda parts: "".join(p if i % 3 else p + " " for i, p in enumerate(parts)))
settings.register_profile("fast-ngrams", max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _block(**kw):
    return NgramFeatures(**kw).fit(TRAIN + [" ".join(WORDS)], [0, 1, 0, 1, 0, 1, 1])


BLOCKS = [
    _block(ngram_range=(1, 2), negation=True, nb=True, nb_score=True, nb_score_per_ngram=True, nb_end=0.25),
    _block(ngram_range=(1, 3), negation=False, nb=False, weighting="sublinear"),
    _block(ngram_range=(2, 3), negation=True, nb=True, nb_score=True),
]


@pytest.mark.parametrize("block", BLOCKS, ids=["extended-like", "trigrams-sublinear", "bigrams-up"])
@settings(settings.get_profile("fast-ngrams"))
@given(docs=st.lists(text, max_size=6))
def test_hashed_path_equals_string_path(block, docs):
    assert hashed_ngrams(block) is not None
    fast, slow = block.transform_hashed(docs), block.transform_by_strings(docs)
    assert fast.shape == slow.shape
    assert np.allclose(fast.toarray(), slow.toarray(), atol=1e-12)


def test_batches_from_small_to_large_give_the_same_rows():
    from scipy.sparse import vstack

    from sentiment.features.ngrams import SMALL_BATCH

    block = BLOCKS[0]
    docs = (TRAIN * 10)[: SMALL_BATCH + 3]
    big = block.transform(docs)  # hashed
    small = vstack([block.transform(docs[i : i + 2]) for i in range(0, len(docs), 2)])  # through strings
    assert np.allclose(big.toarray(), small.toarray(), atol=1e-12)


def test_groups_of_documents_give_the_same_matrix(monkeypatch):
    import sentiment.features.fast_ngrams as fast

    block = BLOCKS[0]
    docs = TRAIN * 5 + [""]
    whole = block.transform_hashed(docs).toarray()
    monkeypatch.setattr(fast, "GROUP_CHARS", 30)  # a group of one or two documents each
    assert np.allclose(block.transform_hashed(docs).toarray(), whole, atol=1e-12)
    assert block.transform_hashed([]).shape == (0, whole.shape[1])


def test_hashed_path_counts_negation_scopes_and_endings():
    vocab = ["good", "not", "NOT_good", "not NOT_good", "fun", "NOT_fun"]
    h = HashedNgrams(vocab, (1, 2), negation=True)
    X, X_end = h.counts(["Not good, fun.", "not good not fun", "isn't fun"], ending=0.5)
    assert X.toarray().tolist() == [[0, 1, 1, 1, 1, 0], [0, 1, 1, 1, 0, 1], [0, 0, 0, 0, 0, 1]]
    # The last half of "not good not fun" is "NOT_not NOT_fun": only NOT_fun is in the vocabulary.
    assert X_end[1].toarray().tolist() == [[0, 0, 0, 0, 0, 1]]


def test_vocabulary_hashes_are_distinct_on_the_shipped_model():
    from sentiment.pipeline import load_model

    block = load_model("extended").featurizer.ngrams
    assert hashed_ngrams(block) is not None  # a collision would silently fall back to the slow path


def test_other_tokenizers_keep_the_string_path():
    block = NgramFeatures(tokenizer="whitespace", nb=False).fit(["a b", "c d"], [0, 1])
    assert hashed_ngrams(block) is None
    assert block.transform_hashed(["a b"]).toarray().tolist() == block.transform_by_strings(["a b"]).toarray().tolist()


def test_a_nul_token_does_not_make_a_bigram_look_like_a_word():
    # Found by the property test: with NUL hashed as 0, "\x00 good" folded to the hash of "good".
    block = BLOCKS[1]
    docs = ["\x00 good", "\x00\x00 bad", "good \x00"]
    assert np.array_equal(block.transform_hashed(docs).toarray(), block.transform_by_strings(docs).toarray())


def test_lone_surrogates_and_lowercasing_that_changes_length():
    docs = ["good \ud800 bad", "\udfff not good", "İstanbul ΣΑΣ good", "x\u0130\u0130 good"] * 5  # İ lowers to 2 chars
    for block in BLOCKS:
        assert np.allclose(block.transform_hashed(docs).toarray(), block.transform_by_strings(docs).toarray())


def _weights(block, k, seed=0):
    return np.random.default_rng(seed).normal(size=(len(block.feature_names), k))


@pytest.mark.parametrize("block", BLOCKS, ids=["extended-like", "trigrams-sublinear", "bigrams-up"])
@settings(settings.get_profile("fast-ngrams"))
@given(docs=st.lists(text, max_size=24), k=st.sampled_from([1, 3]))
def test_linear_scores_equal_the_matrix_times_the_weights(block, docs, k):
    # From the triplets (16 texts or more) or through the dense matrix (fewer): X @ W either way, with the
    # NB score columns, the ending's column, sublinear counts and several score columns (multi-class).
    W = _weights(block, k)
    assert np.allclose(block.linear_scores(docs, W), block.transform(docs) @ W, atol=1e-9)


def test_linear_scores_of_long_documents_read_in_slices():
    from test_slices import _small_slices

    docs = ["not good at all, but fun " * 7, "a good film " * 9] + TRAIN * 3
    with _small_slices():
        for block in BLOCKS:
            W = _weights(block, 2)
            assert np.allclose(block.linear_scores(docs, W), block.transform(docs) @ W, atol=1e-9)


def test_distinct_pairs_in_any_order_and_their_counts():
    from sentiment.features.fast_ngrams import _distinct

    rng = np.random.default_rng(3)
    rows, cols = rng.integers(0, 5, 200), rng.integers(0, 7, 200) * 10_007
    # rows falling within a column (the full sort), rising (the radix sort), and columns past 16 bits
    for r, c in [(rows, cols), (np.sort(rows), cols), (np.sort(rows), cols + 70_000)]:
        for weighting in ("binary", "sublinear"):
            got_r, got_c, values = _distinct(r, c, weighting)
            keys, counts = np.unique(r * 1_000_000 + c, return_counts=True)
            order = np.lexsort((got_r, got_c))
            assert sorted((got_r * 1_000_000 + got_c).tolist()) == keys.tolist()
            want = dict(zip(keys.tolist(), (np.ones(len(keys)) if weighting == "binary" else 1 + np.log(counts))))
            assert np.allclose(values[order], [want[k] for k in (got_r * 1_000_000 + got_c)[order].tolist()])
    repeats = np.array([2, 3, 1])
    assert _distinct(np.array([0, 0, 1]), np.array([4, 4, 4]), "sublinear", repeats)[2].tolist() == [1 + np.log(5), 1.0]


def _thue_morse_words():
    bits = [0]
    for _ in range(11):
        bits += [1 - b for b in bits]
    # Two 2 048-letter words a polynomial hash mod 2**64 cannot tell apart, whatever its base.
    return "".join("ab"[b] for b in bits), "".join("ba"[b] for b in bits)


def test_a_token_that_only_shares_a_vocabulary_tokens_hash_is_not_counted_as_it():
    from sentiment.text.span_hash import string_hash

    word, twin = _thue_morse_words()
    assert word != twin and string_hash(word) == string_hash(twin)
    block = NgramFeatures(ngram_range=(1, 2), negation=True, nb=True, nb_score=True).fit(
        [f"a {word} film", "not good", f"{word} fun", "bad mess"] * 3, [1, 0, 1, 0] * 3)
    assert f"{word} film" in block.vocabulary_ and f"NOT_{word}" not in block.vocabulary_
    docs = [f"a {twin} film", f"a {word} film", f"not {twin}"] * 6
    want = block.transform_by_strings(docs).toarray()
    assert np.array_equal(block.transform_hashed(docs).toarray(), want)  # off the word table
    separated = docs + ["the \x00 separator"]  # a text holding the separator chunk: hashed over the characters
    assert np.array_equal(block.transform_hashed(separated).toarray(), block.transform_by_strings(separated).toarray())
    W = _weights(block, 1)
    alone = np.vstack([block.linear_scores([d], W) for d in docs])
    assert np.array_equal(block.linear_scores(docs, W), alone)  # the same bits in a batch as alone
