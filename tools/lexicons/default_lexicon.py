"""Rebuild the shipped ``default`` lexicon (lexicons/default-{positive,negative}.txt).

Usage: ``python tools/lexicons/default_lexicon.py DATA`` where DATA is the reference
data folder (the one holding ``corpora/``); ``make models`` runs it first.

What ``sentiment lexicon induce`` does, on SST-2 train (labels 0/1 read as neg/pos)
and MR sentence polarity (rt-polarity.pos/.neg): weighted log-odds with an
informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), |z| >= 1.96,
count >= 3, function words left out.  RT-2k, MPQA, SUBJ and every test split
stay out, so the benchmarks that use them measure a lexicon that never saw them.
The words are written strongest first, one per line, under a comment header.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sentiment.io.atomic import atomic_write
from sentiment.io.corpus import read_corpora
from sentiment.lexicons.induce import induce_lexicon

HERE = Path(__file__).resolve().parent.parent.parent / "sentiment" / "shipped_lexicons"
HEADER = """# sentiment default lexicon: induced by tools/lexicons/default_lexicon.py (weighted log-odds,
# informative Dirichlet prior, |z| >= 1.96, count >= 3, function words left out) from SST-2 train and
# MR sentence polarity.
# Derived data, ours; strongest words first.
"""


def corpora(data: Path) -> list[str]:
    """The training corpora under the reference data folder ``data``."""
    c = data / "corpora"
    return [str(c / "sst" / "stsa.binary.train"), str(c / "sentence-polarity-v1.0" / "rt-polarity.pos"),
            str(c / "sentence-polarity-v1.0" / "rt-polarity.neg")]


def build(data: Path, out: Path = HERE) -> tuple[int, int]:
    """Induce the lexicon from ``data`` and write it to ``out``; return the (positive, negative) counts."""
    corpus = read_corpora(corpora(data), label_map={"0": "neg", "1": "pos"})
    rows = induce_lexicon(corpus.texts, corpus.labels, positive="pos", negative="neg", z_threshold=1.96,
                          min_count=3)
    counts = []
    for side in ("positive", "negative"):
        words = [r["word"] for r in rows if r["polarity"] == side]
        with atomic_write(out / f"default-{side}.txt") as fh:
            fh.write(HEADER + "".join(w + "\n" for w in words))
        counts.append(len(words))
    return counts[0], counts[1]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: default_lexicon.py DATA   (the folder holding corpora/, e.g. ../shared/data)")
    n_pos, n_neg = build(Path(sys.argv[1]))
    print(f"default lexicon: {n_pos} positive, {n_neg} negative words -> {HERE}/default-*.txt")
