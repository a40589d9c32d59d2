"""Where the benchmarks find ../shared/data, and the corpora/protocols they share."""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_root() -> Path:
    root = Path(os.environ.get("SENTIMENT_DATA", ROOT.parent / "shared" / "data"))
    if not (root / "corpora").is_dir():
        sys.exit(f"reference data not found at {root}; set SENTIMENT_DATA")
    return root


def rt2k_folds(ids):
    """The standard polarity v2.0 folds: file number NNN // 100."""
    return [int(re.search(r"cv(\d)\d\d", i).group(1)) for i in ids]


def hu_liu():
    return data_root() / "lexicons" / "opinion-lexicon-english"
