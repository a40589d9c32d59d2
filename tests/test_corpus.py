import pytest

from sentiment.io.corpus import read_corpora, read_corpus
from sentiment.errors import InputError


def test_polarity_folder_layout_followed_from_the_top(data, rt2k):
    top = read_corpus(data / "corpora" / "polarity-v2.0")
    c = read_corpus(rt2k)
    assert len(c) == 2000 and c.class_counts() == {"neg": 1000, "pos": 1000}
    assert top.ids == c.ids and c.ids[0].startswith("neg/cv000_")


def test_aclimdb_layout_leaves_unsup_out(tmp_path, capsys):
    for label, n in (("pos", 2), ("neg", 1), ("unsup", 3)):
        (tmp_path / "train" / label).mkdir(parents=True)
        for i in range(n):
            (tmp_path / "train" / label / f"{i}_7.txt").write_text(f"{label} review {i}")
    c = read_corpus(tmp_path / "train")
    assert c.labels == ["neg", "pos", "pos"] and "unsup" not in c.labels
    assert "left out (3 unlabelled" in capsys.readouterr().err


def test_one_file_per_label_and_label_equals_path(data, tmp_path):
    mr = data / "corpora" / "sentence-polarity-v1.0"
    c = read_corpora([mr / "rt-polarity.pos", mr / "rt-polarity.neg"])
    assert len(c) == 10662 and c.class_counts() == {"neg": 5331, "pos": 5331}
    f = tmp_path / "good.txt"
    f.write_text("fine\n\nsplendid\n")
    c2 = read_corpus(f"great={f}")
    assert c2.texts == ["fine", "splendid"] and c2.labels == ["great", "great"] and c2.ids == ["good.txt:1", "good.txt:3"]


@pytest.mark.parametrize("rel,n,k", [
    ("sst/stsa.binary.train", 6920, 2), ("sst/stsa.fine.train", 8544, 5),
    ("mpqa-opinion/mpqa.all", 10606, 2), ("subj/subj.all", 10000, 2),
])
def test_label_text_files(data, rel, n, k):
    c = read_corpus(data / "corpora" / rel)
    assert len(c) == n and len(c.class_counts()) == k
    assert all(isinstance(l, int) for l in c.labels)


def test_latin1_file_fails_with_encoding_message_then_loads(data):
    path = data / "corpora" / "sentence-polarity-v1.0" / "rt-polarity.all"
    with pytest.raises(InputError) as e:
        read_corpus(path)
    msg = str(e.value)
    assert "rt-polarity.all" in msg and "line " in msg and "byte 0x" in msg and "--encoding latin-1" in msg
    c = read_corpus(path, encoding="latin-1")
    assert len(c) == 10662 and set(c.labels) == {0, 1}


def test_tables_csv_tsv_jsonl_parquet(tmp_path):
    import pandas as pd

    df = pd.DataFrame({"body": ["a gem", "a dud", "fine"], "stars": ["pos", "neg", "pos"], "rid": ["x", "y", "z"]})
    df.to_csv(tmp_path / "r.csv", index=False)
    df.to_csv(tmp_path / "r.tsv", index=False, sep="\t")
    df.to_json(tmp_path / "r.jsonl", orient="records", lines=True)
    pytest.importorskip("pyarrow")
    df.to_parquet(tmp_path / "r.parquet")
    for ext in ("csv", "tsv", "jsonl", "parquet"):
        c = read_corpus(tmp_path / f"r.{ext}", text_column="body", label_column="stars", id_column="rid")
        assert c.texts == ["a gem", "a dud", "fine"] and c.labels == ["pos", "neg", "pos"] and c.ids == ["x", "y", "z"]


def test_integer_labels_in_csv(tmp_path):
    (tmp_path / "r.csv").write_text("text,label\ngood,1\nbad,0\n")
    assert read_corpus(tmp_path / "r.csv").labels == [1, 0]


def test_missing_column_lists_the_columns(tmp_path):
    (tmp_path / "r.csv").write_text("body,stars\ngood,1\n")
    with pytest.raises(InputError, match=r"r.csv: no column 'text' \(columns: body, stars\)"):
        read_corpus(tmp_path / "r.csv")


def test_nltk_movie_reviews_through_nltk_reader(rt2k, tmp_path, monkeypatch):
    pytest.importorskip("nltk")
    root = tmp_path / "corpora" / "movie_reviews"
    for label in ("pos", "neg"):
        (root / label).mkdir(parents=True)
        for f in sorted((rt2k / label).iterdir())[:20]:
            (root / label / f.name).write_bytes(f.read_bytes())
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    c = read_corpus("nltk:movie_reviews")
    direct = read_corpus(root)
    assert sorted(zip(c.ids, c.texts, c.labels)) == sorted(zip(direct.ids, direct.texts, direct.labels))
    assert c.class_counts() == {"neg": 20, "pos": 20}


@pytest.mark.parametrize("content,msg", [
    (b"", "no documents"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
def test_bad_label_text_files(tmp_path, content, msg):
    p = tmp_path / "c.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=msg):
        read_corpus(p)


def test_empty_folder(tmp_path):
    (tmp_path / "pos").mkdir()
    with pytest.raises(InputError, match="holds no documents"):
        read_corpus(tmp_path)


def test_label_without_text_is_kept_as_empty_document_and_reported(tmp_path, capsys):
    p = tmp_path / "c.txt"
    p.write_text("1 good\n0\n")
    c = read_corpus(p)
    assert c.texts == ["good", ""] and c.labels == [1, 0]
    assert "1 document(s) with a label but empty text (line 2)" in capsys.readouterr().err
