"""Property tests: arbitrary text never breaks the pipeline; damaged model files are refused cleanly."""

import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model_mutations import mutated, mutation_paths
from sentiment.errors import InputError
from sentiment.features.six import SixFeatures
from sentiment.pipeline import load_model, model_from_dict, model_to_dict
from sentiment.text.tokenize import tokenize

FEATS = SixFeatures(lexicon="default")
PIPE = load_model("six")  # the model-file fuzzing mutates a small model: the six-feature one
MODEL_DICT = model_to_dict(PIPE)
GENERAL = load_model("default")  # the general model, fuzzed on weird text below

# Unicode with control characters, NUL, combining marks, RTL text and emoji mixed in.
weird = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["\x00", "\u0301", "\u202e", "\u05d0", "\u0627", "😀", "👍🏽", "\u2028", "\x85", "’", "!", "no",
                         " ", "\n", "-", "'", "great", "awful", "you"]),
    ),
    max_size=120,
).map("".join)
ascii_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=300)
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@given(weird)
def test_tokenizer_never_raises_and_tokens_have_no_space(text):
    toks = tokenize(text)
    assert all(t and not any(c.isspace() for c in t) for t in toks)


@given(st.lists(weird, max_size=5))
def test_features_finite_and_probabilities_valid(docs):
    X = FEATS.transform(docs)
    assert X.shape == (len(docs), 6) and np.all(np.isfinite(X))
    if docs:
        for pipe in (PIPE, GENERAL):
            P = pipe.predict_proba(docs)
            assert np.all((P >= 0) & (P <= 1)) and np.allclose(P.sum(axis=1), 1)
        assert set(GENERAL.predict(docs)) <= {"neg", "pos", "neutral"}


@given(st.lists(ascii_text, min_size=1, max_size=6))
def test_vectorised_counts_equal_token_by_token(docs):
    fast = FEATS.transform(docs)
    slow = np.array([FEATS._row(d) for d in docs])
    assert np.allclose(fast, slow)


@given(ascii_text, st.integers(1, 50))
def test_long_documents_split_count_the_same(text, size):
    from sentiment.text.slices import slices

    parts = list(slices(text, size))
    assert "".join(parts) == text
    total = sum(len(tokenize(p)) for p in parts)
    assert total == len(tokenize(text))


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
def test_extreme_weights_give_valid_probabilities_or_are_refused(w):
    from sentiment.io.checks import MAX_WEIGHT

    d = json.loads(json.dumps(MODEL_DICT))
    d["weights"][0] = [w] * 6
    try:
        pipe = model_from_dict(d, "m.json")
    except InputError as exc:  # beyond the bound that keeps every score finite
        assert abs(w) > MAX_WEIGHT and str(exc).startswith("m.json: weights holds")
        return
    P = pipe.predict_proba(["great great great !", "", "awful"])
    assert np.all(np.isfinite(P)) and np.allclose(P.sum(axis=1), 1)


def _mutations():
    leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                     st.text(max_size=10), st.just([]), st.just({}), st.just([1.0] * 10**3))
    return st.tuples(st.integers(0, 10_000), leaf, st.sampled_from(["replace", "delete", "wrap"]))


PATHS = mutation_paths(MODEL_DICT)


@given(_mutations())
def test_mutated_model_loads_equivalently_or_is_refused(mutation):
    index, value, how = mutation
    d = mutated(MODEL_DICT, PATHS[index % len(PATHS)], how, value)
    try:
        pipe = model_from_dict(d, "m.json")
    except InputError as exc:
        assert str(exc).startswith("m.json: ") and "\n" not in str(exc)
        return
    # Accepted: it must still be a working model.
    P = pipe.predict_proba(["a lovely film", "dull"])
    assert np.all(np.isfinite(P)) and np.allclose(P.sum(axis=1), 1)


@given(st.binary(max_size=200))
def test_random_bytes_as_model_file_are_refused(tmp_path_factory, raw):
    p = tmp_path_factory.mktemp("m") / "m.json"
    p.write_bytes(raw)
    try:
        load_model(p)
    except InputError:
        return
    raise AssertionError("random bytes loaded as a model")


def test_claimed_huge_weights_are_not_allocated(tmp_path):
    d = json.loads(json.dumps(MODEL_DICT))
    d["weights"] = [[0.0] * 6] * 1000  # claims 1000 output rows for a binary model
    p = tmp_path / "m.json"
    p.write_text(json.dumps(d))
    try:
        load_model(p)
    except InputError as exc:
        assert "weights must hold 1 row" in str(exc)
    else:
        raise AssertionError("accepted")
