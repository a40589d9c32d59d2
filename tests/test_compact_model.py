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


def test_lzma_members_read_back_to_the_same_model(small_model, tmp_path):
    write_compact(small_model.to_dict(), tmp_path / "m.zip", compression="lzma")
    small_model.save(tmp_path / "d.zip")  # deflate, the default
    assert {i.compress_type for i in zipfile.ZipFile(tmp_path / "m.zip").infolist()} == {zipfile.ZIP_LZMA}
    lzma, deflate = load_model(tmp_path / "m.zip"), load_model(tmp_path / "d.zip")
    assert lzma.to_dict().keys() == deflate.to_dict().keys()
    assert np.array_equal(lzma.predict_proba(TEXTS), deflate.predict_proba(TEXTS))
    with pytest.raises(ValueError, match="compression must be one of deflate, lzma"):
        write_compact(small_model.to_dict(), tmp_path / "x.zip", compression="bzip2")


def _patch_members(raw: bytes, method: int | None = None, encrypted: bool = False) -> bytes:
    """The zip's bytes with every local and central header's compression method or encryption bit changed."""
    data = bytearray(raw)
    for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = data.find(sig)
        while at >= 0:
            if method is not None:
                data[at + method_at:at + method_at + 2] = method.to_bytes(2, "little")
            if encrypted:
                data[at + flag_at] |= 0x1
            at = data.find(sig, at + 4)
    return bytes(data)


@pytest.mark.parametrize("change,message", [
    ({"method": 9}, "uses zip compression method 9"),  # deflate64: zipfile cannot read it
    ({"method": 12}, "uses zip compression method 12"),  # bzip2: readable, but not ours
    ({"encrypted": True}, "is encrypted"),
])
def test_foreign_compression_and_encryption_are_one_line_errors(small_model, tmp_path, runner, change, message):
    from sentiment.cli.main import cli

    small_model.save(tmp_path / "m.zip")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(_patch_members((tmp_path / "m.zip").read_bytes(), **change))
    with pytest.raises(InputError, match=message):
        load_model(bad)
    res = runner.invoke(cli, ["classify", "--model", str(bad), "A gem."])
    assert res.exit_code == 1 and message in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def _npy_header_only(shape):
    header = f"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}".ljust(117) + "\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode() + b"\0" * 80


@pytest.mark.parametrize("damage, message", [
    (lambda m: m.update({_first_array(m): _npy_header_only((4_000_000_000,))}), "expected 32000000000"),
    (lambda m: m.update({_first_array(m): _npy_header_only((10**14,))}), "expected 800000000000000"),
    (lambda m: m.update({_first_array(m): _npy(np.ones(10_000, dtype=np.int8))}), "valid .npy array of float64"),
    (lambda m: m.update({"model.json": m["model.json"].replace(b'"weights"', b'"weights": 1, "weights"', 1)}),
     "key 'weights' appears twice"),
    (lambda m: m.update({"model.json": m["model.json"].replace(b'"format"', b'"n": ' + b"[" * 800 + b"]" * 800
                                                               + b', "format"', 1)}), "nested more than 100"),
])
def test_what_a_compact_file_claims_is_not_trusted(small_model, tmp_path, damage, message):
    path = tmp_path / "m.zip"
    small_model.save(path)
    _rezip(path, damage)
    with pytest.raises(InputError, match=message):
        load_model(path)


def test_an_integer_no_float_holds_is_refused_in_a_json_model(tmp_path):
    text = json.dumps(load_model("six").to_dict())
    at = text.index('"bias"')
    path = tmp_path / "m.json"
    path.write_text(text[:at] + '"bias": ' + "1" + "0" * 400 + ", " + text[at:].split(",", 1)[1])
    with pytest.raises(InputError, match="too large"):
        load_model(path)


def test_what_is_inflated_and_parsed_is_bounded_whatever_the_zip_claims(small_model, tmp_path, monkeypatch):
    import sentiment.io.compact as compact

    path = tmp_path / "m.zip"
    small_model.save(path)
    # A header of empty lists that inflates far past its bound (a compression bomb in miniature).
    monkeypatch.setattr(compact, "MAX_HEADER_BYTES", 4096)
    _rezip(path, lambda m: m.update({"model.json": b"[" + b"[]," * 100_000 + b"[]]"}))
    with pytest.raises(InputError, match="model.json inflates to more than 4096 bytes"):
        load_model(path)
    small_model.save(path)
    monkeypatch.setattr(compact, "MAX_LINES", 50)
    with pytest.raises(InputError, match="holds more than 50 lines"):
        load_model(path)


def test_a_json_model_file_has_a_size_bound(tmp_path, monkeypatch):
    import sentiment.io.modelfile as modelfile

    path = tmp_path / "m.json"
    load_model("six").save(path)
    monkeypatch.setattr(modelfile, "MAX_JSON_BYTES", 100)
    with pytest.raises(InputError, match="more than a JSON model file may be .*save large models compact"):
        load_model(path)


def test_smallest_compression_takes_lzma_only_where_it_pays(tmp_path):
    """`make models` packs general.zip so: LZMA for the vocabulary, deflate for weights LZMA barely shrinks."""
    import zipfile

    from sentiment.io.compact import write_compact
    from sentiment.pipeline import load_model

    data = load_model("default").to_dict()
    write_compact(data, tmp_path / "m.zip", compression="smallest")
    with zipfile.ZipFile(tmp_path / "m.zip") as z:
        methods = {i.filename: i.compress_type for i in z.infolist()}
    assert zipfile.ZIP_LZMA in methods.values() and zipfile.ZIP_DEFLATED in methods.values()
    assert load_model(tmp_path / "m.zip").to_dict() == data
