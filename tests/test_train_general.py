"""`sentiment train --features general` (and cv) train the shipped model's recipe, on the user's labels."""

import json
import zipfile

from click.testing import CliRunner

from sentiment.cli.main import cli
from sentiment.pipeline import load_model

POS = ["a lovely, moving film", "great fun from start to end", "I loved the cast", "a gem", "warm and funny",
       "beautiful and wise", "the best film this year", "smart, sharp and kind"]
NEG = ["a dull, lifeless film", "awful from start to end", "I hated the cast", "a mess", "cold and boring",
       "ugly and stupid", "the worst film this year", "slow, flat and silly"]


def _corpus(tmp_path, pos="pos", neg="neg"):
    f = tmp_path / "c.txt"
    f.write_text("".join(f"{pos} {t} {i}\n" for i in range(4) for t in POS)
                 + "".join(f"{neg} {t} {i}\n" for i in range(4) for t in NEG))
    return f


def test_train_features_general_is_the_recipe(tmp_path):
    out = tmp_path / "g.zip"
    r = CliRunner().invoke(cli, ["train", str(_corpus(tmp_path)), "--features", "general", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    header = json.loads(zipfile.ZipFile(out).read("model.json"))
    assert header["neutral"] == {"band": 0.0, "cue_free_band": 0.3}  # the recipe's rule
    assert header["features"]["max_ngrams"] == 60000 and header["features"]["ngrams"]["min_df"] == 3
    pipe = load_model(out)
    # The lexicon prior knows what 64 film snippets cannot: negation flips a word the corpus never saw.
    assert list(pipe.predict(["not terrible at all", "not delightful", "The meeting is at 3pm."])) == \
        ["pos", "neg", "neutral"]


def test_options_given_replace_the_recipes(tmp_path):
    out = tmp_path / "g.zip"
    r = CliRunner().invoke(cli, ["train", str(_corpus(tmp_path)), "--features", "general", "--min-df", "1", "--C",
                                 "2", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    header = json.loads(zipfile.ZipFile(out).read("model.json"))
    assert header["features"]["ngrams"]["min_df"] == 1 and header["features"]["max_ngrams"] == 60000
    r = CliRunner().invoke(cli, ["train", str(_corpus(tmp_path)), "--features", "general", "--solver", "sgd",
                                 "-o", str(out)])
    assert r.exit_code == 2 and "does not take --solver" in r.output


def test_labels_whose_polarity_is_unknown_are_named(tmp_path):
    corpus = _corpus(tmp_path, "happy", "sad")
    r = CliRunner().invoke(cli, ["train", str(corpus), "--features", "general", "-o", str(tmp_path / "g.zip")])
    assert r.exit_code == 1 and f"error: {corpus}: cannot tell which of the labels 'happy' and 'sad' is positive" \
        in r.output
    r = CliRunner().invoke(cli, ["cv", str(corpus), "--features", "general", "-k", "2"])
    assert r.exit_code == 1 and f"error: {corpus}: cannot tell" in r.output
    r = CliRunner().invoke(cli, ["train", str(corpus), "--features", "general", "--label-map", "happy=pos,sad=neg",
                                 "-o", str(tmp_path / "g.zip"), "-q"])
    assert r.exit_code == 0, r.output


def test_reversed_label_order_keeps_the_rule_towards_positive(tmp_path):
    """'favourable' sorts first, so the model's score is the logit of 'unfavourable': the VADER rule and the prior
    must still point to the positive label."""
    corpus = _corpus(tmp_path, "favourable", "unfavourable")
    out = tmp_path / "g.zip"
    r = CliRunner().invoke(cli, ["train", str(corpus), "--features", "general", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    assert list(load_model(out).predict(["not terrible at all", "not delightful"], neutral=False)) == \
        ["favourable", "unfavourable"]


def test_cv_features_general(tmp_path):
    r = CliRunner().invoke(cli, ["cv", str(_corpus(tmp_path)), "--features", "general", "-k", "2"])
    assert r.exit_code == 0, r.output
    assert "mean ± std: accuracy" in r.output
