"""Rebuild the shipped ``default`` lexicon (``default-{positive,negative}.txt``) from ../shared/data.

Usage: ``python lexicons/build/default_lexicon.py [DATA_ROOT]`` (default ``../shared/data``).
Weighted log-odds with an informative Dirichlet prior (``sentiment.lexicons.induce``; |z| ≥ 1.96,
count ≥ 3, function words left out) over SST-2 train and MR sentence polarity, strongest first.
"""

import sys
from pathlib import Path

from sentiment.io.corpus import read_corpora
from sentiment.lexicons.induce import induce_lexicon

HERE = Path(__file__).resolve().parent.parent
HEADER = """# sentiment default lexicon: induced by lexicons/build/default_lexicon.py (weighted log-odds,
# informative Dirichlet prior, |z| >= 1.96, count >= 3, function words left out) from SST-2 train and
# MR sentence polarity.
# Derived data, ours; strongest words first.
"""


def main(root: Path) -> None:
    c = root / "corpora"
    corpus = read_corpora([str(c / "sst" / "stsa.binary.train"), str(c / "sentence-polarity-v1.0" / "rt-polarity.pos"),
                           str(c / "sentence-polarity-v1.0" / "rt-polarity.neg")], label_map={"0": "neg", "1": "pos"})
    rows = induce_lexicon(corpus.texts, corpus.labels, "pos", "neg", 1.96, None, 3)
    for side in ("positive", "negative"):
        words = [r["word"] for r in rows if r["polarity"] == side]
        (HERE / f"default-{side}.txt").write_text(HEADER + "".join(w + "\n" for w in words), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "data")
