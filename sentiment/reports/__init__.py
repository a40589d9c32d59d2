"""Probabilities → reports: tables, explanations, plots."""
