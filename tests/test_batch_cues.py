"""The batch cue pass (sentiment/text/batch_cues.py) equals the per-text pass and the reference, bit for bit.

Equal means the same float64 bits (sign of zero included) as ``cue_rows`` and as
``CueFeatures().reference_transform`` (analyse + each block's values), and the same opinion flags
as reading analyse's cues, on hand-picked edge cases, the capability suite, real corpora and
arbitrary Unicode, whatever the batch's order and size; and ``classify`` writes the same bytes
whichever pass computed the cues, with ``--jobs 1`` or ``--jobs 2``.
"""

import csv
import re
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sentiment.features import cues as cue_blocks
from sentiment.features.cues import CueFeatures
from sentiment.text import chunk_table, token_table
from sentiment.text.batch_cues import batch_cue_rows
from sentiment.text.fast_cues import cue_rows, opinion_flags
from real_texts import lines as _lines, mixed_texts
from test_fast_cues import EDGE_CASES, reference_opinion, sentences, weird

ALL = CueFeatures()


def assert_same(texts):
    texts = list(texts)
    batch = batch_cue_rows(texts)
    batch_opinions = opinion_flags(texts)  # answered from what the batch pass kept
    per_text = cue_rows(texts)
    reference = ALL.reference_transform(texts)
    assert batch.shape == reference.shape == (len(texts), 19)
    for other, name in ((per_text, "cue_rows"), (reference, "the reference")):
        if batch.tobytes() != other.tobytes():
            bad = np.flatnonzero((batch != other).any(axis=1) | (np.signbit(batch) != np.signbit(other)).any(axis=1))
            i = int(bad[0])
            raise AssertionError(f"{len(bad)} texts differ from {name}, first {texts[i]!r}: "
                                 f"{batch[i].tolist()} != {other[i].tolist()}")
    assert batch_opinions == [reference_opinion(t) for t in texts]


def test_edge_cases_alone_together_and_reordered():
    assert_same(EDGE_CASES)
    assert_same(EDGE_CASES[::-1] + EDGE_CASES)
    for text in EDGE_CASES:
        assert_same([text])


def test_empty_batch_and_columns():
    assert batch_cue_rows([]).shape == (0, 19)
    assert batch_cue_rows([], columns=[0, 3]).shape == (0, 2)
    texts = ["not bad :)", "GREAT!!", "although dull, fine"]
    assert batch_cue_rows(texts, columns=[17, 2]).tobytes() == cue_rows(texts, [17, 2]).tobytes()


def test_the_separator_and_nul_in_texts():
    # A text holding the separator's chunk takes the per-text path; NUL inside a chunk is a punctuation token.
    texts = ["good \x00 bad", "\x00", "a\x00b great", "fine", " \x00 ", "not\x00good", "\x00:)"]
    assert_same(texts)
    assert_same(texts * 3 + ["so good"])


def test_capability_suite_texts():
    from capabilities import capability_cases

    texts = [t for cases in capability_cases().values() for t, _ in cases]
    assert len(texts) > 300
    assert_same(texts)


def test_real_corpora(data):
    texts = mixed_texts(data, tweets=5000, phrases=3000)
    assert len(texts) > 20000
    assert_same(texts)


def test_str_split_cuts_where_the_tokenizer_sees_white_space():
    # The batch pass cuts texts with str.split(); the tokenizer's look-arounds use \s: the same characters.
    space = re.compile(r"\s")
    assert [c for c in range(sys.maxunicode + 1) if chr(c).isspace() != bool(space.match(chr(c)))] == []
    assert "\x00".isspace() is False


def test_the_token_table_starts_afresh_when_the_lexicons_change():
    from sentiment.lexicons import valence

    batch_cue_rows(["good", "bad"] * 20)
    table = token_table.token_table()
    assert token_table.token_table() is table
    valence.vader_valences.cache_clear()
    try:
        fresh = token_table.token_table()
        assert fresh is not table
        # with the chunk table: a new token table would otherwise tokenize every chunk seen so far
        assert fresh.chunks is not table.chunks and len(fresh) == 1
        assert_same(["good", "not bad"] * 20)
    finally:
        valence.vader_valences.cache_clear()


