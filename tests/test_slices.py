"""Long documents are read in slices (sentiment.text.slices), and every path reads them alike.

The slice size is lowered here (``_small_slices``) so that short hypothesis texts are "long".
"""

from contextlib import contextmanager

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sentiment.text.slices as slicing
from sentiment.features.cues import CueFeatures
from sentiment.features.six import SixFeatures
from sentiment.text.fast_cues import cue_rows, opinion_flags
from sentiment.text.slices import slices
from sentiment.text.tokenize import tokenize

from test_fast_ngrams import BLOCKS, WORDS

settings.register_profile("slices", max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = st.one_of(st.sampled_from(WORDS + ["great", "awful", "but", "very", "GOOD", "sooo", ":)", "!!"]),
                   st.characters(), st.sampled_from([" ", "\n", "\t", "\x85", "\u2028"]))
long_text = st.lists(PIECES, min_size=10, max_size=60).map(lambda parts: "".join(
    p if i % 4 else p + " " for i, p in enumerate(parts)))


@contextmanager
def _small_slices(size=12, longest_run=5):
    saved = slicing.SLICE_CHARS, slicing.LONGEST_RUN
    slicing.SLICE_CHARS, slicing.LONGEST_RUN = size, longest_run
    try:
        yield
    finally:
        slicing.SLICE_CHARS, slicing.LONGEST_RUN = saved


@given(st.text(max_size=200), st.integers(1, 30), st.integers(1, 30))
def test_slices_join_to_the_text_and_are_bounded(text, size, longest_run):
    parts = list(slices(text, size, longest_run))
    assert "".join(parts) == text
    assert all(len(p) <= size + longest_run for p in parts)
    assert all(p for p in parts) or parts == [""]
    for p in parts[1:]:  # a cut is on white space, or inside a run of more than longest_run without any
        assert p[0].isspace() or not any(c.isspace() for c in p[: longest_run + 1])


def test_a_run_without_white_space_is_cut_and_a_short_text_is_one_slice():
    assert [len(p) for p in slices("!?" * 1_000_000)] == [slicing.SLICE_CHARS] * 7 + [2_000_000 - 7 * slicing.SLICE_CHARS]
    text = "a fine film " * 20_000  # 240 000 characters: one slice, read whole as before
    assert list(slices(text)) == [text]


@settings(settings.get_profile("slices"))
@given(docs=st.lists(long_text, min_size=1, max_size=4))
def test_hashed_ngrams_equal_the_string_path_on_long_documents(docs):
    with _small_slices():
        for block in BLOCKS:
            fast, slow = block.transform_hashed(docs), block.transform_by_strings(docs)
            assert np.allclose(fast.toarray(), slow.toarray(), atol=1e-12)
            assert np.allclose(block.transform_dense(docs), slow.toarray(), atol=1e-12)


@settings(settings.get_profile("slices"))
@given(docs=st.lists(long_text, min_size=1, max_size=4))
@example(docs=["good goodgoodgoodgood goodgoodgoodgood good", "é 0000 0😀00 not"])  # a "long" text of one slice
def test_fast_cues_equal_the_reference_on_long_documents(docs):
    with _small_slices():
        cues = CueFeatures()
        assert (cues.transform(docs) == cues.reference_transform(docs)).all()
        flags = opinion_flags(docs)  # from cue_rows' record of the texts it just read
        cue_rows(["x"])
        assert opinion_flags(docs) == flags  # read again, slice by slice


@settings(settings.get_profile("slices"))
@given(docs=st.lists(long_text, min_size=1, max_size=4))
def test_six_counts_of_a_long_document_are_its_slices_counts(docs):
    six = SixFeatures(lexicon="textbook")
    with _small_slices():
        X = six.transform(docs)
        for x, doc in zip(X, docs):
            parts = list(slices(doc))
            assert x[5] == np.log(max(sum(len(tokenize(p)) for p in parts), 1))
            assert x[0] == sum(six.transform([p])[0, 0] for p in parts)


def test_n_gram_ending_of_a_long_document_is_its_last_tokens():
    from sentiment.features.ngrams import NgramFeatures

    block = NgramFeatures(ngram_range=(1, 1), nb=True, nb_score=True, nb_end=0.25).fit(
        ["good fun", "bad mess", "good film", "bad film"] * 3, [1, 0, 1, 0] * 3)
    doc = "bad " * 30 + "good " * 10  # the last quarter of its 40 tokens is "good"
    with _small_slices(size=16, longest_run=4):
        assert len(list(slices(doc))) > 5
        grams, endings = block._grams_and_endings([doc])
        assert sorted(set(endings[0])) == ["good"] and len(list(endings[0])) == 10
        assert np.allclose(block.transform_hashed([doc] * 2).toarray(), block.transform_by_strings([doc] * 2).toarray())


def test_the_quick_path_never_sees_a_long_text():
    from sentiment.quick.model import MAX_CHARS

    assert MAX_CHARS <= slicing.SLICE_CHARS  # it reads a text whole, so it must only take texts of one slice


def test_a_run_of_exactly_longest_run_after_a_cut_point_is_not_cut():
    # Found by the property test above: the white space ending a run of exactly longest_run characters
    # after a cut point fell just outside the search, so the run was cut ("0000\r" made a slice of its own).
    assert list(slices("0" * 14 + "\r", 5, 4)) == ["00000", "0" * 9, "\r"]
