"""Compact model files: the model's JSON with its long arrays beside it in one zip, never pickle.

A model with a large n-gram block is mostly four long lists (weights, the
standardisation's mean and scale, the NB ratios) and one list of strings (the
vocabulary); as JSON text they take 15 MB and most of the load time.  A compact
file is a zip archive holding:

- ``model.json``: the same model dict, with each long list replaced by a
  reference, ``{"$npy": "a0.npy"}`` for numbers or ``{"$lines": "s0.txt"}`` for
  strings;
- ``a<k>.npy``: the numbers, float64 ``.npy`` read with ``allow_pickle=False``;
- ``s<k>.txt``: the strings, UTF-8, one a line.

Members are deflated, or for a shipped model that must stay small, compressed with LZMA
(``compression="lzma"``: about a third smaller, slower to read); reading takes either, or stored
members, and refuses encrypted members and any other compression method.

Reading puts numpy arrays (numbers) and lists (strings) back where the
references were, and the model is then validated like any other
(:meth:`SentimentPipeline.from_dict <sentiment.pipeline.SentimentPipeline.from_dict>`:
shapes, dtypes, finiteness).  Members are size-checked before they are
decompressed, and a member no reference names, a reference to no member, or a
malformed array is refused.  Files are written atomically; a path ending in
``.zip`` gets this format from :func:`~sentiment.io.modelfile.save_model`.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "m.zip"
>>> write_compact({"format": "x", "w": [0.5] * 100, "names": ["a b"] * 70, "short": [1, 2]}, path)
>>> data = read_compact(path.read_bytes(), "m.zip")
>>> type(data["w"]).__name__, data["w"].shape, data["names"][:2], data["short"]
('ndarray', (100,), ['a b', 'a b'], [1, 2])
"""

from __future__ import annotations

import io
import json
import math
import zipfile

from sentiment.errors import InputError
from sentiment.io.checks import fail

__all__ = ["MAGIC", "MIN_LENGTH", "COMPRESSIONS", "is_compact", "write_compact", "read_compact"]

MAGIC = b"PK\x03\x04"
MIN_LENGTH = 64  # lists at least this long go into their own member
_HEADER = "model.json"
#: What is inflated and parsed is bounded, whatever the zip's sizes claim: the header holds only short lists
#: and metadata (a few KB in the shipped models), and a string member at most this many lines (the shipped
#: vocabularies hold 60 000 and 193 105 n-grams).
MAX_HEADER_BYTES = 8 * 1024 * 1024
MAX_LINES = 5_000_000
#: ``write_compact(compression=...)`` names and their zip methods; reading takes these and ZIP_STORED.
COMPRESSIONS = {"deflate": zipfile.ZIP_DEFLATED, "lzma": zipfile.ZIP_LZMA}
_READABLE = {zipfile.ZIP_STORED, *COMPRESSIONS.values()}


def is_compact(raw: bytes) -> bool:
    """Whether a model file's bytes are a zip archive (a compact model) rather than JSON."""
    return raw[:4] == MAGIC


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _split(obj, members: dict):
    """``obj`` with long lists of numbers (or of equal-length lists of numbers) and of strings moved to ``members``."""
    import numpy as np

    if isinstance(obj, dict):
        return {k: _split(v, members) for k, v in obj.items()}
    if not isinstance(obj, list):
        return obj
    flat = obj
    if obj and all(isinstance(r, list) for r in obj) and len({len(r) for r in obj}) == 1:
        flat = [v for r in obj for v in r]
    if len(flat) >= MIN_LENGTH and all(_is_number(v) and math.isfinite(v) for v in flat):
        name = f"a{len(members)}.npy"
        buf = io.BytesIO()
        np.save(buf, np.asarray(obj, dtype=np.float64), allow_pickle=False)
        members[name] = buf.getvalue()
        return {"$npy": name}
    if len(obj) >= MIN_LENGTH and all(isinstance(v, str) and "\n" not in v and "\r" not in v for v in obj):
        name = f"s{len(members)}.txt"
        members[name] = "\n".join(obj).encode("utf-8")
        return {"$lines": name}
    return [_split(v, members) for v in obj]


