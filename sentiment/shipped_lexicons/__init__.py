"""Lexicon files shipped inside the package (attribution and licences: README.md here, NOTICE at the top)."""
