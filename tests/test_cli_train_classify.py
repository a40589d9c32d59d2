"""train, classify and explain through click's CliRunner."""

import csv
import io
import json

import pytest

from sentiment.cli import cli


@pytest.fixture()
def toy_corpus(tmp_path):
    (tmp_path / "toy.txt").write_text(
        "pos great fun and nice\npos a great great film\nneg hokey and second-rate\nneg a hokey mess\n"
        "pos nice nice\nneg second-rate hokey\n"
    )
    return tmp_path / "toy.txt"


def test_train_prints_summary_and_writes_model(runner, toy_corpus, tmp_path):
    out = tmp_path / "m.json"
    res = runner.invoke(cli, ["train", str(toy_corpus), "--lexicon", "textbook", "-o", str(out)])
    assert res.exit_code == 0, res.output
    for s in ("documents: 6  (neg: 3, pos: 3)", "solver: newton", "training accuracy: 1.0000", "positive_words",
              "saved:"):
        assert s in res.stdout
    model = json.loads(out.read_text())
    assert model["labels"] == ["neg", "pos"] and model["training"]["solver"] == "newton"


def test_train_sgd_with_validation_reports_validation(runner, toy_corpus, tmp_path):
    res = runner.invoke(cli, ["train", str(toy_corpus), "--lexicon", "textbook", "--solver", "minibatch",
                              "--batch-size", "2", "--epochs", "30", "--validation-split", "0.34", "--seed", "1",
                              "-o", str(tmp_path / "m.json")])
    assert res.exit_code == 0, res.output
    assert "validation loss:" in res.stdout and "solver: minibatch" in res.stdout


def test_train_rt2k_with_hu_liu(runner, rt2k, hu_liu, tmp_path):
    out = tmp_path / "rt.json"
    res = runner.invoke(cli, ["train", str(rt2k), "--lexicon", str(hu_liu), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "documents: 2000  (neg: 1000, pos: 1000)" in res.stdout
    assert "envious" in res.stderr  # the three words in both lists, reported once
    assert res.stderr.count("in both the positive and the negative list") == 1
    res = runner.invoke(cli, ["classify", "-m", str(out), "--json", str(rt2k / "pos" / "cv000_29590.txt")])
    assert json.loads(res.stdout)[0]["label"] in ("pos", "neg")


def test_train_encoding_error_then_latin1(runner, data, tmp_path):
    path = data / "corpora" / "sentence-polarity-v1.0" / "rt-polarity.all"
    res = runner.invoke(cli, ["train", str(path), "-o", str(tmp_path / "m.json")])
    assert res.exit_code == 1
    assert "rt-polarity.all: not valid utf-8 at line" in res.stderr and "--encoding latin-1" in res.stderr
    res = runner.invoke(cli, ["train", str(path), "--encoding", "latin-1", "-o", str(tmp_path / "m.json")])
    assert res.exit_code == 0, res.output
    assert "documents: 10662" in res.stdout


def test_classify_texts_default_model_csv_and_json(runner):
    res = runner.invoke(cli, ["classify", "A wonderful, moving film.", "A dull, awful mess.", "--csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["label"] for r in rows] == ["pos", "neg"] and [r["id"] for r in rows] == ["text:1", "text:2"]
    for r in rows:
        assert abs(float(r["p_neg"]) + float(r["p_pos"]) - 1) < 1e-6
        assert float(r["probability"]) == max(float(r["p_neg"]), float(r["p_pos"]))
    res = runner.invoke(cli, ["classify", "--json", "Lovely."])
    assert json.loads(res.stdout)[0]["id"] == "text:1"


def test_classify_stdin_keeps_order_and_count(runner):
    lines = [f"line {i} {'great' if i % 2 else 'awful'}" for i in range(50)]
    res = runner.invoke(cli, ["classify", "-", "--jsonl"], input="\n".join(lines) + "\n")
    assert res.exit_code == 0, res.output
    out = [json.loads(l) for l in res.stdout.splitlines()]
    assert [o["id"] for o in out] == [f"stdin:{i + 1}" for i in range(50)]


def test_explain_table_and_json(runner):
    res = runner.invoke(cli, ["explain", "It's hokey, but the cast is great!", "--no-color"])
    assert res.exit_code == 0, res.output
    assert "positive_words" in res.stdout and "bias" in res.stdout and "z = " in res.stdout
    assert "[+great]" in res.stdout
    res = runner.invoke(cli, ["explain", "--json", "great", "awful"])
    e = json.loads(res.stdout)
    assert len(e) == 2 and sum(e[0]["probabilities"].values()) == pytest.approx(1)
    z = sum(f["contribution"] for f in e[0]["features"]) + e[0]["bias"]
    assert z == pytest.approx(e[0]["z"])


def test_help_texts_have_examples(runner):
    for cmd in ("classify", "train", "explain", "example"):
        res = runner.invoke(cli, [cmd, "--help"])
        assert res.exit_code == 0 and "Examples:" in res.output
