"""What a request may hold, and reading it within those limits.

Every limit is named in the error a client gets (``{"error": ..., "limit": "max_texts", "value": 10000}``),
so a client can tell which one it hit and by how much. The body is read chunk by chunk and refused as
soon as it passes ``max_body_bytes``: the server never holds more than the limit of one request.

Examples
--------
>>> limits = Limits(max_texts=2)
>>> check_texts(["a", None], limits, field="texts")
['a', None]
>>> check_texts(["a", "b", "c"], limits, field="texts")
Traceback (most recent call last):
...
sentiment.serve.limits.ApiError: 3 texts in one request; the limit is max_texts = 2
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

__all__ = ["Limits", "ApiError", "REQUIRED", "read_body", "parse_json", "check_texts", "check_options"]

#: The default of an option that must be given (:func:`check_options`).
REQUIRED = object()


@dataclass(frozen=True)
class Limits:
    """The most a request may hold (``sentiment serve --max-texts`` …)."""

    max_texts: int = 10_000          #: texts in one classify request
    max_explain_texts: int = 100     #: texts in one explain request (an explanation costs ~100× a score)
    max_chars: int = 100_000         #: characters in one text
    max_body_bytes: int = 10_000_000   #: bytes of one JSON request body
    max_upload_bytes: int = 100_000_000  #: bytes of one uploaded file (spooled to disk, never held in memory)

    def as_dict(self) -> dict:
        return asdict(self)


class ApiError(Exception):
    """A request the server refuses: its HTTP status, a one-line message, and the limit it passed, if any."""

    def __init__(self, status: int, message: str, limit: str | None = None, value: int | None = None):
        super().__init__(message)
        self.status, self.message, self.limit, self.value = status, message, limit, value

    def body(self) -> dict:
        out: dict = {"error": self.message}
        if self.limit is not None:
            out.update(limit=self.limit, value=self.value)
        return out


def too_large(what: str, limit: str, value: int) -> ApiError:
    return ApiError(413, f"{what}; the limit is {limit} = {value}", limit, value)


async def read_body(request, max_bytes: int, limit: str = "max_body_bytes", sink=None) -> bytes:
    """The request's body, read as it arrives; :class:`ApiError` 413 as soon as it passes ``max_bytes``.

    A ``Content-Length`` above the limit is refused before a byte is read. With ``sink`` (a binary file)
    the body is written there and ``b""`` returned, so an upload is never held in memory.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(400, "Content-Length is not a number")
        if int(declared) > max_bytes:
            raise too_large(f"the body is {int(declared)} bytes", limit, max_bytes)
    parts, size = [], 0
    async for part in request.stream():
        size += len(part)
        if size > max_bytes:
            raise too_large(f"the body is more than {max_bytes} bytes", limit, max_bytes)
        if sink is not None:
            sink.write(part)
        elif part:
            parts.append(part)
    return b"".join(parts)


def parse_json(body: bytes):
    """The JSON value of a request body; :class:`ApiError` 400 naming what is wrong with it.

    >>> parse_json(b'{"texts": ["a"]}')
    {'texts': ['a']}
    >>> parse_json(b'\\xff')
    Traceback (most recent call last):
    ...
    sentiment.serve.limits.ApiError: the body is not UTF-8: byte 0xff at position 0
    """
    if not body.strip():
        raise ApiError(400, 'the body is empty; send a JSON object such as {"texts": ["A gem."]}')
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"the body is not UTF-8: byte 0x{body[exc.start]:02x} at position {exc.start}") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise ApiError(400, "the body is not valid JSON: nested too deeply") from None
    except ValueError as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc}") from None


def _type_name(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def check_texts(texts, limits: Limits, *, field: str, max_texts: int | None = None, limit_name: str = "max_texts"):
    """``texts`` if it is a list of strings (or nulls: a row with no text) within the limits; else :class:`ApiError`."""
    if isinstance(texts, str):
        raise ApiError(422, f'"{field}" must be a list of strings; got a string (send ["…"] for one text)')
    if not isinstance(texts, list):
        raise ApiError(422, f'"{field}" must be a list of strings; got {_type_name(texts)}')
    most = limits.max_texts if max_texts is None else max_texts
    if len(texts) > most:
        raise too_large(f"{len(texts)} texts in one request", limit_name, most)
    for i, t in enumerate(texts):
        if t is not None and not isinstance(t, str):
            raise ApiError(422, f'"{field}"[{i}] must be a string or null; got {_type_name(t)}')
        if t is not None and len(t) > limits.max_chars:
            raise too_large(f'"{field}"[{i}] has {len(t)} characters', "max_chars", limits.max_chars)
    return texts


def check_options(body, allowed: dict) -> dict:
    """The options of a JSON object body, each checked against ``allowed`` (name → (type, default, choices)).

    An unknown name, a value of the wrong type or outside its choices is :class:`ApiError` 422 naming it.
    """
    if not isinstance(body, dict):
        raise ApiError(422, f'the body must be a JSON object such as {{"texts": ["A gem."]}}; got {_type_name(body)}')
    unknown = [k for k in body if k not in allowed]
    if unknown:
        raise ApiError(422, f"unknown field {unknown[0]!r}; the fields are {', '.join(allowed)}")
    out = {}
    for name, (kind, default, choices) in allowed.items():
        if name not in body:
            if default is REQUIRED:
                raise ApiError(422, f'"{name}" is required')
            out[name] = default
            continue
        value = body[name]
        if kind is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
            raise ApiError(422, f'"{name}" must be {_type_name(kind())}; got {_type_name(value)}')
        if choices and value not in choices:
            raise ApiError(422, f'"{name}" must be one of {", ".join(map(json.dumps, choices))}; got {json.dumps(value)}')
        out[name] = value
    return out

