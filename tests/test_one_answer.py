"""One answer and one rule, whichever door a user comes through.

The command line, the one-liners, the pipeline, explain and the NLTK wrapper
must agree on a text's label (neutral rule included); every command resolves
its inputs by the same rules; errors name the thing at fault once.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

import sentiment
from sentiment.cli.main import cli
from sentiment.pipeline import load_model

NEUTRAL_TEXT = "The meeting is at 3pm."


def _cli_labels(runner, *args):
    res = runner.invoke(cli, ["classify", "--csv", *args])
    assert res.exit_code == 0, res.output
    return [row["label"] for row in csv.DictReader(io.StringIO(res.stdout))]


def test_every_entry_point_gives_the_same_label(runner):
    texts = [NEUTRAL_TEXT, "A gem of a film.", "A dull, tedious mess."]
    cli_labels = _cli_labels(runner, *texts)
    assert cli_labels[0] == "neutral"  # the default model has a neutral rule
    assert sentiment.classify(texts)["label"].tolist() == cli_labels
    assert [sentiment.score(t)["label"] for t in texts] == cli_labels
    assert load_model().predict(texts).tolist() == cli_labels
    assert [load_model().explain(t)["predicted"] for t in texts] == cli_labels
    res = runner.invoke(cli, ["explain", "--json", *texts])
    assert [e["predicted"] for e in json.loads(res.stdout)] == cli_labels


def test_without_the_neutral_rule_every_entry_point_answers_a_class(runner):
    no_rule = _cli_labels(runner, "--no-neutral", NEUTRAL_TEXT)
    assert no_rule[0] in ("neg", "pos")
    assert sentiment.classify([NEUTRAL_TEXT], neutral=False)["label"].tolist() == no_rule
    assert sentiment.score(NEUTRAL_TEXT, neutral=False)["label"] == no_rule[0]


def test_nltk_wrapper_answers_only_its_labels():
    pytest.importorskip("nltk")
    from sentiment.nltk_classifier import SentimentClassifier

    clf = SentimentClassifier(load_model())
    answer = clf.classify(NEUTRAL_TEXT)
    assert answer in clf.labels()
    assert clf.prob_classify(NEUTRAL_TEXT).max() == answer


def test_explain_reads_inputs_as_classify_does(runner, tmp_path):
    review = tmp_path / "review.txt"
    review.write_text("What a lovely, moving film.\n")
    res = runner.invoke(cli, ["explain", "--json", str(review)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["text"] == "What a lovely, moving film.\n"
    res = runner.invoke(cli, ["explain", "--json", "-"], input="so dull\n")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["text"] == "so dull"
    res = runner.invoke(cli, ["explain", "reviewz.csv"])  # a typo is not a review
    assert res.exit_code == 1 and "reviewz.csv: no such file" in res.stderr and "--as-text" in res.stderr
    res = runner.invoke(cli, ["explain", "--json", "--as-text", "reviewz.csv"])
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["text"] == "reviewz.csv"


@pytest.mark.parametrize("text", ["", "   "])
def test_explain_refuses_a_blank_text(runner, text, tmp_path):
    res = runner.invoke(cli, ["explain", text, "--html", str(tmp_path / "x.html")])
    assert res.exit_code == 1 and "no text to explain" in res.stderr and "Traceback" not in res.output
    assert not (tmp_path / "x.html").exists()


def test_empty_and_blank_files_are_rows_with_no_text(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n")
    (tmp_path / "good.txt").write_text("a lovely film")
    res = runner.invoke(cli, ["classify", "--csv", *(str(tmp_path / n) for n in ("empty.txt", "blank.txt", "good.txt"))])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["label"], r["error"]) for r in rows[:2]] == [("", "no text"), ("", "no text")]
    assert rows[2]["label"] == "pos" and rows[2]["error"] == ""
    assert "flagged 2 row(s)" in res.stderr
    res = runner.invoke(cli, ["classify", "--on-error", "fail", str(tmp_path / "empty.txt")])
    assert res.exit_code == 1 and "empty.txt" in res.stderr


def test_a_zip_that_is_not_a_model_is_named_so(runner, tmp_path):
    bad = tmp_path / "m.zip"
    bad.write_bytes(b"not a zip at all")
    res = runner.invoke(cli, ["classify", "--model", str(bad), "a gem"])
    assert res.exit_code == 1 and "not a compact model file" in res.stderr
    with zipfile.ZipFile(tmp_path / "empty.zip", "w"):
        pass
    res = runner.invoke(cli, ["classify", "--model", str(tmp_path / "empty.zip"), "a gem"])
    assert res.exit_code == 1 and "empty.zip" in res.stderr and "Traceback" not in res.output


def test_a_bad_general_model_names_its_file_once(runner, tmp_path):
    pipe = load_model("general")  # written back as JSON, the simplest form to damage by hand
    d = pipe.to_dict()
    d["features"]["ngrams"]["nb"] = False  # nb_score without nb cannot go together
    path = tmp_path / "g_bad.json"
    path.write_text(json.dumps(d))
    res = runner.invoke(cli, ["classify", "--model", str(path), "a gem"])
    assert res.exit_code == 1
    assert res.stderr.count("g_bad.json") == 1 and "nb_score needs nb=True" in res.stderr


def test_cv_names_a_class_plainly(runner, tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("pos a gem\npos lovely\nneg dull\nneg awful\n")
    res = runner.invoke(cli, ["cv", str(corpus), "--folds", "3"])
    assert res.exit_code == 1 and "class 'neg' has 2 document(s)" in res.stderr and "np.str_" not in res.stderr
