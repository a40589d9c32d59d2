"""Each extension point extended once with a toy, as docs/design.md's "Extending" section shows.

A feature block, a solver, an input format and an output format: each is one
new definition plus one registration, and then works through the same code
paths the shipped ones use (train → save → load → explain; fit; read_corpus and
classify; write_rows and -o by extension).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from sentiment.features.base import Featurizer, featurizer_names, register_featurizer
from sentiment.io.corpus import Corpus, read_corpus
from sentiment.io.formats import Chunk, InputFormat, register_format
from sentiment.io.writers import OutputFormat, RowWriter, register_output, write_rows
from sentiment.linear.model import LogisticRegression
from sentiment.linear.solvers import register_solver, solver_names
from sentiment.pipeline import load_model
from sentiment.training.train import summarize_fit, train_pipeline


# -- a feature block ----------------------------------------------------------------------


@register_featurizer("toy_marks")
class MarkFeatures(Featurizer):
    """Two columns: how many '!' and how many ':(' a document holds (times ``weight``)."""

    stateless = True

    def __init__(self, weight=1.0):
        self.weight = weight

    @property
    def feature_names(self):
        return ["bangs", "frowns"]

    def transform(self, docs):
        return self.weight * np.array([[d.count("!"), d.count(":(")] for d in docs], dtype=float).reshape(-1, 2)

    def to_dict(self):
        return {"kind": "toy_marks", "weight": self.weight}

    @classmethod
    def from_dict(cls, data, *, lexicon=None, tokenizer="regex", name="<model>"):
        return cls(weight=float(data["weight"]))


TEXTS = ["great!", "love it!!", "wow! fun!", "nice!", "bad :(", "awful :( :(", "meh :(", "sad :( no"] * 3
LABELS = ["pos", "pos", "pos", "pos", "neg", "neg", "neg", "neg"] * 3


def test_toy_feature_block_trains_saves_loads_and_explains(tmp_path):
    assert "toy_marks" in featurizer_names()
    corpus = Corpus(TEXTS, LABELS, [str(i) for i in range(len(TEXTS))], "toy")
    pipe = train_pipeline(corpus, featurizer=MarkFeatures(weight=2.0))
    assert "bangs" in summarize_fit(pipe)
    pipe.save(tmp_path / "toy.json")
    data = json.loads((tmp_path / "toy.json").read_text())
    assert data["features"] == {"kind": "toy_marks", "weight": 2.0} and data["lexicon"] is None
    loaded = load_model(tmp_path / "toy.json")
    assert isinstance(loaded.featurizer, MarkFeatures) and loaded.featurizer.get_params() == {"weight": 2.0}
    docs = ["so good!!!", "terrible :( :("]
    assert loaded.predict(docs).tolist() == ["pos", "neg"]
    assert np.allclose(loaded.predict_proba(docs), pipe.predict_proba(docs))
    e = loaded.explain("so good!!!")
    assert [f["name"] for f in e["features"]] == ["bangs", "frowns"]
    assert e["features"][0]["value"] == 6.0 and e["predicted"] == "pos"
    assert e["z"] == pytest.approx(sum(f["contribution"] for f in e["features"]) + e["bias"])


def test_featurizer_params_follow_scikit_learn_conventions():
    from sentiment.features.extended import ExtendedFeatures
    from sentiment.features.six import SixFeatures

    f = SixFeatures(lexicon="textbook")
    assert f.get_params() == {"lexicon": "textbook", "tokenizer": "regex"}
    assert f.set_params(tokenizer="whitespace") is f and f.tokenizer == "whitespace"
    assert f.transform(["great , great"]).tolist()[0][0] == 2.0  # the new tokenizer is used
    e = ExtendedFeatures(lexicon="textbook", min_df=2)
    assert e.get_params()["min_df"] == 2 and e.get_params()["ngram_range"] == (1, 2)
    with pytest.raises(ValueError, match="invalid parameter 'nope'"):
        e.set_params(nope=1)
    assert MarkFeatures(weight=3.0).get_feature_names_out().tolist() == ["bangs", "frowns"]
    with pytest.raises(TypeError):  # keyword-only, as scikit-learn's estimators
        SixFeatures("textbook")


# -- a solver --------------------------------------------------------------------------------


@register_solver("toy_descent")
def _toy_descent(theta, X, Y, l2, *, model, sample_weight=None, progress=None):
    """Plain full-batch gradient descent with a fixed step."""
    from sentiment.linear.loss import gradient

    it = 0
    for it in range(1, (model.max_iter or 2000) + 1):
        loss, g = gradient(theta, X, Y, l2)
        theta = theta - 1.0 * g
        if np.max(np.abs(g)) < (model.tol or 1e-6):
            break
    loss, g = gradient(theta, X, Y, l2)
    return theta, {"n_iter": it, "loss": loss, "grad_norm": float(np.linalg.norm(g)),
                   "converged": bool(np.max(np.abs(g)) < (model.tol or 1e-6))}


def test_toy_solver_reaches_the_newton_optimum():
    assert "toy_descent" in solver_names()
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = np.where(X @ [1.0, -2.0, 0.5] + rng.normal(size=200) > 0, "pos", "neg")
    toy = LogisticRegression(solver="toy_descent", max_iter=5000, tol=1e-7).fit(X, y)
    ref = LogisticRegression(solver="newton").fit(X, y)
    assert toy.solver_ == "toy_descent" and toy.converged_
    assert np.allclose(toy.coef_, ref.coef_, atol=1e-4)


# -- an input format -------------------------------------------------------------------------


def _read_pipes(path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=1000):
    """``label|text`` lines."""
    rows = [line.split("|", 1) for line in path.read_text(encoding=encoding).splitlines() if line.strip()]
    for start in range(0, len(rows), chunk_rows):
        part = rows[start : start + chunk_rows]
        columns = {"label": [r[0] for r in part], "text": [r[1] for r in part]}
        yield Chunk(columns, [t if t.strip() else None for t in columns["text"]], start + 1, str(path),
                    columns["label"] if label_column is not None else None)


register_format(InputFormat("toy_pipes", (".pipes",), read=_read_pipes))


def test_toy_input_format_reads_corpora_and_classifies(tmp_path, runner):
    from sentiment.cli.main import cli

    path = tmp_path / "reviews.pipes"
    path.write_text("pos|a great film\nneg|a dull mess\n")
    c = read_corpus(path)
    assert c.texts == ["a great film", "a dull mess"] and c.labels == ["pos", "neg"]
    assert c.ids == ["reviews.pipes:1", "reviews.pipes:2"]
    # the format reads gold labels: the answers go under a prefix, never over them (issue 29, 12)
    res = runner.invoke(cli, ["classify", str(path), "--csv", "--prefix", "pred_"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    # the error column: rows with no text are kept and flagged by default (empty here)
    assert lines[0] == ("label,text,pred_label,pred_probability,pred_p_neg,pred_p_neu,pred_p_pos,pred_score,"
                        "pred_error") and len(lines) == 3
    assert lines[1].startswith("pos,a great film,pos,")


# -- an output format -------------------------------------------------------------------------


class MarkdownWriter(RowWriter):
    def __init__(self, out, columns):
        super().__init__(out, columns)
        out.write("| " + " | ".join(self.columns) + " |\n|" + "---|" * len(self.columns) + "\n")

    def write(self, cols):
        for row in zip(*(self._values(cols, c) for c in self.columns)):
            self.out.write("| " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row) + " |\n")


# An unusual suffix, so the toy does not capture ".md" for the rest of the test session.
register_output(OutputFormat("toy_markdown", (".toymd",), "A Markdown table.", MarkdownWriter))


def test_toy_output_format_by_name_and_by_extension(tmp_path, runner):
    import io

    from sentiment.cli.main import cli

    buf = io.StringIO()
    write_rows([{"a": 1, "b": 0.5}], ["a", "b"], "toy_markdown", buf)
    assert buf.getvalue() == "| a | b |\n|---|---|\n| 1 | 0.500 |\n"
    out = tmp_path / "scored.toymd"
    res = runner.invoke(cli, ["classify", "a great film", "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text().splitlines()
    assert text[0].startswith("| id | text | label | probability") and text[2].startswith("| text:1 | a great film |")
    # By name too: the command line was defined before the toy was registered, and still accepts it.
    res = runner.invoke(cli, ["classify", "a great film", "--fmt", "toy_markdown"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0].startswith("| id | text | label | probability")
    res = runner.invoke(cli, ["classify", "a great film", "--csv", "--fmt", "toy_markdown"])
    assert res.exit_code == 2 and "disagree" in res.output


def test_toy_solver_and_feature_block_through_the_command_line(tmp_path, runner):
    from sentiment.cli.main import cli

    corpus = tmp_path / "c.txt"
    corpus.write_text("".join(f"{y} {t}\n" for t, y in zip(TEXTS, LABELS)))
    res = runner.invoke(cli, ["train", str(corpus), "--features", "toy_marks", "--solver", "toy_descent",
                              "--max-iter", "5000", "-o", str(tmp_path / "m.json")])
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "m.json").read_text())["features"]["kind"] == "toy_marks"
    res = runner.invoke(cli, ["classify", "so good!!!", "terrible :( :(", "--model", str(tmp_path / "m.json"), "--csv"])
    assert res.exit_code == 0, res.output
    import csv
    import io

    assert [row["label"] for row in csv.DictReader(io.StringIO(res.stdout))] == ["pos", "neg"]
    res = runner.invoke(cli, ["train", str(corpus), "--solver", "no_such_solver", "-o", str(tmp_path / "x.json")])
    assert res.exit_code == 2 and "toy_descent" in res.output
