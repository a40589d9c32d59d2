"""No command writes over a file it reads: every output (-o, --html, --plot, --predictions) against every
input (texts that name files, corpora, models, lexicons, and the file behind standard input).

The check sits in ``handle_errors``, which every command goes through (``sentiment.cli.options``); these
are the spellings that got past per-command checks.
"""

import subprocess
import sys

import pytest

from sentiment.cli.main import cli
from sentiment.pipeline import load_model


def _sentiment(args, stdin_path, cwd):
    with open(stdin_path, "rb") as stdin:
        return subprocess.run([sys.executable, "-m", "sentiment", *args], stdin=stdin, cwd=cwd,
                              capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("make_args", [
    lambda t: ["explain", str(t / "d.txt"), "--html", str(t / "d.txt")],
    lambda t: ["explain", "--model", str(t / "m.zip"), "x", "--html", str(t / "m.zip")],
    lambda t: ["explain", str(t / "folder"), "--html", str(t / "folder" / "pos" / "a.txt")],
    lambda t: ["evaluate", str(t / "m.zip"), str(t / "folder"), "--html", str(t / "folder" / "report.html")],
    lambda t: ["classify", str(t / "d.txt"), "-o", str(t / "d.txt")],
], ids=["explain-html-over-text-file", "explain-html-over-model", "explain-html-into-folder", "evaluate-html-into-folder",
        "classify-over-input"])
def test_an_output_over_an_input_is_refused_and_the_input_kept(runner, tmp_path, make_args):
    (tmp_path / "d.txt").write_text("a fine film\n")
    for label, text in (("pos", "a gem"), ("neg", "a mess")):
        (tmp_path / "folder" / label).mkdir(parents=True)
        (tmp_path / "folder" / label / "a.txt").write_text(text)
    load_model("six").save(tmp_path / "m.zip")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    res = runner.invoke(cli, make_args(tmp_path))
    assert res.exit_code == 1 and ("the output is the input" in res.stderr or "inside the input folder" in res.stderr)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("args,name,content", [
    (["explain", "-", "--html", "s.txt"], "s.txt", "a fine film\n"),
    (["train", "-", "-o", "c.txt"], "c.txt", "pos a fine film\nneg a dull film\n"),
    (["classify", "-", "-o", "d.csv"], "d.csv", "id,text\n1,a fine film\n"),
    (["classify", "/dev/stdin", "-o", "d.csv"], "d.csv", "id,text\n1,a fine film\n"),
])
def test_the_file_behind_standard_input_is_an_input_too(tmp_path, args, name, content):
    (tmp_path / name).write_text(content)
    res = _sentiment(args, tmp_path / name, tmp_path)
    assert res.returncode == 1 and "the output is the input standard input" in res.stderr, res.stderr
    assert (tmp_path / name).read_text() == content


def test_standard_input_from_another_file_or_a_pipe_is_fine(tmp_path):
    (tmp_path / "in.txt").write_text("a fine film\n")
    res = _sentiment(["classify", "-", "-o", "out.csv"], tmp_path / "in.txt", tmp_path)
    assert res.returncode == 0 and "a fine film" in (tmp_path / "out.csv").read_text()
    piped = subprocess.run([sys.executable, "-m", "sentiment", "classify", "-", "-o", "out2.csv"], input="a gem\n",
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and "a gem" in (tmp_path / "out2.csv").read_text()
