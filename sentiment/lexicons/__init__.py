"""Lexicons: the Lexicon type, its readers, and lexicon induction from a labelled corpus."""
