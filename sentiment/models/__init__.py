"""Shipped model files (package data): default.json, extended.zip (compact: sentiment.io.compact). See README.md beside them."""
