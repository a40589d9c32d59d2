"""Dask: scoring and training on a LocalCluster with two workers equal the single-process results."""


import numpy as np
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from sentiment.cli.main import cli  # noqa: E402
from sentiment.io.corpus import read_corpora  # noqa: E402
from sentiment.scale.distributed import fit_newton, iter_scored_partitions, score_dataframe  # noqa: E402
from sentiment.pipeline import load_model  # noqa: E402
from sentiment.training.train import train_pipeline  # noqa: E402


@pytest.fixture(scope="module")
def frame(data):
    import pandas as pd

    mr = data / "corpora" / "sentence-polarity-v1.0"
    c = read_corpora([mr / "rt-polarity.pos", mr / "rt-polarity.neg"])
    return c, pd.DataFrame({"text": c.texts, "label": c.labels, "n": range(len(c))})


def test_scoring_on_cluster_equals_single_process(client, frame):
    c, df = frame
    pipe = load_model("default")
    ddf = dd.from_pandas(df, npartitions=6)
    # the frame has gold labels: the answers go under a prefix, never over them
    parts = list(iter_scored_partitions(score_dataframe(pipe, ddf, prefix="pred_"), client))
    assert [x for p in parts for x in p["label"]] == list(df["label"])
    got = np.vstack([p[["pred_p_neg", "pred_p_neu", "pred_p_pos"]].to_numpy() for p in parts])
    assert [int(x) for p in parts for x in p["n"]] == list(range(len(df)))  # order kept
    assert np.allclose(got, pipe.predict_proba(c.texts), atol=1e-12)


def test_distributed_newton_equals_single_process(client, frame):
    c, df = frame
    ddf = dd.from_pandas(df, npartitions=5)
    dist = fit_newton(ddf, lexicon="default", C=1.0, client=client)
    local = train_pipeline(c, lexicon="default", C=1.0)
    assert dist.classes_.tolist() == local.classes_.tolist()
    assert np.allclose(dist.model.coef_, local.model.coef_, atol=1e-7)
    assert np.allclose(dist.model.intercept_, local.model.intercept_, atol=1e-7)
    assert dist.model.converged_


def test_cli_engine_dask_matches_local(runner, tmp_path, frame):
    c, df = frame
    path = tmp_path / "in.csv"
    df.head(3000).to_csv(path, index=False)
    # the table has gold labels: the answers go under a prefix, never over them (issue 29, 12)
    a = runner.invoke(cli, ["classify", str(path), "--csv", "--prefix", "pred_"])
    b = runner.invoke(cli, ["classify", str(path), "--csv", "--prefix", "pred_", "--engine", "dask"])
    assert a.exit_code == 0 and b.exit_code == 0, b.output
    import io

    import pandas as pd

    ra, rb = pd.read_csv(io.StringIO(a.stdout)), pd.read_csv(io.StringIO(b.stdout))
    assert len(ra) == len(rb) == 3000 and (ra["pred_label"] == rb["pred_label"]).all()
    assert (ra["label"] == rb["label"]).all() and list(ra["label"][:5]) == list(df["label"][:5])
    assert np.allclose(ra["pred_p_pos"], rb["pred_p_pos"], atol=1e-6)


def test_scoring_the_compact_extended_model_on_cluster_equals_single_process(client, frame):
    c, df = frame
    pipe = load_model("extended")  # shipped compact: its arrays travel to the workers as the model's dict
    ddf = dd.from_pandas(df.head(2000), npartitions=3)
    parts = list(iter_scored_partitions(score_dataframe(pipe, ddf, prefix="pred_"), client))
    got = np.vstack([p[["pred_p_neg", "pred_p_pos"]].to_numpy() for p in parts])
    assert np.allclose(got, pipe.predict_proba(c.texts[:2000]), atol=1e-12)
