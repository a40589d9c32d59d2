"""The three-way default: its contracts, the readers of the three-way corpora, and scoring on binary gold."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from sentiment.cli.main import cli
from sentiment.pipeline import load_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import _domains  # noqa: E402

TEXTS = ["A gem of a film.", "The meeting is at 3pm.", "Awful, just awful.", "International sales rose by 59.8 %",
         "not bad at all", "I don't love it.", "sooo GOOD :)", "Out of business", "ok", "é ü 😀 fine", "!!!", "?"]


@pytest.fixture(scope="module")
def default():
    return load_model("default")


def test_the_default_is_three_way_and_its_answers_keep_the_contracts(default):
    from sentiment.api import classify

    assert default.classes_.tolist() == ["neg", "neutral", "pos"]
    P = default.predict_proba(TEXTS)
    assert np.allclose(P.sum(axis=1), 1) and (P >= 0).all()
    assert set(default.predict(TEXTS)) <= set(default.classes_)
    out = classify(TEXTS)
    assert set(out["label"]) <= {"neg", "neutral", "pos"} and out["score"].between(-1, 1).all()
    assert np.allclose(out["score"], out["p_pos"] - out["p_neg"])
    assert np.allclose(out[["p_neg", "p_neu", "p_pos"]].to_numpy(), P)
    assert (out["probability"] == out[["p_neg", "p_neu", "p_pos"]].max(axis=1)).all()
    polar = classify(TEXTS, neutral=False)
    assert set(polar["label"]) <= {"neg", "pos"} and np.allclose(polar["p_neg"] + polar["p_pos"], 1)
    assert ((polar["p_pos"] > polar["p_neg"]) == (out["p_pos"] > out["p_neg"])).all()  # the same ranking


def test_neutral_is_a_class_the_model_learned_not_a_rule(default):
    assert getattr(default, "neutral", None) is None and "neutral" not in default.to_dict()
    W = default.model.coef_
    assert np.allclose(W[1], 0) and default.model.intercept_[1] == 0  # the pivot: log-odds against neutral
    labels = default.predict(["The meeting is at 3pm.", "A gem of a film.", "Awful, just awful."]).tolist()
    assert labels == ["neutral", "pos", "neg"]


def test_the_one_text_path_gives_the_batch_answers(runner, default):
    quick = runner.invoke(cli, ["classify", "--json", *TEXTS[:4]])  # at most four texts: the quick path
    batch = runner.invoke(cli, ["classify", "--json", "--jobs", "1", *TEXTS[:4], "--as-text"])
    assert quick.exit_code == 0 and batch.exit_code == 0
    for q, b in zip(json.loads(quick.stdout), json.loads(batch.stdout), strict=True):
        assert q["label"] == b["label"]
        assert all(abs(q[k] - b[k]) < 1e-12 for k in ("probability", "p_neg", "p_neu", "p_pos", "score"))


def test_evaluate_scores_a_three_way_model_on_binary_gold_as_binary(runner, tmp_path, default):
    (tmp_path / "c.txt").write_text("pos a gem of a film\npos wonderful, moving and funny\nneg a dull mess\n"
                                    "neg awful acting and a thin plot\n")
    res = runner.invoke(cli, ["evaluate", "default", str(tmp_path / "c.txt"), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["accuracy"] == 1.0 and 0 <= report["neutral_answers"] <= 1 and "no neutral" in report["note"]
    assert report["labels"] == ["neg", "pos"] if "labels" in report else True
    # The three-way default and the two-class six-feature model compare on that gold.
    res = runner.invoke(cli, ["compare", "default", "six", str(tmp_path / "c.txt"), "--resamples", "200", "--json"])
    assert res.exit_code == 0, res.output


def test_evaluate_reads_three_way_gold(runner, tmp_path):
    rows = ["text,label", "a gem of a film,pos", "the meeting is at 3pm,neutral", "awful and dull,neg",
            "the box is grey,neutral"]
    (tmp_path / "g.csv").write_text("\n".join(rows) + "\n")
    res = runner.invoke(cli, ["evaluate", "default", str(tmp_path / "g.csv"), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert "neutral_answers" not in report and set(report["per_class"]) == {"neg", "neutral", "pos"}


def test_semeval_lines_are_read_as_written(tmp_path):
    path = tmp_path / "twitter-x-A.txt"
    path.write_bytes(
        b'1\tpositive\t"Why is \\""""Happy Day\\"""" trending? It\\u2019s on the 14th &amp; not today"\n'
        b'2\tneutral\t"Kanye West: \'I\'ve decided to run\n'
        b'"\t\n'
        b"3\tnegative\tplain text, no quotes\t\n"
        b"null\tLJ1\tneutral\tWhat do you think ?\n")
    texts, labels = _domains.semeval_file(path)
    assert labels == ["pos", "neutral", "neg", "neutral"]
    assert texts[0] == 'Why is "Happy Day" trending? It\u2019s on the 14th & not today'
    assert texts[1] == "Kanye West: 'I've decided to run"  # the quote on the next line closes it
    assert texts[2] == "plain text, no quotes" and texts[3] == "What do you think ?"


def test_three_way_corpora_read_whole_and_keep_test_texts_out_of_training(data):
    train, tests = _domains.load_three_way(data)
    sizes = {k: len(v[0]) for k, v in tests.items()}
    assert sizes == {"TweetEval validation": 2000, "SemEval 2016 test": 20632, "SemEval SMS": 2094,
                     "SemEval LiveJournal": 1142, "financial news (valid)": 2388, "EmoBank dev": 1000}
    assert all(set(l) <= {"neg", "neutral", "pos"} for _, l in [*train.values(), *tests.values()])
    held_out = {_domains._tweet_key(t) for t in tests["TweetEval validation"][0] + tests["SemEval 2016 test"][0]}
    assert not held_out & {_domains._tweet_key(t) for t in train["semeval tweets"][0]}
    assert "emobank" not in train  # CC BY-SA: a test set only


# -- sentence by sentence ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, sentences", [
    ("Dr. Smith arrived at 3.30 p.m. today. It was great!! Was it?", ["Dr. Smith arrived at 3.30 p.m. today.",
                                                                     "It was great!!", "Was it?"]),
    ("I loved it... but the end? Meh!", ["I loved it... but the end?", "Meh!"]),
    ("The U.S. economy grew 2.5% in Q3. Then it fell.", ["The U.S. economy grew 2.5% in Q3.", "Then it fell."]),
    ('He said "Go away." Then he left.', ['He said "Go away."', "Then he left."]),
    ("J. K. Rowling wrote it. E.g. this one. Fine", ["J. K. Rowling wrote it.", "E.g. this one.", "Fine"]),
    ("It ended. and then? nothing", ["It ended. and then? nothing"]),  # a lower-case start goes on
    ("Line one\nLine two\n- a bullet\n\nnew paragraph", ["Line one", "Line two", "- a bullet", "new paragraph"]),
    ("no punctuation at all", ["no punctuation at all"]),
    ("   ", []),
])
def test_sentences_are_split_where_a_reader_would(text, sentences):
    from sentiment.text.sentences import sentence_spans

    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == sentences
    assert all(0 <= a < b <= len(text) for a, b in spans) and spans == sorted(spans)


def test_classify_by_sentence_adds_a_row_per_sentence_after_each_document(runner, tmp_path):
    import csv
    import io

    (tmp_path / "r.csv").write_text('id,body,stars\n1,"Great food. Slow service.",4\n2,,3\n3,Awful.,1\n')
    res = runner.invoke(cli, ["classify", str(tmp_path / "r.csv"), "--text-column", "body", "--by-sentence", "--csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert list(rows[0])[:5] == ["id", "sentence", "start", "end", "body"]
    assert [(r["id"], r["sentence"]) for r in rows] == [("1", ""), ("1", "1"), ("1", "2"), ("2", ""), ("3", ""),
                                                       ("3", "1")]
    assert [r["body"] for r in rows[1:3]] == ["Great food.", "Slow service."]
    assert [r["label"] for r in rows[1:3]] == ["pos", "neg"] and rows[1]["stars"] == "" and rows[0]["stars"] == "4"
    assert rows[3]["error"] == "no text" and rows[2]["start"] == "12" and rows[2]["end"] == "25"


def test_python_classify_by_sentence(default):
    from sentiment.api import classify

    out = classify(["Great food. Slow service.", "Awful."], by="sentence")
    assert out["document"].tolist() == [0, 0, 0, 1, 1] and out["sentence"].tolist()[1:3] == [1, 2]
    assert out["text"].tolist()[1:3] == ["Great food.", "Slow service."]
    assert out.loc[2, "label"] == "neg" and out.loc[1, "label"] == "pos"
    with pytest.raises(ValueError, match='by must be "document" or "sentence"'):
        classify(["x"], by="word")


def test_a_two_class_model_on_three_way_gold_says_what_to_do(runner, tmp_path):
    (tmp_path / "g.csv").write_text("text,label\na gem,pos\nthe box is grey,neutral\nawful,neg\n")
    res = runner.invoke(cli, ["evaluate", "six", str(tmp_path / "g.csv")])
    assert res.exit_code == 1 and "the model is two-class (neg, pos): it never answers neutral" in res.stderr


def test_explain_scores_each_sentence_of_a_longer_text(runner, tmp_path):
    text = "Great food. Slow service, though."
    res = runner.invoke(cli, ["explain", "--json", text])
    e = json.loads(res.stdout)[0]
    assert [(s["sentence"], s["text"], s["label"]) for s in e["sentences"]] == [(1, "Great food.", "pos"),
                                                                               (2, "Slow service, though.", "neg")]
    assert all(text[s["start"]:s["end"]] == s["text"] and -1 <= s["score"] <= 1 for s in e["sentences"])
    assert "sentences" not in json.loads(runner.invoke(cli, ["explain", "--json", "A gem."]).stdout)[0]
    res = runner.invoke(cli, ["explain", text, "--no-color"])
    assert "sentence by sentence:" in res.stdout and "Slow service, though." in res.stdout.split("sentence by")[1]
    res = runner.invoke(cli, ["explain", text, "--html", str(tmp_path / "e.html")])
    page = (tmp_path / "e.html").read_text(encoding="utf-8")
    assert page.count('<li data-label=') == 2 and 'data-label="neg"' in page and 'class="sent" style="background:' in page


def test_dropping_neutral_when_it_holds_all_the_probability_is_a_tie_not_nan(runner, tmp_path):
    from sentiment.training.general import make_general_pipeline

    pipe = make_general_pipeline(prior=False, rule_weight=0.0, neutral=None).fit(
        ["great fun", "awful mess", "the meeting is at noon"] * 10, ["pos", "neg", "neutral"] * 10)
    k = pipe.classes_.tolist().index("neutral")
    pipe.model.intercept_[k] += 1000.0  # within the bounds; p_neg and p_pos underflow to 0
    pipe.save(tmp_path / "m.json")
    for texts in (["great fun"], ["great fun", "a", "b", "c", "d"]):  # the quick path, then the batch path
        res = runner.invoke(cli, ["classify", "--no-neutral", "--json", "-m", str(tmp_path / "m.json"), *texts])
        assert res.exit_code == 0, res.output
        row = json.loads(res.stdout)[0]
        assert row["p_neg"] == row["p_pos"] == 0.5 and row["label"] in ("neg", "pos") and row["score"] == 0.0


def test_by_sentence_never_overwrites_an_input_column_and_keeps_empty_cells_empty(runner, tmp_path):
    (tmp_path / "t.csv").write_text("id,start,text\n1,00:01,Great food. Slow service.\n")
    res = runner.invoke(cli, ["classify", str(tmp_path / "t.csv"), "--by-sentence"])
    assert res.exit_code == 1 and "already has column(s) 'start'" in res.stderr
    (tmp_path / "b.csv").write_text("body,n\nGreat food. Slow service.,4\n,5\n")
    res = runner.invoke(cli, ["classify", str(tmp_path / "b.csv"), "--text-column", "body", "--by-sentence", "--csv"])
    lines = res.stdout.splitlines()
    assert lines[0].startswith("document,sentence,start,end,body,n,")  # no id column: documents are numbered
    assert [l.split(",")[:2] for l in lines[1:]] == [["1", ""], ["1", "1"], ["1", "2"], ["2", ""]]
    assert "nan" not in res.stdout and lines[-1].endswith("no text")
