"""The extended model trained on a 2-worker Dask cluster equals the one-process fit (atol 1e-6)."""


import numpy as np
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from sentiment.features.extended import ExtendedFeatures  # noqa: E402
from sentiment.io.corpus import read_corpora  # noqa: E402
from sentiment.linear.model import LogisticRegression  # noqa: E402
from sentiment.pipeline import SentimentPipeline, model_from_dict, model_to_dict  # noqa: E402
from sentiment.scale.dask_training import fit_extended  # noqa: E402


@pytest.mark.parametrize("params", [
    dict(ngram_range=(1, 2), min_df=2, negation=True),  # NB log-odds of the text and of its ending
    dict(ngram_range=(1, 1), min_df=1, nb_score=False),  # NB-scaled n-grams alone
])
def test_dask_extended_training_equals_one_process(client, data, params):
    import pandas as pd

    mr = data / "corpora" / "sentence-polarity-v1.0"
    c = read_corpora([mr / "rt-polarity.pos", mr / "rt-polarity.neg"])
    rows = np.random.default_rng(0).permutation(len(c))[:1500]
    texts, labels = [c.texts[i] for i in rows], [str(c.labels[i]) for i in rows]
    ddf = dd.from_pandas(pd.DataFrame({"text": texts, "label": labels}), npartitions=3)
    dist = fit_extended(ddf, C=1.0, tol=1e-9, client=client, **params)
    local = SentimentPipeline(ExtendedFeatures(lexicon="default", **params), LogisticRegression(C=1.0, tol=1e-9)).fit(texts, labels)
    assert dist.featurizer.feature_names == local.featurizer.feature_names
    assert np.allclose(dist.featurizer.mean_, local.featurizer.mean_, atol=1e-9)
    assert np.allclose(dist.featurizer.ngrams_.ratio_, local.featurizer.ngrams_.ratio_, atol=1e-9)
    assert dist.featurizer.ngrams_.score_scale_ == pytest.approx(local.featurizer.ngrams_.score_scale_, abs=1e-9)
    assert np.allclose(dist.model.coef_, local.model.coef_, atol=1e-6)
    assert np.allclose(dist.model.intercept_, local.model.intercept_, atol=1e-6)
    assert dist.model.converged_
    # A model file like any other: it round-trips and scores as the one-process model does.
    again = model_from_dict(model_to_dict(dist))
    assert np.allclose(again.predict_proba(texts[:50]), local.predict_proba(texts[:50]), atol=1e-6)
