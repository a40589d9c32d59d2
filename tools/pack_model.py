"""Rewrite a compact model file with LZMA-compressed members, to keep the wheel small.

Usage: ``python tools/pack_model.py sentiment/models/extended.zip`` (``make models`` runs it).

The model is loaded and validated as any model is, and written back atomically with the same
weights (its dict round-trips bit for bit); only the zip's compression changes
(:mod:`sentiment.io.compact`). LZMA makes the extended model about 0.55 MB smaller than deflate.
"""

import sys

from sentiment.io.compact import write_compact
from sentiment.pipeline import load_model


def main(paths: list[str]) -> int:
    for path in paths:
        write_compact(load_model(path).to_dict(), path, compression="lzma")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