def test_cue_features_use_the_batch_pass_from_batch_from_texts(monkeypatch):
    calls = []
    monkeypatch.setattr("sentiment.text.batch_cues.batch_cue_rows",
                        lambda docs, columns=None: calls.append(len(docs)) or cue_rows(docs, columns))
    texts = ["good"] * cue_blocks.BATCH_FROM
    ALL.transform(texts[:-1])
    ALL.transform(texts)
    assert calls == [cue_blocks.BATCH_FROM]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(weird, sentences), max_size=40))
def test_equal_on_arbitrary_text(texts):
    assert_same(texts)


@settings(max_examples=100, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=10), st.randoms(use_true_random=False))
def test_a_text_answers_the_same_in_any_batch(texts, rng):
    alone = [batch_cue_rows([t])[0].tobytes() for t in texts]
    shuffled = list(range(len(texts)))
    rng.shuffle(shuffled)
    together = batch_cue_rows([texts[i] for i in shuffled])
    assert [together[k].tobytes() for k in range(len(texts))] == [alone[i] for i in shuffled]


def _classify(runner, path, out, *args):
    from sentiment.cli.main import cli

    result = runner.invoke(cli, ["classify", str(path), "-o", str(out), "-q", *args])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_classify_writes_the_same_bytes_by_either_pass_and_any_jobs(data, tmp_path, monkeypatch):
    from click.testing import CliRunner

    corpora = data / "corpora"
    texts = _lines(corpora / "sentence-polarity-v1.0" / "rt-polarity.pos", limit=3000)
    texts += _lines(corpora / "sentiment140" / "training.20k.processed.noemoticon.csv", limit=1000)
    path = tmp_path / "in.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        w.writerows(enumerate(texts))
    runner = CliRunner()
    batch_j1 = _classify(runner, path, tmp_path / "a.csv", "-j", "1")
    batch_j2 = _classify(runner, path, tmp_path / "b.csv", "-j", "2")
    monkeypatch.setattr(cue_blocks, "BATCH_FROM", 10**9)  # every batch through cue_rows
    per_text = _classify(runner, path, tmp_path / "c.csv", "-j", "1")
    assert batch_j1 == batch_j2 == per_text
    assert batch_j1.count(b"\n") == len(texts) + 1


def test_a_long_chunk_is_cut_into_one_part_per_worker():
    from sentiment.scale.parallel import SPLIT_FROM, _parts

    texts = [str(i) for i in range(SPLIT_FROM + 1)]
    assert _parts(texts[:-2], 2) == [texts[:-2]]
    for jobs in (2, 3):
        parts = _parts(texts, jobs)
        assert len(parts) == jobs and sum(parts, []) == texts


def test_slices_of_a_long_batch_answer_as_one(monkeypatch):
    texts = EDGE_CASES * 3
    whole = batch_cue_rows(texts)
    monkeypatch.setattr(chunk_table, "BATCH_CHARS", 50)
    assert batch_cue_rows(texts).tobytes() == whole.tobytes()
    assert opinion_flags(texts) == [reference_opinion(t) for t in texts]


def test_texts_read_in_slices_answer_as_cue_rows_reads_them(monkeypatch):
    # A text past sentiment.text.slices.SLICE_CHARS is read slice by slice (its rows' weighted mean): the
    # batch pass hands it to cue_rows, so it answers the same whatever the batch.
    from sentiment.text import slices

    monkeypatch.setattr(slices, "SLICE_CHARS", 60)
    monkeypatch.setattr(slices, "LONGEST_RUN", 20)
    long_texts = ["not good at all. " * 9 + "but GREAT :)", "so bad, although fine " * 5, "x" * 200 + " good"]
    texts = EDGE_CASES + long_texts + EDGE_CASES[:5]
    assert any(slices.is_long(t) for t in texts)
    assert_same(texts)
