"""classify's inputs and outputs as a new user meets them: typos, piped tables, -o, texts, blank rows."""

import csv
import io
import json

import pytest

from sentiment.cli.main import cli


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_a_missing_file_like_argument_is_an_error_that_says_how_to_classify_it_as_text(runner, tmp_path):
    for typo in ["reviewz.csv", "data/reviews", "notes.txt"]:
        r = runner.invoke(cli, ["classify", typo])
        assert r.exit_code == 1
        assert r.stderr.startswith(f"error: {typo}: no such file or folder") and "--as-text" in r.stderr
        assert "Traceback" not in r.output
    r = runner.invoke(cli, ["classify", "reviewz.csv", "--as-text", "--csv"])
    assert r.exit_code == 0 and [x["text"] for x in rows(r.stdout)] == ["reviewz.csv"]
    # Sentences, even with a slash or a full stop, are texts.
    r = runner.invoke(cli, ["classify", "A gem.", "good/bad, but mostly good", "--csv"])
    assert r.exit_code == 0 and len(rows(r.stdout)) == 2
    # --as-text also takes an existing file's name as words.
    (tmp_path / "x.csv").write_text("text\nawful\n", encoding="utf-8")
    r = runner.invoke(cli, ["classify", str(tmp_path / "x.csv"), "--as-text", "--csv"])
    assert [x["text"] for x in rows(r.stdout)] == [str(tmp_path / "x.csv")]


def test_texts_and_stdin_lines_carry_their_text(runner):
    r = runner.invoke(cli, ["classify", "A gem.", "A mess.", "--csv"])
    out = rows(r.stdout)
    assert [(x["id"], x["text"]) for x in out] == [("text:1", "A gem."), ("text:2", "A mess.")]
    r = runner.invoke(cli, ["classify", "-", "--csv"], input="a warm film\na cold, dull film\n")
    out = rows(r.stdout)
    assert [(x["id"], x["text"]) for x in out] == [("stdin:1", "a warm film"), ("stdin:2", "a cold, dull film")]


@pytest.mark.parametrize("data, extra", [
    ("id,body,stars\n1,a great and moving film,5\n2,\"dull, awful\",1\n", []),
    ("id\tbody\tstars\n1\ta great and moving film\t5\n2\tdull, awful\t1\n", []),
    ('{"id": 1, "body": "a great and moving film", "stars": 5}\n{"id": 2, "body": "dull, awful", "stars": 1}\n', []),
    ("id,body,stars\n1,a great and moving film,5\n2,\"dull, awful\",1\n", ["--format", "csv"]),
], ids=["csv sniffed", "tsv sniffed", "jsonl sniffed", "csv by --format"])
def test_stdin_tables_keep_columns_and_honour_text_column(runner, data, extra):
    r = runner.invoke(cli, ["classify", "-", "--text-column", "body", "--jsonl", *extra], input=data)
    assert r.exit_code == 0, r.output
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert [str(o["id"]) for o in out] == ["1", "2"]  # the header is not a review
    assert [o["body"] for o in out] == ["a great and moving film", "dull, awful"]
    assert [str(o["stars"]) for o in out] == ["5", "1"]
    assert [o["label"] for o in out] == ["pos", "neg"]


def test_stdin_format_lines_and_a_missing_text_column(runner):
    data = "id,body\n1,great\n"
    r = runner.invoke(cli, ["classify", "-", "--format", "lines", "--csv"], input=data)
    assert [x["text"] for x in rows(r.stdout)] == ["id,body", "1,great"]
    r = runner.invoke(cli, ["classify", "-", "--format", "csv", "--csv"], input=data)  # --text-column text
    assert r.exit_code == 1 and r.stderr.startswith("error: <stdin>: no column 'text'") and "--text-column" in r.stderr
    # A header without the text column is not sniffed as a table: plain lines, as before.
    r = runner.invoke(cli, ["classify", "-", "--csv"], input=data)
    assert len(rows(r.stdout)) == 2


def test_blank_rows_are_kept_flagged_and_counted_or_stop_with_fail(runner):
    r = runner.invoke(cli, ["classify", "-", "--jsonl"], input="a great film\n\n   \na dull film\n")
    assert r.exit_code == 0
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert [o["error"] for o in out] == [None, "no text", "no text", None]
    assert [o["label"] for o in out] == ["pos", None, None, "neg"]
    assert "flagged 2 row(s) with no text" in r.stderr
    quiet = runner.invoke(cli, ["classify", "-", "--jsonl", "-q"], input="a great film\n\n   \na dull film\n")
    assert quiet.stdout == r.stdout and quiet.stderr == ""  # the flagged rows are in the output: -q says nothing
    left_out = runner.invoke(cli, ["classify", "-", "--jsonl", "-q", "--on-error", "skip"], input="a great film\n\n")
    assert len(left_out.stdout.splitlines()) == 1 and left_out.stderr == "skipped 1 row(s) with no text\n"
    r = runner.invoke(cli, ["classify", "-", "--on-error", "fail"], input="a great film\n\n")
    assert r.exit_code == 1 and "row 2" in r.stderr and "Traceback" not in r.output


