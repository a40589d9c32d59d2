"""Corpus → fitted pipeline: training, inner-fold tuning, cross-validation."""
