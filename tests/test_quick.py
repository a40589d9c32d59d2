"""The quick path (sentiment.quick): a few texts scored in plain Python, equal to the batch path."""

import json
import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from model_mutations import mutated, mutation_paths
from sentiment.cli.main import cli
from sentiment.errors import InputError
from sentiment.pipeline import load_model, model_from_dict
from sentiment.quick import load_quick
from sentiment.quick import model as quick_model
from sentiment.quick.model import quick_from_dict

SHIPPED = ("default", "extended", "six")
TEXTS = [
    "A gem of a film, funny and moving.", "The restaurant was not boring at all.", "I don't love it.",
    "The meeting is at 3pm.", "I thought it would be bad, but it was GREAT!!! :)", "sooo goood 😍",
    "Never again. Worst service ever :(", "not bad", "", "!!!", "Hardly a masterpiece; barely watchable.",
    "Ça ne vaut rien, très décevant", "x_y under_score xD 8p", "It's hokey, but I loved it.",
]


@pytest.fixture(scope="module", params=SHIPPED)
def pair(request):
    return load_quick(request.param), load_model(request.param)


def test_shipped_models_take_the_quick_path_with_equal_probabilities(pair):
    quick, pipe = pair
    assert quick is not None
    assert np.abs(np.array(quick.probabilities(TEXTS)) - pipe.predict_proba(TEXTS)).max() <= 1e-9


PIECES = list("abdegilnot !?.,:;()'_-xXDP😍é") + ["not ", "great ", "bad ", "boring ", "but ", "very ", "NO ",
                                                  "love ", "don't ", "at all", "sooo ", "!!!", ":)", ":("]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=30).map("".join) | st.text(max_size=30),
                min_size=1, max_size=4))
def test_quick_equals_batch_on_arbitrary_texts(texts):
    for name in SHIPPED:
        quick, pipe = _loaded(name)
        P = pipe.predict_proba(texts)
        assert np.abs(np.array(quick.probabilities(texts)) - P).max() <= 1e-9
        assert [a[0] for a in quick.answers(texts)] == list(pipe.predict(texts, neutral=True))
        assert [a[0] for a in quick.answers(texts, neutral=False)] == list(pipe.predict(texts, neutral=False))


_CACHE = {}


def _loaded(name):
    if name not in _CACHE:
        _CACHE[name] = (load_quick(name), load_model(name))
    return _CACHE[name]


@pytest.mark.parametrize("args", [[], ["--no-neutral"], ["--json"], ["--jsonl"], ["--tsv"], ["--fmt", "table"],
                                  ["-m", "six"], ["-m", "extended"], ["--on-error", "skip"]])
def test_cli_output_is_the_batch_paths(monkeypatch, args):
    """Tables, CSV and TSV (six decimals) are byte for byte the same; JSON prints every digit of a float,
    and its last one or two may differ, as between a text scored alone (dense) and in a batch (sparse)."""
    texts = TEXTS[:4]
    quick = CliRunner().invoke(cli, ["classify", *texts, *args])
    monkeypatch.setattr(quick_model, "MAX_TEXTS", 0)  # every input now takes the batch path
    batch = CliRunner().invoke(cli, ["classify", *texts, *args])
    assert quick.exit_code == 0 and batch.exit_code == 0, quick.output + batch.output
    if "--json" not in args and "--jsonl" not in args:
        assert quick.output == batch.output
        return
    rows = lambda out: json.loads(out) if "--json" in args else [json.loads(line) for line in out.splitlines()]
    for q, b in zip(rows(quick.output), rows(batch.output), strict=True):
        assert q.keys() == b.keys() and q["label"] == b["label"] and q["id"] == b["id"]
        assert all(abs(q[k] - b[k]) <= 1e-12 for k in ("probability", "p_neg", "p_pos"))


