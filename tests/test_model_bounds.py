"""A model's numbers are bounded so that its scores are finite, and both loaders agree (issue 29, 13).

Finite was not enough: weights of ±1e308 or a scale of 1e-320 passed validation, then the
one-text quick path printed ``nan`` with label ``neg`` and the batch path ``pos`` at 1.0.
The bounds (sentiment/io/checks.py) are checked by the batch loader, which names the value,
and by the quick loader, which declines so that the batch loader answers: one answer.
"""

import json
import re

import pytest

from sentiment.cli.main import cli
from sentiment.errors import InputError
from sentiment.io.modelfile import read_model_file
from sentiment.pipeline import load_model, model_from_dict
from sentiment.quick.model import quick_from_dict

SIX = read_model_file("six")[0]


def _with(model, path, value):
    d = json.loads(json.dumps(model))
    parent = d
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return d


@pytest.mark.parametrize("path,value,field", [
    (("weights", 0), [1e308] * 6, "weights holds 1e+308"),
    (("weights", 0), [-1e308] * 6, "weights holds -1e+308"),
    (("bias",), [1e300], "bias holds 1e+300"),
    (("standardize", "scale"), [1e-320] * 6, "standardize.scale holds 1e-320"),
    (("standardize", "mean"), [1e300] * 6, "standardize.mean holds 1e+300"),
])
def test_extreme_values_give_the_same_error_on_the_quick_and_the_batch_path(runner, tmp_path, path, value, field):
    model = tmp_path / "m.json"
    model.write_text(json.dumps(_with(SIX, path, value)))
    assert quick_from_dict(json.loads(model.read_text())) is None  # the quick path declines
    with pytest.raises(InputError, match=re.escape(field)):
        load_model(model)
    for texts in (["good film"], ["good film"] * 5):  # one text: the quick path; five: the batch path
        res = runner.invoke(cli, ["classify", "--model", str(model), *texts])
        assert res.exit_code == 1 and "nan" not in res.stdout, res.output
        assert res.stderr.startswith("error: ") and field in res.stderr and res.stderr.count("\n") == 1


@pytest.mark.parametrize("key,value,field", [
    ("six_scale", 1e-320, "features.six_scale holds 1e-320"),
    ("six_mean", -1e300, "features.six_mean holds -1e+300"),
])
def test_the_featurizers_standardisation_is_bounded_too(key, value, field):
    d = load_model("extended").to_dict()
    d["features"][key] = [value] * len(d["features"][key])
    assert quick_from_dict(d) is None
    with pytest.raises(InputError, match=re.escape(field)):
        model_from_dict(d, "e.json")


@pytest.mark.parametrize("key,value,field", [
    ("nb_score_scale", 1e300, "features.ngrams.nb_score_scale holds 1e+300"),
    ("ratio", None, "features.ngrams.ratio_ holds 1e+300"),
])
def test_the_ngram_blocks_numbers_are_bounded_too(key, value, field):
    d = load_model("extended").to_dict()
    block = d["features"]["ngrams"]
    block[key] = value if value is not None else [1e300] * len(block["ratio"])
    assert quick_from_dict(d) is None
    with pytest.raises(InputError, match=re.escape(field)):
        model_from_dict(d, "e.json")


def test_a_model_that_would_not_load_is_not_saved(tmp_path):
    pipe = load_model("six")
    pipe.model.coef_ = pipe.model.coef_ * 1e307
    with pytest.raises(InputError, match="cannot save the model: weights holds"):
        pipe.save(tmp_path / "m.json")
    assert not (tmp_path / "m.json").exists()


def test_shipped_models_sit_well_inside_the_bounds():
    for name in ("six", "extended", "general"):
        d = load_model(name).to_dict()
        assert model_from_dict(d, name) is not None and quick_from_dict(d) is not None
