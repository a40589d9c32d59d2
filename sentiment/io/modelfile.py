"""Model files: versioned, validated JSON; never pickle.

A model file holds everything needed to reproduce predictions elsewhere: the
tokenizer, the lexicon (its words, or the name and content hash of a lexicon
that ships with the package), the feature names and standardisation, weights,
bias, label names and training metadata.

This module owns the file: JSON, the format name and version, the top-level
keys (no missing, no unexpected) and the atomic write.  What the keys hold is
owned by the objects stored there (:meth:`SentimentPipeline.from_dict
<sentiment.pipeline.SentimentPipeline.from_dict>`, the featurizer registered
under ``features.kind``, :func:`~sentiment.lexicons.lexicon.lexicon_from_dict`),
which check the types, the shapes and the finiteness of every number.  Every
check raises :class:`~sentiment.errors.InputError` with a one-line message naming the
file and the problem.  Sizes are checked before any array is built, and a file
larger than :data:`MAX_BYTES` is refused unread.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

from sentiment.errors import InputError
from sentiment.io.atomic import atomic_write
from sentiment.io.checks import fail

__all__ = ["FORMAT", "VERSION", "MAX_BYTES", "SHIPPED_MODELS", "save_model", "read_model_file", "write_model_file",
           "check_header", "resolve_model_path", "TOP_KEYS"]

FORMAT = "sentiment-model"
VERSION = 1
MAX_BYTES = 512 * 1024 * 1024
#: A model file written as JSON may be at most this large: parsing JSON takes many times its size in memory
#: (a file of empty lists, ``[[],[],…]``, takes about forty), so big models are written compact (``.zip``).
MAX_JSON_BYTES = 128 * 1024 * 1024
SHIPPED_MODELS = ("general", "six", "extended", "default")  # default: the general model (models/cards.py)

TOP_KEYS = {"format", "version", "tokenizer", "lexicon", "features", "labels", "mode", "standardize",
            "weights", "bias", "training", "neutral"}
_OPTIONAL_TOP = {"training", "neutral"}


def plain(obj):
    """Metadata made JSON-safe: numpy scalars to Python numbers."""
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if hasattr(obj, "item") and hasattr(obj, "dtype"):
        return obj.item()
    return obj


def write_model_file(data: dict, path) -> None:
    """Write a model dict as JSON, atomically (a temporary file renamed into place)."""
    with atomic_write(path) as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False, allow_nan=False)
        fh.write("\n")


def save_model(pipe, path) -> None:
    """Write ``pipe.to_dict()`` (a :class:`~sentiment.pipeline.SentimentPipeline`) to ``path``.

    A path ending in ``.zip`` gets the compact format (:mod:`sentiment.io.compact`), any other JSON.
    """
    if os.fspath(path).lower().endswith(".zip"):
        from sentiment.io.compact import write_compact

        write_compact(pipe.to_dict(), path)
    else:
        write_model_file(pipe.to_dict(), path)


def resolve_model_path(path_or_name) -> Path:
    """A shipped model's file for a name in :data:`SHIPPED_MODELS`, else the path itself."""
    from sentiment.models.cards import MODEL_ALIASES

    s = os.fspath(path_or_name)
    if s in SHIPPED_MODELS and not Path(s).exists():
        folder = resources.files("sentiment.models")
        stem = MODEL_ALIASES.get(s, s)
        compact = folder.joinpath(f"{stem}.zip")  # a shipped model may be compact (sentiment.io.compact)
        return Path(str(compact if compact.is_file() else folder.joinpath(f"{stem}.json")))
    return Path(s)