def test_output_format_follows_the_extension_unless_a_flag_says_otherwise(runner, tmp_path, data):
    r = runner.invoke(cli, ["classify", "A gem.", "-o", str(tmp_path / "a.json")])
    assert r.exit_code == 0 and json.loads((tmp_path / "a.json").read_text())[0]["text"] == "A gem."
    runner.invoke(cli, ["classify", "A gem.", "-o", str(tmp_path / "a.tsv")])
    assert (tmp_path / "a.tsv").read_text().splitlines()[0].split("\t")[:2] == ["id", "text"]
    runner.invoke(cli, ["classify", "A gem.", "-o", str(tmp_path / "b.jsonl")])
    assert json.loads((tmp_path / "b.jsonl").read_text().splitlines()[0])["text"] == "A gem."
    runner.invoke(cli, ["classify", "A gem.", "--csv", "-o", str(tmp_path / "c.json")])  # the flag wins
    assert (tmp_path / "c.json").read_text().startswith("id,text,")
    # The same rule for every command's -o and for evaluate --predictions.
    sst = data / "corpora" / "sst" / "stsa.binary.test"
    small = tmp_path / "sst.txt"
    small.write_text("\n".join(sst.read_text(encoding="utf-8").splitlines()[:60]) + "\n", encoding="utf-8")
    r = runner.invoke(cli, ["evaluate", "default", str(small), "--label-map", "0=neg,1=pos",
                            "-o", str(tmp_path / "r.json"), "--predictions", str(tmp_path / "p.jsonl")])
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "r.json").read_text())["documents"] == 60
    assert len([json.loads(l) for l in (tmp_path / "p.jsonl").read_text().splitlines()]) == 60
    r = runner.invoke(cli, ["cv", str(small), "--label-map", "0=neg,1=pos", "--folds", "2", "-o", str(tmp_path / "cv.json")])
    assert r.exit_code == 0 and json.loads((tmp_path / "cv.json").read_text())["folds"] == 2


@pytest.mark.parametrize("kind", ["csv", "jsonl", "folder", "stdin"])
def test_chunks_end_at_the_character_limit_with_every_row_in_order(kind, tmp_path, monkeypatch):
    # A chunk of long texts ends before 20 000 rows, so --jobs workers start while the rest is read.
    from sentiment.io.batch import iter_chunks
    from sentiment.io.formats import base

    monkeypatch.setattr(base, "CHUNK_CHARS", 100)
    texts = [f"review {i} " + "word " * (i % 7) for i in range(40)]
    stdin = None
    if kind == "csv":
        inputs = [tmp_path / "r.csv"]
        inputs[0].write_text("id,text\n" + "".join(f"{i},{t}\n" for i, t in enumerate(texts)), encoding="utf-8")
    elif kind == "jsonl":
        inputs = [tmp_path / "r.jsonl"]
        inputs[0].write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
    elif kind == "folder":
        (tmp_path / "docs").mkdir()
        for i, t in enumerate(texts):
            (tmp_path / "docs" / f"{i:03d}.txt").write_text(t)
        inputs = [tmp_path / "docs"]
    else:
        inputs, stdin = ["-"], io.StringIO("".join(t + "\n" for t in texts))
    chunks = list(iter_chunks([str(x) for x in inputs], stdin=stdin, stdin_format="lines"))
    assert len(chunks) > 3
    assert [t for c in chunks for t in c.texts] == texts
    assert [c.first_row for c in chunks] == [1 + sum(len(c) for c in chunks[:k]) for k in range(len(chunks))]
    assert all(sum(map(len, c.texts)) < 100 + max(map(len, texts)) for c in chunks)


@pytest.mark.parametrize("header", [True, False])
def test_csv_chunks_of_one_row_number_every_row(header, tmp_path):
    from sentiment.io.formats.delimited import read_delimited

    path = tmp_path / "r.csv"
    path.write_text(("text,id\n" if header else "") + 'a,1\n\n"b\nc",2\nd,3\n', encoding="utf-8")
    chunks = list(read_delimited(path, text_column="text" if header else "1", chunk_rows=1, header=header))
    assert [c.first_row for c in chunks] == [1, 2, 3] and [c.texts for c in chunks] == [["a"], ["b\nc"], ["d"]]


def test_a_json_lines_field_first_seen_after_the_first_chunk_is_kept(runner, tmp_path, monkeypatch):
    # The output's columns are the first chunk's: a file's fields are all read first, so none is dropped.
    from sentiment.io.formats import base

    monkeypatch.setattr(base, "CHUNK_CHARS", 10)
    path = tmp_path / "r.jsonl"
    path.write_text('{"text": "a fine and lovely film indeed"}\n{"text": "awful", "stars": 1}\n', encoding="utf-8")
    result = runner.invoke(cli, ["classify", str(path), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["stars"] for r in rows] == ["", "1"]


def test_a_json_lines_field_first_seen_late_on_standard_input_is_an_error(runner, monkeypatch):
    # Standard input is read once: the field would be dropped, so it is a clear error instead.
    from sentiment.io.formats import base

    monkeypatch.setattr(base, "CHUNK_CHARS", 10)
    lines = '{"text": "a fine and lovely film indeed"}\n{"text": "awful", "stars": 1}\n'
    result = runner.invoke(cli, ["classify", "-", "--csv", "--format", "jsonl"], input=lines)
    assert result.exit_code == 1
    assert "line 2: field 'stars' first appears after the first chunk" in result.output
    assert "Traceback" not in result.output
