"""The general model trained by ``train --engine dask`` on a 2-worker cluster equals the one-process fit.

One training run (module fixture) on two CSV tables of MR sentences and RT-2k reviews, so all
three length bands carry weights; the lexicon prior is the last partition.  Then the model it
wrote is used by ``classify --engine dask`` on the same cluster.
"""

import io

import numpy as np
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from sentiment.cli.main import cli  # noqa: E402
from sentiment.io.corpus import read_corpora  # noqa: E402
from sentiment.pipeline import load_model  # noqa: E402
from sentiment.training.general import make_general_pipeline  # noqa: E402

TOL = 1e-10  # both sides: the weights are compared at atol 1e-6


@pytest.fixture(scope="module")
def tables(data, tmp_path_factory):
    """Two CSV tables: 700 then 500 rows of MR sentences with 15 RT-2k reviews of each class among them."""
    import pandas as pd

    mr = data / "corpora" / "sentence-polarity-v1.0"
    c = read_corpora([mr / "rt-polarity.pos", mr / "rt-polarity.neg"])
    rows = np.random.default_rng(0).permutation(len(c))[:1170]
    texts, labels = [c.texts[i] for i in rows], [str(c.labels[i]) for i in rows]
    reviews = data / "corpora" / "polarity-v2.0" / "txt_sentoken"
    for label in ("pos", "neg"):
        for path in sorted((reviews / label).glob("*.txt"))[:15]:
            texts.insert(len(texts) // 2, " ".join(path.read_text(encoding="utf-8").split()))
            labels.insert(len(labels) // 2, label)
    df = pd.DataFrame({"text": texts, "label": labels})
    folder = tmp_path_factory.mktemp("dask-general")
    paths = [folder / "a.csv", folder / "b.csv"]
    df[:700].to_csv(paths[0], index=False)
    df[700:].to_csv(paths[1], index=False)
    return paths


@pytest.fixture(scope="module")
def trained(tables, client):
    """``(model path, one-process pipeline, texts, seconds)``: the CLI's Dask model and the reference fit."""
    import time

    from click.testing import CliRunner

    out = tables[0].parent / "general.json"
    start = time.perf_counter()
    r = CliRunner().invoke(cli, ["train", *map(str, tables), "--engine", "dask", "--features", "general",
                                 "--scheduler", client.scheduler.address, "--tol", str(TOL), "--no-timestamps",
                                 "-q", "-o", str(out)])
    seconds = time.perf_counter() - start
    assert r.exit_code == 0, r.output
    c = read_corpora(list(tables))  # the same rows, read the one-process way
    local = make_general_pipeline()
    local.model.tol = TOL
    local.fit(c.texts, c.labels)
    return out, local, c.texts, seconds


def test_dask_general_training_equals_one_process(trained):
    out, local, texts, seconds = trained
    dist = load_model(str(out))
    assert dist.featurizer.kind == "general" and dist.featurizer.max_ngrams == 60000
    assert dist.feature_names == local.feature_names
    assert dist.featurizer.dense_width == 25  # the six and the 19 cue columns, standardised from merged sums
    assert np.allclose(dist.featurizer.mean_, local.featurizer.mean_, atol=1e-9)
    assert np.allclose(dist.featurizer.scale_, local.featurizer.scale_, atol=1e-9)
    assert np.allclose(dist.featurizer.ngrams_.ratio_, local.featurizer.ngrams_.ratio_, atol=1e-9)
    assert dist.metadata["C"] == local.model.C == 0.3  # the recipe's, as the command line left --C alone
    # The prior's pseudo-documents, the length-band weights and the rule weight are in both.
    assert np.allclose(dist.model.coef_, local.model.coef_, atol=1e-6)
    assert np.allclose(dist.model.intercept_, local.model.intercept_, atol=1e-6)
    assert dist.metadata["converged"] and dist.neutral is not None
    md = dist.metadata
    assert md["documents"] == 1200 and md["prior_documents"] == 15148 and md["partitions"] == 2
    assert np.allclose(dist.predict_proba(texts[:200]), local.predict_proba(texts[:200]), atol=1e-6)
    print(f"train --engine dask --features general: {seconds:.1f} s; max |dw| "
          f"{np.abs(dist.model.coef_ - local.model.coef_).max():.2e}")


def test_classify_engine_dask_with_the_general_model(trained, tables, client, runner):
    import pandas as pd

    out = trained[0]
    # the table has gold labels: the answers go under a prefix, never over them
    common = ["classify", str(tables[1]), "--model", str(out), "--csv", "--prefix", "pred_"]
    a = runner.invoke(cli, common)
    b = runner.invoke(cli, [*common, "--engine", "dask", "--scheduler", client.scheduler.address])
    assert a.exit_code == 0 and b.exit_code == 0, b.output
    ra, rb = pd.read_csv(io.StringIO(a.stdout)), pd.read_csv(io.StringIO(b.stdout))
    assert len(ra) == len(rb) == 500 and list(rb["text"]) == list(ra["text"])
    assert (ra["pred_label"] == rb["pred_label"]).all() and {"pos", "neg"} <= set(rb["pred_label"])
    assert list(ra["label"]) == list(rb["label"]) == list(pd.read_csv(tables[1])["label"])
    assert np.allclose(ra["pred_p_pos"], rb["pred_p_pos"], atol=1e-12)


@pytest.mark.parametrize("args, message", [
    (["--features", "six"], "--engine dask trains --features extended or general"),
    (["--features", "general", "--tune"], "--engine dask does not take --tune"),
    (["--features", "general", "--solver", "sgd"], "--engine dask does not take --solver"),
    (["--engine", "local", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
])
def test_train_engine_dask_refuses_what_it_cannot_do(runner, tmp_path, args, message):
    path = tmp_path / "t.csv"
    path.write_text("text,label\ngood,pos\nbad,neg\n", encoding="utf-8")
    r = runner.invoke(cli, ["train", str(path), "--engine", "dask", *args, "-o", str(tmp_path / "m.json")])
    assert r.exit_code != 0 and message in r.output
    assert not (tmp_path / "m.json").exists()


@pytest.mark.parametrize("body, message", [
    ("text,label\ngood,pos\nfine,pos\n", "two classes; got ['pos']"),
    ("text,label\ngood,pos\n,neg\n", "a row has no text"),
    ("body,label\ngood,pos\n", "no column 'text'"),
])
def test_train_engine_dask_bad_tables_are_one_line(runner, tmp_path, body, message):
    path = tmp_path / "t.csv"
    path.write_text(body, encoding="utf-8")
    r = runner.invoke(cli, ["train", str(path), "--engine", "dask", "--features", "general", "-o",
                            str(tmp_path / "m.json")])
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output, r.output
    assert r.output.startswith(f"error: {path}") and r.output.count("\n") == 1
