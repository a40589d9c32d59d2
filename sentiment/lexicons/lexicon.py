"""Lexicons: positive and negative word lists, and readers for the formats they come in.

A :class:`Lexicon` holds entries already passed through the tokenizer, so that
``second-rate`` or a multi-token entry such as ``a+`` (tokens ``a`` and ``+``)
matches exactly what the featurizer sees.  An entry of several tokens is stored
with its tokens joined by one space.

Formats read by :func:`load_lexicon`:

* a shipped lexicon by name: ``textbook`` (the five words of SLP3's example),
  ``default`` (see ``sentiment/shipped_lexicons/README.md``);
* a folder holding ``positive-words.txt`` and ``negative-words.txt`` (the Hu and
  Liu opinion-lexicon layout), or the two word-list files themselves;
* an MPQA subjectivity ``.tff`` file (or a folder holding one);
* a two-column CSV/TSV ``word,polarity`` (``positive``/``negative`` or a signed score);
* ``nltk:opinion_lexicon``: NLTK's corpus, read with NLTK's own reader.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sentiment.errors import InputError
from sentiment.text.tokenize import tokenize
from sentiment.io.textfile import read_text, split_lines

__all__ = [
    "Lexicon",
    "lexicon_to_dict",
    "lexicon_from_dict",
    "LexiconWarning",
    "SHIPPED_LEXICONS",
    "load_lexicon",
    "read_wordlists",
    "read_tff",
    "read_table",
    "read_nltk_opinion_lexicon",
    "inflections",
]

SHIPPED_LEXICONS = {
    "textbook": ("textbook-positive.txt", "textbook-negative.txt"),
    "default": ("default-positive.txt", "default-negative.txt"),
    "vader": ("vader-positive.txt", "vader-negative.txt"),
    "hu-liu": ("hu-liu-positive.txt", "hu-liu-negative.txt"),
}


class LexiconWarning(UserWarning):
    """Something in a lexicon file was dropped or changed while loading it."""


@dataclass(frozen=True)
class Lexicon:
    """Positive and negative entries, with a name and where they came from.

    Parameters
    ----------
    positive, negative
        Entries as token strings (several tokens joined by one space).
    name
        A short name shown in reports and stored in model files.
    source
        Where the words came from (a path, a package resource, a corpus).
    conflicts
        Entries that stood in both lists; they are counted in neither.

    Examples
    --------
    >>> lex = Lexicon.from_words(["great", "nice"], ["hokey", "great"], name="demo", warn=False)
    >>> sorted(lex.positive), sorted(lex.negative), sorted(lex.conflicts)
    (['nice'], ['hokey'], ['great'])
    >>> lex.sha256[:12]
    '472bd04a7abb'
    """

    positive: frozenset[str]
    negative: frozenset[str]
    name: str = "custom"
    source: str = ""
    conflicts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_words(cls, positive, negative, name="custom", source="", tokenizer=tokenize, warn=True):
        """Build a lexicon from raw words: tokenize each, drop words in both lists."""
        pos = _normalise(positive, tokenizer)
        neg = _normalise(negative, tokenizer)
        both = pos & neg
        if both and warn:
            shown = ", ".join(sorted(both)[:10]) + (" …" if len(both) > 10 else "")
            warnings.warn(
                f"lexicon {name}: {len(both)} word(s) in both the positive and the negative list "
                f"are counted in neither: {shown}",
                LexiconWarning,
                stacklevel=2,
            )
        lex = cls(frozenset(pos - both), frozenset(neg - both), name, source, frozenset(both))
        if not lex.positive and not lex.negative:
            raise InputError(f"{source or name}: lexicon has no positive and no negative words")
        return lex

    @property
    def sha256(self) -> str:
        """Content hash of the entries, independent of their order or the source."""
        h = hashlib.sha256()
        for w in sorted(self.positive):
            h.update(b"+" + w.encode("utf-8") + b"\n")
        for w in sorted(self.negative):
            h.update(b"-" + w.encode("utf-8") + b"\n")
        return h.hexdigest()

    def __len__(self) -> int:
        return len(self.positive) + len(self.negative)

    def __repr__(self) -> str:
        return f"Lexicon(name={self.name!r}, positive={len(self.positive)}, negative={len(self.negative)})"


def _normalise(words, tokenizer) -> set[str]:
    out = set()
    for w in words:
        toks = tokenizer(w.strip())
        if toks:
            out.add(" ".join(toks))
    return out


# --- word lists (Hu and Liu) -------------------------------------------------


def _words(text: str) -> list[str]:
    r"""The words of a word list, one a line: blank lines and ``;`` or ``#`` comment lines left out.

    Examples
    --------
    >>> _words("; Hu and Liu's header\n# ours\n\n good \nnice\n")
    ['good', 'nice']
    """
    return [w for w in (line.strip() for line in split_lines(text)) if w and not w.startswith((";", "#"))]


def _read_lexicon_text(path, encoding="utf-8") -> str:
    """A lexicon file's text; one that is not UTF-8 (the default) is read as latin-1, with a warning.

    A lexicon is read by commands whose ``--encoding`` is their corpus's (``train``, ``cv``) or that have none
    (``lexicon show``, ``explain``): word lists from the 2000s are often latin-1, and every byte is a latin-1
    character, so the fallback never fails; the warning says so, since cp1252 files differ in a few signs.
    """
    from sentiment.io.textfile import check_encoding

    try:
        return read_text(path, encoding)
    except InputError:
        if check_encoding(encoding) != "utf-8":
            raise
        text = read_text(path, "latin-1")  # binary files, missing files: the same errors as ever
        import warnings

        warnings.warn(f"{path}: not valid UTF-8; read as latin-1 (save it as UTF-8 to silence this)", stacklevel=3)
        return text


def _wordlist(path, encoding="utf-8") -> list[str]:
    return _words(_read_lexicon_text(path, encoding))


def read_wordlists(positive_path, negative_path, name=None, encoding="utf-8", tokenizer=tokenize) -> Lexicon:
    """Read a lexicon from two one-word-per-line files (``;``/``#`` lines are comments).

    Examples
    --------
    >>> lex = load_lexicon("textbook")
    >>> sorted(lex.positive), sorted(lex.negative)
    (['enjoyable', 'great', 'nice'], ['hokey', 'second-rate'])
    """
    pos, neg = _wordlist(positive_path, encoding), _wordlist(negative_path, encoding)
    name = name or Path(positive_path).parent.name or "wordlists"
    return Lexicon.from_words(pos, neg, name=name, source=f"{positive_path}, {negative_path}", tokenizer=tokenizer)


# --- MPQA subjectivity clues --------------------------------------------------

_VOWELS = set("aeiou")


def inflections(word: str) -> set[str]:
    """The regular inflected forms of ``word`` used for MPQA ``stemmed1=y`` clues.

    Examples
    --------
    >>> sorted(inflections("overcome"))
    ['overcome', 'overcomed', 'overcomes', 'overcoming']
    >>> sorted(inflections("cry"))
    ['cried', 'cries', 'cry', 'crying']
    >>> "stopped" in inflections("stop")
    True
    """
    forms = {word}
    if word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        # stop -> stopped: consonant-vowel-consonant endings double the consonant.
        if len(word) >= 3 and word[-1] not in _VOWELS | set("wxy") and word[-2] in _VOWELS and word[-3] not in _VOWELS:
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def read_tff(path, name=None, encoding="utf-8", tokenizer=tokenize) -> Lexicon:
    """Read an MPQA subjectivity lexicon (``.tff``): ``key=value`` fields, one clue a line.

    Clues with ``priorpolarity`` ``neutral`` or ``both`` are not counted;
    ``stemmed1=y`` clues also match their regular inflections.
    """
    pos, neg = [], []
    for lineno, line in enumerate(split_lines(_read_lexicon_text(path, encoding)), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
        word, polarity = fields.get("word1"), fields.get("priorpolarity")
        if word is None or polarity is None:
            raise InputError(f"{path}: line {lineno} is not an MPQA clue (needs word1= and priorpolarity=)")
        forms = inflections(word) if fields.get("stemmed1") == "y" else {word}
        if polarity == "positive":
            pos.extend(forms)
        elif polarity == "negative":
            neg.extend(forms)
    return Lexicon.from_words(pos, neg, name=name or "mpqa", source=str(path), tokenizer=tokenizer)


# --- word,polarity tables ------------------------------------------------------

_POLARITY_WORDS = {"positive": 1, "pos": 1, "+": 1, "negative": -1, "neg": -1, "-": -1}


def read_table(path, name=None, encoding="utf-8", tokenizer=tokenize) -> Lexicon:
    """Read a two-column ``word,polarity`` CSV or TSV (a header row is optional).

    Polarity is ``positive``/``negative`` or a signed number (0 is neutral, not counted).
    """
    text = _read_lexicon_text(path, encoding)
    delimiter = "\t" if str(path).endswith(".tsv") or "\t" in text.split("\n", 1)[0] else ","
    pos, neg = [], []
    for lineno, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        if len(row) < 2:
            raise InputError(f"{path}: line {lineno} has no polarity column (expected word{delimiter}polarity)")
        word, pol = row[0].strip(), row[1].strip().lower()
        if pol in _POLARITY_WORDS:
            sign = _POLARITY_WORDS[pol]
        else:
            try:
                sign = float(pol)
            except ValueError:
                if lineno == 1:
                    continue  # a header row
                raise InputError(
                    f"{path}: line {lineno}: polarity {row[1]!r} is neither positive/negative nor a number"
                ) from None
        if sign > 0:
            pos.append(word)
        elif sign < 0:
            neg.append(word)
    return Lexicon.from_words(pos, neg, name=name or Path(path).stem, source=str(path), tokenizer=tokenizer)


# --- NLTK ------------------------------------------------------------------------


def read_nltk_opinion_lexicon(tokenizer=tokenize) -> Lexicon:
    """Read NLTK's ``opinion_lexicon`` corpus with NLTK's own corpus reader.

    NLTK finds its data through ``nltk.data.path``, which includes ``$NLTK_DATA``.
    """
    from sentiment.io.nltk_data import nltk_corpus_root

    root = nltk_corpus_root("opinion_lexicon")
    from nltk.corpus.reader import OpinionLexiconCorpusReader

    reader = OpinionLexiconCorpusReader(root, r"(\w+)\-words\.txt", encoding="utf-8")

    def words(fileid):
        # reader.positive()/negative() stream through a corpus view that trips an
        # internal assertion on this UTF-8 file in NLTK 3.10; the reader's raw
        # text with the word-list comment rule gives the same words.
        return _words(reader.raw(fileid))

    return Lexicon.from_words(
        words("positive-words.txt"), words("negative-words.txt"), name="nltk-opinion-lexicon", source=str(root),
        tokenizer=tokenizer,
    )


# --- dispatch ----------------------------------------------------------------------


def _shipped(name: str, tokenizer) -> Lexicon:
    pos_file, neg_file = SHIPPED_LEXICONS[name]
    folder = resources.files("sentiment.shipped_lexicons")
    pos, neg = (_words(folder.joinpath(f).read_text("utf-8")) for f in (pos_file, neg_file))
    return Lexicon.from_words(pos, neg, name=name, source=f"sentiment (shipped: {pos_file}, {neg_file})", tokenizer=tokenizer)


def load_lexicon(spec="default", *, encoding="utf-8", tokenizer=tokenize) -> Lexicon:
    """Load a lexicon from a name, a path or a pair of paths (see the module docstring).

    Parameters
    ----------
    spec
        ``"textbook"``, ``"default"``, ``"nltk:opinion_lexicon"``, a folder, a
        ``.tff``/``.csv``/``.tsv`` file, or a ``(positive_file, negative_file)`` pair.
        A string ``"POS,NEG"`` naming two existing files is read as such a pair.

    Examples
    --------
    >>> load_lexicon("textbook")
    Lexicon(name='textbook', positive=3, negative=2)
    >>> load_lexicon("no/such/lexicon")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: no/such/lexicon: no such lexicon (expected textbook, default, vader, hu-liu, nltk:opinion_lexicon, a folder or a file)
    """
    if isinstance(spec, Lexicon):
        return spec
    if isinstance(spec, (tuple, list)):
        if len(spec) == 1:
            spec = spec[0]
        elif len(spec) == 2:
            return read_wordlists(spec[0], spec[1], encoding=encoding, tokenizer=tokenizer)
        else:
            raise InputError(f"a lexicon is one name or path, or two word-list files; got {len(spec)}")
    spec = os.fspath(spec)
    if spec in SHIPPED_LEXICONS:
        return _shipped(spec, tokenizer)
    if spec in ("nltk:opinion_lexicon", "nltk"):
        return read_nltk_opinion_lexicon(tokenizer)
    path = Path(spec)
    if "," in spec and not path.exists():
        parts = spec.split(",")
        if len(parts) == 2 and all(Path(p).is_file() for p in parts):
            return read_wordlists(parts[0], parts[1], encoding=encoding, tokenizer=tokenizer)
    if path.is_dir():
        if (path / "positive-words.txt").is_file() and (path / "negative-words.txt").is_file():
            return read_wordlists(path / "positive-words.txt", path / "negative-words.txt", name=path.name,
                                  encoding=encoding, tokenizer=tokenizer)
        tffs = sorted(path.glob("*.tff"))
        if len(tffs) == 1:
            return read_tff(tffs[0], name=path.name, encoding=encoding, tokenizer=tokenizer)
        raise InputError(f"{spec}: folder holds neither positive-words.txt + negative-words.txt nor one .tff file")
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix == ".tff":
            return read_tff(path, encoding=encoding, tokenizer=tokenizer)
        if suffix in (".csv", ".tsv"):
            return read_table(path, encoding=encoding, tokenizer=tokenizer)
        raise InputError(f"{spec}: unknown lexicon format (expected .tff, .csv, .tsv, or a folder of word lists)")
    raise InputError(
        f"{spec}: no such lexicon (expected {', '.join(SHIPPED_LEXICONS)}, nltk:opinion_lexicon, a folder or a file)"
    )


# --- model files -----------------------------------------------------------------


def lexicon_to_dict(lex: Lexicon, tokenizer: str = "regex") -> dict:
    """A lexicon as a model file stores it: a shipped one by name and hash, any other with its words."""
    from sentiment.text.tokenize import get_tokenizer

    out = {"name": lex.name, "sha256": lex.sha256}
    if lex.name in SHIPPED_LEXICONS and _shipped(lex.name, get_tokenizer(tokenizer)).sha256 == lex.sha256:
        out["shipped"] = True
    else:
        out.update(shipped=False, source=lex.source, positive=sorted(lex.positive), negative=sorted(lex.negative))
    return out


def lexicon_from_dict(lex, tokenizer: str = "regex", name: str = "<model>") -> Lexicon:
    """Check and rebuild :func:`lexicon_to_dict`'s output; ``name`` (the file) prefixes any error."""
    from sentiment.text.tokenize import get_tokenizer

    def fail(msg):
        raise InputError(f"{name}: {msg}")

    if not isinstance(lex, dict) or not isinstance(lex.get("name"), str) or not isinstance(lex.get("sha256"), str):
        fail("lexicon must be an object with a name and a sha256")
    if lex.get("shipped") is True:
        if set(lex) - {"name", "sha256", "shipped"}:
            fail("a shipped lexicon is stored as name, sha256 and shipped only")
        if lex["name"] not in SHIPPED_LEXICONS:
            fail(f"unknown shipped lexicon {lex['name']!r}")
        out = load_lexicon(lex["name"], tokenizer=get_tokenizer(tokenizer))
        if out.sha256 != lex["sha256"]:
            fail(f"the shipped lexicon {lex['name']!r} has changed since this model was trained (hash mismatch)")
        return out
    if set(lex) != {"name", "sha256", "shipped", "source", "positive", "negative"}:
        fail("lexicon must hold name, sha256, shipped, source, positive and negative")
    for side in ("positive", "negative"):
        if not isinstance(lex[side], list) or not all(isinstance(w, str) for w in lex[side]):
            fail(f"lexicon.{side} must be a list of strings")
    out = Lexicon(frozenset(lex["positive"]), frozenset(lex["negative"]), lex["name"], str(lex["source"]))
    if out.sha256 != lex["sha256"]:
        fail("lexicon words do not match their sha256 (the file was edited or damaged)")
    return out
