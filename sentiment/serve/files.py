"""An uploaded table (CSV, TSV, JSON lines) scored as ``sentiment classify FILE -o scored.FORMAT`` scores it.

The upload is spooled to a temporary file as it arrives (:func:`sentiment.serve.limits.read_body` with a
sink), so memory holds one network chunk, not the file. :func:`check_table` reads it once through the
command's readers, so that a missing column, a bad byte or a clash with an answer column is a 422 before
a byte of the answer is sent; :func:`scored_pieces` then reads it again, a chunk of rows at a time, and
yields the scored table's text piece by piece (the same columns and cells as the command writes), for a
streamed response. Memory stays bounded by the chunk size, whatever the file's.
"""

from __future__ import annotations

import os
import tempfile

from sentiment.serve.limits import ApiError

__all__ = ["UPLOAD_FORMATS", "FILE_OPTIONS", "file_options", "spool_file", "check_table", "scored_pieces", "remove"]

#: The formats an upload may have, with the suffix the command's readers know them by and the media type
#: of the scored file (the answer has the upload's format, as ``-o scored.csv`` for a CSV).
UPLOAD_FORMATS = {"csv": (".csv", "text/csv"), "tsv": (".tsv", "text/tab-separated-values"),
                  "jsonl": (".jsonl", "application/x-ndjson")}
#: The query parameters of ``POST /v1/classify/file``: name → (default, choices).
FILE_OPTIONS = {"format": ("csv", tuple(UPLOAD_FORMATS)), "text_column": ("text", None),
                "neutral": ("true", ("true", "false")), "by": ("document", ("document", "sentence")),
                "prefix": ("", None), "encoding": ("utf-8", None)}
#: Rows per chunk: small enough that the first rows reach the client soon, large enough to score in batches.
CHUNK_ROWS = 2_000


def file_options(query) -> dict:
    """The upload's options from the query string, checked; :class:`ApiError` 422 naming a bad one."""
    unknown = [k for k in query if k not in FILE_OPTIONS]
    if unknown:
        raise ApiError(422, f"unknown query parameter {unknown[0]!r}; the parameters are {', '.join(FILE_OPTIONS)}")
    out = {}
    for name, (default, choices) in FILE_OPTIONS.items():
        value = query.get(name, default)
        if choices and value not in choices:
            raise ApiError(422, f"{name} must be one of {', '.join(choices)}; got {value!r}")
        if len(value) > 256:
            raise ApiError(422, f"{name} is {len(value)} characters long; at most 256")
        out[name] = value
    out["neutral"] = out["neutral"] == "true"
    import codecs

    try:
        codecs.lookup(out["encoding"])
    except LookupError:
        raise ApiError(422, f"unknown encoding {out['encoding']!r}") from None
    return out


def spool_file(fmt: str):
    """A new temporary file (binary, open for writing) whose name ends as the command's readers expect."""
    fd, path = tempfile.mkstemp(prefix="sentiment-serve-", suffix=UPLOAD_FORMATS[fmt][0])
    return os.fdopen(fd, "wb"), path


def _chunks(path, opts):
    from sentiment.io.batch import iter_chunks

    return iter_chunks([path], text_column=opts["text_column"], encoding=opts["encoding"], chunk_rows=CHUNK_ROWS)


def _names(pipe, opts):
    from sentiment.outputs import output_names

    return output_names(pipe.classes_, opts["neutral"], opts["prefix"], error=True)


def check_table(pipe, path, opts) -> int:
    """Read the whole upload as the command would; its number of rows, or :class:`ApiError` 422 saying
    what the command would say (a missing text column, a byte that is not UTF-8, an answer's column)."""
    from sentiment.errors import InputError
    from sentiment.outputs import refuse_overwrite

    rows = 0
    try:
        for chunk in _chunks(path, opts):
            refuse_overwrite(chunk.columns, _names(pipe, opts), "the upload", "prefix", opts["prefix"])
            rows += len(chunk)
    except InputError as exc:
        message = str(exc).replace(path, "the upload")  # the command's words, in the API's terms
        for option in ("text-column", "prefix", "encoding"):
            message = message.replace(f"--{option}", option.replace("-", "_"))
        raise ApiError(422, message) from None
    return rows


def scored_pieces(pipe, path, opts):
    """The scored table as text, a piece per chunk of rows (:func:`sentiment.io.writers.written_chunks`).

    The temporary file is removed when the pieces are done or the generator is closed (a client that went away).
    """
    from sentiment.io.batch import classify_chunks
    from sentiment.io.writers import written_chunks
    from sentiment.outputs import output_columns

    try:
        results = classify_chunks(pipe, _chunks(path, opts), "flag", {}, neutral=opts["neutral"],
                                  prefix=opts["prefix"], by_sentence=opts["text_column"] if opts["by"] == "sentence" else None)
        yield from written_chunks(results, output_columns(pipe.classes_, opts["neutral"], opts["prefix"]),
                                  opts["format"])
    finally:
        remove(path)


def remove(path) -> None:
    """Remove a spooled upload; one already gone is fine."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
