"""Lexicon induction (weighted log-odds with an informative Dirichlet prior) and `sentiment lexicon induce`."""

import csv
import math

import numpy as np
import pytest

from sentiment.cli.main import cli
from sentiment.errors import InputError
from sentiment.lexicons.induce import induce_lexicon
from sentiment.lexicons.lexicon import load_lexicon

DOCS = ["good fun", "good good film", "a good plot", "bad film", "awful bad bad", "a bad plot"]
LABELS = ["pos", "pos", "pos", "neg", "neg", "neg"]


def test_z_scores_follow_monroe_colaresi_quinn():
    rows = {r["word"]: r for r in induce_lexicon(DOCS, LABELS, z_threshold=0.0, min_count=1, alpha0=6.0, exclude=())}
    # By hand for "good": yi = 4, yj = 0, corpus total 16 tokens, αw = 6 · 4/16 = 1.5, ni = 8, nj = 8.
    aw = 6.0 * 4 / 16
    delta = math.log((4 + aw) / (8 + 6 - 4 - aw)) - math.log((0 + aw) / (8 + 6 - 0 - aw))
    z = delta / math.sqrt(1 / (4 + aw) + 1 / (0 + aw))
    assert rows["good"]["delta"] == pytest.approx(delta, abs=1e-4) and rows["good"]["z"] == pytest.approx(z, abs=1e-4)
    assert rows["bad"]["polarity"] == "negative" and rows["good"]["polarity"] == "positive"
    # Words used equally by both sides sit at z = 0 ("film", "plot", "a").
    assert all(abs(rows[w]["z"]) < 1e-9 for w in ("film", "plot", "a"))
    zs = [abs(r["z"]) for r in induce_lexicon(DOCS, LABELS, z_threshold=0.0, min_count=1)]
    assert zs == sorted(zs, reverse=True)


def test_function_words_are_counted_but_not_listed(runner, tmp_path):
    docs = ["a good film", "a fine film", "a good plot", "bad film", "bad plot", "awful film"]  # "a": positive only
    listed = {r["word"] for r in induce_lexicon(docs, LABELS, z_threshold=0.5, min_count=1, exclude=())}
    assert "a" in listed
    rows = {r["word"]: r for r in induce_lexicon(docs, LABELS, z_threshold=0.5, min_count=1)}
    assert "a" not in rows and {"good", "bad"} <= set(rows)
    kept = {r["word"]: r for r in induce_lexicon(docs, LABELS, z_threshold=0.5, min_count=1, exclude=())}
    assert rows["good"]["z"] == kept["good"]["z"]  # the totals still include "a"
    corpus = tmp_path / "c.txt"
    corpus.write_text("".join(f"{l} {d}\n" for l, d in zip(LABELS, docs)))
    for flag, has_a in (([], False), (["--keep-function-words"], True)):
        out = tmp_path / "lex.tsv"
        res = runner.invoke(cli, ["lexicon", "induce", str(corpus), "--z", "0.5", "--min-count", "1", "-o", str(out)] + flag)
        assert res.exit_code == 0, res.output
        assert ("a" in load_lexicon(str(out)).positive) is has_a


def test_threshold_and_min_count_filter():
    strict = induce_lexicon(DOCS, LABELS, z_threshold=1.0, min_count=1, alpha0=6.0)
    assert {r["word"] for r in strict} <= {"good", "bad"}
    assert all(abs(r["z"]) >= 1.0 for r in strict)
    assert "awful" not in {r["word"] for r in induce_lexicon(DOCS, LABELS, z_threshold=0.0, min_count=2)}


@pytest.mark.parametrize("labels,kwargs,msg", [
    (["a", "b", "c", "a", "b", "c"], {}, "name the two to contrast"),
    (LABELS, {"positive": "pos", "negative": "zzz"}, "label 'zzz' not in the corpus"),
])
def test_bad_label_choices(labels, kwargs, msg):
    with pytest.raises(InputError, match=msg):
        induce_lexicon(DOCS, labels, **kwargs)


def test_cli_induce_writes_a_lexicon_that_loads(runner, tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("".join(f"{l} {d}\n" for l, d in zip(LABELS * 3, DOCS * 3)))
    out = tmp_path / "lex.tsv"
    res = runner.invoke(cli, ["lexicon", "induce", str(corpus), "--z", "1", "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open(), delimiter="\t"))
    assert rows[0].keys() == {"word", "polarity", "z", "delta", "count"}
    lex = load_lexicon(str(out))
    assert "good" in lex.positive and "bad" in lex.negative and "film" not in lex.positive | lex.negative
    assert "strongest positive: good" in res.stdout


def test_induced_from_sst2_train_knows_obvious_words(data):
    from sentiment.io.corpus import read_corpora

    c = read_corpora([data / "corpora" / "sst" / "stsa.binary.train"])
    rows = induce_lexicon(c.texts, c.labels, positive="1", negative="0")
    polarity = {r["word"]: r["polarity"] for r in rows}
    for w in ("beautiful", "funny", "wonderful"):
        assert polarity[w] == "positive"
    for w in ("boring", "dull", "worst"):
        assert polarity[w] == "negative"
    assert np.mean([r["z"] >= 1.96 or r["z"] <= -1.96 for r in rows]) == 1.0
