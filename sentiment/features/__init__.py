"""Tokens → features: the featurizers (the six SLP3 features, n-grams, the extended block)."""
