import warnings

import pytest

from sentiment.errors import InputError
from sentiment.features.six import SixFeatures
from sentiment.lexicons.lexicon import Lexicon, LexiconWarning, inflections, load_lexicon


def test_textbook_lexicon_ships_with_the_package():
    lex = load_lexicon("textbook")
    assert lex.positive == {"enjoyable", "great", "nice"}
    assert lex.negative == {"hokey", "second-rate"}


def test_default_lexicon_is_nonempty_and_hash_is_stable():
    a, b = load_lexicon("default"), load_lexicon("default")
    assert len(a.positive) > 500 and len(a.negative) > 500
    assert a.sha256 == b.sha256


def test_hu_liu_folder_and_two_files(hu_liu):
    with pytest.warns(LexiconWarning, match="3 word\\(s\\) in both.*envious"):
        folder = load_lexicon(hu_liu)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pair = load_lexicon((hu_liu / "positive-words.txt", hu_liu / "negative-words.txt"))
    assert folder.sha256 == pair.sha256
    assert len(folder.positive) + 3 >= 2003 and "naïve" in folder.negative
    assert "envious" not in folder.positive and "envious" not in folder.negative
    assert "2-faced" in folder.negative  # hyphenated entries stay one token


def test_comment_lines_and_blank_lines_are_ignored(tmp_path):
    (tmp_path / "positive-words.txt").write_text("; a comment\n;\n\ngood\n# another\nfine\n")
    (tmp_path / "negative-words.txt").write_text(";;; header\nbad\n")
    lex = load_lexicon(tmp_path)
    assert lex.positive == {"good", "fine"} and lex.negative == {"bad"}


def test_mpqa_stemmed_clues_match_inflections(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lex = load_lexicon(data / "lexicons" / "mpqa-subjectivity")
    # neutral and both are not counted
    tff = (data / "lexicons" / "mpqa-subjectivity" / "subjclueslen1-HLTEMNLP05.tff").read_text()
    polar, neutral = set(), set()
    for line in tff.splitlines():
        if not line.strip():
            continue
        word = line.split("word1=")[1].split()[0]
        forms = inflections(word) if "stemmed1=y" in line else {word}
        (polar if "priorpolarity=positive" in line or "priorpolarity=negative" in line else neutral).update(forms)
    only_neutral = neutral - polar
    assert len(only_neutral) > 100
    assert not any(w in lex.positive or w in lex.negative for w in only_neutral)
    assert "abandons" in lex.negative  # abandon is stemmed1=y
    f = SixFeatures(lexicon=lex)
    assert f.transform(["he abandons us"])[0][1] == 1.0


def test_inflections_of_stemmed_clues():
    assert "overcomes" in inflections("overcome")
    assert {"cries", "cried", "crying"} <= inflections("cry")


def test_table_lexicon_with_labels_and_scores(tmp_path):
    p = tmp_path / "lex.csv"
    p.write_text("word,polarity\ngreat,positive\nawful,negative\nmeh,0\nsuperb,2.5\nbad,-1\n")
    lex = load_lexicon(p)
    assert lex.positive == {"great", "superb"} and lex.negative == {"awful", "bad"}
    t = tmp_path / "lex.tsv"
    t.write_text("fine\t1\nugly\tneg\n")
    assert load_lexicon(t).negative == {"ugly"}


def test_table_lexicon_bad_polarity_names_file_and_line(tmp_path):
    p = tmp_path / "lex.csv"
    p.write_text("great,positive\nawful,terrible\n")
    with pytest.raises(InputError, match=r"lex.csv: line 2: polarity 'terrible'"):
        load_lexicon(p)


def test_empty_lexicon_is_refused(tmp_path):
    (tmp_path / "positive-words.txt").write_text("; nothing\n")
    (tmp_path / "negative-words.txt").write_text("")
    with pytest.raises(InputError, match="no positive and no negative words"):
        load_lexicon(tmp_path)


def test_multi_token_and_hyphenated_entries_match_tokens():
    lex = Lexicon.from_words(["a+", "well-made"], ["f**k"], name="t")
    assert "a +" in lex.positive
    f = SixFeatures(lexicon=lex)
    x = f.transform(["An A+ film, well-made. Not f**k it"])[0]
    assert x[0] == 2.0 and x[1] == 1.0


def test_nltk_opinion_lexicon_through_nltk_reader(hu_liu, tmp_path, monkeypatch):
    pytest.importorskip("nltk")
    target = tmp_path / "corpora" / "opinion_lexicon"
    target.mkdir(parents=True)
    for name in ("positive-words.txt", "negative-words.txt"):
        (target / name).write_bytes((hu_liu / name).read_bytes())
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        via_nltk = load_lexicon("nltk:opinion_lexicon")
        direct = load_lexicon(hu_liu)
    assert via_nltk.sha256 == direct.sha256


def test_unknown_lexicon_spec():
    with pytest.raises(InputError, match="no such lexicon"):
        load_lexicon("nope-not-here")
