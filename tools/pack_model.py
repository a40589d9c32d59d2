"""Rewrite a compact model file with LZMA-compressed members, to keep the wheel small.

Usage: ``python tools/pack_model.py [--smallest] MODEL.zip…`` (``make models`` runs it: ``extended.zip``
all LZMA; ``--smallest`` for ``general.zip``, whose every read is a one-text start: LZMA only for the
members it makes a tenth smaller, the vocabulary and the NB ratios, not the weights).

The model is loaded and validated as any model is, and written back atomically with the same
weights (its dict round-trips bit for bit); only the zip's compression changes
(:mod:`sentiment.io.compact`). LZMA makes the extended model about 0.55 MB smaller than deflate.
"""

import sys

from sentiment.io.compact import write_compact
from sentiment.pipeline import load_model


def main(paths: list[str]) -> int:
    compression = "smallest" if "--smallest" in paths else "lzma"
    for path in (p for p in paths if p != "--smallest"):
        write_compact(load_model(path).to_dict(), path, compression=compression)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
