"""Settings: checked where they are set, and a fit they make diverge is an error naming them (issue 29, 3 and 4).

Each estimator declares its parameters' bounds in one table (``_parameter_constraints``,
sentiment/parameters.py) that ``fit`` checks; the command line's options carry the same
bounds, NaN and infinity included. A fit whose weights, loss or gradient stop being finite
numbers raises :class:`~sentiment.errors.DivergenceError` (one ``error:`` line on the
command line): a NaN never reaches a model file or a metric.
"""

import time
import warnings

import numpy as np
import pytest

from sentiment.cli.main import cli
from sentiment.errors import DivergenceError, InputError, InvalidParameterError
from sentiment.features.extended import ExtendedFeatures
from sentiment.features.general import GeneralFeatures
from sentiment.linear.model import LogisticRegression

TOY = ("pos great fun and nice\npos a great great film\nneg hokey and second-rate\nneg a hokey mess\n"
       "pos nice nice\nneg second-rate hokey\n")
DOCS = ["great fun", "hokey mess", "a great film", "second-rate and hokey"]
LABELS = ["pos", "neg", "pos", "neg"]


@pytest.fixture()
def toy(tmp_path):
    path = tmp_path / "toy.txt"
    path.write_text(TOY)
    return path


def _one_error_line(res, *needles):
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


# -- 3. solver settings that make NaN --------------------------------------------------------------

@pytest.mark.parametrize("args,names", [
    (["--C", "1e-320"], ["raise C (--C)"]),
    (["--l2", "1e308"], ["training diverged", "lower l2 (--l2)"]),
    (["--l2", "1e308", "--solver", "lbfgs"], ["training diverged", "lower l2 (--l2)"]),
    (["--lr", "1e308", "--solver", "sgd"], ["training diverged", "lower learning_rate (--lr)"]),
    (["--lr", "1e308", "--solver", "batch"], ["training diverged", "lower learning_rate (--lr)"]),
    (["--lr", "1e308", "--solver", "minibatch"], ["training diverged", "lower learning_rate (--lr)"]),
])
def test_train_that_diverges_is_one_error_line_and_writes_no_model(runner, toy, tmp_path, args, names):
    out = tmp_path / "m.json"
    res = runner.invoke(cli, ["train", str(toy), "--lexicon", "textbook", "-q", "-o", str(out), *args])
    _one_error_line(res, *names)
    assert not out.exists()


def test_cv_that_diverges_reports_no_metrics(runner, toy):
    res = runner.invoke(cli, ["cv", str(toy), "--lexicon", "textbook", "-k", "2", "--solver", "sgd", "--lr", "1e308"])
    _one_error_line(res, "training diverged", "--lr")
    assert "accuracy" not in res.stdout


@pytest.mark.parametrize("params", [
    dict(solver="sgd", learning_rate=1e308),
    dict(solver="batch", learning_rate=1e308),
    dict(solver="newton", l2=1e308),
    dict(solver="lbfgs", l2=1e308),
    dict(C=1e-320),
])
def test_python_fit_that_diverges_raises_a_catchable_value_error(params):
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]])
    model = LogisticRegression(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy overflow warnings on the way: the error says it all
        with pytest.raises(DivergenceError) as caught:
            model.fit(X, [0, 0, 1, 1])
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, InputError)
    assert not hasattr(model, "coef_")


def test_nan_learning_rate_is_refused_before_the_fit():
    with pytest.raises(InvalidParameterError, match="learning_rate must be a float in"):
        LogisticRegression(solver="sgd", learning_rate=float("nan")).fit(np.eye(2), [0, 1])


# -- 4. option values validated where they are set ------------------------------------------------

@pytest.mark.parametrize("params,message", [
    (dict(max_iter=-5), "max_iter must be an int in [1, inf) or None; got -5"),
    (dict(max_iter=0), "max_iter must be an int in [1, inf)"),
    (dict(decay=-1.0), "decay must be a float in [0, inf)"),
    (dict(learning_rate=-0.1), "learning_rate must be a float in (0, inf)"),
    (dict(tol=1e308), "tol must be a float in [0, 1) or None"),
    (dict(C=float("inf")), "C must be a float in (0, inf) or None"),
    (dict(validation_fraction=float("nan")), "validation_fraction must be a float in [0, 1)"),
    (dict(random_state=-5), "random_state must be an int in [0, inf)"),
    (dict(batch_size=1.5), "batch_size must be an int in [1, inf)"),
])
def test_logistic_regression_checks_its_parameters_in_fit(params, message):
    model = LogisticRegression(**params)  # __init__ stores, as scikit-learn asks
    with pytest.raises(InvalidParameterError) as caught:
        model.fit(np.eye(2), [0, 1])
    assert message in str(caught.value) and str(caught.value).startswith("LogisticRegression: ")
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, TypeError)