def write_compact(data: dict, path, compression: str = "deflate") -> None:
    """Write a model dict as a compact zip (see the module docstring), atomically."""
    from sentiment.io.atomic import atomic_write

    if compression not in (*COMPRESSIONS, "smallest"):
        raise ValueError(f"compression must be one of {', '.join(COMPRESSIONS)}, smallest; not {compression!r}")

    members: dict[str, bytes] = {}
    # Training metadata stays plain JSON: it is read as written, never validated as arrays.
    header = {k: v if k == "training" else _split(v, members) for k, v in data.items()}
    with atomic_write(path, "wb") as fh:
        with zipfile.ZipFile(fh, "w") as z:
            text = json.dumps(header, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
            for name, blob in {_HEADER: text.encode("utf-8"), **members}.items():
                z.writestr(_member(name, _method(blob, compression)), blob)


def _method(blob: bytes, compression: str) -> int:
    """The zip method of a member: as asked, or with ``"smallest"`` LZMA where it is a tenth smaller than deflate.

    LZMA is several times slower to read than deflate; on a vocabulary or an NB-ratio array it saves a
    third, on standardised weights next to nothing (``tools/pack_model.py`` keeps the wheel small with it).
    """
    if compression != "smallest":
        return COMPRESSIONS[compression]
    import lzma
    import zlib

    smaller = len(lzma.compress(blob)) < 0.9 * len(zlib.compress(blob))
    return zipfile.ZIP_LZMA if smaller else zipfile.ZIP_DEFLATED


def _member(name: str, method: int) -> zipfile.ZipInfo:
    """A zip entry with a fixed date and mode: the same model gives the same bytes (``make models`` diffs clean)."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = method
    info.create_system = 3  # Unix, on every system (ZipInfo says 0 on Windows): the same bytes everywhere
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    return info


def _load_array(blob: bytes, member: str, name: str):
    import numpy as np

    from sentiment.io.npy import float64_layout

    # Only what write_compact writes: float64, C order, 1 or 2 dimensions, exactly the bytes the header
    # promises (no array is allocated from a header's word, nor widened from int8 to float64).
    try:
        shape, start = float64_layout(blob)
    except ValueError as exc:
        fail(name, f"{member} is not a valid .npy array of float64 ({exc})")
    arr = np.frombuffer(blob, dtype="<f8", offset=start).reshape(shape).astype(np.float64)  # a writable copy
    if not np.all(np.isfinite(arr)):
        fail(name, f"{member} holds a non-finite value")
    return arr


def _load_python_array(blob: bytes, member: str, name: str):
    """A member as ``array('d')`` (1-D) or a list of them (2-D), with the standard library alone."""
    from sentiment.io.npy import read_floats

    try:
        shape, rows = read_floats(blob)
    except ValueError as exc:
        fail(name, f"{member} is not a valid .npy array of float64 ({exc})")
    return rows[0] if len(shape) == 1 else rows


def read_compact(raw: bytes, name: str, max_bytes: int = 512 * 1024 * 1024, arrays: str = "numpy") -> dict:
    """The model dict of a compact file's bytes; :class:`InputError` if damaged.

    ``arrays="numpy"`` gives numpy arrays; ``"python"`` gives ``array('d')`` (rows of them for a
    2-D array) without importing numpy, refusing any ``.npy`` member that is not float64.
    """
    load_array = _load_array if arrays == "numpy" else _load_python_array
    try:
        z = zipfile.ZipFile(io.BytesIO(raw))
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{name}: not a valid compact model file ({exc})") from None
    names = [i.filename for i in infos]
    for info in infos:
        if info.flag_bits & 0x1:
            fail(name, f"{info.filename} is encrypted; a model file's members never are")
        if info.compress_type not in _READABLE:
            fail(name, f"{info.filename} uses zip compression method {info.compress_type}; "
                       "a model file's members are stored, deflated or LZMA-compressed")
    if len(set(names)) != len(names):
        fail(name, "the compact model file holds a member twice")
    if _HEADER not in names:
        fail(name, f"not a compact model file (no {_HEADER} inside)")
    if sum(i.file_size for i in infos) > max_bytes:
        fail(name, f"unpacks to more than a model file may hold ({max_bytes} bytes)")

    def member(m, limit=None):
        try:
            if limit is not None:
                with z.open(m) as fh:  # inflate at most limit + 1 bytes, whatever the header says
                    blob = fh.read(limit + 1)
                if len(blob) > limit:
                    raise InputError(f"{name}: {m} inflates to more than {limit} bytes, more than it may hold")
                return blob
            return z.read(m)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:  # bad CRC, truncated data
            raise InputError(f"{name}: {m} is damaged ({exc})") from None

    from sentiment.io.jsonrecords import parse_json

    try:
        text = member(_HEADER, MAX_HEADER_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{name}: {_HEADER} is not UTF-8 text") from None
    # As a JSON model file is parsed: a key twice, NaN, an integer no float holds, deep nesting are refused.
    header = parse_json(text, f"{name}: {_HEADER}", position=True, parse_constant=_reject_constant)
    used: set[str] = set()

    def join(obj):
        if isinstance(obj, dict):
            if set(obj) in ({"$npy"}, {"$lines"}):
                (kind, m), = obj.items()
                if not isinstance(m, str) or m not in names or m == _HEADER or m in used:
                    fail(name, f"{_HEADER} refers to {m!r}, which is not a member of its own")
                used.add(m)
                if kind == "$npy":
                    return load_array(member(m), m, name)
                try:
                    text = member(m).decode("utf-8")
                except UnicodeDecodeError:
                    raise InputError(f"{name}: {m} is not UTF-8 text") from None
                if text.count("\n") >= MAX_LINES:
                    fail(name, f"{m} holds more than {MAX_LINES:,} lines, more than a model's strings may be")
                return text.split("\n") if text else []
            return {k: join(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [join(v) for v in obj]
        return obj

    data = join(header)
    extra = set(names) - used - {_HEADER}
    if extra:
        fail(name, f"unexpected member(s) in the compact model file: {', '.join(sorted(extra))}")
    return data


def _reject_constant(token):
    raise ValueError(f"{token} is not allowed in a model file")
