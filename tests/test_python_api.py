"""The Python API a new user meets: one-liners, pandas/Dask columns, NLTK, tokenizer functions."""

import subprocess
import sys

import numpy as np
import pytest

pd = pytest.importorskip("pandas")

import sentiment
from sentiment.errors import InputError
from sentiment.pipeline import load_model


def test_classify_a_list_a_series_and_one_string():
    texts = ["A stirring, funny and finally transporting film.", "A dull, tedious mess."]
    out = sentiment.classify(texts)
    assert list(out.columns) == ["text", "label", "probability", "p_neg", "p_neu", "p_pos", "score"]
    assert out["text"].tolist() == texts and out["label"].tolist() == ["pos", "neg"]
    expected = load_model("default").predict_proba(texts)
    assert np.allclose(out[["p_neg", "p_neu", "p_pos"]].to_numpy(), expected)
    assert np.allclose(out["probability"], expected.max(axis=1))
    assert np.allclose(out["score"], expected[:, 2] - expected[:, 0])
    polar = sentiment.classify(texts, neutral=False)  # two classes, renormalised
    assert list(polar.columns) == ["text", "label", "probability", "p_neg", "p_pos", "score"]
    assert np.allclose(polar["p_neg"] + polar["p_pos"], 1)
    one = sentiment.classify(texts[0])  # one string is one document, not one per character
    assert len(one) == 1 and one["label"].tolist() == ["pos"]
    series = pd.Series(texts, index=["a", "b"], name="review")
    by_series = sentiment.classify(series)
    assert by_series.index.tolist() == ["a", "b"] and by_series["review"].tolist() == texts
    assert sentiment.classify(tuple(texts))["label"].tolist() == ["pos", "neg"]


def test_score_gives_one_result():
    r = sentiment.score("A stirring, funny and finally transporting film.")
    assert r["label"] == "pos" and r["probability"] == max(r["probabilities"].values())
    assert abs(sum(r["probabilities"].values()) - 1) < 1e-12
    extended = sentiment.score("A dull, tedious mess.", model="extended")
    assert extended["label"] == "neg"
    with pytest.raises(TypeError, match="one text"):
        sentiment.score(["a", "b"])
    with pytest.raises(InputError, match="no text"):
        sentiment.score("   ")


@pytest.mark.parametrize("on_error, rows, labels", [
    ("skip", [0, 2, 4], ["pos", "neg", "pos"]),
    ("flag", [0, 1, 2, 3, 4], ["pos", None, "neg", None, "pos"]),
])
def test_missing_texts_follow_on_error(on_error, rows, labels):
    s = pd.Series(["Wonderful.", None, "Dreadful and dull.", float("nan"), "Great fun."])
    out = sentiment.classify(s, on_error=on_error)
    assert out.index.tolist() == rows and out["label"].tolist() == labels
    if on_error == "flag":
        assert out["error"].tolist() == [None, "no text", None, "no text", None]
        assert np.isnan(out.loc[1, "p_pos"]) and np.isnan(out.loc[3, "probability"])


def test_missing_text_is_flagged_by_default_as_on_the_command_line():
    """One default for both interfaces (issue 29, 20): Python's was "fail", the command line's "flag"."""
    import inspect

    from sentiment.frames import score_frame
    from sentiment.io.batch import ON_ERROR_DEFAULT, classify_chunks

    out = sentiment.classify(["fine", None])
    assert out["label"].tolist() == ["pos", None] and out["error"].tolist() == [None, "no text"]
    for fn in (sentiment.classify, score_frame, classify_chunks):
        assert inspect.signature(fn).parameters["on_error"].default == ON_ERROR_DEFAULT == "flag"
    from sentiment.cli.classify import classify as classify_command

    assert next(p.default for p in classify_command.params if p.name == "on_error") == ON_ERROR_DEFAULT


def test_missing_text_fails_when_asked_naming_the_row():
    with pytest.raises(InputError, match=r"row 1 .*no text"):
        sentiment.classify(["fine", None], on_error="fail")
    with pytest.raises(InputError, match=r"row 'b' .*no text"):
        sentiment.classify(pd.Series(["fine", ""], index=["a", "b"]), on_error="fail")


def test_dataframe_needs_its_column_and_keeps_the_others():
    df = pd.DataFrame({"id": [7, 8, 9], "review": ["Wonderful.", "Dreadful and dull.", None]})
    with pytest.raises(TypeError, match=r'classify\(df, column="review"\)'):
        sentiment.classify(df)
    with pytest.raises(InputError, match="no column 'body'"):
        sentiment.classify(df, column="body")
    out = sentiment.classify(df, column="review", on_error="flag")
    assert out["id"].tolist() == [7, 8, 9] and out["label"].tolist() == ["pos", "neg", None]
    assert df.columns.tolist() == ["id", "review"]  # the input is not modified


