"""train, classify and explain through click's CliRunner."""

import csv
import io
import json

import pytest

from sentiment.cli.main import cli


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
    assert list(rows[0]) == ["id", "text", "label", "probability", "p_neg", "p_neu", "p_pos", "score", "error"]
    for r in rows:
        assert abs(float(r["p_neg"]) + float(r["p_neu"]) + float(r["p_pos"]) - 1) < 1e-5
        assert float(r["probability"]) == max(float(r["p_neg"]), float(r["p_neu"]), float(r["p_pos"]))
        assert abs(float(r["score"]) - (float(r["p_pos"]) - float(r["p_neg"]))) < 2e-6
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
    assert "positive_words" in res.stdout and "bias" in res.stdout and "z(pos) = " in res.stdout
    assert "P(neutral) = " in res.stdout  # the three-way default: a softmax over three classes
    assert "[+great]" in res.stdout
    res = runner.invoke(cli, ["explain", "--json", "great", "awful"])
    e = json.loads(res.stdout)
    assert len(e) == 2 and sum(e[0]["probabilities"].values()) == pytest.approx(1)
    # the default (general) model lists its dense columns one by one and sums the n-grams, per class
    for c in ("neg", "neutral", "pos"):
        z = (sum(f["contribution"][c] for f in e[0]["features"]) + e[0].get("ngram_contribution", {}).get(c, 0.0)
             + e[0]["bias"][c])
        assert z == pytest.approx(e[0]["z"][c])


def test_help_texts_have_examples(runner):
    for cmd in ("classify", "train", "explain", "example"):
        res = runner.invoke(cli, [cmd, "--help"])
        assert res.exit_code == 0 and "Examples:" in res.output


def test_jobs_output_identical_to_one_job(runner, tmp_path):
    import random

    rng = random.Random(1)
    words = ["great", "awful", "fine", "no", "you", "!", "dull", "lovely", "plot"]
    path = tmp_path / "in.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["review_id", "text", "stars"])
        for i in range(5000):
            w.writerow([f"r{i}", " ".join(rng.choice(words) for _ in range(rng.randint(1, 30))), i % 5])
    from sentiment.io import batch

    a = runner.invoke(cli, ["classify", str(path), "--csv"])
    old = batch.CHUNK_ROWS
    b = runner.invoke(cli, ["classify", str(path), "--csv", "--jobs", "2"])
    assert a.exit_code == 0 and b.exit_code == 0, b.output
    assert a.stdout == b.stdout
    rows = list(csv.DictReader(io.StringIO(a.stdout)))
    assert [r["review_id"] for r in rows] == [f"r{i}" for i in range(5000)]
    assert rows[0].keys() >= {"review_id", "text", "stars", "label", "probability", "p_neg", "p_pos"}
    assert old == batch.CHUNK_ROWS


