"""The Python API's rough edges from issue 29: a column named twice (7), a string where NLTK's
``classify_many`` takes a list (16), featurizers used before ``fit`` (19). The default of
``on_error`` (20) is tested with the rest of ``on_error`` in test_python_api.py."""

import numpy as np
import pandas as pd
import pytest

import sentiment
from sentiment.errors import InputError, NotFittedError
from sentiment.features.extended import ExtendedFeatures
from sentiment.features.general import GeneralFeatures
from sentiment.features.six import SixFeatures


# -- 7. a text column named twice ------------------------------------------------------------------

def test_a_text_column_named_twice_is_one_clear_error():
    df = pd.DataFrame([["a good film", "a bad film", 1]], columns=["text", "text", "id"])
    with pytest.raises(InputError, match=r"column 'text' appears 2 times \(columns: text, text, id\); rename or "
                                         r"drop the others"):
        sentiment.classify(df, column="text")
    fixed = sentiment.classify(df.loc[:, ~df.columns.duplicated()], column="text", model="six")  # the fix it names
    assert fixed["label"].tolist() == ["pos"]


def test_a_dask_frame_with_a_column_named_twice_is_refused_too():
    dd = pytest.importorskip("dask.dataframe")
    df = pd.DataFrame([["a good film", "a bad film"]], columns=["review", "review"])
    with pytest.raises(InputError, match="column 'review' appears 2 times"):
        sentiment.classify(dd.from_pandas(df, npartitions=1), column="review")


# -- 16. NLTK's classify_many takes a list ---------------------------------------------------------

@pytest.mark.parametrize("method", ["classify_many", "prob_classify_many"])
def test_nltk_many_methods_refuse_one_string_and_one_feature_dict(method):
    pytest.importorskip("nltk")
    from sentiment.nltk_classifier import SentimentClassifier

    clf = SentimentClassifier("six")
    with pytest.raises(TypeError, match=f"{method} takes a list of featuresets, got one string"):
        getattr(clf, method)("good film")
    with pytest.raises(TypeError, match=f"{method} takes a list of featuresets, got one feature dict"):
        getattr(clf, method)({"good": True, "film": True})
    with pytest.raises(TypeError, match=r"train takes a list of \(featureset, label\) pairs"):
        SentimentClassifier.train("good film")
    assert len(getattr(clf, method)(["good film", ["a", "dull", "mess"]])) == 2
    assert clf.classify("good film") in clf.labels()


# -- 19. featurizers used before fit -----------------------------------------------------------------

@pytest.mark.parametrize("cls", [ExtendedFeatures, GeneralFeatures])
def test_featurizers_that_learn_raise_not_fitted_before_fit(cls):
    f = cls(lexicon="textbook")
    for use in (lambda: f.transform(["a good film"]), lambda: f.linear_scores(["a good film"], np.zeros((6, 1)))):
        with pytest.raises(NotFittedError, match=f"this {cls.__name__} is not fitted yet; call fit first") as caught:
            use()
        assert isinstance(caught.value, ValueError) and isinstance(caught.value, AttributeError)
    assert not f.__sklearn_is_fitted__()
    f.fit(["a good film", "a dull mess"], ["pos", "neg"])
    assert f.__sklearn_is_fitted__() and f.transform(["a good film"]).shape[0] == 1


def test_six_features_need_no_fit_their_lexicon_is_a_parameter():
    docs = ["No, you are great!", "a dull mess"]
    unfitted = SixFeatures(lexicon="textbook")
    assert unfitted.__sklearn_is_fitted__()
    assert np.array_equal(unfitted.transform(docs), SixFeatures(lexicon="textbook").fit(docs).transform(docs))


def test_not_fitted_error_is_scikit_learns_when_scikit_learn_is_loaded():
    sklearn_exceptions = pytest.importorskip("sklearn.exceptions")
    from sklearn.utils.validation import check_is_fitted

    with pytest.raises(sklearn_exceptions.NotFittedError):
        ExtendedFeatures().transform(["a good film"])
    check_is_fitted(SixFeatures())  # no error: nothing to fit
    with pytest.raises(sklearn_exceptions.NotFittedError):
        check_is_fitted(GeneralFeatures())


@pytest.mark.parametrize("use", ["predict", "predict_proba", "decision_function", "explain", "save"])
def test_a_pipeline_used_before_fit_names_itself(use, tmp_path):
    from sentiment.pipeline import SentimentPipeline

    pipe = SentimentPipeline(SixFeatures(lexicon="textbook"))
    arg = {"explain": "a good film", "save": tmp_path / "m.json"}.get(use, ["a good film"])
    with pytest.raises(NotFittedError, match="this SentimentPipeline is not fitted yet; call fit first"):
        getattr(pipe, use)(arg)
