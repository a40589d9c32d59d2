"""Fitted featurizers and pipelines pickle and joblib-dump, as scikit-learn users expect (model files stay the
recommended format: plain, versioned and validated; a pickle runs code when loaded)."""

import pickle

import numpy as np
import pytest

from sentiment.pipeline import load_model

TEXTS = ["a gem of a film", "not bad at all", "The meeting is at 3pm.", "awful, dull and long"]


@pytest.mark.parametrize("name", ["default", "six", "extended"])
def test_a_used_model_pickles_and_scores_the_same(name):
    pipe = load_model(name)
    before = pipe.predict_proba(TEXTS)  # used once: its lookup tables are built
    again = pickle.loads(pickle.dumps(pipe))
    assert np.array_equal(again.predict_proba(TEXTS), before)
    assert again.predict(TEXTS).tolist() == pipe.predict(TEXTS).tolist()


def test_joblib_dumps_a_fitted_pipeline(tmp_path):
    joblib = pytest.importorskip("joblib")
    from sentiment.features.six import SixFeatures
    from sentiment.linear.model import LogisticRegression
    from sentiment.pipeline import SentimentPipeline

    pipe = SentimentPipeline(SixFeatures(lexicon="default"), LogisticRegression()).fit(
        ["great fun", "awful mess", "lovely", "dull"] * 5, ["pos", "neg", "pos", "neg"] * 5)
    joblib.dump(pipe, tmp_path / "m.joblib")
    assert np.array_equal(joblib.load(tmp_path / "m.joblib").predict_proba(TEXTS), pipe.predict_proba(TEXTS))
