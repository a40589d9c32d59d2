"""MAP adaptation (sentiment/training/adapt.py, LogisticRegression(prior=)): the penalty towards a prior model."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from sentiment.cli.main import cli
from sentiment.errors import InputError, InvalidParameterError
from sentiment.features.extended import ExtendedFeatures
from sentiment.linear.loss import gradient, objective
from sentiment.linear.model import LogisticRegression
from sentiment.pipeline import SentimentPipeline, load_model
from sentiment.training.adapt import AdaptedPipeline, adapt

POS = ["a great and warm film", "funny, moving and great", "a gem of a film", "warm and funny", "great fun",
       "a lovely, moving story"]
NEG = ["a dull and tedious mess", "tedious, flat and dull", "a mess of a film", "flat and boring", "dull mess",
       "a boring, tedious story"]
NEU = ["the film opens on friday", "the story is set in ohio", "it runs two hours", "the cast are actors",
       "a film about a town", "the film is in colour"]


def _data(rng, n, K):
    X = rng.normal(size=(n, 4))
    Y = np.eye(K)[rng.integers(0, K, n)] if K > 1 else rng.integers(0, 2, (n, 1)).astype(float)
    return X, Y


@pytest.mark.parametrize("K", [1, 3])
def test_penalty_gradient_matches_finite_differences(K):
    rng = np.random.default_rng(0)
    X, Y = _data(rng, 40, K)
    theta, prior = rng.normal(size=(K, 5)), rng.normal(size=(K, 5))
    w = rng.uniform(0.5, 2.0, 40)
    value, grad = gradient(theta, X, Y, 0.7, w, prior)
    assert value == pytest.approx(objective(theta, X, Y, 0.7, w, prior))
    numeric = np.zeros_like(theta)
    for i in np.ndindex(theta.shape):
        step = np.zeros_like(theta)
        step[i] = 1e-6
        numeric[i] = (objective(theta + step, X, Y, 0.7, w, prior) - objective(theta - step, X, Y, 0.7, w, prior)) / 2e-6
    assert np.abs(numeric - grad).max() < 1e-7
    # The bias is penalised towards the prior's too (column d): without a prior it is free.
    _, free = gradient(theta, X, Y, 0.7, w)
    assert np.allclose(grad[:, -1] - free[:, -1], 0.7 * (theta - prior)[:, -1])


def _prior(three_way=False):
    texts, labels = POS + NEG, ["pos"] * 6 + ["neg"] * 6
    if three_way:
        texts, labels = texts + NEU, labels + ["neutral"] * 6
    f = ExtendedFeatures(lexicon="textbook", ngram_range=(1, 1), nb_score=False, nb=False)
    return SentimentPipeline(f, LogisticRegression(C=1.0, standardize=False)).fit(texts, labels)


def test_infinite_strength_returns_the_prior_and_zero_the_unpenalised_fit():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 3))
    y = np.where(X[:, 0] + rng.normal(size=60) > 0, "pos", "neg")
    base = LogisticRegression(C=0.1).fit(X[:20], y[:20])
    kept = LogisticRegression(l2=float("inf"), prior=base).fit(X[20:], y[20:])
    assert np.array_equal(kept.coef_, base.coef_) and np.array_equal(kept.intercept_, base.intercept_)
    free = LogisticRegression(C=None, standardize=False).fit(X, y)
    from_prior = LogisticRegression(l2=0.0, prior=LogisticRegression(C=0.1, standardize=False).fit(X[:20], y[:20]))
    from_prior.fit(X, y)
    assert np.allclose(from_prior.coef_, free.coef_, atol=1e-6)
    assert np.allclose(from_prior.intercept_, free.intercept_, atol=1e-6)
    # Between them the weights move monotonically towards the new data's optimum.
    gaps = [np.linalg.norm(LogisticRegression(l2=s, prior=base).fit(X, y).coef_ - base.coef_) for s in (10, 1, 0.1, 0.01)]
    assert gaps == sorted(gaps)
    with pytest.raises(InputError, match="needs prior="):
        LogisticRegression(l2=float("inf")).fit(X, y)


def test_pipeline_strengths_and_newton_agree_with_lbfgs():
    prior = _prior()
    texts, labels = ["great mess", "dull fun", "a warm film", "a tedious film"], ["neg", "pos", "pos", "neg"]
    kept = AdaptedPipeline(prior, strength=float("inf")).fit(texts, labels)
    assert np.array_equal(kept.predict_proba(POS + NEG), prior.predict_proba(POS + NEG))
    X = prior.featurize(texts)
    a = LogisticRegression(l2=0.05, prior=prior.model, solver="newton").fit(X.toarray(), labels)
    b = LogisticRegression(l2=0.05, prior=prior.model, solver="lbfgs").fit(X, labels)
    assert np.allclose(a.coef_, b.coef_, atol=1e-6)
    with pytest.raises(ValueError, match="does not take a prior"):
        from sentiment.linear.solvers import register_solver, _SOLVERS

        register_solver("no-prior")(lambda *a, **k: None)
        try:
            LogisticRegression(l2=0.05, prior=prior.model, solver="no-prior").fit(X, labels)
        finally:
            del _SOLVERS["no-prior"]


def test_classes_matched_by_name_and_an_absent_class_keeps_the_prior_row():
    prior = _prior(three_way=True)
    names = prior.classes_.tolist()
    assert names == ["neg", "neutral", "pos"]
    pipe = AdaptedPipeline(prior, strength=0.01).fit(["a great mess", "dull fun", "a warm film", "a tedious film"],
                                                     ["neg", "pos", "pos", "neg"])
    assert pipe.classes_.tolist() == names
    k = names.index("neutral")
    assert np.array_equal(pipe.model.coef_[k], prior.model.coef_[k])
    assert pipe.model.intercept_[k] == prior.model.intercept_[k]
    assert not np.allclose(pipe.model.coef_[names.index("pos")], prior.model.coef_[names.index("pos")])
    # The data say "great mess" is negative: the adapted model learnt it.
    assert pipe.predict(["a great mess"]).tolist() == ["neg"]
    with pytest.raises(InputError, match=r"'good' are not among the prior model's classes \(neg, neutral, pos\): "
                                         r"rename them to those \(--label-map good=pos\)"):
        AdaptedPipeline(prior).fit(["a great film", "a dull film"], ["good", "neg"])
    with pytest.raises(InputError, match="at least two classes"):
        AdaptedPipeline(prior).fit(["a great film", "a fine film"], ["pos", "pos"])


def test_same_data_same_weights_and_the_model_file_records_the_adaptation(tmp_path):
    prior = _prior(three_way=True)
    texts, labels = POS + NEG + ["great mess", "dull fun"], ["pos"] * 6 + ["neg"] * 6 + ["neg", "pos"]
    a, b = adapt(texts, labels, model=prior), adapt(texts, labels, model=prior)
    assert np.array_equal(a.model.coef_, b.model.coef_)
    assert a.metadata["strength_choice"]["table"][0]["strength"] == "inf"  # the first candidate: the prior as it is
    a = adapt(texts, labels, model=prior, strength=0.01)
    a.save(tmp_path / "m.zip")
    loaded = load_model(tmp_path / "m.zip")
    assert np.allclose(loaded.predict_proba(texts), a.predict_proba(texts))
    assert loaded.metadata["adapted_from"]["documents"] == 14
    moved = loaded.metadata["weights_moved"]
    assert moved["relative_change"] > 0 and set(moved["toward"]) == {"neg", "pos"}


def test_sklearn_clone_and_grid_search_tune_the_strength():
    sklearn = pytest.importorskip("sklearn")
    from sklearn.base import clone
    from sklearn.model_selection import GridSearchCV

    prior = _prior()
    est = AdaptedPipeline(prior, strength=0.1)
    copy = clone(est)
    assert copy.get_params(deep=False) == est.get_params(deep=False) and copy.prior is prior
    texts, labels = (POS + NEG) * 2, (["pos"] * 6 + ["neg"] * 6) * 2
    search = GridSearchCV(est, {"strength": [1.0, 0.01]}, cv=3).fit(texts, labels)
    assert search.best_params_["strength"] in (1.0, 0.01)
    assert search.predict(["a great film"]).tolist() == ["pos"]
    # LogisticRegression(prior=) on a feature matrix: a clone keeps the fitted prior too.
    X = prior.featurize(texts)
    search = GridSearchCV(LogisticRegression(prior=prior.model), {"l2": [1.0, 0.01]}, cv=3).fit(X, labels)
    assert search.best_estimator_.prior is prior.model
    with pytest.raises(InvalidParameterError, match="strength"):
        AdaptedPipeline(prior, strength=-1.0).fit(texts, labels)
    assert sklearn  # imported for clone and GridSearchCV


def test_cli_adapts_a_model_file_and_prints_the_summary(tmp_path):
    _prior(three_way=True).save(tmp_path / "prior.json")
    corpus = tmp_path / "mine.txt"
    corpus.write_text("".join(f"pos {t}\n" for t in POS) + "".join(f"neg {t}\n" for t in NEG) + "neg great mess\n",
                      encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "adapted.json"
    result = runner.invoke(cli, ["train", str(corpus), "--from", str(tmp_path / "prior.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for line in ("documents: 13  (neg: 7, pos: 6)", f"prior: {tmp_path / 'prior.json'}",
                 "pseudo-documents: none", "penalty strength λ = ", "  λ = ∞ ", "<- chosen",
                 "weights moved: ||w − w_prior|| / ||w_prior|| = "):
        assert line in result.output
    result = runner.invoke(cli, ["train", str(corpus), "--from", str(tmp_path / "prior.json"), "--l2", "0.01",
                                 "-o", str(out)])
    assert "penalty strength λ = 0.01 (towards the prior, as given)" in result.output
    assert "n-grams that moved most toward neg: " in result.output
    assert json.loads(out.read_text())["training"]["adapted_from"]["documents"] == 13
    card = runner.invoke(cli, ["models", str(out)])
    assert "Adapted from" in card.output and "to 13 labelled documents" in card.output
    # cv --from: each training fold adapts the prior (the strength chosen inside it); the three-way prior is
    # scored on this two-class gold through its polar view, as evaluate scores it.
    result = runner.invoke(cli, ["cv", str(corpus), "--from", str(tmp_path / "prior.json"), "--folds", "2", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"]["accuracy"]["mean"] > 0.5
    # A class the prior lacks: one error line saying what to do.
    result = runner.invoke(cli, ["train", str(corpus), "--from", str(tmp_path / "prior.json"), "--label-map",
                                 "pos=good", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "error:" in result.output and "--label-map good=pos" in result.output
    # Options of a from-scratch fit do not mix with --from.
    result = runner.invoke(cli, ["train", str(corpus), "--from", "default", "--features", "six", "-o", str(out)])
    assert result.exit_code == 2 and "--from none" in result.output


def test_bare_train_adapts_the_default_model_and_falls_back_for_other_labels(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["train", "corpora/demo.txt", "--l2", "0.01", "-o", str(tmp_path / "d.zip")])
    assert result.exit_code == 0, result.output
    assert "prior: general (trained on " in result.output and "penalty strength λ = 0.01 (towards the prior, as given)" in result.output
    assert load_model(tmp_path / "d.zip").classes_.tolist() == ["neg", "neutral", "pos"]
    result = runner.invoke(cli, ["train", "corpora/demo.txt", "--label-map", "pos=good,neg=bad",
                                 "-o", str(tmp_path / "s.json")])
    assert result.exit_code == 0, result.output
    assert "trains the six-feature model from scratch" in result.output
    assert load_model(tmp_path / "s.json").featurizer.kind == "six"
