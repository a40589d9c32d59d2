"""Issue 12's broken promises that are behaviours, not error lines (the error lines are rows of
tests/test_bad_inputs.py's table).  Test names start with the item's number.

Through click's CliRunner, except where a signal, a closed descriptor or a device needs a real process.
"""

import csv
import io
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sentiment.cli.main import cli

GOOD = "pos a great film\npos lovely\nneg awful\nneg dull\n"


def _bin():
    return str(Path(sys.executable).parent / "sentiment")


def _ok(res):
    assert res.exit_code == 0, (res.output, res.stderr if hasattr(res, "stderr") else "", repr(res.exception))
    assert "Traceback" not in res.output


# -- 1, 11: what -o replaces -------------------------------------------------------------------------------


def device(path, minor):
    """A private copy of a memory device (1, minor) in ``path``: a test never risks the real /dev/null."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here ({exc})")
    return path


def test_1_output_to_a_device_writes_through(runner, tmp_path):
    null = device(tmp_path / "null", 3)
    before = os.stat(null)
    _ok(runner.invoke(cli, ["classify", "great", "-o", str(null)]))
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert os.listdir(tmp_path) == ["null"]


def test_1_output_to_a_fifo_writes_through(runner, tmp_path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()), daemon=True)
    reader.start()
    res = runner.invoke(cli, ["classify", "great", "awful", "--csv", "-o", str(fifo)])
    reader.join(timeout=30)
    _ok(res)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].splitlines()[0].startswith("id,") and len(got[0].splitlines()) == 3
    assert sorted(os.listdir(tmp_path)) == ["out.csv"]


def test_1_output_through_a_symlink_replaces_its_target(runner, tmp_path):
    target = tmp_path / "real" / "scores.csv"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    _ok(runner.invoke(cli, ["classify", "great", "--csv", "-o", str(link)]))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("id,")
    assert sorted(os.listdir(target.parent)) == ["scores.csv"]


def test_11_replaced_file_keeps_its_mode(runner, tmp_path):
    out = tmp_path / "m.json"
    out.write_text("previous")
    out.chmod(0o600)
    _ok(runner.invoke(cli, ["train", str(_write(tmp_path / "c.txt", GOOD)), "-o", str(out), "-q"]))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    scores = tmp_path / "s.csv"
    scores.write_text("x")
    scores.chmod(0o640)
    _ok(runner.invoke(cli, ["classify", "great", "-o", str(scores)]))
    assert stat.S_IMODE(scores.stat().st_mode) == 0o640


def _write(p, text):
    p.write_text(text)
    return p


# -- 3: a bare carriage return inside a text ---------------------------------------------------------------


@pytest.mark.parametrize("fmt,delimiter", [("--csv", ","), ("--tsv", "\t")])
def test_3_bare_carriage_return_is_quoted(runner, tmp_path, fmt, delimiter):
    rows = [f"doc {i} good\rand bad" if i % 7 == 0 else f"doc {i} fine" for i in range(500)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"text": t}) + "\n" for t in rows))
    out = tmp_path / ("out.csv" if delimiter == "," else "out.tsv")
    _ok(runner.invoke(cli, ["classify", str(src), fmt, "-o", str(out)]))
    with open(out, newline="") as fh:
        back = list(csv.DictReader(fh, delimiter=delimiter))
    assert [r["text"] for r in back] == rows
    # and what classify wrote, classify reads again row for row
    again = runner.invoke(cli, ["classify", str(out), "--jsonl", "--prefix", "again_"])  # its answers kept
    _ok(again)
    assert len(again.stdout.splitlines()) == 500


# -- 8: labels ---------------------------------------------------------------------------------------------


def test_8_white_space_around_labels_is_not_part_of_them(runner, tmp_path):
    c = _write(tmp_path / "c.csv", "text,label\ngreat,pos\nlovely, pos\nawful,neg \ndull,neg\n")
    _ok(runner.invoke(cli, ["train", str(c), "--features", "six", "-o", str(tmp_path / "m.json"), "-q"]))
    assert json.loads((tmp_path / "m.json").read_text())["labels"] == ["neg", "pos"]
    # Adapting the three-way default model: the labels are matched to its classes once stripped.
    _ok(runner.invoke(cli, ["train", str(c), "--l2", "0.01", "-o", str(tmp_path / "a.zip"), "-q"]))
    from sentiment.pipeline import load_model

    assert load_model(tmp_path / "a.zip").metadata["adapted_from"]["class_counts"] == {"neg": 2, "neutral": 0, "pos": 2}


def test_8_one_and_one_point_zero_are_one_label(runner, tmp_path):
    c = _write(tmp_path / "c.csv", "text,label\ngreat,1\nlovely,1.0\nawful,0\ndull,0.0\n")
    _ok(runner.invoke(cli, ["train", str(c), "-o", str(tmp_path / "m.json"), "-q"]))
    assert json.loads((tmp_path / "m.json").read_text())["labels"] == [0, 1]


def test_8_float_labels_train_a_model_that_loads(runner, tmp_path):
    c = _write(tmp_path / "c.jsonl", "".join(json.dumps({"text": t, "label": l}) for t, l in
                                             [("great", 0.5), ("lovely", 0.5), ("awful", 0.25), ("dull", 0.25)])
               .replace("}{", "}\n{") + "\n")
    m = tmp_path / "m.json"
    _ok(runner.invoke(cli, ["train", str(c), "-o", str(m), "-q"]))
    res = runner.invoke(cli, ["classify", "-m", str(m), "great", "--jsonl"])
    _ok(res)
    assert json.loads(res.stdout)["label"] in ("0.25", "0.5")
    _ok(runner.invoke(cli, ["evaluate", str(m), str(c)]))


# -- 9: dask writes a blank cell as blank --------------------------------------------------------------


def test_9_dask_flagged_rows_are_empty_not_na(runner, tmp_path):
    pytest.importorskip("dask.dataframe")
    c = _write(tmp_path / "c.csv", "id,text\n1,good\n2,\n3,bad\n")
    res = runner.invoke(cli, ["classify", str(c), "--engine", "dask", "--on-error", "flag", "--csv"])
    _ok(res)
    assert "<NA>" not in res.stdout and "nan" not in res.stdout
    assert res.stdout.splitlines()[2].startswith("2,,,")
    skip = runner.invoke(cli, ["classify", str(c), "--engine", "dask", "--on-error", "skip", "--csv"])
    _ok(skip)
    assert [l.split(",")[0] for l in skip.stdout.splitlines()[1:]] == ["1", "3"]


# -- 10: a long document with no white space ---------------------------------------------------------------


def _classify_peak_kb(path):
    """Peak RSS (KB) of ``sentiment classify path --jsonl`` with the default model, in a fresh process."""
    script = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
              "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", script, _bin(), "classify", str(path), "--jsonl"],
                         capture_output=True, text=True, timeout=300)
    code, peak_kb = map(int, out.stdout.split())
    assert code == 0
    return peak_kb


@pytest.mark.parametrize("unit, millions", [("a", (2, 6)), ("é", (2, 6)), ("!?", (1, 3))],
                         ids=["one-token", "non-ascii-letter", "punctuation"])
def test_10_a_document_without_white_space_takes_a_few_bytes_a_character(tmp_path, unit, millions):
    # Memory grows with the document by a small constant a character (the text itself, read in
    # bounded slices: sentiment.text.slices), whatever its tokens: main took 85 bytes a character
    # for one long token, 115 for punctuation (30 MB: 2.5 and 3.5 GB).  What a 4 MB larger
    # document adds is the fair measure; the start-up (about 50 MB) is the same for both.
    peaks = []
    for m in millions:
        doc = tmp_path / f"blob{m}.txt"
        doc.write_text(unit * (m * 1_000_000 // len(unit)))
        peaks.append(_classify_peak_kb(doc))
    per_char = (peaks[1] - peaks[0]) * 1024 / ((millions[1] - millions[0]) * 1_000_000)
    assert per_char < 12, f"{per_char:.1f} bytes a character ({peaks} KB)"
    assert peaks[1] < 250_000, f"peak {peaks[1]} KB for a {millions[1]} M-character document"


# -- 12, 14: signals ---------------------------------------------------------------------------------------


def _blocked_classify(tmp_path, *extra):
    """classify - -o out.csv reading a pipe that stays open: the temporary file exists while it waits."""
    out = tmp_path / "o.csv"
    p = subprocess.Popen([_bin(), "classify", "-", "-o", str(out), *extra], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    p.stdin.write(b"a great film\n" * 50_000)
    p.stdin.flush()
    deadline = time.time() + 30
    while time.time() < deadline and not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]:
        time.sleep(0.05)
    time.sleep(0.5)
    assert [n for n in os.listdir(tmp_path) if n.endswith(".tmp")], "no temporary file to clean"
    return p


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_12_sigterm_during_classify_o_removes_the_temporary_file(tmp_path, jobs):
    p = _blocked_classify(tmp_path, "--jobs", jobs)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=30)
    p.stdin.close()
    assert p.returncode == 143, err
    assert b"Traceback" not in err and b"terminated" in err
    assert os.listdir(tmp_path) == []


def _feed(p):
    """Keep the workers busy: long documents, without end, until the pipe breaks."""
    line = b"a great film , but the plot is dull and the ending awful ! " * 40 + b"\n"
    try:
        while True:
            p.stdin.write(line * 200)
    except (BrokenPipeError, OSError, ValueError):
        pass


@pytest.mark.parametrize("attempt", [1, 2, 3])  # a race on the main: three tries catch it
def test_14_ctrl_c_with_jobs_2_prints_no_worker_tracebacks(tmp_path, attempt):
    p = _blocked_classify(tmp_path, "--jobs", "2")
    threading.Thread(target=_feed, args=(p,), daemon=True).start()
    time.sleep(1.0 + attempt / 2)  # workers are scoring (or waiting for work) when Ctrl-C comes
    os.killpg(p.pid, signal.SIGINT)  # a terminal sends Ctrl-C to the whole process group
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(p.stderr.read()), daemon=True)
    reader.start()
    try:
        p.wait(timeout=30)
    except subprocess.TimeoutExpired:  # the main could hang here: dead workers, the parent waiting on them
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        pytest.fail("classify --jobs 2 hung after Ctrl-C")
    reader.join(timeout=10)
    err = b"".join(chunks)
    assert p.returncode == 130, err
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err and b"interrupted" in err
    assert os.listdir(tmp_path) == []


# -- 13, 18: standard output and input that cannot be used --------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["classify", "great"], ["example"], ["evaluate", "default", "{c}", "--json"]])
def test_13_stdout_on_a_full_device_is_one_error_line(tmp_path, argv):
    c = _write(tmp_path / "c.txt", GOOD)
    argv = [a.replace("{c}", str(c)) for a in argv]
    with open("/dev/full", "w") as full:
        res = subprocess.run([_bin(), *argv], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr and "Exception ignored" not in res.stderr
    assert [l for l in res.stderr.splitlines() if l.startswith("error:")] == [
        "error: <stdout>: cannot write: No space left on device"]


def test_18_closed_standard_input(tmp_path):
    res = subprocess.run(["sh", "-c", 'exec "$0" classify - <&-', _bin()], capture_output=True, text=True, timeout=60)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "standard input is closed" in res.stderr


# -- 15: wide encodings ------------------------------------------------------------------------------------


def test_15_utf16_files_can_be_read(runner, tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("a great and lovely film", encoding="utf-16")
    res = runner.invoke(cli, ["classify", str(doc), "--encoding", "utf-16", "--jsonl"])
    _ok(res)
    assert json.loads(res.stdout)["label"] == "pos"
    table = tmp_path / "c.csv"
    table.write_text("text,label\ngreat,pos\nawful,neg\n", encoding="utf-16")
    _ok(runner.invoke(cli, ["train", str(table), "--encoding", "utf-16", "-o", str(tmp_path / "m.json"), "-q"]))


# -- 16, 20, 22: options checked before any work -------------------------------------------------------------


@pytest.mark.parametrize("option,value", [("--decay", "-1"), ("--seed", "-1"), ("--C", "inf"), ("--l2", "inf"),
                                          ("--lr", "nan"), ("--tol", "nan")])
def test_16_20_bad_training_options_are_refused_before_reading(runner, tmp_path, option, value):
    # The corpus does not exist: the option must be refused before it is looked for.
    res = runner.invoke(cli, ["train", str(tmp_path / "missing.txt"), "--solver", "sgd", option, value,
                              "-o", str(tmp_path / "m.json")])
    assert res.exit_code == 2, res.output
    assert option.split("/")[0] in res.output and "Traceback" not in res.output
    assert not (tmp_path / "m.json").exists()


def test_22_induce_z_nan_is_refused(runner, tmp_path):
    res = runner.invoke(cli, ["lexicon", "induce", str(_write(tmp_path / "c.txt", GOOD)), "--z", "nan",
                              "-o", str(tmp_path / "l.tsv")])
    assert res.exit_code == 2 and "--z" in res.output
    assert not (tmp_path / "l.tsv").exists()


# -- 24: JSON reports are JSON --------------------------------------------------------------------------------


def test_24_evaluate_json_on_one_class_is_valid_json(runner, tmp_path):
    c = _write(tmp_path / "c.txt", "pos a great film\npos lovely\n")
    res = runner.invoke(cli, ["evaluate", "default", str(c), "--json"])
    _ok(res)

    def no_constants(token):
        raise AssertionError(f"{token} in JSON output")

    report = json.loads(res.stdout, parse_constant=no_constants)
    assert report["accuracy"] is not None


# -- 25: train and classify read the same things the same way ---------------------------------------------


def test_25_label_folders_include_nested_documents(runner, tmp_path):
    for label in ("pos", "neg"):
        for sub in ("", "a/", "a/b/"):
            d = tmp_path / "corpus" / label / sub
            d.mkdir(parents=True, exist_ok=True)
            (d / "1.txt").write_text("a great film" if label == "pos" else "an awful film")
    (tmp_path / "corpus" / "pos" / "a" / "2.txt").write_text("lovely")
    m = tmp_path / "m.json"
    _ok(runner.invoke(cli, ["train", str(tmp_path / "corpus"), "-o", str(m), "-q"]))
    assert json.loads(m.read_text())["training"]["documents"] == 7
    res = runner.invoke(cli, ["classify", str(tmp_path / "corpus"), "--jsonl"])
    _ok(res)
    assert len(res.stdout.splitlines()) == 7


def test_25_classify_reads_a_json_array_as_rows_like_train(runner, tmp_path):
    docs = tmp_path / "docs.json"
    docs.write_text(json.dumps([{"text": "a great film", "label": "pos"}, {"text": "awful", "label": "neg"},
                                {"text": "lovely", "label": "pos"}]))
    res = runner.invoke(cli, ["classify", str(docs), "--jsonl", "--prefix", "pred_"])  # gold labels kept (29, 12)
    _ok(res)
    assert [json.loads(l)["text"] for l in res.stdout.splitlines()] == ["a great film", "awful", "lovely"]
    _ok(runner.invoke(cli, ["train", str(docs), "-o", str(tmp_path / "m.json"), "-q"]))


def test_25_dash_is_standard_input_for_train_and_evaluate(runner, tmp_path):
    m = tmp_path / "m.json"
    _ok(runner.invoke(cli, ["train", "-", "-o", str(m), "-q"], input=GOOD))
    assert json.loads(m.read_text())["training"]["documents"] == 4
    res = runner.invoke(cli, ["evaluate", str(m), "-", "--json"], input=GOOD)
    _ok(res)
    assert json.loads(res.stdout)["documents"] == 4


# -- 26: the same data and seed give the same bytes ------------------------------------------------------------


@pytest.mark.parametrize("extra", [[], ["--features", "extended"], ["--solver", "sgd", "--epochs", "5"]])
def test_26_no_timestamps_gives_byte_identical_models(runner, tmp_path, extra):
    c = _write(tmp_path / "c.txt", GOOD * 5)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        _ok(runner.invoke(cli, ["train", str(c), "--no-timestamps", "-q", "-o", str(out), *extra]))
        time.sleep(0.01)
    assert a.read_bytes() == b.read_bytes()
    assert "date" not in json.loads(a.read_text())["training"]


# -- 6: a constant feature (done by the standardisation helper of "the house"; the CLI case here) ----------


def test_6_fixed_length_corpus_through_the_cli(runner, tmp_path):
    # Every document has exactly four tokens: the length feature is constant.
    pos = ["a great lovely film", "a wonderful fine story", "truly great and lovely", "so good and fine"]
    neg = ["an awful dull film", "a terrible boring story", "truly awful and dull", "so bad and boring"]
    c = _write(tmp_path / "c.txt", "".join(f"pos {t}\n" for t in pos) + "".join(f"neg {t}\n" for t in neg))
    m = tmp_path / "m.json"
    _ok(runner.invoke(cli, ["train", str(c), "-o", str(m), "-q"]))
    res = runner.invoke(cli, ["classify", "-m", str(m), "great", "awful terrible dull bad boring", "--jsonl"])
    _ok(res)
    assert [json.loads(l)["label"] for l in res.stdout.splitlines()] == ["pos", "neg"]
