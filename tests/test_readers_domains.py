"""Readers for the cross-domain corpora: Amazon .review files, pros and cons, headerless CSV by column number.

Each is tested on a small fixture written here and, through the ``data`` fixture, on the
real files in ../shared/data (skipped when absent, failing under SENTIMENT_REQUIRE_DATA=1).
"""

import pytest

from sentiment.cli.main import cli as main
from sentiment.errors import InputError
from sentiment.io.formats.amazon import parse_reviews
from sentiment.io.corpus import read_corpora, read_corpus
from sentiment.io.formats.pros_cons import parse_pros_cons

REVIEWS = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<reviews>
<review>
<unique_id>
B0001:sturdy:ann
</unique_id>
<rating>
{rating}
</rating>
<title>
{title}
</title>
<review_text>
{body}
</review_text>
</review>
</reviews>
"""


def _review_file(path, items):
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = [REVIEWS.format(rating=r, title=t, body=b).split("<reviews>\n")[1].rsplit("</reviews>", 1)[0]
              for r, t, b in items]
    path.write_text('<?xml version="1.0"?>\n<reviews>\n' + "".join(blocks) + "</reviews>\n", encoding="utf-8")


@pytest.fixture()
def kitchen(tmp_path):
    d = tmp_path / "multi" / "kitchen"
    _review_file(d / "positive.review", [("5.0", "Pots &amp; pans", "Sturdy, cheap &lt;3 and it\u2019s great."),
                                         ("4.0", "Fine", "Does the job.")])
    _review_file(d / "negative.review", [("1.0", "Broke", "Broke in a week &amp; no refund.")])
    _review_file(d / "unlabeled.review", [("3.0", "Meh", "It is a pan.")])
    return d


def test_review_text_is_title_blank_line_body_unescaped():
    doc = REVIEWS.format(rating="5.0", title="Pots &amp; pans", body="Sturdy &lt;3 &quot;great&quot;")
    (r,) = parse_reviews(doc)
    assert r["text"] == 'Pots & pans\n\nSturdy <3 "great"'
    assert (r["title"], r["rating"], r["id"]) == ("Pots & pans", 5.0, "B0001:sturdy:ann")
    assert parse_reviews(doc, title=False)[0]["text"] == 'Sturdy <3 "great"'


def test_original_pseudo_xml_with_a_bare_ampersand_still_parses():
    # The original release is not well-formed XML; an XML parser would reject this.
    doc = REVIEWS.format(rating="2.0", title="AT&T <sigh>", body="Bad & worse")
    assert parse_reviews(doc)[0]["text"] == "AT&T <sigh>\n\nBad & worse"


def test_domain_folder_labels_from_file_names_unlabelled_left_out(kitchen, capsys):
    c = read_corpus(kitchen)
    assert c.labels == ["neg", "pos", "pos"]
    assert c.texts[0] == "Broke\n\nBroke in a week & no refund."
    assert c.texts[1] == "Pots & pans\n\nSturdy, cheap <3 and it\u2019s great."
    assert c.ids == ["kitchen/negative.review:1", "kitchen/positive.review:1", "kitchen/positive.review:2"]
    assert "unlabeled.review: left out" in capsys.readouterr().err


def test_folder_of_domains_and_single_review_file(kitchen):
    _review_file(kitchen.parent / "books" / "negative.review", [("1.0", "Dull", "Dull plot.")])
    _review_file(kitchen.parent / "books" / "positive.review", [("5.0", "Gripping", "Loved it.")])
    c = read_corpus(kitchen.parent)
    assert [i.split(":")[0] for i in c.ids] == ["books/negative.review", "books/positive.review",
                                                "kitchen/negative.review", "kitchen/positive.review",
                                                "kitchen/positive.review"]
    one = read_corpus(kitchen / "positive.review")
    assert one.labels == ["pos", "pos"] and one.texts[1] == "Fine\n\nDoes the job."
    rows = read_corpus(kitchen / "unlabeled.review", label_column="rating")
    assert rows.labels == [3.0] and rows.texts == ["Meh\n\nIt is a pan."]


def test_review_file_errors_name_the_file(tmp_path, kitchen):
    with pytest.raises(InputError, match=r"unlabeled.review: no label in the name"):
        read_corpus(kitchen / "unlabeled.review")
    bad = tmp_path / "negative.review"
    bad.write_text("great:2 the_book:1 #label#:negative\n")
    with pytest.raises(InputError, match=r"negative.review: no <review> elements"):
        read_corpus(bad)


def test_amazon_real_files(data):
    root = data / "corpora" / "multi-domain-sentiment"
    kitchen = read_corpus(root / "kitchen")
    assert len(kitchen) == 2000 and kitchen.class_counts() == {"neg": 1000, "pos": 1000}
    assert all(t.strip() for t in kitchen.texts)
    assert not any("&amp;" in t or "<review_text>" in t for t in kitchen.texts)
    assert any("&" in t for t in kitchen.texts)
    everything = read_corpus(root)
    assert len(everything) == 8000 and everything.class_counts() == {"neg": 4000, "pos": 4000}
    one = read_corpus(root / "books" / "positive.review")
    assert len(one) == 1000 and set(one.labels) == {"pos"}


PROS_CONS = """\
        <Pros>Easy to use, economical!</Pros>
        <Pros>clear &amp;amp; crisp pictures</Pros>

        <Pros>&amp;#10;</Pros>