@pytest.mark.parametrize("bad, message", [({"a gem": 1}, "dict"), (b"a gem", "bytes"),
                                          (np.array([["a"], ["b"]]), "2-D")])
def test_classify_refuses_what_it_would_misread(bad, message):
    with pytest.raises(TypeError, match=message):
        sentiment.classify(bad)


def test_pandas_and_dask_columns_through_one_function():
    dd = pytest.importorskip("dask.dataframe")
    from sentiment.frames import score_frame

    texts = ["Wonderful.", None, "Dreadful and dull.", "A joy.", "", "Tedious.", "Warm and funny."] * 3
    df = pd.DataFrame({"n": range(len(texts)), "review": texts})
    pipe = load_model("default")
    for on_error in ("skip", "flag"):
        local = sentiment.classify(df, column="review", on_error=on_error)
        ddf = dd.from_pandas(df, npartitions=3)
        lazy = sentiment.classify(ddf, column="review", on_error=on_error)
        assert type(lazy).__module__.startswith("dask")
        got = lazy.compute()
        assert got["n"].tolist() == local["n"].tolist()  # same rows, same order
        assert got["label"].tolist() == local["label"].tolist()
        assert np.allclose(got["p_pos"].to_numpy(float), local["p_pos"].to_numpy(float), equal_nan=True)
        assert np.allclose(score_frame(ddf, "review", pipe, on_error).compute()["p_pos"].to_numpy(float),
                           local["p_pos"].to_numpy(float), equal_nan=True)
    with pytest.raises(InputError, match=r"row \d+ \(column 'review'\): no text"):
        sentiment.classify(dd.from_pandas(df, npartitions=3), column="review", on_error="fail").compute()


def test_a_tokenizer_function_is_used_and_cannot_be_saved(tmp_path):
    from sentiment.features.six import SixFeatures
    from sentiment.pipeline import SentimentPipeline

    seen = []

    def tokens(text):
        seen.append(text)
        return text.lower().split()

    texts = ["great fun", "nice and great", "hokey mess", "second-rate and hokey"]
    pipe = SentimentPipeline(SixFeatures(lexicon="textbook", tokenizer=tokens)).fit(texts, ["p", "p", "n", "n"])
    assert "great fun" in seen
    # "great!" is one token for str.split, so not the lexicon word "great": the function is really used
    x = pipe.featurize(["great!", "great !"])
    assert x[0, 0] == 0 and x[1, 0] == 1
    assert sentiment.classify(["so great"], model=pipe)["label"].tolist() == ["p"]
    with pytest.raises(TypeError, match="tokenizer is a function"):
        pipe.save(tmp_path / "m.json")
    assert not (tmp_path / "m.json").exists()


def test_nltk_wrapper_is_a_classifier_nltk_can_evaluate():
    pytest.importorskip("nltk")
    from nltk.classify import ClassifierI, accuracy

    from sentiment.nltk_classifier import SentimentClassifier

    clf = SentimentClassifier("default")
    assert isinstance(clf, ClassifierI) and clf.labels() == ["neg", "neutral", "pos"]
    gold = [("A stirring, funny and finally transporting film.".split(), "pos"),
            ("A dull, tedious mess.", "neg")]
    assert accuracy(clf, gold) == 1.0
    dist = clf.prob_classify("A dull, tedious mess.")
    assert dist.max() == "neg" and abs(dist.prob("neg") - load_model("default").predict_proba(
        ["A dull, tedious mess."])[0, 0]) < 1e-12
    assert clf.classify_many(["The meeting is at 3pm.", "A gem."]) == ["neutral", "pos"]
    with pytest.raises(TypeError, match="feature dict"):
        clf.classify({"contains(great)": True})


def test_the_cli_path_imports_no_sklearn_pandas_or_scipy():
    code = ("import sys; from click.testing import CliRunner; from sentiment.cli.main import cli; "
            "r = CliRunner().invoke(cli, ['classify', 'A gem of a film.']); assert r.exit_code == 0, r.output; "
            "import sentiment; sentiment.__version__; "
            "print(sorted(m for m in ('sklearn', 'pandas', 'scipy', 'nltk', 'dask') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_batch_with_the_default_model_imports_no_scipy(tmp_path):
    # Scores are read off the feature blocks: importing scipy.sparse was 0.2 s of a 200-line file's 0.5 s.
    path = tmp_path / "in.csv"
    path.write_text("id,text\n" + "".join(f"{i},not bad at all but the ending drags {i}\n" for i in range(300)))
    code = ("import sys; from click.testing import CliRunner; from sentiment.cli.main import cli; "
            f"r = CliRunner().invoke(cli, ['classify', {str(path)!r}, '--csv', '-q']); assert r.exit_code == 0, r.output; "
            "assert r.output.count('\\n') == 301, r.output[-300:]; "
            "print(sorted(m for m in ('pandas', 'scipy', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
