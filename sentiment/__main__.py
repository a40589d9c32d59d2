"""``python -m sentiment``: the same command line as ``sentiment``."""

from sentiment.cli import main

if __name__ == "__main__":
    main()
