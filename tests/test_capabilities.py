"""The capability suite (benchmarks/capabilities.py): its templates make what they should, and the shipped
models keep what they pass.

The shipped ``default`` is the general model: it has a floor on every capability (see
DEFAULT_THRESHOLDS).  The six-feature model (``six``, retrained on the eight domains with the Hu–Liu
lexicon) keeps floors on vocabulary and intensifiers; it has no negation feature, so it is not held
to the negation capabilities.
"""

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from capabilities import ANCHORS, CAPABILITIES, PER_CAPABILITY, capability_cases, model_predictor, score  # noqa: E402

NEGATION = re.compile(r"\b(not|never|isn't|don't|didn't|can't|nobody)\b", re.I)


@pytest.fixture(scope="module")
def cases():
    return capability_cases()


def test_every_capability_has_its_cases_and_the_same_on_every_call(cases):
    assert list(cases) == CAPABILITIES
    assert all(len(items) == PER_CAPABILITY for items in cases.values())
    assert capability_cases() == cases
    texts = [t for items in cases.values() for t, _ in items]
    assert len(texts) == len(set(texts)), "a case appears twice"
    assert not any("{" in t or "}" in t for t in texts), "a template slot was left unfilled"
    for name, anchors in ANCHORS.items():
        assert cases[name][: len(anchors)] == anchors


def test_expected_labels_follow_the_capability(cases):
    labels = {name: Counter(l for _, l in items) for name, items in cases.items()}
    for name in ("vocabulary", "intensifiers", "emoticons and emoji"):
        assert labels[name] == {"pos": PER_CAPABILITY // 2, "neg": PER_CAPABILITY // 2}
    assert set(labels["negated positives"]) == {"neg"} and set(labels["negated verbs"]) == {"neg"}
    assert set(labels["negated negatives"]) == {"pos"}
    assert set(labels["neutral statements"]) == {"neutral"}
    assert set(labels["change of mind"]) == {"pos", "neg"}


def test_cases_carry_what_their_capability_tests(cases):
    for name in ("negated positives", "negated negatives", "negated verbs"):
        assert all(NEGATION.search(t) for t, _ in cases[name]), name
    assert not any(NEGATION.search(t) for t, _ in cases["vocabulary"] + cases["intensifiers"])
    assert all(re.search(r"\b(but|despite)\b|;", t, re.I) for t, _ in cases["change of mind"])
    # the verdict that counts comes last: in "X, but Y" the expected label is Y's
    assert ("I thought it would be bad, but it was great.", "pos") in cases["change of mind"]
    assert all(any(ord(ch) > 127 or ch in ":;=" for ch in t) for t, _ in cases["emoticons and emoji"])


def test_score_counts_matches_per_capability():
    small = {"a": [("x", "pos"), ("y", "neg")], "b": [("z", "neutral")]}
    assert score(lambda texts: ["pos"] * len(texts), small) == {"a": 50.0, "b": 0.0}


# The shipped default is now the general model (helper 15b).  Measured with its neutral rule on
# (the default): vocabulary, intensifiers, negated positives, negated verbs, change of mind 100 %,
# negated negatives 97.9, emoticons and emoji 95.8, neutral statements 97.9; VADER scores 100, 95.8,
# 75.0, 100, 72.9, 81.2, 58.3, 83.3.  Each floor sits one or two cases (2–4 points) under the
# measurement; neutral statements keep the 90 %.
# The three-way default as measured (benchmarks/capabilities.py: 100 on five capabilities, negated negatives
# 97.9, emoticons 95.8, neutral statements 70.8), less a case or two: a floor, so that a change that loses
# capabilities fails here. Below VADER on negated negatives (100) and neutral statements (83.3): the model card.
DEFAULT_THRESHOLDS = {"vocabulary": 97.0, "intensifiers": 97.0, "negated positives": 97.0,
                      "negated negatives": 95.0, "negated verbs": 97.0, "change of mind": 95.0,
                      "emoticons and emoji": 93.0, "neutral statements": 68.0}
# The six-feature model keeps its floors from before (it still passes what it passed).
SIX_THRESHOLDS = {"vocabulary": 85.0, "intensifiers": 88.0}


def test_shipped_default_keeps_the_capabilities_it_has(cases):
    got = score(model_predictor("default"), cases)
    for name, floor in DEFAULT_THRESHOLDS.items():
        assert got[name] >= floor, f"{name}: {got[name]:.1f} % < {floor} %"


def test_shipped_six_feature_model_keeps_its_capabilities(cases):
    got = score(model_predictor("six"), cases)
    for name, floor in SIX_THRESHOLDS.items():
        assert got[name] >= floor, f"{name}: {got[name]:.1f} % < {floor} %"


def test_the_general_model_without_neutral_never_says_neutral(cases):
    from sentiment.pipeline import load_model

    pipe = load_model("general")
    texts = [t for t, _ in cases["neutral statements"]]
    assert set(pipe.predict(texts, neutral=False)) <= {"neg", "pos"}
    assert (pipe.predict(texts) == "neutral").mean() >= 0.68
