"""Rebuild the lexicons that ship as copies of third-party data, from ../shared/data.

Usage: ``python tools/lexicons/shipped_lexicons.py [DATA_ROOT]`` (default ``../shared/data``).

* ``vader-valence.tsv``: token and mean valence (−4 … +4), the first two columns of
  ``lexicons/vader/vader_lexicon.txt`` (VADER, Hutto and Gilbert 2014; MIT licence).
* ``hu-liu-positive.txt`` / ``hu-liu-negative.txt``: the Opinion Lexicon word lists
  (Hu and Liu 2004; CC BY 4.0), without their ``;`` comment header.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent.parent / "sentiment" / "shipped_lexicons"


def write(path: Path, lines) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def main(root: Path) -> None:
    lex = root / "lexicons"
    rows = []
    for line in (lex / "vader" / "vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            token, valence = line.split("\t")[:2]
            rows.append((token, float(valence)))
    write(HERE / "vader-valence.tsv", [f"{t}\t{v:g}" for t, v in rows])
    lists = {}
    for side in ("positive", "negative"):
        words = [w.strip() for w in (lex / "opinion-lexicon-english" / f"{side}-words.txt")
                 .read_text(encoding="utf-8").splitlines()]
        lists[side] = {w for w in words if w and not w.startswith(";")}
    both = lists["positive"] & lists["negative"]  # envious, enviously, enviousness: in neither
    for side, words in lists.items():
        header = ["# Opinion Lexicon (Hu and Liu, KDD 2004), CC BY 4.0; words in both lists left out"]
        write(HERE / f"hu-liu-{side}.txt", header + sorted(words - both))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent.parent / "shared" / "data")
