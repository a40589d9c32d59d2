"""The capability suite (benchmarks/capabilities.py): its templates make what they should, and the shipped
``default`` model keeps what it already passes.

Thresholds are recorded only for the capabilities that the six-feature model shipped as
``default`` before the general model passed (measured: vocabulary 89.6 %, intensifiers 93.8 %,
negated positives 100 %, the last because any "not" or "never" pushed it to neg); each sits a
few points under that measurement.  They are checked against whatever ``default`` names now
(the general model, which scores 100 % on all three); the general model's issue tightens them
and adds the rest.
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


# Only what the shipped default passes today (see the module docstring).
DEFAULT_THRESHOLDS = {"vocabulary": 85.0, "intensifiers": 88.0, "negated positives": 95.0}


def test_shipped_default_keeps_the_capabilities_it_has(cases):
    got = score(model_predictor("default"), cases)
    for name, floor in DEFAULT_THRESHOLDS.items():
        assert got[name] >= floor, f"{name}: {got[name]:.1f} % < {floor} %"