"""


def test_pros_cons_lines_double_unescaped_empty_kept(tmp_path, capsys):
    texts, labels, lines = parse_pros_cons(PROS_CONS + "  <Cons>it&amp;#146;s loud</Cons>\n")
    assert texts == ["Easy to use, economical!", "clear & crisp pictures", "", "it\u2019s loud"]
    assert labels == ["pos", "pos", "pos", "neg"] and lines == [1, 2, 4, 5]
    (tmp_path / "IntegratedPros.txt").write_text(PROS_CONS)
    (tmp_path / "IntegratedCons.txt").write_text("<Cons>Eats batteries</Cons>\n")
    (tmp_path / "README.txt").write_text("Pros and Cons\n")
    c = read_corpus(tmp_path)
    assert c.labels == ["neg", "pos", "pos", "pos"] and c.texts[0] == "Eats batteries"
    assert c.ids == ["IntegratedCons.txt:1", "IntegratedPros.txt:1", "IntegratedPros.txt:2", "IntegratedPros.txt:4"]
    assert "1 empty phrase(s) (line 4)" in capsys.readouterr().err
    single = read_corpus(tmp_path / "IntegratedPros.txt")
    assert single.texts == ["Easy to use, economical!", "clear & crisp pictures", ""]


def test_pros_cons_stray_line_is_an_error(tmp_path):
    f = tmp_path / "IntegratedPros.txt"
    f.write_text("<Pros>good</Pros>\nnot a tag\n")
    with pytest.raises(InputError, match=r"IntegratedPros.txt: line 2: expected <Pros>"):
        read_corpus(f)


def test_pros_cons_real_files(data):
    root = data / "corpora" / "pros-cons"
    c = read_corpus(root)
    assert len(c) == 45875 and c.class_counts() == {"neg": 22935, "pos": 22940}
    assert not any("&amp;" in t for t in c.texts)
    pros = read_corpus(root / "IntegratedPros.txt")
    assert len(pros) == 22940 and pros.texts[0] == "Easy to use, economical!"


def test_nltk_pros_cons_through_nltk_data(data, tmp_path, monkeypatch):
    pytest.importorskip("nltk")
    src = data / "corpora" / "pros-cons"
    root = tmp_path / "corpora" / "pros_cons"
    root.mkdir(parents=True)
    for name in ("IntegratedPros.txt", "IntegratedCons.txt"):
        lines = (src / name).read_text(encoding="utf-8").splitlines(keepends=True)[:50]
        # NLTK's copy is in the original single-byte encoding, which its loader declares.
        (root / name).write_bytes("".join(lines).encode("ISO-8859-2", errors="replace"))
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    c = read_corpus("nltk:pros_cons")
    assert c.class_counts() == {"neg": 50, "pos": 50} and c.source == "nltk:pros_cons"
    assert c.texts[50:52] == read_corpus(src / "IntegratedPros.txt").texts[:2]


def test_nltk_pros_cons_missing_is_one_line(tmp_path, monkeypatch):
    pytest.importorskip("nltk")
    import nltk.data

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    with pytest.raises(InputError, match=r"nltk:pros_cons: NLTK data not found"):
        read_corpus("nltk:pros_cons")


TWEETS = (
    '"0","1","Mon Apr 06 2009","NO_QUERY","ann","is upset, that he can\'t update"\n'
    '"4","2","Tue Jun 16 2009","NO_QUERY","bob","Happy birthday, boo ""of all time"""\n'
)


