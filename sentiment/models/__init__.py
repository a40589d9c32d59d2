"""Shipped model files (package data): default.json, extended.json. See README.md beside them."""
