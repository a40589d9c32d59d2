"""evaluate, cv and compare through CliRunner, and the issue's done-when measurements."""

import csv
import io
import json
import random

import numpy as np
import pytest

from sentiment.cli.main import cli


def test_cv_rt2k_standard_folds_matches_sklearn(runner, rt2k, hu_liu):
    res = runner.invoke(cli, ["cv", str(rt2k), "--lexicon", str(hu_liu), "--fold-pattern", r"cv(\d)\d\d", "--json"])
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout)
    acc = r["summary"]["accuracy"]["mean"]
    assert r["folds"] == 10 and all(f["documents"] == 200 for f in r["per_fold"])

    from sklearn.linear_model import LogisticRegression as SkLR

    from sentiment.io.corpus import read_corpus
    from sentiment.features.six import SixFeatures
    import warnings

    c = read_corpus(rt2k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        X = SixFeatures(lexicon=hu_liu).transform(c.texts)
    y = np.array(c.labels)
    folds = np.array([int(i.split("/cv")[1][0]) for i in c.ids])
    sk = []
    for k in range(10):
        tr, te = folds != k, folds == k
        mu, sd = X[tr].mean(0), X[tr].std(0)
        sk.append(np.mean(SkLR().fit((X[tr] - mu) / sd, y[tr]).predict((X[te] - mu) / sd) == y[te]))
    assert abs(acc - np.mean(sk)) < 0.005
    assert 0.68 < acc < 0.72


def test_cv_stratified_text_and_csv(runner, tmp_path):
    rng = random.Random(0)
    lines = [f"pos {'great nice ' * rng.randint(1, 3)}film" for _ in range(30)]
    lines += [f"neg {'hokey awful ' * rng.randint(1, 3)}film" for _ in range(30)]
    (tmp_path / "c.txt").write_text("\n".join(lines) + "\n")
    res = runner.invoke(cli, ["cv", str(tmp_path / "c.txt"), "--folds", "3", "--lexicon", "textbook"])
    assert res.exit_code == 0, res.output
    assert "mean ± std: accuracy 1.0000 ± 0.0000" in res.stdout
    res = runner.invoke(cli, ["cv", str(tmp_path / "c.txt"), "--folds", "3", "--csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["fold"] for r in rows] == ["0", "1", "2"] and sum(int(r["documents"]) for r in rows) == 60


@pytest.fixture(scope="module")
def mr_models(tmp_path_factory, data):
    """Six-feature models on MR: two seeds of SGD, and one trained on shuffled labels."""
    from click.testing import CliRunner

    d = tmp_path_factory.mktemp("models")
    mr = data / "corpora" / "sentence-polarity-v1.0"
    pos, neg = (mr / "rt-polarity.pos").read_text().splitlines(), (mr / "rt-polarity.neg").read_text().splitlines()
    train = [("pos", t) for t in pos[:4000]] + [("neg", t) for t in neg[:4000]]
    test = [("pos", t) for t in pos[4000:]] + [("neg", t) for t in neg[4000:]]
    (d / "train.txt").write_text("".join(f"{l} {t}\n" for l, t in train))
    (d / "test.txt").write_text("".join(f"{l} {t}\n" for l, t in test))
    labels = [l for l, _ in train]
    random.Random(5).shuffle(labels)
    (d / "shuffled.txt").write_text("".join(f"{l} {t}\n" for l, (_, t) in zip(labels, train)))
    r = CliRunner()
    for name, corpus, extra in [("s1", "train.txt", ["--seed", "1"]), ("s2", "train.txt", ["--seed", "2"]),
                                ("shuf", "shuffled.txt", ["--seed", "1"])]:
        res = r.invoke(cli, ["train", str(d / corpus), "--solver", "sgd", "--epochs", "3", "--lr", "0.01",
                             "--lexicon", str(data / "lexicons" / "opinion-lexicon-english"),
                             "-q", "-o", str(d / f"{name}.json")] + extra)
        assert res.exit_code == 0, res.output
    return d


def test_compare_real_difference_is_significant(runner, mr_models):
    d = mr_models
    res = runner.invoke(cli, ["compare", str(d / "s1.json"), str(d / "shuf.json"), str(d / "test.txt"),
                              "--resamples", "2000", "--json"])
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout)
    assert r["accuracy"]["delta"] > 0.05 and r["accuracy"]["p_value"] < 0.05
    assert r["macro_f1"]["p_value"] < 0.05 and r["accuracy"]["ci_low"] > 0


def test_compare_two_seeds_is_not_significant(runner, mr_models):
    d = mr_models
    res = runner.invoke(cli, ["compare", str(d / "s1.json"), str(d / "s2.json"), str(d / "test.txt"),
                              "--resamples", "2000", "--json"])
    r = json.loads(res.stdout)
    assert r["accuracy"]["p_value"] > 0.05
    res = runner.invoke(cli, ["compare", str(d / "s1.json"), str(d / "s2.json"), str(d / "test.txt"), "-b", "500"])
    assert "p (A not better)" in res.stdout and "accuracy" in res.stdout


def test_evaluate_report_json_csv_predictions_errors(runner, mr_models, tmp_path):
    d = mr_models
    model, test = str(d / "s1.json"), str(d / "test.txt")
    res = runner.invoke(cli, ["evaluate", model, test])
    assert res.exit_code == 0, res.output
    assert "confusion matrix" in res.stdout and "macro avg" in res.stdout and "ROC-AUC" in res.stdout
    res = runner.invoke(cli, ["evaluate", model, test, "--json", "--errors", "3",
                              "--predictions", str(tmp_path / "p.csv")])
    r = json.loads(res.stdout)
    assert r["documents"] == 2662 and len(r["errors"]) == 3
    assert all(e["predicted"] != e["gold"] for e in r["errors"])
    probs = [max(e["probabilities"].values()) for e in r["errors"]]
    assert probs == sorted(probs, reverse=True)
    rows = list(csv.DictReader(open(tmp_path / "p.csv")))
    assert len(rows) == 2662 and rows[0]["id"] == "test.txt:1"
    assert np.mean([r["gold"] == r["predicted"] for r in rows]) == pytest.approx(r["accuracy"])
    res = runner.invoke(cli, ["evaluate", model, test, "--csv"])
    flat = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {"accuracy", "macro_f1", "roc_auc"} <= {f["metric"] for f in flat}


def test_evaluate_unknown_label_and_label_map(runner, mr_models, tmp_path):
    (tmp_path / "t.txt").write_text("1 a great film\n0 a dull film\n")
    res = runner.invoke(cli, ["evaluate", str(mr_models / "s1.json"), str(tmp_path / "t.txt")])
    assert res.exit_code == 1 and "label(s) '0', '1' not known to the model (its labels: neg, pos; the corpus's: 0, 1)" in res.stderr
    assert "map them with --label-map, e.g. --label-map 0=neg,1=pos" in res.stderr
    (tmp_path / "u.txt").write_text("pos a great film\npositive a fine film\nneg a dull film\n")
    res = runner.invoke(cli, ["evaluate", str(mr_models / "s1.json"), str(tmp_path / "u.txt")])
    assert res.exit_code == 1 and "label(s) 'positive' not known" in res.stderr and "--label-map positive=pos" in res.stderr
    res = runner.invoke(cli, ["evaluate", str(mr_models / "s1.json"), str(tmp_path / "t.txt"), "--label-map", "0=neg,1=pos"])
    assert res.exit_code == 0, res.output


def test_plots_are_pngs_of_sensible_size(runner, mr_models, tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "e.png"
    res = runner.invoke(cli, ["evaluate", str(mr_models / "s1.json"), str(mr_models / "test.txt"), "--plot", str(png)])
    assert res.exit_code == 0, res.output
    raw = png.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    import struct

    w, h = struct.unpack(">II", raw[16:24])
    assert w >= 800 and h >= 600  # 3 × 2 panels: confusion, ROC, PR, reliability, loss
    png2 = tmp_path / "cv.png"
    res = runner.invoke(cli, ["cv", str(mr_models / "test.txt"), "--folds", "3", "--plot", str(png2)])
    assert res.exit_code == 0 and png2.read_bytes()[:4] == b"\x89PNG"


def test_plot_without_matplotlib_says_how_to_install(runner, mr_models, monkeypatch, tmp_path):
    import builtins

    real = builtins.__import__

    def fake(name, *a, **k):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", fake)
    res = runner.invoke(cli, ["evaluate", str(mr_models / "s1.json"), str(mr_models / "test.txt"),
                              "--plot", str(tmp_path / "x.png")])
    assert res.exit_code == 1 and "pip install 'sentiment[plot]'" in res.stderr


def test_evaluate_warns_when_documents_are_far_longer_than_the_training_ones(runner, tmp_path):
    rng = random.Random(0)
    words = ["great", "fun", "nice", "hokey", "dull", "mess", "film", "plot", "the", "a"]
    short = [f"{'pos' if i % 2 else 'neg'} " + " ".join(rng.choice(words) for _ in range(rng.randint(3, 9)))
             for i in range(40)]
    (tmp_path / "short.txt").write_text("\n".join(short) + "\n")
    (tmp_path / "long.txt").write_text("pos " + "great film " * 400 + "\nneg " + "dull mess " * 400 + "\n")
    model = tmp_path / "m.json"
    assert runner.invoke(cli, ["train", str(tmp_path / "short.txt"), "--lexicon", "textbook", "-q",
                               "-o", str(model)]).exit_code == 0
    res = runner.invoke(cli, ["evaluate", str(model), str(tmp_path / "long.txt"), "--json"])
    assert res.exit_code == 0, res.output
    assert "much longer than the training documents" in res.stderr
    assert "much longer" in json.loads(res.stdout)["warning"]
    same = runner.invoke(cli, ["evaluate", str(model), str(tmp_path / "short.txt"), "--json"])
    assert "warning" not in json.loads(same.stdout) and "much" not in same.stderr
