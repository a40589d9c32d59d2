"""Issue 29, classes 10, 11, 12, 15 and 17: each listed case, named after its class number (``test_12_…``).

Through click's CliRunner, except where a signal or a worker process needs a real process.
"""

import os
import sys
from pathlib import Path

import pytest

from sentiment.cli.main import cli
from sentiment.errors import InputError


def _bin():
    return str(Path(sys.executable).parent / "sentiment")


def _ok(res):
    assert res.exit_code == 0, (res.output, repr(res.exception))
    assert "Traceback" not in res.output
    return res.output


def _refused(res, *words):
    assert res.exit_code == 1, (res.output, repr(res.exception))
    assert "Traceback" not in res.output
    lines = [x for x in res.output.splitlines() if x.startswith("error: ")]  # rows already streamed may precede
    assert len(lines) == 1, res.output
    line = lines[0]
    for word in words:
        assert word in line, line
    return line


# -- 12: an input column is never overwritten ---------------------------------------------------------------

GOLD = "text,label\nA gem.,neg\nA dull mess.,pos\n"


@pytest.mark.parametrize("column", ["label", "probability", "p_neg", "p_neu", "p_pos", "score", "error"])
def test_12_cli_refuses_a_table_with_an_answer_column(runner, tmp_path, column):
    table = tmp_path / "gold.csv"
    table.write_text(f"text,{column}\nA gem.,keep\n")
    line = _refused(runner.invoke(cli, ["classify", str(table), "--csv"]), "gold.csv", column, "--prefix pred_")


def test_12_cli_prefix_keeps_the_gold_labels(runner, tmp_path):
    import csv
    import io

    table = tmp_path / "gold.csv"
    table.write_text(GOLD)
    rows = list(csv.DictReader(io.StringIO(_ok(runner.invoke(cli, ["classify", str(table), "--csv",
                                                                    "--prefix", "pred_"])))))
    assert [r["label"] for r in rows] == ["neg", "pos"]
    assert [r["pred_label"] for r in rows] == ["pos", "neg"]
    assert "pred_error" in rows[0] and "pred_score" in rows[0]


def test_12_cli_standard_input_table_and_a_prefix_that_clashes(runner):
    _refused(runner.invoke(cli, ["classify", "-", "--csv"], input=GOLD), "label")
    line = _refused(runner.invoke(cli, ["classify", "-", "--csv", "--prefix", "pred_"],
                                  input="text,pred_label\nA gem.,x\n"), "pred_label")
    assert "--prefix answer_" in line  # another prefix than the one in use


def test_12_cli_error_column_is_carried_when_it_is_not_an_answer(runner, tmp_path):
    table = tmp_path / "e.csv"
    table.write_text("text,error\nA gem.,mine\n")
    out = _ok(runner.invoke(cli, ["classify", str(table), "--csv", "--on-error", "skip"]))
    assert out.splitlines()[1].startswith("A gem.,mine,pos")


def test_12_cli_later_table_is_checked_too(runner, tmp_path):
    (tmp_path / "a.csv").write_text("text\nA gem.\n")
    (tmp_path / "b.csv").write_text(GOLD)
    _refused(runner.invoke(cli, ["classify", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--csv"]),
             "b.csv", "label")


def test_12_python_frame_and_series_refused_or_prefixed():
    pd = pytest.importorskip("pandas")
    import sentiment

    df = pd.DataFrame({"text": ["A gem.", "A dull mess."], "label": ["neg", "pos"]})
    with pytest.raises(InputError, match=r"column\(s\) label.*prefix=\"pred_\""):
        sentiment.classify(df, column="text")
    out = sentiment.classify(df, column="text", prefix="pred_")
    assert out["label"].tolist() == ["neg", "pos"] and out["pred_label"].tolist() == ["pos", "neg"]
    series = pd.Series(["A gem.", "A dull mess."], name="label")
    with pytest.raises(InputError, match="label"):
        sentiment.classify(series)
    assert sentiment.classify(series, prefix="pred_")["label"].tolist() == ["A gem.", "A dull mess."]
    with pytest.raises(InputError, match="error"):
        sentiment.classify(pd.DataFrame({"text": ["A gem."], "error": ["x"]}), column="text")
    kept = sentiment.classify(pd.DataFrame({"text": ["A gem."], "error": ["x"]}), column="text", on_error="skip")
    assert kept["error"].tolist() == ["x"]


def test_12_dask_refuses_and_prefixes_like_pandas(runner, tmp_path):
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    import sentiment
    from sentiment.api import get_model
    from sentiment.scale.distributed import score_dataframe

    df = pd.DataFrame({"text": ["A gem.", "A dull mess."], "label": ["neg", "pos"]})
    ddf = dd.from_pandas(df, npartitions=1)
    with pytest.raises(InputError, match="label"):
        sentiment.classify(ddf, column="text")
    with pytest.raises(InputError, match="label"):
        score_dataframe(get_model(), ddf)
    lazy = sentiment.classify(ddf, column="text", prefix="pred_").compute()
    eager = sentiment.classify(df, column="text", prefix="pred_")
    assert list(lazy.columns) == list(eager.columns) + ["pred_error"]
    assert lazy["label"].tolist() == ["neg", "pos"]
    table = tmp_path / "gold.csv"
    table.write_text(GOLD)
    _refused(runner.invoke(cli, ["classify", str(table), "--csv", "--engine", "dask"]), "gold.csv", "label")
    local = _ok(runner.invoke(cli, ["classify", str(table), "--csv", "--prefix", "pred_"]))
    dask = _ok(runner.invoke(cli, ["classify", str(table), "--csv", "--prefix", "pred_", "--engine", "dask"]))
    assert dask.splitlines()[0] == local.splitlines()[0]
    assert [r.split(",")[:3] for r in dask.splitlines()] == [r.split(",")[:3] for r in local.splitlines()]