def test_headerless_csv_by_column_numbers(tmp_path):
    f = tmp_path / "tweets.csv"
    f.write_text(TWEETS)
    c = read_corpora([f], text_column="6", label_column="1", header=False, label_map={"0": "neg", "4": "pos"})
    assert c.texts == ["is upset, that he can't update", 'Happy birthday, boo "of all time"']
    assert c.labels == ["neg", "pos"] and c.ids == ["tweets.csv:1", "tweets.csv:2"]
    ids = read_corpus(f, text_column="6", label_column="1", id_column="2", header=False)
    assert ids.ids == ["1", "2"] and ids.labels == [0, 4]
    with pytest.raises(InputError, match=r"without a header, columns are numbers 1–6, not '7'"):
        read_corpus(f, text_column="7", label_column="1", header=False)
    with pytest.raises(InputError, match=r"without a header, columns are numbers 1–6, not 'text'"):
        read_corpus(f, header=False)


def test_no_header_is_for_csv_and_tsv_only(tmp_path):
    (tmp_path / "r.jsonl").write_text('{"t": "x", "l": 1}\n')
    with pytest.raises(InputError, match=r"--no-header applies to CSV and TSV files, not jsonl"):
        read_corpus(tmp_path / "r.jsonl", header=False)
    (tmp_path / "r.tsv").write_text("\n1\tgood\n0\tbad\n")
    c = read_corpus(tmp_path / "r.tsv", text_column="2", label_column="1", header=False)
    assert c.texts == ["good", "bad"] and c.labels == [1, 0]


def test_cli_trains_on_headerless_csv_and_review_folder(tmp_path, runner, kitchen):
    f = tmp_path / "tweets.csv"
    f.write_text(TWEETS * 3)
    out = tmp_path / "m.json"
    r = runner.invoke(main, ["train", str(f), "--no-header", "--text-column", "6", "--label-column", "1",
                             "--label-map", "0=neg,4=pos", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["train", str(f), "--no-header", "-o", str(out), "-q"])
    assert r.exit_code == 1 and "error: " in r.output and "columns are numbers 1–6" in r.output
    assert "Traceback" not in r.output
    r = runner.invoke(main, ["train", str(kitchen), "-o", str(tmp_path / "k.json"), "-q"])
    assert r.exit_code == 0, r.output


def test_sentiment140_real_file_by_column_numbers(data):
    f = data / "corpora" / "sentiment140" / "training.20k.processed.noemoticon.csv"
    c = read_corpora([f], text_column="6", label_column="1", header=False, label_map={"0": "neg", "4": "pos"})
    assert len(c) == 20000 and c.class_counts() == {"neg": 9999, "pos": 10001}
    assert c.texts[0].startswith("@switchfoot http://twitpic.com/2y1zl - Awww")


def test_classify_reads_a_review_file_one_row_per_review(tmp_path, runner, kitchen):
    r = runner.invoke(main, ["classify", str(kitchen / "unlabeled.review"), "--jsonl"])
    assert r.exit_code == 0, r.output
    import json

    rows = [json.loads(line) for line in r.output.splitlines() if line.startswith("{")]
    assert len(rows) == 1 and rows[0]["title"] == "Meh" and rows[0]["label"] in ("pos", "neg")
