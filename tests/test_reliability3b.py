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


# -- 15: rows and tables ------------------------------------------------------------------------------------


def _csv_rows(text):
    import csv
    import io

    return list(csv.DictReader(io.StringIO(text)))


def test_15_blank_line_in_a_one_column_csv_is_a_flagged_row(runner, tmp_path):
    table = tmp_path / "one.csv"
    table.write_text("text\nA gem.\n\nA dull mess.\n")
    for args, stdin in ((["classify", str(table)], None), (["classify", "-", "--format", "csv"], table.read_text())):
        res = runner.invoke(cli, [*args, "--csv"], input=stdin)
        rows = _csv_rows(_ok(res).split("flagged")[0])
        assert [r["error"] for r in rows] == ["", "no text", ""], res.output
    # a blank line in a table of several columns is still no row
    (tmp_path / "two.csv").write_text("text,id\nA gem.,1\n\nA dull mess.,2\n")
    assert len(_csv_rows(_ok(runner.invoke(cli, ["classify", str(tmp_path / "two.csv"), "--csv"])))) == 2


def test_15_one_column_standard_input_header_is_not_a_text(runner):
    rows = _csv_rows(_ok(runner.invoke(cli, ["classify", "-", "--csv"], input="text\nA gem.\nA dull mess.\n")))
    assert [r["text"] for r in rows] == ["A gem.", "A dull mess."]


def test_15_bare_carriage_returns_end_label_text_lines(runner, tmp_path):
    from sentiment.io.corpus import read_corpus

    corpus = tmp_path / "c.txt"
    corpus.write_bytes(b"pos a great film\rneg awful\rpos lovely\rneg dull\r")
    c = read_corpus(str(corpus))
    assert c.labels == ["pos", "neg", "pos", "neg"] and c.texts[1] == "awful"
    _ok(runner.invoke(cli, ["train", "-", "-o", str(tmp_path / "m.json"), "-q"],
                      input="pos a great film\rneg awful\rpos lovely\rneg dull\r"))
    rows = _csv_rows(_ok(runner.invoke(cli, ["classify", "-", "--csv"], input="A gem.\rA dull mess.\r\n")))
    assert [r["text"] for r in rows] == ["A gem.", "A dull mess."]


@pytest.mark.parametrize("table, fmt", [
    ("text\rA gem.\rA dull mess.\r", "auto"),
    ("id,text\r1,A gem.\r2,A dull mess.\r", "auto"),
    ("id,text\r1,A gem.\r2,A dull mess.", "csv"),
    ("id\ttext\r1\tA gem.\r2\tA dull mess.\r", "tsv"),
    ('{"text": "A gem."}\r{"text": "A dull mess."}\r', "auto"),
])
def test_15_bare_carriage_returns_end_standard_input_table_rows(runner, tmp_path, table, fmt):
    """A bare-CR table on standard input is read row by row, as the same table in a file is."""
    rows = _csv_rows(_ok(runner.invoke(cli, ["classify", "-", "--csv", "--format", fmt], input=table)))
    assert [r["text"] for r in rows] == ["A gem.", "A dull mess."]
    path = tmp_path / ("t.jsonl" if table.startswith("{") else "t.tsv" if fmt == "tsv" else "t.csv")
    path.write_text(table, newline="")
    from_file = _csv_rows(_ok(runner.invoke(cli, ["classify", str(path), "--csv"])))
    assert [r["label"] for r in rows] == [r["label"] for r in from_file]


