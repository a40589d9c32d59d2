"""Compact model files (sentiment.io.compact): same predictions as JSON, smaller, validated, refused when damaged."""

import io
import json
import os
import zipfile

import numpy as np
import pytest

from sentiment.errors import InputError
from sentiment.features.extended import ExtendedFeatures
from sentiment.io.compact import read_compact, write_compact
from sentiment.pipeline import SentimentPipeline, load_model

TEXTS = ["a gem of a film, funny and moving", "not good at all", "awful, dull and long", "é ü 😀 fine"]


@pytest.fixture(scope="module")
def small_model():
    # Over MIN_LENGTH distinct n-grams, so the arrays go into .npy members.
    docs = TEXTS * 20 + ["great fun", "a mess", "not bad", "never good"] * 20 + [f"word{i} fine" for i in range(80)]
    y = ["pos", "neg", "neg", "pos"] * 20 + ["pos", "neg", "pos", "neg"] * 20 + ["pos", "neg"] * 40
    return SentimentPipeline(ExtendedFeatures(lexicon="default", min_df=1)).fit(docs, y)


def test_compact_round_trip_predicts_the_same_and_is_smaller(small_model, tmp_path):
    small_model.save(tmp_path / "m.json")
    small_model.save(tmp_path / "m.zip")
    assert zipfile.is_zipfile(tmp_path / "m.zip")
    assert (tmp_path / "m.zip").stat().st_size < (tmp_path / "m.json").stat().st_size
    a, b = load_model(tmp_path / "m.json"), load_model(tmp_path / "m.zip")
    assert np.array_equal(a.predict_proba(TEXTS), b.predict_proba(TEXTS))
    assert a.featurizer.feature_names == b.featurizer.feature_names


def test_shipped_extended_model_compacts_under_five_megabytes(tmp_path):
    pipe = load_model("extended")
    pipe.save(tmp_path / "extended.zip")
    assert (tmp_path / "extended.zip").stat().st_size <= 5_000_000
    again = load_model(tmp_path / "extended.zip")
    assert np.array_equal(pipe.predict_proba(TEXTS), again.predict_proba(TEXTS))


def _rezip(path, change):
    """Rewrite the compact file at ``path`` with ``change(members)`` applied to its {name: bytes}."""
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    change(members)
    with zipfile.ZipFile(path, "w") as z:
        for n, blob in members.items():
            z.writestr(n, blob)


def _npy(arr):
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=True)
    return buf.getvalue()


def _first_array(members):
    return next(n for n in members if n.endswith(".npy"))


@pytest.mark.parametrize("damage, message", [
    (lambda m: m.update({_first_array(m): _npy(np.array([1.0, np.nan] * 40))}), "non-finite|must be"),
    (lambda m: m.update({_first_array(m): _npy(np.array(["x"] * 80, dtype=object))}), "valid .npy|numbers"),
    (lambda m: m.update({_first_array(m): b"not an array"}), "valid .npy"),
    (lambda m: m.update({_first_array(m): _npy(np.zeros(3))}), "must be|columns|row"),
    (lambda m: m.pop(_first_array(m)), "not a member"),
    (lambda m: m.update({"extra.bin": b"x"}), "unexpected member"),
    (lambda m: m.pop("model.json"), "no model.json"),
    (lambda m: m.update({"model.json": b"{not json"}), "not valid JSON"),
])
def test_damaged_compact_files_are_refused_with_one_line(small_model, tmp_path, damage, message):
    import re

    path = tmp_path / "m.zip"
    small_model.save(path)
    _rezip(path, damage)
    with pytest.raises(InputError, match=message) as err:
        load_model(path)
    assert str(err.value).startswith(str(path)) and "\n" not in str(err.value)


def test_truncated_compact_file_is_refused(small_model, tmp_path):
    path = tmp_path / "m.zip"
    small_model.save(path)
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(InputError):
        load_model(path)


def test_pickled_arrays_are_never_loaded(tmp_path):
    blob = io.BytesIO()
    with zipfile.ZipFile(blob, "w") as z:
        z.writestr("model.json", json.dumps({"w": {"$npy": "a0.npy"}}))
        z.writestr("a0.npy", _npy(np.array([{"evil": 1}], dtype=object)))
    with pytest.raises(InputError, match="valid .npy"):
        read_compact(blob.getvalue(), "m.zip")


def test_compact_write_is_atomic_and_keeps_the_mode(small_model, tmp_path):
    path = tmp_path / "m.zip"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    small_model.save(path)
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["m.zip"]
    with pytest.raises(InputError):
        write_compact({"x": [0.0] * 100}, tmp_path / "no" / "m.zip")
    assert [p.name for p in tmp_path.iterdir()] == ["m.zip"]


def test_old_json_model_files_still_load():
    assert load_model("default").predict(TEXTS).shape == (len(TEXTS),)


def test_shipped_model_files_are_at_most_five_megabytes():
    from importlib import resources

    files = [f for f in resources.files("sentiment.models").iterdir() if f.name.endswith((".json", ".zip"))]
    assert files
    for f in files:
        assert len(f.read_bytes()) <= 5_000_000, f.name


def test_the_same_model_writes_the_same_bytes(small_model, tmp_path, monkeypatch):
    # Entries carry a fixed date: rebuilding a shipped model with `make models` leaves git with nothing to show.
    import time

    from sentiment.pipeline import model_to_dict

    data = model_to_dict(small_model)
    write_compact(data, tmp_path / "a.zip")
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)  # an hour on: zip's own entry times would differ
    write_compact(data, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
