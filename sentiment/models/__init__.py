"""Shipped model files (package data): general.zip and extended.zip (compact: sentiment.io.compact), six.json; a card (NAME.md) beside each. See README.md beside them."""
