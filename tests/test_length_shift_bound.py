"""length_shift's shortcut (no tokenizing when the character bound cannot reach the limit) never changes its answer."""

import random

import numpy as np
import pytest

from sentiment.evaluation.evaluate import length_shift
from sentiment.pipeline import load_model


def _warns_in_full(pipe, texts, limit=4.0):
    mean, scale = pipe.featurizer.log_length_stats(pipe.model)
    z = (float(np.median(pipe.featurizer.log_lengths(texts))) - mean) / scale
    return abs(z) > limit


@pytest.mark.parametrize("model, n", [("default", 8000), ("six", 5000)])
def test_more_tokens_than_characters(model, n):
    """ "İ".lower() is "i" + U+0307: two regex tokens for one character (Turkish capitals)."""
    pipe = load_model(model)
    texts = ["İ" * n] * 5
    assert _warns_in_full(pipe, texts)
    assert length_shift(pipe, texts) is not None


def test_even_count_with_empty_texts(monkeypatch):
    """Middle values 0 and 2 characters: ln(max(median, 1)) = 0, yet the median of ln(max(tokens, 1)) is ln(2) / 2."""
    pipe = load_model("six")
    monkeypatch.setattr(pipe.featurizer, "log_length_stats", lambda model: (0.02, 0.08))
    texts = ["", "", "!!", "!!"]
    assert _warns_in_full(pipe, texts)
    assert "longer" in length_shift(pipe, texts)


def test_negative_scale(monkeypatch):
    """Either sign of scale: the model loaders refuse a non-positive six_scale, but a featurizer of one's own may not."""
    pipe = load_model("extended")
    mean, scale = pipe.featurizer.log_length_stats(pipe.model)
    monkeypatch.setattr(pipe.featurizer, "log_length_stats", lambda model: (mean, -scale))
    texts = ["word " * 3000] * 5
    assert _warns_in_full(pipe, texts)
    assert length_shift(pipe, texts) is not None


@pytest.mark.parametrize("model", ["default", "extended", "six"])
def test_the_answer_is_the_full_computations_on_any_length(model, monkeypatch):
    pipe = load_model(model)
    rng = random.Random(1)
    batches = [["a"] * 7, ["!!!"] * 5, ["word " * 3000] * 5, ["great film, dull plot"] * 9,
               [" ".join("x" * rng.randint(1, 30) for _ in range(rng.randint(1, 2000))) for _ in range(8)],
               ["x" * rng.randint(1, 20000) for _ in range(6)]]
    for texts in batches:
        assert (length_shift(pipe, texts) is not None) == _warns_in_full(pipe, texts), (model, texts[0][:20])
    if model == "default":  # whole reviews (up to 2 000 words) are within the general model's lengths
        assert length_shift(pipe, ["a fine film, " * 600] * 50) is None
    calls = []
    monkeypatch.setattr(type(pipe.featurizer), "log_lengths", lambda self, docs: calls.append(1))
    if model == "default":  # sentences and tweets, its commonest lengths: no tokenizing at all
        assert length_shift(pipe, ["a fine film, but a dull plot"] * 50) is None and not calls
