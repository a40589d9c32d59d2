"""The shared corpora as domains, every label ``neg``/``pos``: what benchmarks/domains.py measures across.

``load_domains(data_root)`` → ``{name: (texts, labels)}``, each list in a fixed order
(the files' order), so every experiment that uses it sees the same data:

=================  ==========================================================================  =======
domain             source (under ``data_root/corpora``)                                         size
=================  ==========================================================================  =======
film reviews       RT-2k, ``polarity-v2.0`` (whole reviews)                                     2 000
film sentences     MR (``rt-polarity.pos/.neg``) + SST-2 train/dev/test, duplicates removed     see note
books              Amazon multi-domain ``books/`` (title, blank line, review text)              2 000
dvd                Amazon ``dvd/``                                                              2 000
electronics        Amazon ``electronics/``                                                      2 000
kitchen            Amazon ``kitchen/``                                                          2 000
pros/cons          ``pros-cons/Integrated{Pros,Cons}.txt``                                     45 875
tweets             ``sentiment140`` 20 000-tweet slice (polarity 0 → neg, 4 → pos)            20 000
=================  ==========================================================================  =======

Film sentences: SST was cut from the same Rotten Tomatoes snippets as MR, so most SST-2
sentences are MR snippets re-tokenized ("wo n't" for "won't", ``-lrb-`` for "(").  A
sentence is a duplicate when its normalised text (lower case, ``-lrb-``/``-rrb-`` dropped,
only letters and digits kept) was seen before, MR first, then SST-2 train, dev, test; the
first copy and its label stay.  :func:`film_sentences` also reports how many were dropped
and how many duplicates disagreed on the label.

Usage::

    import sys; sys.path.insert(0, "benchmarks")
    from _domains import load_domains
    domains = load_domains(Path("../shared/data"))   # or _data.data_root()
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

__all__ = ["DOMAINS", "load_domains", "film_sentences", "normalise", "sentiment140"]

DOMAINS = ["film reviews", "film sentences", "books", "dvd", "electronics", "kitchen", "pros/cons", "tweets"]
_AMAZON = {"books": "books", "dvd": "dvd", "electronics": "electronics", "kitchen": "kitchen"}


def normalise(text: str) -> str:
    """The key two copies of one sentence share whatever their tokenization.

    >>> normalise("they wo n't sit -lrb- still -rrb- .") == normalise("They won't sit (still).")
    True
    """
    text = re.sub(r"-[lr][rcs]b-", " ", text.lower())
    return "".join(ch for ch in text if ch.isalnum())


def film_sentences(corpora: Path, report: dict | None = None):
    """MR + SST-2 train/dev/test without duplicates (see the module docstring)."""
    from sentiment.io.corpus import read_corpus

    mr = corpora / "sentence-polarity-v1.0"
    sst = corpora / "sst"
    parts = [read_corpus(mr / "rt-polarity.pos"), read_corpus(mr / "rt-polarity.neg")]
    sst_label = {0: "neg", 1: "pos"}
    for split in ("train", "dev", "test"):
        c = read_corpus(sst / f"stsa.binary.{split}")
        c.labels = [sst_label[l] for l in c.labels]
        parts.append(c)
    seen: dict = {}
    texts, labels = [], []
    dropped = conflicts = 0
    for part in parts:
        for t, l in zip(part.texts, part.labels):
            key = normalise(t)
            if key in seen:
                dropped += 1
                conflicts += seen[key] != l
                continue
            seen[key] = l
            texts.append(t.strip())
            labels.append(l)
    if report is not None:
        report.update(read=sum(len(p) for p in parts), kept=len(texts), duplicates=dropped,
                      label_conflicts=conflicts)
    return texts, labels


def sentiment140(path: Path):
    """The headerless Sentiment140 CSV: polarity (0/4) in column 1, text in column 6."""
    from sentiment.io.textfile import read_text

    texts, labels = [], []
    for row in csv.reader(io.StringIO(read_text(path))):
        texts.append(row[5])
        labels.append({"0": "neg", "4": "pos"}[row[0]])
    return texts, labels


def load_domains(data_root, only=None) -> dict:
    """``{domain: (texts, labels)}`` for the eight domains (or those in ``only``), labels ``neg``/``pos``."""
    from sentiment.io.formats.amazon import read_review_folder
    from sentiment.io.corpus import read_corpus
    from sentiment.io.formats.pros_cons import read_pros_cons_folder

    corpora = Path(data_root) / "corpora"
    out = {}
    for name in DOMAINS:
        if only is not None and name not in only:
            continue
        if name == "film reviews":
            c = read_corpus(corpora / "polarity-v2.0")
            out[name] = (c.texts, list(c.labels))
        elif name == "film sentences":
            out[name] = film_sentences(corpora)
        elif name in _AMAZON:
            texts, labels, _ = read_review_folder(corpora / "multi-domain-sentiment" / _AMAZON[name])
            out[name] = (texts, labels)
        elif name == "pros/cons":
            texts, labels, _ = read_pros_cons_folder(corpora / "pros-cons")
            out[name] = (texts, labels)
        elif name == "tweets":
            out[name] = sentiment140(corpora / "sentiment140" / "training.20k.processed.noemoticon.csv")
    return out


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _data import data_root

    rep: dict = {}
    film_sentences(data_root() / "corpora", rep)
    print("film sentences:", rep)
    for name, (texts, labels) in load_domains(data_root()).items():
        n_tok = sorted(len(t.split()) for t in texts)
        print(f"{name:<15} {len(texts):>6}  pos {labels.count('pos'):>6}  median tokens {n_tok[len(n_tok) // 2]}")
