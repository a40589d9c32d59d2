"""The ``sentiment`` command line: a thin layer over the Python API."""

from sentiment.cli.main import cli, main

__all__ = ["cli", "main"]