def with_numpy_arrays(data):
    """A model dict read with ``arrays="python"`` as ``arrays="numpy"`` would have given it (arrays copied).

    The one-text path reads a file without numpy; when it declines, the batch path builds its pipeline
    from this instead of reading and inflating the file again.

    Examples
    --------
    >>> from array import array
    >>> out = with_numpy_arrays({"w": [array("d", [1.0, 2.0]), array("d", [3.0, 4.0])], "b": array("d", [5.0])})
    >>> out["w"].shape, out["b"].tolist()
    ((2, 2), [5.0])
    """
    from array import array

    import numpy as np

    if isinstance(data, dict):
        return {k: with_numpy_arrays(v) for k, v in data.items()}
    if isinstance(data, array):
        return np.array(data, dtype=np.float64)
    if isinstance(data, list) and data and all(isinstance(v, array) for v in data):  # a 2-D member: its rows
        return np.array([np.asarray(v, dtype=np.float64) for v in data]).reshape(len(data), -1)
    if isinstance(data, list):
        return [with_numpy_arrays(v) for v in data]
    return data


def read_model_file(path_or_name="default", arrays: str = "numpy") -> tuple[dict, str]:
    """Read a model file's JSON (size, encoding and syntax checked); return ``(data, name)``.

    A compact file's arrays come back as numpy arrays, or with ``arrays="python"`` as
    ``array('d')`` (:func:`~sentiment.io.compact.read_compact`).
    """
    path = resolve_model_path(path_or_name)
    name = os.fspath(path_or_name)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        hint = f" (shipped models: {', '.join(SHIPPED_MODELS)})" if os.sep not in name else ""
        raise InputError(f"{name}: no such model file{hint}") from None
    if path.is_dir():
        raise InputError(f"{name}: is a folder, expected a model file")
    kind = _not_a_regular_file(path)
    if kind:  # a FIFO or a device has size 0 without being empty: say what it is
        raise InputError(f"{name}: is {kind}, not a model file; give the path of a model file")
    if size == 0:
        raise InputError(f"{name}: empty file, not a model")
    if size > MAX_BYTES:
        raise InputError(f"{name}: {size} bytes is larger than a model file may be ({MAX_BYTES})")
    raw = path.read_bytes()
    from sentiment.io.compact import is_compact

    if is_compact(raw):
        from sentiment.io.compact import read_compact

        return read_compact(raw, name, MAX_BYTES, arrays), name
    if name.lower().endswith(".zip"):
        raise InputError(f"{name}: not a compact model file (not a zip archive of a model)")
    if size > MAX_JSON_BYTES:
        raise InputError(f"{name}: {size} bytes of JSON, more than a JSON model file may be ({MAX_JSON_BYTES}); "
                         "save large models compact, with a name ending in .zip")
    if raw[:1] == b"\x80" and raw[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        # Loading a pickle runs whatever code it names: never read, whoever made it.
        raise InputError(f"{name}: a Python pickle, not a model file; model files are JSON or compact .zip, "
                         "written by SentimentPipeline.save or sentiment train -o")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not a model file (not UTF-8 text)") from None
    from sentiment.io.jsonrecords import parse_json

    # A key given twice (two "weights") is refused, not silently last-wins; NaN and Infinity too.
    return parse_json(text, name, position=True, parse_constant=_reject_constant), name


def _not_a_regular_file(path) -> str:
    """What ``path`` is when it is not a regular file ("a FIFO (named pipe)", "a character device", …), else ''."""
    import stat

    mode = os.stat(path).st_mode
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return ""


MAX_TRAINING_DEPTH = 32


def _reject_constant(token):
    raise ValueError(f"{token} is not allowed in a model file")


def check_header(data, name="<model>") -> None:
    """Check the format name, the version and the top-level keys of a model dict."""
    if not isinstance(data, dict):
        fail(name, f"a model file holds a JSON object; got {type(data).__name__}")
    if data.get("format") != FORMAT:
        fail(name, f"not a sentiment model file (format is {data.get('format')!r}, expected {FORMAT!r})")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        fail(name, f"version must be an integer; got {version!r}")
    if version > VERSION:
        fail(name, f"made by a newer sentiment (format version {version}; this one reads up to {VERSION}): upgrade sentiment")
    if version < 1:
        fail(name, f"unknown format version {version}")
    keys = set(data)
    missing = TOP_KEYS - _OPTIONAL_TOP - keys
    if missing:
        fail(name, f"missing key(s): {', '.join(sorted(missing))}")
    extra = keys - TOP_KEYS
    if extra:
        fail(name, f"unexpected key(s): {', '.join(sorted(extra))}")
