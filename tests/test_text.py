import pytest

from sentiment.text.tokenize import get_tokenizer, tokenize
from sentiment.worked_example import REVIEW


def test_review_has_66_tokens_with_inner_apostrophes_and_hyphens_kept():
    toks = tokenize(REVIEW)
    assert len(toks) == 66
    assert "it's" in toks and "second-rate" in toks and "it'll" in toks
    assert toks[0] == "it's"  # case-folded


def test_each_punctuation_mark_is_its_own_token():
    assert tokenize("Wow!!! Great...") == ["wow", "!", "!", "!", "great", ".", ".", "."]
    assert tokenize("a--b 'quoted'") == ["a", "-", "-", "b", "'", "quoted", "'"]


def test_unicode_words_and_curly_apostrophes():
    assert tokenize("Naïve CAFÉ isn’t") == ["naïve", "café", "isn’t"]


def test_whitespace_tokenizer_keeps_pretokenized_text():
    assert get_tokenizer("whitespace")("wo n't  stop") == ["wo", "n't", "stop"]


def test_nltk_tokenizers_are_selectable():
    pytest.importorskip("nltk")
    assert get_tokenizer("treebank")("It's great!") == ["it", "'s", "great", "!"]
    assert get_tokenizer("tweet")("LOVE it :-) #win") == ["love", "it", ":-)", "#win"]


def test_unknown_tokenizer_is_refused():
    with pytest.raises(ValueError, match="unknown tokenizer"):
        get_tokenizer("spacy")


def test_importing_the_cli_does_not_import_heavy_modules():
    import subprocess
    import sys

    code = (
        "import sys; from sentiment.cli.main import cli; from sentiment.pipeline import load_model; "
        "p = load_model('default'); p.predict_proba(['great fun']); "
        "print(sorted(m for m in ('nltk', 'pandas', 'scipy', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