def test_cli_quick_path_writes_o_atomically(tmp_path):
    out = tmp_path / "o.csv"
    r = CliRunner().invoke(cli, ["classify", "A gem.", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text().splitlines()[0] == "id,text,label,probability,p_neg,p_neu,p_pos,score,error"


def test_one_sentence_imports_no_numpy():
    code = ("import sys, runpy; sys.argv = ['sentiment', 'classify', 'A gem of a film.']\n"
            "try:\n    runpy.run_module('sentiment', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('numpy', 'scipy', 'pandas') if m in sys.modules), file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.splitlines()[1].startswith("text:1,A gem of a film.,pos,")
    assert r.stderr.strip() == "[]"


def test_more_texts_or_files_take_the_batch_path(tmp_path, monkeypatch):
    calls = []
    real = quick_model.QuickModel.answers
    monkeypatch.setattr(quick_model.QuickModel, "answers", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    f = tmp_path / "r.txt"
    f.write_text("A gem.\n")
    for argv in (["classify", *TEXTS[:5]], ["classify", str(f)], ["classify", "A gem.", ""]):
        assert CliRunner().invoke(cli, argv).exit_code == 0
    assert calls == []
    assert CliRunner().invoke(cli, ["classify", "A gem."]).exit_code == 0 and calls == [1]


def _small_general():
    from sentiment.features.general import GeneralFeatures
    from sentiment.neutral import NeutralRule
    from sentiment.pipeline import SentimentPipeline

    docs = ["a great fun film", "not bad at all", "so dull and boring", "awful, but the end is fine",
            "I loved it :)", "hated every minute", "very good", "not good"] * 3
    labels = ["pos", "pos", "neg", "neg", "pos", "neg", "pos", "neg"] * 3
    pipe = SentimentPipeline(GeneralFeatures(min_df=1)).fit(docs, labels)
    pipe.neutral = NeutralRule(0.05, 0.3)
    return json.loads(json.dumps(pipe.to_dict()))


SMALL = _small_general()


PATHS = mutation_paths(SMALL)


def test_small_general_model_is_taken_and_equal():
    quick = quick_from_dict(SMALL)
    assert quick is not None
    texts = ["not boring at all", "great :)", "awful, but fine", "the box is grey"]
    assert np.abs(np.array(quick.probabilities(texts)) - model_from_dict(SMALL).predict_proba(texts)).max() <= 1e-9


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10_000),
       st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                 st.text(max_size=5), st.just([]), st.just({}), st.just([1.0] * 100)),
       st.sampled_from(["replace", "delete", "wrap"]))
def test_mutated_model_never_taken_where_the_full_loader_refuses(index, value, how):
    path = PATHS[index % len(PATHS)]
    d = mutated(SMALL, path, how, value)
    quick = quick_from_dict(json.loads(json.dumps(d, allow_nan=True)), "m.json")
    try:
        pipe = model_from_dict(d, "m.json")
    except InputError:
        assert quick is None, f"the quick path took a model the full loader refuses ({path}, {how})"
        return
    if quick is not None:
        texts = ["not boring at all", "great :)", "awful"]
        assert np.abs(np.array(quick.probabilities(texts)) - pipe.predict_proba(texts)).max() <= 1e-9


def test_multiclass_and_damaged_models_are_declined(tmp_path):
    bad = tmp_path / "m.zip"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    assert load_quick(bad) is None and load_quick(tmp_path / "missing.zip") is None
    r = CliRunner().invoke(cli, ["classify", "-m", str(bad), "A gem."])
    assert r.exit_code == 1 and r.output.startswith("error: ") and str(bad) in r.output


@pytest.mark.parametrize("blob", [b"\x93NUMPY\x02\x00\x10\x00",  # a version-2 header cut short
                                  b"\x93NUMPY\x01\x00\x08\x00{[1]: 2}",  # a header that is not a dict of names
                                  b"\x93NUMPY\x01\x00\x46\x00" + b"{'descr': '<f8', 'fortran_order': False, 'shape': (30000000, 0), }"])
def test_damaged_npy_members_are_one_line_on_both_paths(tmp_path, blob):
    import zipfile

    src, bad = tmp_path / "m.zip", tmp_path / "bad.zip"
    r = CliRunner().invoke(cli, ["train", str(_tiny(tmp_path)), "--features", "extended", "-o", str(src), "-q"])
    assert r.exit_code == 0, r.output
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(bad, "w") as out:
        for name in z.namelist():
            out.writestr(name, blob if name == "a1.npy" else z.read(name))
    assert load_quick(bad) is None
    for texts in (["A gem."], ["A gem."] * 5):  # the quick path, then the batch path
        r = CliRunner().invoke(cli, ["classify", "-m", str(bad), *texts])
        assert r.exit_code == 1 and r.output.startswith(f"error: {bad}: a1.npy") and "\n" == r.output[-1], r.output


def _tiny(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("".join(f"pos a great film {i}\nneg a dull film {i}\n" for i in range(40)))
    return f


def test_undecodable_argument_is_written_back_as_its_bytes(tmp_path):
    out = tmp_path / "o.csv"
    text = b"bad \xff film".decode("utf-8", "surrogateescape")  # what Python makes of such an argument
    r = CliRunner().invoke(cli, ["classify", text, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert b"bad \xff film" in out.read_bytes()
