"""Input formats: one registry (see :mod:`sentiment.io.formats.base`)."""

from sentiment.io.formats.base import (CHUNK_ROWS, Chunk, InputFormat, find_format, input_formats, register_format,
                                       suffixes)

__all__ = ["CHUNK_ROWS", "Chunk", "InputFormat", "find_format", "input_formats", "register_format", "suffixes"]
