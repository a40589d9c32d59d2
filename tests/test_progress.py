"""Progress bars: on a terminal (a pseudo-terminal here) with total, rate and ETA; nothing otherwise."""

import os
import re
import select
import subprocess
import sys

import pytest

pty = pytest.importorskip("pty")

SENTIMENT = [sys.executable, "-m", "sentiment"]
ENV = {**os.environ, "COLUMNS": "120"}


def run_on_terminal(args):
    """Run with stderr on a pseudo-terminal and stdout to a file; return (status, stdout, stderr)."""
    import tempfile

    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as out:
        p = subprocess.Popen(SENTIMENT + args, stdout=out, stderr=slave, stdin=subprocess.DEVNULL, env=ENV)
        os.close(slave)
        err = b""
        while True:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not data:
                    break
                err += data
            elif p.poll() is not None:
                break
        p.wait(timeout=300)
        os.close(master)
        out.seek(0)
        return p.returncode, out.read().decode(), err.decode(errors="replace")


def run_on_pipes(args):
    p = subprocess.run(SENTIMENT + args, capture_output=True, text=True, env=ENV, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    path = tmp_path_factory.mktemp("progress") / "reviews.csv"
    words = ["a great and moving film", "a dull and lifeless mess", "i loved it!", "no it is bad"]
    rows = ["id,text,label"] + [f"{i},{words[i % 4]} number {i},{'pos' if i % 4 in (0, 2) else 'neg'}"
                                for i in range(6000)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_classify_file_bar_counts_bytes_with_rate_and_output_is_unchanged(table):
    # the table has gold labels: the answers go under a prefix, never over them (issue 29, 12)
    status, out, err = run_on_terminal(["classify", str(table), "--csv", "--prefix", "pred_"])
    assert status == 0, err
    size = table.stat().st_size
    assert "classifying" in err and "100%" in err
    assert re.search(r"\d+(\.\d)? [kMG]?B/s", err) and "featurizing" not in err  # a rate in bytes; one bar
    assert re.search(rf"/{size / 1024:.1f} kB", err)  # the total is the file's size
    status, plain_out, plain_err = run_on_pipes(["classify", str(table), "--csv", "--prefix", "pred_"])
    assert status == 0 and plain_out == out
    assert plain_err == ""  # not a terminal: no bar, no count


def test_quiet_draws_nothing_even_on_a_terminal(table):
    status, _, err = run_on_terminal(["classify", str(table), "--csv", "--prefix", "pred_", "--quiet"])
    assert status == 0 and err == ""


def test_texts_on_a_terminal_get_a_count_and_rate_not_a_percentage():
    status, out, err = run_on_terminal(["classify", "a fine film", "a bad film", "--csv"])
    assert status == 0
    assert "classifying: 2 docs" in err and "docs/s" in err and "%" not in err


def test_cv_shows_featurizing_and_folds(table):
    status, _, err = run_on_terminal(["cv", str(table), "--folds", "3"])
    assert status == 0, err
    assert "featurizing" in err and "6,000/6,000 docs" in err
    assert "cross-validation" in err and "3/3 folds" in err


def test_train_shows_solver_iterations_and_tuning(table, tmp_path):
    status, _, err = run_on_terminal(["train", str(table), "--solver", "sgd", "--epochs", "3", "--tol", "0",
                                      "-o", str(tmp_path / "m.json")])
    assert status == 0, err
    assert "fitting (sgd, at most 3 epochs)" in err and "3/3 epochs" in err
    small = tmp_path / "small.csv"
    small.write_text("\n".join(table.read_text(encoding="utf-8").splitlines()[:401]) + "\n", encoding="utf-8")
    status, _, err = run_on_terminal(["train", str(small), "--features", "extended", "--tune",
                                      "-o", str(tmp_path / "t.json")])
    assert status == 0, err
    assert "tuning" in err and "40/40 fits" in err  # 8 settings × 5 inner folds


def test_compare_shows_the_bootstrap(table):
    status, _, err = run_on_terminal(["compare", "default", "default", str(table), "--resamples", "1000"])
    assert status == 0, err
    assert "bootstrap" in err and "1,000/1,000 resamples" in err


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_the_library_alone_prints_nothing(capfd):
    from sentiment.linear.model import LogisticRegression
    from sentiment.training.crossval import stratified_folds

    LogisticRegression(solver="sgd", max_iter=3).fit([[0.0], [1.0], [0.2], [0.9]], [0, 1, 0, 1])
    stratified_folds([0, 1] * 5, 2)
    assert capfd.readouterr().err == ""


def test_a_plain_text_imports_no_progress_library():
    code = ("import sys; from click.testing import CliRunner; from sentiment.cli.main import cli; "
            "r = CliRunner().invoke(cli, ['classify', 'great fun', '--csv']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('tqdm', 'rich', 'click._termui_impl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_reading_a_folder_corpus_counts_its_files(tmp_path):
    for label, words in (("pos", "a great film"), ("neg", "a dull film")):
        (tmp_path / "c" / label).mkdir(parents=True)
        for i in range(30):
            (tmp_path / "c" / label / f"{i}.txt").write_text(f"{words} {i}", encoding="utf-8")
    status, _, err = run_on_terminal(["cv", str(tmp_path / "c"), "--folds", "2"])
    assert status == 0, err
    assert "reading c" in err and "60/60 files" in err