def test_on_error_fail_skip_flag(runner, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,text\n1,great\n2,\n3,awful\n")
    res = runner.invoke(cli, ["classify", str(path), "--on-error", "fail"])
    assert res.exit_code == 1 and "row 2" in res.stderr and "--on-error" in res.stderr
    res = runner.invoke(cli, ["classify", str(path), "--jsonl"])  # the default: kept, flagged, counted
    assert res.exit_code == 0 and [json.loads(l)["error"] for l in res.stdout.splitlines()] == [None, "no text", None]
    assert "flagged 1 row(s)" in res.stderr
    res = runner.invoke(cli, ["classify", str(path), "--on-error", "skip"])
    assert [r["id"] for r in csv.DictReader(io.StringIO(res.stdout))] == ["1", "3"]
    assert "skipped 1 row(s)" in res.stderr
    res = runner.invoke(cli, ["classify", str(path), "--on-error", "flag", "--jsonl"])
    out = [json.loads(l) for l in res.stdout.splitlines()]
    assert [o["id"] for o in out] == ["1", "2", "3"] and out[1]["label"] is None and out[1]["error"] == "no text"
    assert "flagged 1 row(s)" in res.stderr


def test_tables_jsonl_tsv_parquet_folder_and_output_file(runner, tmp_path):
    import pandas as pd

    df = pd.DataFrame({"body": ["a great film", "dull and awful"], "k": [1, 2]})
    df.to_json(tmp_path / "in.jsonl", orient="records", lines=True)
    df.to_csv(tmp_path / "in.tsv", sep="\t", index=False)
    pytest.importorskip("pyarrow")
    df.to_parquet(tmp_path / "in.parquet")
    for name in ("in.jsonl", "in.tsv", "in.parquet"):
        res = runner.invoke(cli, ["classify", str(tmp_path / name), "--text-column", "body", "--json"])
        assert res.exit_code == 0, res.output
        out = json.loads(res.stdout)
        assert [o["body"] for o in out] == ["a great film", "dull and awful"] and [o["k"] for o in out] in ([1, 2], ["1", "2"])
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("lovely")
    (folder / "b.txt").write_text("awful")
    res = runner.invoke(cli, ["classify", str(folder), "-o", str(tmp_path / "out.jsonl"), "--jsonl"])
    assert res.exit_code == 0 and res.stdout == ""
    ids = [json.loads(l)["id"] for l in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [i.rsplit("/", 1)[1] for i in ids] == ["a.txt", "b.txt"]


def test_classify_warns_once_on_documents_far_longer_than_the_training_ones(runner, tmp_path):
    for i in range(6):
        (tmp_path / f"review{i}.txt").write_text("The plot is thin but the cast is great and I liked it. " * 60)
    # The film-sentence model warns; the general default, trained on tweets to whole reviews, does not.
    res = runner.invoke(cli, ["classify", str(tmp_path), "--csv", "--model", "extended"])
    assert res.exit_code == 0, res.output
    assert res.stderr.count("much longer than the training documents") == 1
    general = runner.invoke(cli, ["classify", str(tmp_path), "--csv"])
    assert general.exit_code == 0 and "warning" not in general.stderr
    assert len(list(csv.DictReader(io.StringIO(res.stdout)))) == 6  # a warning, not a refusal
    sentences = runner.invoke(cli, ["classify", "-", "--csv"], input="a gem\nso dull\nfine acting, thin plot\n"
                                                                     "I loved it\nnot my kind of film\nwhat a mess\n")
    assert sentences.exit_code == 0 and "warning" not in sentences.stderr


@pytest.mark.parametrize("fmt,on_error,neutral", [
    ("--csv", "flag", True), ("--tsv", "skip", False), ("--jsonl", "flag", False), ("--json", "skip", True),
    ("--table", "flag", True),
])
def test_jobs_output_identical_in_every_format_with_rows_without_text(runner, tmp_path, monkeypatch, fmt, on_error,
                                                                      neutral):
    # Many chunks (6 000 characters each), each cut into parts for the workers, some rows without text.  Parts
    # stay at 16 texts or more: below, the batch path's dense arithmetic may change a JSON float's last digit.
    import random

    from sentiment.io.formats import base
    from sentiment.scale import parallel

    monkeypatch.setattr(base, "CHUNK_CHARS", 6000)
    monkeypatch.setattr(parallel, "SPLIT_FROM", 48)
    rng = random.Random(2)
    words = ["great", "awful", "fine", "no", "you", "!", "dull", "lovely", "plot", "the", "meeting", "is", "at", "3pm"]
    path = tmp_path / "in.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        for i in range(900):
            text = "" if i % 97 == 5 else " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
            w.writerow([f"r{i}", text + ("\r tail" if i % 211 == 3 else "")])
    args = ["classify", str(path), fmt, "--on-error", on_error] + ([] if neutral else ["--no-neutral"])
    one = runner.invoke(cli, args)
    assert one.exit_code == 0, one.output
    for jobs in ("2", "3"):
        many = runner.invoke(cli, args + ["--jobs", jobs])
        assert many.exit_code == 0, many.output
        assert many.stdout == one.stdout
    assert one.stdout.count("r899") == 1


def test_the_table_for_people_leaves_out_empty_columns_and_argument_ids(runner, tmp_path):
    res = runner.invoke(cli, ["classify", "--table", "A gem.", "A mess."])
    header = res.stdout.splitlines()[0].split()
    assert res.exit_code == 0 and header[:2] == ["text", "label"] and "id" not in header and "error" not in header
    res = runner.invoke(cli, ["classify", "--table", "A gem.", "   "])
    assert "error" in res.stdout.splitlines()[0].split() and "no text" in res.stdout
    (tmp_path / "r.txt").write_text("A gem.\n")
    res = runner.invoke(cli, ["classify", "--table", str(tmp_path / "r.txt")])
    assert res.stdout.splitlines()[0].split()[0] == "id"  # a file's rows keep their ids
    res = runner.invoke(cli, ["classify", "--csv", "A gem."])  # machine formats keep every column
    assert res.stdout.splitlines()[0] == "id,text,label,probability,p_neg,p_neu,p_pos,score,error"
