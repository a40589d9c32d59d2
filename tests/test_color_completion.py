"""Colour (--color auto|always|never, NO_COLOR) and shell completion."""

import os
import subprocess
import sys

import pytest

from sentiment.cli.main import cli

TEXT = "It's hokey, but the cast is great!"
ANSI = "\x1b["


@pytest.mark.parametrize("args, env, coloured", [
    (["--color", "always"], {}, True),
    (["--color"], {}, True),                          # a bare --color means always
    (["--color", "always"], {"NO_COLOR": "1"}, True),  # the command line beats the environment
    (["--color", "never"], {}, False),
    (["--no-color"], {}, False),
    ([], {}, False),                                  # auto, and CliRunner is not a terminal
])
def test_explain_color_choice(runner, args, env, coloured):
    r = runner.invoke(cli, ["explain", TEXT, *args], env=env)
    assert r.exit_code == 0, r.output
    assert (ANSI in r.output) is coloured
    if not coloured:
        assert "[+great]" in r.output and "[-hokey]" in r.output


def test_explain_auto_colours_a_terminal_unless_no_color(tmp_path):
    pty = pytest.importorskip("pty")

    def on_terminal(extra):
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env.update(extra)
        master, slave = pty.openpty()
        p = subprocess.run([sys.executable, "-m", "sentiment", "explain", TEXT], stdout=slave, stderr=subprocess.PIPE,
                           env=env, timeout=60)
        os.close(slave)
        out = b""
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
        os.close(master)
        assert p.returncode == 0, p.stderr
        return out.decode(errors="replace")

    assert ANSI in on_terminal({})
    assert ANSI not in on_terminal({"NO_COLOR": "1"})


def test_use_color_rules(monkeypatch):
    from sentiment.cli.color import use_color

    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", Tty()) is True
    monkeypatch.setenv("NO_COLOR", "")  # empty: as if unset (no-color.org)
    assert use_color("auto", Tty()) is True
    monkeypatch.setenv("NO_COLOR", "yes")
    assert use_color("auto", Tty()) is False
    assert use_color("always", Tty()) is True


def _complete(words, shell="bash"):
    env = {**os.environ, "_SENTIMENT_COMPLETE": f"{shell}_complete", "COMP_WORDS": " ".join(words),
           "COMP_CWORD": str(len(words) - 1)}
    return subprocess.run([sys.executable, "-c", "from sentiment.cli.main import main; main()"], env=env,
                          capture_output=True, text=True, timeout=60).stdout


def test_shell_completion_as_the_readme_documents():
    env = {**os.environ, "_SENTIMENT_COMPLETE": "bash_source"}
    script = subprocess.run([sys.executable, "-c", "from sentiment.cli.main import main; main()"], env=env,
                            capture_output=True, text=True, timeout=60).stdout
    assert "_sentiment_completion" in script and "complete " in script
    assert "plain,classify" in _complete(["sentiment", "cla"])
    assert "plain,--color" in _complete(["sentiment", "explain", "--col"])
    assert "plain,never" in _complete(["sentiment", "explain", "--color", ""])
    readme = (__import__("pathlib").Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert '_SENTIMENT_COMPLETE=bash_source sentiment' in readme