def test_15_a_later_table_with_more_columns_is_refused_not_cut(runner, tmp_path):
    (tmp_path / "a.csv").write_text("text\nA gem.\n")
    (tmp_path / "b.csv").write_text("text,stars\nA dull mess.,1\n")
    _refused(runner.invoke(cli, ["classify", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--csv"]),
             "b.csv", "stars", "a.csv")
    pytest.importorskip("dask.dataframe")
    _refused(runner.invoke(cli, ["classify", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--csv",
                                 "--engine", "dask"]), "b.csv", "stars", "a.csv: text)")
    # fewer columns are fine: the missing cells are empty
    rows = _csv_rows(_ok(runner.invoke(cli, ["classify", str(tmp_path / "b.csv"), str(tmp_path / "a.csv"), "--csv"])))
    assert [r["stars"] for r in rows] == ["1", ""]


def test_15_training_on_only_blank_texts_is_refused(runner, tmp_path):
    table = tmp_path / "blank.csv"
    table.write_text("text,label\n,pos\n ,neg\n,pos\n,neg\n")
    model = tmp_path / "m.json"
    _refused(runner.invoke(cli, ["train", str(table), "-o", str(model)]), "blank.csv", "blank text")
    assert not model.exists()
    _refused(runner.invoke(cli, ["cv", str(table), "--folds", "2"]), "blank.csv", "blank text")


def test_15_evaluate_leaves_blank_texts_out_of_the_metrics(runner, tmp_path):
    import json

    table = tmp_path / "ev.csv"
    table.write_text("text,label\nA gem.,pos\n,neg\nA dull mess.,neg\n ,pos\n")
    res = runner.invoke(cli, ["evaluate", "default", str(table), "--json"])
    _ok(res)
    assert json.loads(res.stdout)["documents"] == 2
    assert "2 document(s) with no text left out" in res.stderr
    table.write_text("text,label\n,pos\n ,neg\n")
    _refused(runner.invoke(cli, ["evaluate", "default", str(table)]), "ev.csv", "blank text")


# -- 10: workers die with their parent ----------------------------------------------------------------------


def _children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] not in "ZX"  # a zombie is dead, waiting to be reaped
    except OSError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc (Linux)")
@pytest.mark.parametrize("signame", ["SIGKILL", "SIGHUP"])
def test_10_workers_exit_when_the_parent_is_killed(tmp_path, signame):
    import signal
    import subprocess
    import time

    big = tmp_path / "big.txt"
    with open(big, "w") as fh:
        for i in range(60_000):
            fh.write(f"review {i}: a great, moving film with a dull middle and a lovely end\n")
    proc = subprocess.Popen([_bin(), "classify", "-", "--jobs", "2", "-o", str(tmp_path / "out.csv"), "-q"],
                            stdin=open(big), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    workers = []
    try:
        deadline = time.monotonic() + 30
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        workers = _children(proc.pid)
        assert len(workers) == 2, "the workers did not start"
        time.sleep(0.3)  # working: a chunk out
        os.kill(proc.pid, getattr(signal, signame))
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers)), f"workers {workers} outlived their parent"
    finally:
        for pid in [proc.pid, *workers]:  # only what this test started
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


# -- 11: temporary files on signals, early interrupts -------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX signals")
@pytest.mark.parametrize("signame", ["SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"])
def test_11_signal_during_output_leaves_no_temporary_file(tmp_path, signame):
    import signal
    import subprocess
    import time

    big = tmp_path / "in" / "big.txt"
    big.parent.mkdir()
    with open(big, "w") as fh:
        for i in range(200_000):
            fh.write(f"review {i}: a great, moving film with a dull middle\n")
    out = tmp_path / "out" / "scored.csv"
    out.parent.mkdir()
    proc = subprocess.Popen([_bin(), "classify", "-", "-o", str(out), "-q"], stdin=open(big),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    while not os.listdir(out.parent) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)  # the temporary file is open: the write has begun
    assert proc.poll() is None, "finished before the signal: make the input bigger"
    os.kill(proc.pid, getattr(signal, signame))
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + getattr(signal, signame), err
    assert b"Traceback" not in err and err.decode().strip() == f"terminated ({signame})"
    assert os.listdir(out.parent) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX signals")
