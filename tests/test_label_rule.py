"""One label rule for Python's fit and the command line's corpora (issue 29, 14).

``SentimentPipeline.fit`` (and the general recipe's) normalise labels with the function every
corpus reader uses (sentiment/io/labels.py): a NaN is a missing label, not a class ``'nan'``;
``1``, ``1.0`` and ``"1"`` are one class; white space and invisible format characters around a
label are dropped; many labels each on one row are refused as the command line refuses them.
"""

import csv
import json
import warnings

import numpy as np
import pandas as pd
import pytest

from sentiment.cli.main import cli
from sentiment.errors import InputError
from sentiment.features.six import SixFeatures
from sentiment.pipeline import SentimentPipeline
from sentiment.training.general import make_general_pipeline

TEXTS = ["great fun", "nice and great", "hokey mess", "second-rate and hokey", "a great gem", "a hokey bore"]


def _fit(labels, texts=TEXTS):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return SentimentPipeline(SixFeatures(lexicon="textbook")).fit(texts[:len(labels)], labels)


def _cli_labels(runner, tmp_path, labels, texts=TEXTS):
    """The labels of the model ``sentiment train`` makes of a CSV with these labels (or its error)."""
    path = tmp_path / "c.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label"])
        w.writerows(zip(texts, labels))
    res = runner.invoke(cli, ["train", str(path), "--lexicon", "textbook", "-q", "-o", str(tmp_path / "m.json")])
    if res.exit_code != 0:
        return res.stderr
    return json.loads((tmp_path / "m.json").read_text())["labels"]


@pytest.mark.parametrize("missing", [float("nan"), None, np.nan])
def test_a_missing_label_is_refused_not_a_class(missing):
    with pytest.raises(InputError, match=r"^fit: labels\[4\]: missing label$"):
        _fit(["pos", "pos", "neg", "neg", missing, "neg"])
    with pytest.raises(InputError, match=r"labels\[4\]: missing label"):
        _fit(pd.Series(["pos", "pos", "neg", "neg", missing, "neg"]))


def test_the_general_recipe_uses_the_same_rule():
    with pytest.raises(InputError, match=r"labels\[1\]: missing label"):
        make_general_pipeline(prior=False, rule_weight=0.0).fit(TEXTS[:4], ["pos", float("nan"), "neg", "neg"])


def test_one_and_one_point_zero_are_one_class_in_python_and_on_the_command_line(runner, tmp_path):
    labels = ["1", "1.0", "0", "0.0", 1.0, 0]
    pipe = _fit(labels)
    assert pipe.classes_.tolist() == [0, 1]
    assert _cli_labels(runner, tmp_path, labels) == [0, 1]
    assert pipe.score(TEXTS, labels) == pipe.score(TEXTS, [1, 1, 0, 0, 1, 0])  # scored under the same rule


def test_invisible_characters_around_a_label_are_not_part_of_it(runner, tmp_path):
    labels = ["pos", "pos\u200b", "neg", "\ufeffneg", " pos\u2060", "neg"]
    assert _fit(labels).classes_.tolist() == ["neg", "pos"]
    assert _cli_labels(runner, tmp_path, labels) == ["neg", "pos"]
    with pytest.raises(InputError, match=r"labels\[1\]: label 'po\\u200bs' holds an invisible character \(U\+200B"):
        _fit(["pos", "po\u200bs", "neg", "neg"])


def test_labels_differing_only_in_case_are_refused_with_a_python_fix():
    with pytest.raises(InputError, match=r"differ only in case; make them one, e\.g\. \['pos' if label == 'Pos'"):
        _fit(["Pos", "pos", "neg", "neg"])


def test_many_labels_each_on_one_row_meet_the_command_lines_guard(runner, tmp_path):
    texts = [f"{'great fun' if i % 2 else 'hokey mess'} {i}" for i in range(100)]
    labels = [0.0] * 61 + [float(i) for i in range(1, 40)]  # 40 distinct labels, 39 of them once
    with pytest.raises(InputError, match="40 different labels .* 39 of them on one row only"):
        _fit(labels, texts)
    assert "40 different labels" in _cli_labels(runner, tmp_path, labels, texts)


def test_fractional_numbers_are_a_regression_target_not_classes():
    with pytest.raises(InputError, match=r"labels\[0\] is 0\.5: Unknown label type: continuous"):
        _fit([0.5, 1.5, 2.5, 3.5])


def test_the_dask_trainer_uses_the_same_rule():
    dd = pytest.importorskip("dask.dataframe")
    from sentiment.scale.dask_training import fit_extended

    texts = TEXTS * 2
    for labels, classes in ((["pos", "pos\u200b", "neg ", "neg", "pos", "neg"] * 2, ["neg", "pos"]),
                            ([1, "1.0", 0, "0", 1.0, 0] * 2, [0, 1])):
        ddf = dd.from_pandas(pd.DataFrame({"text": texts, "label": pd.Series(labels, dtype=object)}), npartitions=2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pipe = fit_extended(ddf, lexicon="textbook", ngram_range=(1, 1))
        assert pipe.classes_.tolist() == classes
