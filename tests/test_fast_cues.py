"""The fast cue pass (sentiment/text/fast_cues.py) equals the reference, analyse + each block's values.

Equal means the same float64 bits (sign of zero included), on the capability suite's texts, on real
corpora, on hand-picked edge cases, and on arbitrary Unicode; and the neutral rule's opinion check
answers as reading analyse's cues does.
"""

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from real_texts import mixed_texts
from sentiment.features.cues import BLOCKS, CueFeatures
from sentiment.neutral import OPINION_VALENCE, NeutralRule, has_opinion_cue
from sentiment.text import fast_cues
from sentiment.text.cues import analyse
from sentiment.text.fast_cues import CUE_NAMES, cue_rows, opinion_flags

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from capabilities import capability_cases  # noqa: E402

ALL = CueFeatures()


def reference_opinion(text):
    return any(c.polarity or c.emoticon or abs(c.valence) >= OPINION_VALENCE for c in analyse(text).cues)


def assert_same(texts, blocks=tuple(BLOCKS)):
    f = CueFeatures(blocks)
    fast, slow = f.transform(texts), f.reference_transform(texts)
    assert fast.shape == slow.shape == (len(texts), len(f.feature_names))
    if fast.tobytes() != slow.tobytes():
        bad = sorted({int(i) for i in np.flatnonzero((fast != slow).any(axis=1) | (np.signbit(fast) != np.signbit(slow)).any(axis=1))})
        i = bad[0]
        raise AssertionError(f"{len(bad)} texts differ, first {texts[i]!r}: {fast[i].tolist()} != {slow[i].tolist()}")
    expected = [reference_opinion(t) for t in texts]
    assert opinion_flags(texts) == expected  # answered from what the featurizing pass saw
    fast_cues._recent_opinions[0] = {}
    assert opinion_flags(texts) == expected  # answered by its own pass


EDGE_CASES = [
    "", " ", "!!!", "xD", "so xD!", "8p lol", "(83)", "it was 83 minutes", "XD XD :D:D", "a_b good_bad", "_great_",
    "not_good", "GREAT phone!!", "SO GOOD!!!", "sooo goooood", "goooood", "I don't love it, but the ending is sooo GOOOD :)",
    "although it was bad, it was great", "great, although pricey", "not yet great", "no, yet great", "a bit dull",
    "a little boring.", "slightly  good", "really very good", "D: awful", "D= so bad", "</3 <3 <333 ^_^ ^^",
    ":-) :-( ;) :'( =) (: ):", "good:)", "\"great\"", "great\n", "bad\n\n", "don’t like it", "isn't bad",
    "👍 👎 😂 💔", "❤️ love", "ÉNORME succès, très BON", "ΚΑΛΟ good", "good_", "x D", "8D 8-D 8'D 8o3", "8) 8-) 8-( 8| (8 D)",
]


def test_edge_cases():
    assert_same(EDGE_CASES)
    for text in EDGE_CASES:
        assert cue_rows([text]).tolist() == ALL.reference_transform([text]).tolist()


def test_capability_suite_texts():
    texts = [t for cases in capability_cases().values() for t, _ in cases]
    assert len(texts) > 300
    assert_same(texts)


@pytest.mark.parametrize("blocks", [("negation", "emoticons"), ("contrast",), ("emphasis", "valence"), ()])
def test_chosen_blocks_keep_their_columns(blocks):
    assert_same(EDGE_CASES, blocks)


def test_names_follow_the_blocks():
    assert list(CUE_NAMES) == ALL.feature_names
    assert fast_cues._OPINION_VALENCE == OPINION_VALENCE


def test_real_corpora(data):
    texts = mixed_texts(data, tweets=3000, phrases=2000)
    assert len(texts) > 15000
    assert_same(texts)


def test_neutral_rule_asks_only_the_texts_near_the_middle():
    rule = NeutralRule(band=0.1, cue_free_band=0.4)
    texts = ["The meeting is at 3pm.", "A great film.", "Meh.", "Box.", "grey", "Box :(", "x"]
    p = [0.3, 0.95, 0.55, 0.95, np.nan, 0.5, 0.42]
    expected = [abs(q - 0.5) < 0.1 or (abs(q - 0.5) < 0.4 and not reference_opinion(t)) for t, q in zip(texts, p)]
    assert rule.mask(texts, p).tolist() == expected == [True, False, True, False, False, True, True]
    assert rule.mask(iter(texts), p).tolist() == expected
    assert NeutralRule(0.1, 0.0).mask(texts, p).tolist() == [abs(q - 0.5) < 0.1 for q in p]
    assert [has_opinion_cue(t) for t in texts] == [reference_opinion(t) for t in texts]


# Arbitrary Unicode, and text made of the pieces the analysis reacts to.
weird = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["\x00", "\u0301", "\u202e", "😀", "👍🏽", "💔", "\u2028", "\x85", "’", "'", "-", "!", "?", ".",
                         ",", ";", ":", "_", " ", "\n", "(", ")", '"', "D", "x", "X", "8", "3", "p", "<", "^", "=", "o"]),
    ),
    max_size=80,
).map("".join)
WORDS = ["not", "no", "don't", "isn’t", "but", "yet", "although", "though", "very", "so", "slightly", "a", "bit",
         "little", "good", "GOOD", "Good", "gooood", "bad", "BAD", "baaad", "love", "hate", "great", "awful", "grey",
         "film", "xD", "XD", ":)", ":-(", ":D", "D:", ";)", "<3", "</3", "^_^", "8p", "83", "😍", "😭", "👎", "!", "!!",
         ".", ",", ";", "?", "(", ")", '"', "_", "a_bit", "good_", "-", "’"]
sentences = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(["", " ", " ", "  ", "\n"])), max_size=30).map(
    lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(weird, sentences), max_size=6))
def test_equal_to_the_reference_on_arbitrary_text(texts):
    assert_same(texts)


@settings(max_examples=150, deadline=None)
@given(sentences)
def test_one_text_at_a_time_equals_a_batch(text):
    batch = cue_rows([text, "good", text])
    assert batch[0].tobytes() == batch[2].tobytes() == cue_rows([text])[0].tobytes()
