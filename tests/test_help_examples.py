"""Every example in every command's ``--help`` runs as written.

Each command's "Examples:" block is read from its help text and run line by line with bash, in a
folder holding the files the examples name: the reference corpora and lexicons of ``../shared/data``
under their usual names (``txt_sentoken/``, ``stsa.binary.test``, ...) and a few small files of
our own (``reviews.csv``, ``test.csv``, six-feature models and an adapted one). An example must exit 0 without a traceback.

An example whose comment says it runs ``until Ctrl-C`` (``sentiment serve``) is a server: it is started on a
free port (``$SENTIMENT_PORT``), must answer ``/healthz``, and is then stopped with Ctrl-C (SIGINT), after
which it must exit cleanly, without a traceback.
"""

import csv
import os
import random
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sentiment.cli.main import cli

BIN = Path(sys.executable).parent
# Name in the examples → path under the data root.
DATA_NAMES = {
    "txt_sentoken": "corpora/polarity-v2.0/txt_sentoken",
    "polarity-v2.0": "corpora/polarity-v2.0",
    "opinion-lexicon-english": "lexicons/opinion-lexicon-english",
    "rt-polarity.pos": "corpora/sentence-polarity-v1.0/rt-polarity.pos",
    "rt-polarity.neg": "corpora/sentence-polarity-v1.0/rt-polarity.neg",
    "stsa.binary.train": "corpora/sst/stsa.binary.train",
    "stsa.binary.dev": "corpora/sst/stsa.binary.dev",
    "stsa.binary.test": "corpora/sst/stsa.binary.test",
    "stsa.fine.train": "corpora/sst/stsa.fine.train",
    "multi-domain-sentiment": "corpora/multi-domain-sentiment",
    "pros-cons": "corpora/pros-cons",
    "tweets.csv": "corpora/sentiment140/training.20k.processed.noemoticon.csv",
}


def _commands(group=cli, path=()):
    """(command path, help text) for the group and every command under it."""
    ctx = group.make_context(" ".join(("sentiment",) + path), ["--help"], resilient_parsing=True)
    yield path, group.get_help(ctx)
    for name in getattr(group, "commands", {}):
        yield from _commands(group.commands[name], path + (name,))


def _examples(help_text: str) -> list[str]:
    lines = help_text.splitlines()
    if "  Examples:" not in lines:
        return []
    block, out = lines[lines.index("  Examples:") + 1:], []
    for line in block:
        if not line.strip():
            break
        if out and out[-1].endswith("\\"):
            out[-1] = out[-1][:-1].rstrip() + " " + line.strip()
        else:
            out.append(line.strip())
    return out


EXAMPLES = [(" ".join(path) or "sentiment", _examples(text)) for path, text in _commands()]


def test_every_command_with_work_to_do_shows_examples():
    without = [name for name, ex in EXAMPLES if not ex and name not in ("lexicon",)]
    assert not without, f"commands without examples in --help: {without}"
    assert sum(len(ex) for _, ex in EXAMPLES) >= 30


@pytest.fixture(scope="module")
def workdir(data, tmp_path_factory):
    """A folder holding every file the examples name."""
    work = tmp_path_factory.mktemp("help-examples")
    for name, rel in DATA_NAMES.items():
        (work / name).symlink_to(data / rel)
    pos = (data / DATA_NAMES["rt-polarity.pos"]).read_text(encoding="latin-1").splitlines()[:150]
    neg = (data / DATA_NAMES["rt-polarity.neg"]).read_text(encoding="latin-1").splitlines()[:150]
    rows = [(t, "5", "pos") for t in pos] + [(t, "1", "neg") for t in neg]
    random.Random(0).shuffle(rows)
    with open(work / "reviews.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "body", "stars"])
        w.writerows((i, t, s) for i, (t, s, _) in enumerate(rows, 1))
    with open(work / "test.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["text", "label"])
        w.writerows((t, l) for t, _, l in rows)
    (work / "reviews.txt").write_text("\n".join(t for t, _, _ in rows[:50]) + "\n", encoding="utf-8")
    (work / "review.txt").write_text(" ".join(t for t, _, _ in rows[:8]) + "\n", encoding="utf-8")
    runner = CliRunner()
    for name, extra in (("m.json", ["--features", "six"]), ("a.json", ["--features", "six"]),
                        ("b.json", ["--lexicon", "hu-liu"]), ("my-model.zip", ["--from", "default", "--l2", "0.001"])):
        res = runner.invoke(cli, ["train", str(work / "test.csv"), "-q", "-o", str(work / name), *extra])
        assert res.exit_code == 0, res.output
    return work


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_until_ctrl_c(example, cwd, env):
    """Start a server example on a free port, ask it for /healthz, stop it with SIGINT; its log and status."""
    import json
    import signal
    import time
    import urllib.request

    port = _free_port()
    proc = subprocess.Popen(["bash", "-c", f"exec {example}"], cwd=cwd, env={**env, "SENTIMENT_PORT": str(port)},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    try:
        deadline, health = time.monotonic() + 120, None
        while health is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
                    health = json.loads(answer.read())
            except OSError:
                time.sleep(0.2)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        log, _ = proc.communicate(timeout=60)
    assert health is not None and health["status"] == "ok", f"{example}: never answered\n{log[-2000:]}"
    return proc.returncode, log


@pytest.mark.parametrize("command", [name for name, ex in EXAMPLES if ex])
def test_help_examples_run_as_written(command, workdir):
    examples = dict(EXAMPLES)[command]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    for example in examples:
        assert shlex.split(example, comments=True)[0] in ("sentiment", "cat"), example
        if "until Ctrl-C" in example:
            status, log = _run_until_ctrl_c(example, workdir, env)
            assert status in (0, 130) and "Traceback" not in log, f"{example}\n{log[-2000:]}"
            continue
        done = subprocess.run(["bash", "-o", "pipefail", "-c", example], cwd=workdir, env=env, capture_output=True,
                              text=True, timeout=600, stdin=subprocess.DEVNULL)
        assert done.returncode == 0 and "Traceback" not in done.stderr, f"{example}\n{done.stderr[-2000:]}"