@pytest.mark.parametrize("cls", [ExtendedFeatures, GeneralFeatures])
@pytest.mark.parametrize("params,message", [
    (dict(ngram_range=(2, 1)), "ngram_range must be a pair (min_n, max_n) of ints with 1 <= min_n <= max_n <= 5"),
    (dict(ngram_range=(0, 0)), "ngram_range must be"),
    (dict(ngram_range=(-3, -1)), "ngram_range must be"),
    (dict(ngram_range=(1, 10**9)), "ngram_range must be"),
    (dict(min_df=-1), "min_df must be an int in [1, inf)"),
    (dict(nb_end=float("nan")), "nb_end must be a float in [0, 1)"),
    (dict(alpha=-1.0), "alpha must be a float in (0, inf)"),
])
def test_featurizers_check_their_parameters_in_fit(cls, params, message):
    started = time.perf_counter()
    for fit in ("fit", "fit_transform"):
        with pytest.raises(InvalidParameterError) as caught:
            getattr(cls(lexicon="textbook", **params), fit)(DOCS, LABELS)
        assert message in str(caught.value) and str(caught.value).startswith(cls.__name__ + ": ")
    assert time.perf_counter() - started < 5  # (1, 10**9) never finished


def test_the_longest_ngram_allowed_is_the_longest_a_model_file_holds(tmp_path):
    from sentiment.features.ngrams import MAX_NGRAM
    from sentiment.pipeline import SentimentPipeline, load_model

    docs = ["a truly great and moving film", "a dull and tedious mess of a film"]
    featurizer = ExtendedFeatures(lexicon="textbook", ngram_range=(1, MAX_NGRAM), nb=False)
    pipe = SentimentPipeline(featurizer).fit(docs, ["pos", "neg"])
    assert any(n.count(" ") == MAX_NGRAM - 1 for n in pipe.feature_names)
    pipe.save(tmp_path / "m.json")
    assert load_model(tmp_path / "m.json").feature_names == pipe.feature_names


@pytest.mark.parametrize("args,needle", [
    (["train", "{toy}", "--features", "extended", "--ending", "nan", "-o", "{out}"], "'--ending': 'nan' is not a finite"),
    (["train", "{toy}", "--decay", "inf", "-o", "{out}"], "'--decay': 'inf' is not a finite"),
    (["train", "{toy}", "--validation-split", "nan", "-o", "{out}"], "'--validation-split': 'nan' is not a finite"),
    (["train", "{toy}", "--tol", "1e308", "-o", "{out}"], "'--tol': 1e+308 is not in the range 0<=x<1"),
    (["compare", "six", "six", "{toy}", "--seed", "-5"], "'--seed': -5 is not in the range x>=0"),
    (["compare", "six", "six", "{toy}", "--confidence", "nan"], "'--confidence': 'nan' is not a finite"),
    (["lexicon", "induce", "{toy}", "--z", "nan", "-o", "{out}"], "'--z': 'nan' is not a finite"),
])
def test_command_line_options_refuse_values_out_of_range_before_any_work(runner, toy, tmp_path, args, needle):
    out = tmp_path / "out.json"
    res = runner.invoke(cli, [a.format(toy=toy, out=out) for a in args])
    assert res.exit_code == 2 and res.exception is None or isinstance(res.exception, SystemExit), res.output
    assert needle in res.stderr, res.stderr
    assert not out.exists()


def test_paired_bootstrap_refuses_a_negative_seed():
    from sentiment.evaluation.bootstrap import paired_bootstrap

    with pytest.raises(InvalidParameterError, match="paired_bootstrap: seed must be an int in"):
        paired_bootstrap([0, 1], [0, 1], [1, 1], [0, 1], resamples=100, seed=-5)


def test_a_tolerance_met_at_the_start_still_takes_a_step():
    """A loose tolerance used to return the zero starting point as the fit (a zero model saved)."""
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    for solver in ("newton", "lbfgs"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = LogisticRegression(solver=solver, tol=0.9).fit(X, [0, 0, 1, 1])
        assert model.n_iter_ >= 1 and np.all(model.coef_ != 0), solver


def test_the_general_recipe_checks_its_own_settings():
    from sentiment.training.general import make_general_pipeline

    with pytest.raises(InvalidParameterError, match="GeneralPipeline: rule_weight must be a float in"):
        make_general_pipeline(rule_weight=float("nan")).fit(DOCS, LABELS)  # a NaN added to a fitted weight