def test_11_early_interrupts_exit_130_without_a_traceback(tmp_path):
    import signal
    import subprocess
    import time

    # Standard input left open: the command waits, so every interrupt lands before it could finish. (The first
    # few milliseconds belong to Python's start-up, before any of the package runs.)
    for delay in (0.1, 0.14, 0.18, 0.22, 0.26, 0.3):
        proc = subprocess.Popen([_bin(), "classify", "-", "-o", str(tmp_path / "o.csv")], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode in (130, -signal.SIGINT), (delay, proc.returncode, err)
        assert b"Traceback" not in err and out == b"", (delay, err)
        assert os.listdir(tmp_path) == []


@pytest.fixture()
def saved_handlers():
    """main() installs signal handlers in this process: put pytest's back afterwards."""
    import signal

    names = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2")
    saved = {n: signal.getsignal(getattr(signal, n)) for n in names if hasattr(signal, n)}
    yield
    for n, handler in saved.items():
        signal.signal(getattr(signal, n), handler)


def test_11_interrupt_while_a_command_loads_is_exit_130(monkeypatch, capsys, saved_handlers):
    import importlib
    import signal

    import sentiment.cli.main

    entry = sys.modules["sentiment.cli.main"]  # the module (sentiment.cli.main is also the function's name)

    real = importlib.import_module

    def interrupted(name, *args):
        if name == "sentiment.cli.classify":  # Ctrl-C while the command's module loads, outside its handling
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(10_000):  # the handler runs between bytecodes
                pass
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", interrupted)
    monkeypatch.delitem(entry.cli.commands, "classify", raising=False)  # loaded again, as in a new process
    monkeypatch.setattr(sys, "argv", ["sentiment", "classify", "A gem."])
    with pytest.raises(SystemExit) as exit_:
        entry.main()
    assert exit_.value.code == 130
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip() == "interrupted"  # one line: no click "Aborted!" before it


def test_11_a_swallowed_interrupt_never_exits_0(monkeypatch, capsys, saved_handlers):
    import signal

    import sentiment.cli.main

    entry = sys.modules["sentiment.cli.main"]  # the module (sentiment.cli.main is also the function's name)

    def swallows():
        try:
            os.kill(os.getpid(), signal.SIGUSR1)
            for _ in range(10_000):  # the handler runs between bytecodes
                pass
        except BaseException:  # code that catches too much: the run was stopped all the same
            pass

    monkeypatch.setattr(entry, "_main", swallows)
    with pytest.raises(SystemExit) as exit_:
        entry.main()
    assert exit_.value.code == 128 + signal.SIGUSR1
    assert capsys.readouterr().err.strip() == "terminated (SIGUSR1)"


# -- 17: messages -------------------------------------------------------------------------------------------


def test_17_a_latin1_lexicon_is_read_with_a_warning(runner, tmp_path):
    lexicon = tmp_path / "lat.tsv"
    lexicon.write_bytes("word\tpolarity\ncafé\tpositive\nbad\tnegative\n".encode("latin-1"))
    res = runner.invoke(cli, ["lexicon", "show", str(lexicon), "--words"])
    assert "positive: café" in _ok(res)
    assert "lat.tsv: not valid UTF-8; read as latin-1" in res.stderr
    corpus = tmp_path / "c.txt"
    corpus.write_text("pos a great film\nneg awful\npos lovely\nneg dull\n")
    _ok(runner.invoke(cli, ["train", str(corpus), "--lexicon", str(lexicon), "-o", str(tmp_path / "m.json"), "-q"]))


def test_17_a_legal_254_character_output_name_is_written(runner, tmp_path):
    for name in ("a" * 250 + ".csv", "é" * 125 + ".csv"):  # 254 bytes each
        _ok(runner.invoke(cli, ["classify", "A gem.", "-o", str(tmp_path / name)]))
        assert (tmp_path / name).exists()
    corpus = tmp_path / "c.txt"
    corpus.write_text("pos a great film\nneg awful\npos lovely\nneg dull\n")
    _ok(runner.invoke(cli, ["train", str(corpus), "-o", str(tmp_path / ("m" * 249 + ".json")), "-q"]))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_17_train_checks_the_output_before_the_work(runner, tmp_path, monkeypatch):
    import sentiment.training.train as training

    def no_fit(*args, **kwargs):
        raise AssertionError("fitted before the output was checked")

    monkeypatch.setattr(training, "train_pipeline", no_fit)
    corpus = tmp_path / "c.txt"
    corpus.write_text("pos a great film\nneg awful\n")
    _refused(runner.invoke(cli, ["train", str(corpus), "-o", str(tmp_path / "nope" / "m.json")]), "does not exist")
    _refused(runner.invoke(cli, ["train", str(corpus), "-o", str(tmp_path / ("m" * 300 + ".json"))]),
             "305 bytes", "shorter name")


def test_17_fifo_device_and_pickle_models_are_named_for_what_they_are(runner, tmp_path):
    import io
    import pickle
    import zipfile

    import numpy as np

    fifo = tmp_path / "model.json"
    os.mkfifo(fifo)
    _refused(runner.invoke(cli, ["classify", "--model", str(fifo), "A gem."]), "is a FIFO (named pipe)")
    _refused(runner.invoke(cli, ["classify", "--model", "/dev/null", "A gem."]), "is a character device")
    pkl = tmp_path / "model.pkl"
    pkl.write_bytes(pickle.dumps({"weights": [1.0]}))
    line = _refused(runner.invoke(cli, ["classify", "--model", str(pkl), "A gem."]), "a Python pickle")
    assert "unsafe" not in line and "allow_pickle" not in line
    shipped = Path(__file__).parent.parent / "sentiment" / "models" / "extended.zip"
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(shipped) as src, zipfile.ZipFile(evil, "w") as out:
        swapped = False
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith(".npy") and not swapped:
                buf = io.BytesIO()
                np.save(buf, np.array([{"a": 1}], dtype=object), allow_pickle=True)
                data, swapped = buf.getvalue(), True
            out.writestr(info, data)
    line = _refused(runner.invoke(cli, ["classify", "--model", str(evil), "A gem."]), "pickled Python objects")
    assert "unsafe" not in line and "allow_pickle" not in line


@pytest.mark.parametrize("model", ["default", "extended"])
def test_09_a_declined_one_text_path_reads_the_model_once(runner, monkeypatch, model):
    """When the quick path declines a model it has read, the batch path uses that read, not a second one."""
    import sentiment.io.modelfile as modelfile
    import sentiment.quick.model as quick

    reads = []
    real = modelfile.read_model_file
    monkeypatch.setattr(modelfile, "read_model_file", lambda *a, **k: reads.append(a) or real(*a, **k))
    monkeypatch.setattr(quick, "quick_from_dict", lambda data, name: None)  # as for a model it does not know
    declined = _csv_rows(_ok(runner.invoke(cli, ["classify", "--model", model, "--csv", "A gem.", "A dull mess."])))
    assert len(reads) == 1
    monkeypatch.undo()
    batch = _csv_rows(_ok(runner.invoke(cli, ["classify", "--model", model, "--csv", "A gem.", "A dull mess."])))
    assert declined == batch


def test_01_output_to_standard_input_on_a_pipe_is_refused_not_a_hang():
    """`… | classify - -o /dev/stdin` opened its own input pipe for writing and waited for ever for its end."""
    import subprocess

    done = subprocess.run([sys.executable, "-m", "sentiment", "classify", "-", "-o", "/dev/stdin"], input=b"good\n",
                          capture_output=True, timeout=60)
    assert done.returncode == 1 and done.stderr.decode().strip().splitlines() == [
        "error: /dev/stdin: the output is the input standard input; choose another output"]


def test_09_a_long_npy_header_is_refused_before_it_is_parsed(runner, tmp_path):
    """A 4 KB zip whose .npy header is a million-entry shape took 1 GB and seconds to parse."""
    import struct
    import zipfile

    from sentiment.io.npy import MAX_HEADER

    header = ("{'descr': '<f8', 'fortran_order': False, 'shape': (" + "0," * 1_000_000 + ")}").encode()
    import sentiment.models

    model = tmp_path / "hdr.zip"
    with zipfile.ZipFile(Path(sentiment.models.__file__).parent / "general.zip") as z:  # arrays: .npy members
        members = {n: z.read(n) for n in z.namelist()}
    npy = next(n for n in members if n.endswith(".npy"))
    members[npy] = b"\x93NUMPY\x02\x00" + struct.pack("<I", len(header)) + header
    with zipfile.ZipFile(model, "w", zipfile.ZIP_DEFLATED) as z:
        for n, blob in members.items():
            z.writestr(n, blob)
    for texts in (["good"], ["good"] * 6):  # the one-text path and the batch path
        result = runner.invoke(cli, ["classify", "--model", str(model), *texts])
        assert result.exit_code == 1
        assert f"a .npy header of a model is at most {MAX_HEADER:,}" in result.output


@pytest.mark.parametrize("args", [["classify", "A gem."], ["models"], ["--help"]])
def test_06_a_closed_standard_output_is_one_error_line(args, tmp_path):
    """`sentiment … >&-`: Python's sys.stdout is None, which was an AttributeError traceback."""
    import subprocess

    done = subprocess.run([sys.executable, "-m", "sentiment", *args], preexec_fn=lambda: os.close(1),
                          stderr=subprocess.PIPE, timeout=60, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "error: <stdout>: standard output is closed; give -o FILE, or leave standard output open"]


@pytest.mark.parametrize("args", [
    ["explain", "A gem.", "--html", ""],
    ["evaluate", "six", "corpora/demo.txt", "--predictions", ""],
    ["evaluate", "six", "corpora/demo.txt", "--html", ""],
    ["cv", "corpora/demo.txt", "-k", "2", "--plot", ""],
])
def test_04_an_empty_output_name_is_refused_not_ignored(runner, args):
    """`--html ''` (or --predictions, --plot) wrote nothing and exited 0, as if no file had been asked for."""
    root = Path(__file__).resolve().parent.parent
    result = runner.invoke(cli, [str(root / a) if a.startswith("corpora/") else a for a in args])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("error: '': empty file name for an output (--")


def test_19_ngram_features_refuse_to_transform_before_fit():
    """`NgramFeatures().transform(["good"])` returned an empty (1, 0) matrix, as if fitted on nothing."""
    from sentiment.errors import NotFittedError
    from sentiment.features.ngrams import NgramFeatures

    with pytest.raises(NotFittedError):
        NgramFeatures().transform(["good"])
    fitted = NgramFeatures(min_df=1).fit(["good film", "bad film"], ["pos", "neg"])
    assert fitted.transform(["good"]).shape[0] == 1
