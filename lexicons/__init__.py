"""Lexicon files shipped inside the package as ``sentiment.shipped_lexicons`` (see README.md)."""
