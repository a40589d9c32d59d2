"""Sentence splitting against gold boundaries: ours (sentiment/text/sentences.py) and NLTK's Punkt.

Usage: ``.venv-bench/bin/python benchmarks/sentences.py`` (needs ../shared/data and nltk).

Gold: EmoBank's sentences are cut from MASC documents (blogs, essays, fiction, letters, newspapers,
travel guides; its SemEval-2007 headlines, one sentence each, are left out); their ids give the document and the character offsets
(``DOC_START_END``). Each document's sentences, in order, joined by one space, are a text with known
sentence boundaries. Punkt has no model here (its data is not installed and would be a download), so it is
trained unsupervised (``PunktTrainer``) on the texts of EmoBank's train split and scored on the others, as
is ours (which learns nothing). Reported: precision, recall and F1 of the boundaries between sentences
(the end of a text is not counted).
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import data_root  # noqa: E402


def documents(root):
    """``{split: [(text, boundaries)]}``: each document's sentences joined, and where one ends and the next starts."""
    rows = list(csv.DictReader(open(root / "corpora" / "emobank" / "corpus" / "emobank.csv", encoding="utf-8")))
    by_doc = defaultdict(list)
    for r in rows:
        if r["id"].startswith("SemEval_"):  # a headline is a document of one sentence: no boundary to find
            continue
        doc, start, _ = r["id"].rsplit("_", 2)
        by_doc[doc].append((int(start), r["split"], r["text"].strip()))
    out = defaultdict(list)
    for doc, parts in by_doc.items():
        parts.sort()
        for split in {p[1] for p in parts}:
            sents = [t for _, s, t in parts if s == split and t]
            text, cuts = "", set()
            for t in sents:
                if text:
                    cuts.add(len(text))
                    text += " "
                text += t
            out[split].append((text, cuts))
    return out


def score(found, gold):
    tp = sum(len(f & g) for f, g in zip(found, gold))
    n_found, n_gold = sum(map(len, found)), sum(map(len, gold))
    p, r = tp / max(n_found, 1), tp / max(n_gold, 1)
    return 100 * p, 100 * r, 100 * (2 * p * r / (p + r) if p + r else 0.0)


def ends(spans, text):
    """Boundaries (the end of each sentence but the last), as offsets comparable with the gold cuts."""
    return {b for a, b in spans[:-1]}


def main():
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    from sentiment.text.sentences import sentence_spans

    docs = documents(data_root())
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train(" ".join(t for t, _ in docs["train"]), finalize=True)
    punkt = PunktSentenceTokenizer(trainer.get_params())
    untrained = PunktSentenceTokenizer()
    test = docs["dev"] + docs["test"]
    gold = [c for _, c in test]
    systems = {
        "ours (sentiment/text/sentences.py)": lambda t: ends(sentence_spans(t), t),
        "Punkt, trained on EmoBank train": lambda t: ends(list(punkt.span_tokenize(t)), t),
        "Punkt, untrained": lambda t: ends(list(untrained.span_tokenize(t)), t),
    }
    print(f"{len(test)} documents, {sum(map(len, gold))} boundaries (EmoBank dev + test)\n")
    print("| splitter | precision | recall | F1 |\n|---|---|---|---|")
    for name, split in systems.items():
        p, r, f = score([split(t) for t, _ in test], gold)
        print(f"| {name} | {p:.1f} | {r:.1f} | {f:.1f} |")


if __name__ == "__main__":
    main()
