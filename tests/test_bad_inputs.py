"""The table of bad inputs: each gets a one-line error naming the problem, a known exit code, no traceback.

The same table is in docs/robustness.md ("Bad input"). Rows run through click's
CliRunner; the Ctrl-C and 100 MB rows run real subprocesses.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sentiment.cli.main import cli

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def _model(tmp, mutate=None, raw=None):
    """A valid small model file, optionally mutated or replaced by raw bytes."""
    p = tmp / "model.json"
    if raw is not None:
        p.write_bytes(raw)
        return p
    from sentiment.pipeline import load_model

    load_model("six").save(p)  # the small six-feature model (the default is now the general model)
    if mutate:
        d = json.loads(p.read_text())
        mutate(d)
        p.write_text(json.dumps(d))
    return p


def _text(tmp, name, content):
    p = tmp / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    return p


GOOD = "pos a great film\npos lovely\nneg awful\nneg dull\n"

# (id, function(tmp) -> argv, exit code, words the one-line message must contain)
TABLE = [
    ("empty corpus", lambda t: ["train", str(_text(t, "c.txt", "")), "-o", str(t / "m.json")], 1, ["c.txt", "no documents"]),
    ("corpus with one class", lambda t: ["train", str(_text(t, "c.txt", "pos good\npos fine\n")), "-o", str(t / "m.json")],
     1, ["two classes", "'pos'"]),
    ("unknown label in evaluation corpus",
     lambda t: ["evaluate", "default", str(_text(t, "c.txt", "pos good\nmeh fine\n"))], 1, ["c.txt", "'meh'", "not known"]),
    ("missing text column", lambda t: ["train", str(_text(t, "c.csv", "body,label\ngood,pos\nbad,neg\n")), "-o",
                                       str(t / "m.json")], 1, ["c.csv", "no column 'text'", "body, label"]),
    ("missing label column", lambda t: ["train", str(_text(t, "c.csv", "text,stars\ngood,5\n")), "-o", str(t / "m.json")],
     1, ["c.csv", "no column 'label'"]),
    ("CSV with a ragged row (train)", lambda t: ["train", str(_text(t, "c.csv", "text,label\ngood,pos\nbad,neg,extra\n")),
                                                 "-o", str(t / "m.json")], 1, ["c.csv", "line 3"]),
    ("CSV with a ragged row (classify)", lambda t: ["classify", str(_text(t, "c.csv", "id,text\n1,good\n2,bad,extra\n"))],
     1, ["c.csv", "line 3", "3 fields"]),
    ("non-UTF-8 corpus", lambda t: ["train", str(_text(t, "c.txt", b"pos caf\xe9 ok\nneg bad\n")), "-o", str(t / "m.json")],
     1, ["c.txt", "not valid utf-8", "line 1", "0xe9", "--encoding latin-1"]),
    ("non-UTF-8 CSV to classify", lambda t: ["classify", str(_text(t, "c.csv", b"id,text\n1,caf\xe9\n"))],
     1, ["c.csv", "not valid utf-8", "--encoding latin-1"]),
    ("PNG given as a corpus", lambda t: ["train", str(_text(t, "cat.png", PNG)), "-o", str(t / "m.json")],
     1, ["cat.png", "binary file"]),
    ("PNG given as a document", lambda t: ["classify", str(_text(t, "cat.png", PNG))], 1, ["cat.png", "binary file"]),
    ("folder with no documents", lambda t: ["train", str(_mkdirs(t / "corpus" / "pos")), "-o", str(t / "m.json")],
     1, ["no documents"]),
    ("0-byte model file", lambda t: ["classify", "-m", str(_model(t, raw=b"")), "hi"], 1, ["model.json", "empty file"]),
    ("truncated JSON model", lambda t: ["classify", "-m", str(_model(t, raw=b'{"format": "sentiment-model", "vers')), "hi"],
     1, ["model.json", "not valid JSON"]),
    ("model from a newer format version", lambda t: ["classify", "-m", str(_model(t, lambda d: d.update(version=99))), "hi"],
     1, ["model.json", "newer sentiment", "99"]),
    ("feature count does not match weights",
     lambda t: ["classify", "-m", str(_model(t, lambda d: d["weights"][0].append(0.5))), "hi"],
     1, ["model.json", "7 columns", "6 features"]),
    ("NaN weights", lambda t: ["classify", "-m", str(_nan_model(t, "NaN")), "hi"], 1, ["model.json", "NaN is not allowed"]),
    ("infinite weights", lambda t: ["classify", "-m", str(_nan_model(t, "1e999")), "hi"], 1, ["model.json", "non-finite"]),
    ("model file that is not a model", lambda t: ["classify", "-m", str(_model(t, raw=b'{"a": 1}')), "hi"],
     1, ["model.json", "not a sentiment model file"]),
    ("empty lexicon file", lambda t: ["train", str(_text(t, "c.txt", GOOD)), "--lexicon", str(_text(t, "lex.csv", "")),
                                      "-o", str(t / "m.json")], 1, ["lex.csv", "no positive and no negative words"]),
    ("lexicon with both lists empty", lambda t: ["train", str(_text(t, "c.txt", GOOD)), "--lexicon", str(_lexdir(t)),
                                                 "-o", str(t / "m.json")], 1, ["no positive and no negative words"]),
    ("output in a missing folder", lambda t: ["train", str(_text(t, "c.txt", GOOD)), "-o", str(t / "nope" / "m.json")],
     1, ["m.json", "does not exist"]),
    ("output where writing is refused", lambda t: ["train", str(_text(t, "c.txt", GOOD)), "-o", "/proc/m.json"],
     1, ["/proc/m.json"]),
    ("a row with no text, --on-error fail", lambda t: ["classify", str(_text(t, "c.csv", "id,text\n1,good\n2,\n")),
                                                       "--on-error", "fail"],
     1, ["c.csv", "row 2", "--on-error"]),
    ("a file name that names nothing", lambda t: ["classify", "reviewz.csv"], 1, ["reviewz.csv", "--as-text"]),
    ("more folds than documents in a class", lambda t: ["cv", str(_text(t, "c.txt", GOOD)), "--folds", "3"],
     1, ["fewer than 3 folds"]),
    ("unknown lexicon", lambda t: ["train", str(_text(t, "c.txt", GOOD)), "--lexicon", "no/such", "-o", str(t / "m.json")],
     1, ["no/such", "no such lexicon"]),
    ("model path is a folder", lambda t: ["classify", "-m", str(t), "hi"], 1, ["is a folder"]),
    ("missing model file", lambda t: ["classify", "-m", str(t / "none.json"), "hi"], 1, ["none.json", "no such model"]),
    ("bad --label-map", lambda t: ["evaluate", "default", str(_text(t, "c.txt", GOOD)), "--label-map", "0:neg"],
     1, ["--label-map", "'0:neg'"]),
]

# Issue 12 (an adversarial pass): each row failed on the main before the fix.
TABLE += [
    # 2: an output that is an input (or inside an input folder) is refused before any work.
    ("12.2 train -o its own corpus", lambda t: ["train", str(_text(t, "c.txt", GOOD)), "-o", str(t / "c.txt")],
     1, ["c.txt", "the output is the input"]),
    ("12.2 evaluate -o its own corpus", lambda t: ["evaluate", "default", str(_text(t, "c.txt", GOOD)), "-o",
                                                    str(t / "c.txt")], 1, ["the output is the input"]),
    ("12.2 evaluate --predictions over its corpus",
     lambda t: ["evaluate", "default", str(_text(t, "c.txt", GOOD)), "--predictions", str(t / "c.txt")],
     1, ["the output is the input"]),
    ("12.2 lexicon induce -o its own corpus",
     lambda t: ["lexicon", "induce", str(_text(t, "c.txt", GOOD)), "-o", str(t / "c.txt")], 1, ["the output is the input"]),
    ("12.2 train -o its own lexicon", lambda t: ["train", str(_text(t, "c.txt", GOOD)), "--lexicon",
                                                 str(_text(t, "l.csv", "great,positive\nawful,negative\n")), "-o",
                                                 str(t / "l.csv")], 1, ["l.csv", "the output is the input"]),
    ("12.2 classify -o its own table", lambda t: ["classify", str(_text(t, "in.csv", "id,text\n1,good\n")), "-o",
                                                  str(t / "in.csv")], 1, ["in.csv", "the output is the input"]),
    ("12.2 -o a symlink to the input", lambda t: ["classify", str(_text(t, "in.csv", "id,text\n1,good\n")), "-o",
                                                  str(_symlink(t / "out.csv", t / "in.csv"))], 1, ["the output is the input"]),
    ("12.2 classify -o inside the input folder",
     lambda t: ["classify", str(_mkdirs(t / "docs" / "sub")), "-o", str(t / "docs" / "out.csv")],
     1, ["inside the input folder"]),
    ("12.2 model given as an output of evaluate",
     lambda t: ["evaluate", str(_model(t)), str(_text(t, "c.txt", GOOD)), "-o", str(t / "model.json")],
     1, ["the output is the input"]),
    # 4: a stray quote stops the read naming its line, in classify and train alike.
    ("12.4 unbalanced quote (classify)",
     lambda t: ["classify", str(_text(t, "c.csv", 'id,text\n1,great\n2,"oops\n3,awful\n4,fine\n5,bad\n'))],
     1, ["c.csv", "line 3", "never closed"]),
    ("12.4 TSV text starting with a quote (classify)",
     lambda t: ["classify", str(_text(t, "c.tsv", 'id\ttext\n1\tgreat\n2\t"oops it\n3\tawful\n'))],
     1, ["c.tsv", "line 3"]),
    ("12.4 TSV text starting with a quote (train)",
     lambda t: ["train", str(_text(t, "c.tsv", 'text\tlabel\ngreat\tpos\n"so" dull\tneg\nfine\tpos\n')),
                "-o", str(t / "m.json")], 1, ["c.tsv", "line 3", "quote"]),
    # 5: an empty argument (an unset "$FILE") is not the current folder.
    ("12.5 classify ''", lambda t: ["classify", "", "--on-error", "fail"], 1, ["no text to classify"]),
    ("12.5 train ''", lambda t: ["train", "", "-o", str(t / "m.json")], 1, ["''", "empty corpus name"]),
    # 7: a column named twice is refused, naming it.
    ("12.7 duplicate column (classify)", lambda t: ["classify", str(_text(t, "c.csv", "text,id,text\na,1,b\n"))],
     1, ["c.csv", "'text' appears 2 times"]),
    ("12.7 duplicate column (train)", lambda t: ["train", str(_text(t, "c.csv", "text,label,text\na,pos,b\nc,neg,d\n")),
                                                 "-o", str(t / "m.json")], 1, ["c.csv", "'text' appears 2 times"]),
    ("12.7 duplicate column in Parquet (train)", lambda t: ["train", str(_parquet_dup(t)), "-o", str(t / "m.json")],
     1, ["c.parquet", "'text' appears 2 times"]),
    ("12.7 duplicate key in a JSON line", lambda t: ["classify", str(_text(t, "c.jsonl", '{"text": "a", "text": "b"}\n'))],
     1, ["c.jsonl", "line 1", "'text' appears twice"]),
    # 8: labels that differ only in case, a label map that maps one label twice, text = label, objects as labels.
    ("12.8 labels differing in case", lambda t: ["train", str(_text(t, "c.csv", "text,label\na,pos\nb, Pos\nc,neg \n")),
                                                 "-o", str(t / "m.json")], 1, ["'Pos'", "'pos'", "differ only in case"]),
    ("12.8 --label-map 0=neg,0=pos", lambda t: ["evaluate", "default", str(_text(t, "c.txt", "0 dull\n1 fine\n")),
                                                "--label-map", "0=neg,0=pos"], 1, ["--label-map", "'0' is mapped twice"]),
    ("12.8 --text-column equal to --label-column",
     lambda t: ["train", str(_text(t, "c.csv", "text,label\na,pos\nb,neg\n")), "--text-column", "label",
                "-o", str(t / "m.json")], 1, ["--text-column", "'label'"]),
    ("12.8 a JSON object as a label",
     lambda t: ["train", str(_text(t, "c.jsonl", '{"text": "a", "label": "pos"}\n{"text": "b", "label": {"x": 1}}\n')),
                "-o", str(t / "m.json")], 1, ["c.jsonl", "row 2", "dict"]),
    # 9: --engine dask keeps --on-error fail.
    ("12.9 dask: a row with no text", lambda t: _dask(["classify", str(_text(t, "c.csv", "id,text\n1,good\n2,\n")),
                                                       "--engine", "dask", "--on-error", "fail"]), 1, ["c.csv", "row 2", "--on-error"]),
    # 13: a full device as -o.
    ("12.13 -o a full device", lambda t: ["classify", "great", "-o", str(_full(t))], 1, ["full", "No space left"]),
    # 15: an unknown encoding.
    ("12.15 --encoding bogus", lambda t: ["classify", str(_text(t, "c.txt", "great")), "--encoding", "bogus"],
     1, ["--encoding", "'bogus'", "unknown encoding"]),
    ("12.15 --encoding bogus (train)", lambda t: ["train", str(_text(t, "c.txt", GOOD)), "--encoding", "bogus", "-o",
                                                  str(t / "m.json")], 1, ["'bogus'", "unknown encoding"]),
    # 16: a validation split that leaves nothing to train on.
    ("12.16 --validation-split 0.99 on 3 documents",
     lambda t: ["train", str(_text(t, "c.txt", "pos good\nneg bad\npos fine\n")), "--solver", "sgd",
                "--validation-split", "0.99", "-o", str(t / "m.json")], 1, ["validation split", "none to train on"]),
    # 17: model files missing an extended key, or nested to overflow the stack.
    ("12.17 extended model without six_mean", lambda t: ["classify", "-m", str(_ext_model(t, _drop_six_mean)), "hi"],
     1, ["model.json", "six_mean"]),
    ("12.17 training block nested 900 levels", lambda t: ["classify", "-m", str(_deep_model(t)), "hi", "--jobs", "2"],
     1, ["model.json", "nested more than"]),
    # 18: folder-like and empty output names, a bad --fold-pattern.
    ("12.18 -o newdir/", lambda t: ["classify", "great", "-o", str(t / "newdir") + "/"], 1, ["newdir/", "folder name"]),
    ("12.18 -o ''", lambda t: ["classify", "great", "-o", ""], 1, ["''", "empty file name"]),
    ("12.18 --fold-pattern '('", lambda t: ["cv", str(_text(t, "c.txt", GOOD)), "--fold-pattern", "("],
     1, ["--fold-pattern", "not a regular expression"]),
    # 19: Dask errors name the file (or the scheduler), in one line.
    ("12.19 dask: a JSON line that is not an object",
     lambda t: _dask(["classify", str(_text(t, "c.jsonl", '{"text": "good"}\n[1, 2]\n')), "--engine", "dask"]),
     1, ["c.jsonl"]),
    ("12.19 dask: a duplicate column", lambda t: _dask(["classify", str(_text(t, "c.csv", "text,text\na,b\n")),
                                                        "--engine", "dask"]), 1, ["c.csv", "'text' appears 2 times"]),
    # 20: messages that name the file or the value.
    ("12.20 a list as a label",
     lambda t: ["train", str(_text(t, "c.jsonl", '{"text": "a", "label": "pos"}\n{"text": "b", "label": [1, 2]}\n')),
                "-o", str(t / "m.json")], 1, ["c.jsonl", "row 2", "list"]),
    ("12.20 a lone surrogate in an output name", lambda t: ["classify", "great", "-o", str(t / "m\udcff.csv")],
     1, ["not valid text"]),
    ("12.20 extended model with nb false but nb_score true",
     lambda t: ["classify", "-m", str(_ext_model(t, lambda d: d["features"]["ngrams"].update(nb=False))), "hi"],
     1, ["model.json", "nb_score needs nb=True"]),
    # 21: the exact line of a bad byte, far into a file.
    ("12.21 bad byte on line 30 002", lambda t: ["classify", str(_late_bad_byte(t))], 1, ["c.csv", "at line 30002"]),
    # 22: lexicon induce with a label not in the corpus, or a threshold nothing reaches.
    ("12.22 lexicon induce --positive 7", lambda t: ["lexicon", "induce", str(_text(t, "c.txt", GOOD)), "--positive", "7",
                                                     "-o", str(t / "l.tsv")], 1, ["--positive", "'7'", "not in the corpus"]),
    ("12.22 lexicon induce: empty result", lambda t: ["lexicon", "induce", str(_text(t, "c.txt", GOOD)), "--z", "50",
                                                      "-o", str(t / "l.tsv")], 1, ["no word reaches", "lower --z"]),
    # 23: model loader: types of alpha and min_df, duplicate keys.
    ("12.23 model with alpha a string",
     lambda t: ["classify", "-m", str(_ext_model(t, lambda d: d["features"]["ngrams"].update(alpha="x"))), "hi"],
     1, ["model.json", "alpha"]),
    ("12.23 model with min_df 1.5",
     lambda t: ["classify", "-m", str(_ext_model(t, lambda d: d["features"]["ngrams"].update(min_df=1.5))), "hi"],
     1, ["model.json", "min_df"]),
    ("12.23 model with two weights keys", lambda t: ["classify", "-m", str(_dup_key_model(t)), "hi"],
     1, ["model.json", "'weights' appears twice"]),
    # 25: '-' is standard input for train and evaluate too; a blank argument is no text.
    ("12.25 a blank argument to classify", lambda t: ["classify", " ", "--on-error", "fail"], 1, ["no text to classify"]),
    # Found beside 10: plain sentences read as LABEL TEXT lines made a 900-class model (10 GB, then a numpy
    # memory traceback); a label column of free text likewise.
    ("12.sibling sentences without labels", lambda t: ["train", str(_text(t, "s.txt", "".join(
        f"{w} film number {i} was fine\n" for i, w in enumerate(["a", "the", "it", "this"] * 10 + [f"w{k}" for k in range(80)])))),
        "-o", str(t / "m.json")], 1, ["s.txt: 84 different labels", "is the first word of each line its label?"]),
    ("12.sibling a label column of text", lambda t: ["train", str(_text(t, "c.csv", "text,label\n" + "".join(
        f"nice {i},title {i}\n" for i in range(120)))), "-o", str(t / "m.json")], 1,
        ["c.csv: 120 different labels", "--label-column"]),
]


def _full(t):
    """A private /dev/full (char 1, 7), so a failing run can never replace the real one."""
    import stat

    try:
        os.mknod(t / "full", 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here ({exc})")
    return t / "full"


def _symlink(link, target):
    link.symlink_to(target)
    return link


def _dask(argv):
    pytest.importorskip("dask.dataframe")
    return argv


def _parquet_dup(t):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.Table.from_arrays([pa.array(["a", "b"]), pa.array(["pos", "neg"]), pa.array(["c", "d"])],
                                 names=["text", "label", "text"])
    pq.write_table(table, t / "c.parquet")
    return t / "c.parquet"


def _ext_model(t, mutate):
    from sentiment.pipeline import load_model, model_to_dict

    d = json.loads(json.dumps(model_to_dict(load_model("extended"))))  # the shipped file may be compact
    mutate(d)
    p = t / "model.json"
    p.write_text(json.dumps(d))
    return p


def _drop_six_mean(d):
    del d["features"]["six_mean"]


def _deep_model(t):
    p = _model(t)
    text = p.read_text()
    deep = '{"a": ' * 900 + "1" + "}" * 900
    d = json.loads(text)
    d["training"] = {}
    text = json.dumps(d).replace('"training": {}', f'"training": {deep}')
    p.write_text(text)
    return p


def _dup_key_model(t):
    p = _model(t)
    d = json.loads(p.read_text())
    w = json.dumps(d["weights"])
    p.write_text(json.dumps(d)[:-1] + f', "weights": {w}}}')
    return p


def _late_bad_byte(t):
    p = t / "c.csv"
    p.write_bytes(b"id,text\n" + b"".join(b"%d,a fine film of some length\n" % i for i in range(30_000))
                  + b"30001,caf\xe9\n")
    return p


def _mkdirs(p):
    p.mkdir(parents=True)
    return p.parent


def _lexdir(t):
    d = t / "lex"
    d.mkdir()
    (d / "positive-words.txt").write_text("; only comments\n")
    (d / "negative-words.txt").write_text(";\n\n")
    return d


def _nan_model(t, token):
    p = _model(t)
    d = json.loads(p.read_text())
    w = json.dumps(d["weights"][0][0])
    p.write_text(p.read_text().replace(w, token, 1))
    return p


@pytest.mark.parametrize("argv,code,words", [row[1:] for row in TABLE], ids=[row[0] for row in TABLE])
def test_bad_input_table(runner, tmp_path, argv, code, words):
    res = runner.invoke(cli, argv(tmp_path))
    assert res.exit_code == code, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    err = [l for l in res.stderr.splitlines() if l.startswith("error:")]
    assert len(err) == 1, res.stderr
    for w in words:
        assert w in err[0], (w, err[0])
    assert "Traceback" not in res.output


def test_table_has_at_least_twenty_rows():
    assert len(TABLE) >= 20


def _bin():
    return str(Path(sys.executable).parent / "sentiment")


def test_100_mb_single_line_document(tmp_path):
    doc = tmp_path / "huge.txt"
    with open(doc, "w") as fh:
        line = "a great film with no surprises , but dull ! " * 1000
        for _ in range(100_000_000 // len(line) + 1):
            fh.write(line)
    assert doc.stat().st_size >= 100_000_000
    # The six-feature model reads a huge document in pieces; the general (default) model does not yet
    # (10 MB: 34 s and 0.5 GB here), so this test of streaming names the six-feature model.
    res = subprocess.run([_bin(), "classify", str(doc), "--model", "six", "--jsonl"], capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stderr
    out = [json.loads(l) for l in res.stdout.splitlines()]
    assert len(out) == 1 and out[0]["id"] == str(doc) and 0 <= out[0]["probability"] <= 1


def test_ctrl_c_during_train_leaves_previous_model(tmp_path):
    corpus = tmp_path / "c.txt"
    # Contradictory documents keep plain SGD's loss moving, so it cannot stop early on tol 0.
    corpus.write_text((GOOD + "pos dull film\nneg a lovely mess\n") * 2000)
    target = tmp_path / "model.json"
    target.write_text("previous model")
    p = subprocess.Popen([_bin(), "train", str(corpus), "--solver", "sgd", "--epochs", "100000", "--tol", "0",
                          "-o", str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    assert p.poll() is None, "training finished before it could be interrupted"
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    assert p.returncode == 130 and "interrupted" in err and "Traceback" not in err
    assert target.read_text() == "previous model"
    assert sorted(os.listdir(tmp_path)) == ["c.txt", "model.json"]
