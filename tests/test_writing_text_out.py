"""Text on its way out: standard output that cannot be written, arguments that were not UTF-8, bidi controls."""

import os
import subprocess
import sys

import pytest

from sentiment.cli.main import cli

SENTIMENT = [sys.executable, "-m", "sentiment"]


@pytest.mark.parametrize("args", [["--help"], ["classify", "--help"], ["--version"], ["models"],
                                  ["classify", "A gem."]])
def test_a_full_standard_output_is_one_error_line(args):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run(SENTIMENT + args, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 1 and done.stderr.strip() == "error: <stdout>: cannot write: No space left on device"


def test_an_argument_that_is_not_utf8_gives_a_page_with_the_replacement_character(tmp_path):
    page = tmp_path / "x.html"
    done = subprocess.run(SENTIMENT + ["explain", b"good \xff film", "--html", str(page)], capture_output=True,
                          timeout=60)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    html = page.read_text(encoding="utf-8")  # valid UTF-8
    assert "\ufffd" in html and "film" in html


def test_bidi_controls_in_user_text_are_isolated(runner, tmp_path):
    spoof = "\u202eredaeh ekaf"
    (tmp_path / "c.csv").write_text(f"text,label\n{spoof} dull,neg\na gem,pos\nawful,neg\nsuperb,pos\n", encoding="utf-8")
    res = runner.invoke(cli, ["explain", spoof, "--html", str(tmp_path / "e.html")])
    assert res.exit_code == 0
    html = (tmp_path / "e.html").read_text(encoding="utf-8")
    assert "<bdi>" in html and "\u202e" in html
    # Every U+202E in the page sits inside a <bdi> … </bdi>.
    for at in [i for i, ch in enumerate(html) if ch == "\u202e"]:
        assert html.rfind("<bdi>", 0, at) > html.rfind("</bdi>", 0, at), html[max(0, at - 80):at + 20]
    res = runner.invoke(cli, ["evaluate", "six", str(tmp_path / "c.csv"), "--html", str(tmp_path / "r.html")])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    for at in [i for i, ch in enumerate(html) if ch == "\u202e"]:
        assert html.rfind("<bdi>", 0, at) > html.rfind("</bdi>", 0, at), html[max(0, at - 80):at + 20]


@pytest.mark.parametrize("fmt", ["auto", "jsonl"])
def test_json_nested_too_deep_on_standard_input_is_one_line(fmt):
    deep = '{"text": "a gem", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    done = subprocess.run(SENTIMENT + ["classify", "-", "--format", fmt], input=deep, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1 and "nested more than 100 levels deep" in done.stderr and "Traceback" not in done.stderr


def test_json_array_file_nested_too_deep_is_one_line(runner, tmp_path):
    path = tmp_path / "d.json"
    path.write_text('[{"text": "a gem", "x": ' + "[" * 100_000 + "]" * 100_000 + "}]")
    res = runner.invoke(cli, ["classify", str(path)])
    assert res.exit_code == 1 and "nested more than 100 levels deep" in res.stderr


@pytest.mark.parametrize("command", [["classify"], ["explain"], ["train", "-o", "m.json"], ["lexicon", "induce", "-o", "l.tsv"]])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_read_whole_is_refused_at_its_first_block(tmp_path, command, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    args = command[:1] + [device] + command[1:] if command[0] != "lexicon" else command[:2] + [device] + command[2:]
    done = subprocess.run(SENTIMENT + args, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and f"{device}: binary file (NUL byte" in done.stderr


def test_a_huge_file_read_whole_is_refused_before_it_is_read(runner, tmp_path):
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as fh:
        fh.truncate(20 * 1024**3)  # 20 GB that take no disk
    res = runner.invoke(cli, ["classify", str(path)])
    assert res.exit_code == 1 and "more than a file read whole may hold" in res.stderr


@pytest.mark.parametrize("fmt", ["auto", "lines", "csv", "tsv", "jsonl"])
def test_a_device_on_standard_input_is_refused_at_once_in_every_format(fmt):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(SENTIMENT + ["classify", "-", "--format", fmt], stdin=zero, capture_output=True,
                              text=True, timeout=60)
    assert done.returncode == 1 and "<stdin>: binary file (NUL byte at offset 0)" in done.stderr


def test_a_standard_input_line_without_end_is_bounded(monkeypatch):
    import io

    import sentiment.io.stdin as stdin_module
    from sentiment.errors import InputError

    monkeypatch.setattr(stdin_module, "MAX_LINE", 100_000)
    for fmt in ("lines", "csv"):
        with pytest.raises(InputError, match="line 2 is longer than 100,000"):
            list(stdin_module.stdin_chunks(io.StringIO("text\n" + "x" * 200_000), fmt=fmt))
        with pytest.raises(InputError, match="line 1 is longer than 100,000"):
            list(stdin_module.stdin_chunks(io.StringIO("y" * 200_000), fmt=fmt))


def test_a_bad_byte_on_standard_input_is_named_at_its_line(tmp_path):
    rows = [b"id,text\n"] + [f"{i},a fine film {i}\n".encode() for i in range(1, 30_000)]
    rows[23_457] = b"23457,caf\xe9 bad\n"  # line 23 458 of the input
    path = tmp_path / "bad.csv"
    path.write_bytes(b"".join(rows))
    with open(path, "rb") as stdin:
        done = subprocess.run(SENTIMENT + ["classify", "-", "--csv"], stdin=stdin, capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 1 and "<stdin> line 23458: not valid utf-8" in done.stderr
