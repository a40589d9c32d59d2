"""Rebuild the shipped ``vader`` lexicon (lexicons/vader-{positive,negative}.txt).

Usage: ``python tools/lexicons/vader_lexicon.py [SOURCE]`` where SOURCE is the
``vaderSentiment`` 3.3.2 wheel or its ``vader_lexicon.txt``; without it, the file
of the installed ``vaderSentiment`` package (``pip install vaderSentiment==3.3.2``,
in the benchmark environment) is read.

Each entry of VADER's lexicon has a mean valence from -4 to 4; entries above
1.5 are positive, below -1.5 negative; each list is written once per entry, sorted
(the file lists a few entries twice).  VADER: C.J. Hutto,
MIT licence (sentiment/shipped_lexicons/README.md).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from sentiment.io.atomic import atomic_write

HERE = Path(__file__).resolve().parent.parent.parent / "sentiment" / "shipped_lexicons"
THRESHOLD = 1.5
HEADER = "# Derived from the VADER sentiment lexicon (C.J. Hutto, MIT licence), vaderSentiment 3.3.2,\n"
RULE = {"positive": f"> {THRESHOLD}", "negative": f"< - {THRESHOLD}"}


def read_source(source: str | None) -> str:
    """The text of ``vader_lexicon.txt`` from a wheel, the file itself, or the installed package."""
    if source is None:
        from importlib import resources

        return resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    if source.endswith(".whl"):
        with zipfile.ZipFile(source) as wheel:
            return wheel.read("vaderSentiment/vader_lexicon.txt").decode("utf-8")
    return Path(source).read_text("utf-8")


def build(text: str, out: Path = HERE) -> tuple[int, int]:
    """Split VADER's entries by mean valence and write the two lists; return their sizes."""
    sides: dict[str, list[str]] = {"positive": [], "negative": []}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].strip():
            continue
        word, mean = fields[0].strip(), float(fields[1])
        if mean > THRESHOLD:
            sides["positive"].append(word)
        elif mean < -THRESHOLD:
            sides["negative"].append(word)
    for side in sides:
        words = sides[side] = sorted(set(sides[side]))
        text_out = HEADER + f"# by tools/lexicons/vader_lexicon.py: mean valence {RULE[side]}\n"
        with atomic_write(out / f"vader-{side}.txt") as fh:
            fh.write(text_out + "".join(w + "\n" for w in words))
    return len(sides["positive"]), len(sides["negative"])


if __name__ == "__main__":
    n_pos, n_neg = build(read_source(sys.argv[1] if len(sys.argv) > 1 else None))
    print(f"vader lexicon: {n_pos} positive, {n_neg} negative entries -> {HERE}/vader-*.txt")
