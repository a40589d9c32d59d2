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

NEGATION = re.compile(r"\b(not|never|nothing|isn't|don't|didn't|can't|nobody)\b", re.I)


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
    assert labels["implicit sentiment"] == {"pos": PER_CAPABILITY // 2, "neg": PER_CAPABILITY // 2}


def test_neutral_statements_take_each_kind_in_equal_share(cases):
    from capabilities import NEUTRAL_KINDS

    texts = [t for t, _ in cases["neutral statements"]]
    questions = sum(t.endswith("?") for t in texts)
    headlines = sum(not t.endswith((".", "?")) for t in texts)
    share = PER_CAPABILITY // len(NEUTRAL_KINDS)
    assert abs(questions - share) <= 2 and abs(headlines - share) <= 2, (questions, headlines)


def test_implicit_cases_carry_no_opinion_adjective(cases):
    """What happened says it, not one of the suite's opinion adjectives, verbs or emoticons."""
    from capabilities import NEGATIVE, NEGATIVE_EMOTICONS, POSITIVE, POSITIVE_EMOTICONS, POSITIVE_VERBS

    opinion = {*POSITIVE, *NEGATIVE, *POSITIVE_VERBS, *POSITIVE_EMOTICONS, *NEGATIVE_EMOTICONS}
    words = {w.strip(".,%").lower() for t, _ in cases["implicit sentiment"] for w in t.split()}
    assert not words & opinion, sorted(words & opinion)


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


# The shipped default as measured (`python benchmarks/capabilities.py`, 200 cases a capability): vocabulary,
# intensifiers, negated verbs 100; negated positives 99.5; change of mind 97.0; emoticons and emoji 97.5;
# negated negatives 82.5; neutral statements 83.5; implicit sentiment 51.0. VADER: 98.0, 93.5, 80.5, 71.0,
# 86.5, 70.5, 91.0, 97.5, 32.0. Each floor sits four or five cases (2–2.5 points) under the measurement, so that
# a change that loses capabilities fails here; where it is below VADER (negated negatives, neutral
# statements) the model card says so.
DEFAULT_THRESHOLDS = {"vocabulary": 98.0, "intensifiers": 98.0, "negated positives": 97.0,
                      "negated negatives": 80.0, "negated verbs": 98.0, "change of mind": 95.0,
                      "emoticons and emoji": 95.0, "neutral statements": 81.0, "implicit sentiment": 48.5}
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
    assert (pipe.predict(texts) == "neutral").mean() >= 0.81
