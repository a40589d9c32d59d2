"""The word-level priors the cue features read: VADER valences and Hu and Liu's opinion lists.

Both ship inside the package (``sentiment/shipped_lexicons/``), with their
attribution and licence in ``sentiment/shipped_lexicons/README.md``; ``tools/lexicons/shipped_lexicons.py`` rebuilds
them from the reference data.  They are read once per process and cached.

Examples
--------
>>> vader_valences()["good"], vader_valences()["horrible"]
(1.9, -2.5)
>>> hu_liu_polarity()["good"], hu_liu_polarity()["horrible"], "table" in hu_liu_polarity()
(1, -1, False)
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["vader_valences", "hu_liu_polarity"]


def _read(name: str) -> str:
    return resources.files("sentiment.shipped_lexicons").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def vader_valences() -> dict[str, float]:
    """VADER's 7 517 entries (words, slang, emoticons) → mean valence from −4 to +4."""
    out = {}
    for line in _read("vader-valence.tsv").splitlines():
        token, _, value = line.partition("\t")
        if token:
            out[token] = float(value)
    return out


@lru_cache(maxsize=None)
def hu_liu_polarity() -> dict[str, int]:
    """Hu and Liu's opinion words → +1 (positive) or −1 (negative); words in both lists are left out."""
    pos = {w for w in _read("hu-liu-positive.txt").split() if not w.startswith("#")}
    neg = {w for w in _read("hu-liu-negative.txt").split() if not w.startswith("#")}
    out = {w: 1 for w in pos - neg}
    out.update({w: -1 for w in neg - pos})
    return out
