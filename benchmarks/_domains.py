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


# --- Three-way corpora (negative / neutral / positive) -------------------------------------------------------------

THREE_WAY_TRAIN = ["semeval tweets", "financial news", "film sentences (SST-5)", "plot sentences (SUBJ)"]
_SEMEVAL_LABELS = {"negative": "neg", "neutral": "neutral", "positive": "pos"}
_SEMEVAL_LINE = re.compile(r"^(?:\w+\t)?\w+\t(negative|neutral|positive)\t(.*)$", re.S)


def _semeval_text(text: str) -> str:
    """A SemEval tweet as written: outer quotes and doubled quotes undone, ``\\uXXXX`` and ``&amp;`` decoded."""
    import html

    text = text.rstrip("\t\r\n")
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1]
        while '""' in text:  # quotes doubled once per round of quoting the release went through
            text = text.replace('""', '"')
    text = text.replace('\\"', '"')
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return html.unescape(text).strip()


def semeval_file(path: Path):
    """``(texts, labels)`` of one SemEval Task 4A file (tweets, SMS or LiveJournal), labels neg/neutral/pos.

    A line that does not start with an id and a label continues the previous tweet (one tweet in
    ``twitter-2016test`` runs onto a second line).
    """
    texts, labels = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        m = _SEMEVAL_LINE.match(line)
        if m:
            labels.append(_SEMEVAL_LABELS[m.group(1)])
            texts.append(m.group(2))
        elif texts:
            texts[-1] += "\n" + line
    return [_semeval_text(t) for t in texts], labels


def _tweet_key(text: str) -> str:
    """Two copies of a tweet share this: user names as @user, no URLs, letters and digits only, lower case."""
    text = re.sub(r"https?://\S+", " ", re.sub(r"@\w+", "@user", text.lower()))
    return "".join(ch for ch in text if ch.isalnum())


def tweeteval_validation(corpora: Path):
    """TweetEval's sentiment validation split: 2 000 tweets, labels neg/neutral/pos."""
    base = corpora / "tweeteval-sentiment"
    names = {0: "neg", 1: "neutral", 2: "pos"}
    texts = (base / "val_text.txt").read_text(encoding="utf-8").splitlines()
    labels = [names[int(v)] for v in (base / "val_labels.txt").read_text(encoding="utf-8").split()]
    return [t.strip() for t in texts], labels


def semeval_tweets(corpora: Path, held_out=("2016test",), exclude_texts=()):
    """The SemEval tweet files but ``held_out``, duplicates and texts in ``exclude_texts`` (by :func:`_tweet_key`) dropped."""
    folder = corpora / "semeval2017-task4" / "GOLD" / "Subtask_A"
    seen = {_tweet_key(t) for t in exclude_texts}
    texts, labels = [], []
    for path in sorted(folder.glob("twitter-*-A.txt")):
        if any(h in path.name for h in held_out):
            continue
        for t, l in zip(*semeval_file(path)):
            key = _tweet_key(t)
            if key and key not in seen:
                seen.add(key)
                texts.append(t)
                labels.append(l)
    return texts, labels


def financial_news(corpora: Path, split="train"):
    """Twitter Financial News: ``sent_train.csv`` or ``sent_valid.csv``; 0 bearish → neg, 1 bullish → pos, 2 neutral."""
    names = {"0": "neg", "1": "pos", "2": "neutral"}
    with open(corpora / "twitter-financial-news-sentiment" / f"sent_{split}.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [names[r["label"]] for r in rows]


def emobank(corpora: Path, split="train", low=2.75, high=3.25):
    """EmoBank sentences of one split: valence below ``low`` → neg, above ``high`` → pos, between → neutral."""
    with open(corpora / "emobank" / "corpus" / "emobank.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["split"] == split]
    label = lambda v: "neg" if v < low else "pos" if v > high else "neutral"  # noqa: E731
    return [r["text"] for r in rows], [label(float(r["V"])) for r in rows]


def sst5(corpora: Path, split="train"):
    """SST-5 sentences of one split: 0–1 → neg, 2 → neutral, 3–4 → pos."""
    from sentiment.io.corpus import read_corpus

    c = read_corpus(corpora / "sst" / f"stsa.fine.{split}")
    names = {0: "neg", 1: "neg", 2: "neutral", 3: "pos", 4: "pos"}
    return list(c.texts), [names[int(l)] for l in c.labels]


def subj_objective(corpora: Path):
    """SUBJ's 5 000 objective sentences (label 1: IMDb plot summaries), as ``neutral``: statements of fact."""
    texts = []
    for line in (corpora / "subj" / "subj.all").read_text(encoding="latin-1").splitlines():
        label, _, text = line.partition(" ")
        if label == "1" and text.strip():
            texts.append(text.strip())
    return texts, ["neutral"] * len(texts)


def load_three_way(data_root):
    """``(train, tests)``: three-way training domains and the held-out test sets, none of whose texts are trained on.

    Train: the SemEval tweet files but ``2016test`` and TweetEval's validation tweets (CC BY 3.0);
    financial news ``sent_train`` (MIT); SST-5 train; SUBJ's objective (plot) sentences as neutral. Tests: TweetEval validation, SemEval 2016test,
    SMS 2013 and LiveJournal 2014 (SemEval's out-of-domain sets), financial ``sent_valid``, EmoBank dev.
    EmoBank is CC BY-SA 4.0: a model trained on it might have to carry that licence, so the shipped
    model is not trained on it and EmoBank is a test set only (text from domains it never saw).
    """
    corpora = Path(data_root) / "corpora"
    folder = corpora / "semeval2017-task4" / "GOLD" / "Subtask_A"
    tests = {
        "TweetEval validation": tweeteval_validation(corpora),
        "SemEval 2016 test": semeval_file(folder / "twitter-2016test-A.txt"),
        "SemEval SMS": semeval_file(folder / "sms-2013test-A.tsv"),
        "SemEval LiveJournal": semeval_file(folder / "livejournal-2014test-A.tsv"),
        "financial news (valid)": financial_news(corpora, "valid"),
        "EmoBank dev": emobank(corpora, "dev"),
    }
    train = {
        "semeval tweets": semeval_tweets(corpora, exclude_texts=tests["TweetEval validation"][0]
                                         + tests["SemEval 2016 test"][0]),
        "financial news": financial_news(corpora, "train"),
        "film sentences (SST-5)": sst5(corpora, "train"),
        "plot sentences (SUBJ)": subj_objective(corpora),
    }
    return train, tests
