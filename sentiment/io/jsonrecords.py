"""One JSON object per line, strictly: a key given twice is refused, not silently last-wins."""

from __future__ import annotations

import json

from sentiment.errors import InputError

__all__ = ["MAX_DEPTH", "json_depth", "loads_record", "parse_json", "unique_keys"]

#: Deepest nesting any JSON input may have (records, arrays of records, model files). Real files are a few
#: levels deep; a deeper one would overflow the recursion of whatever reads it next (repr, validation).
MAX_DEPTH = 100
_FLOAT_MAX = 1.7976931348623157e308


def json_depth(obj) -> int:
    """Nesting depth of a JSON value, without recursion (so a deep one cannot overflow here).

    >>> json_depth({"a": [1, {"b": []}]}), json_depth(3)
    (4, 0)
    """
    deepest, stack = 0, [(obj, 1)]
    while stack:
        value, d = stack.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, d)
            stack.extend((v, d + 1) for v in (value.values() if isinstance(value, dict) else value))
    return deepest


def _finite_int(digits: str) -> int:
    """``parse_int`` that refuses an integer no float can hold (10**400 would overflow where it is used)."""
    value = int(digits)
    if abs(value) > _FLOAT_MAX:
        raise ValueError(f"the number {digits[:12]}… ({len(digits)} digits) is too large")
    return value


def unique_keys(pairs):
    """``object_pairs_hook`` for :func:`json.loads` that refuses a key given twice.

    Examples
    --------
    >>> json.loads('{"a": 1, "a": 2}', object_pairs_hook=unique_keys)
    Traceback (most recent call last):
    ...
    ValueError: key 'a' appears twice in one object
    """
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"key {k!r} appears twice in one object")
        out[k] = v
    return out


def loads_record(line: str, where: str) -> dict:
    """Parse one JSON-lines record (an object with distinct keys), naming ``where`` on failure.

    Examples
    --------
    >>> loads_record('{"text": "great"}', "c.jsonl: line 1")
    {'text': 'great'}
    >>> loads_record('[1]', "c.jsonl: line 2")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: c.jsonl: line 2: expected a JSON object, got list
    """
    rec = parse_json(line, where)
    if not isinstance(rec, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(rec).__name__}")
    return rec


def parse_json(text: str, where: str, *, position: bool = False, parse_constant=None):
    """``json.loads`` with duplicate keys refused and every failure one :class:`InputError` naming ``where``.

    ``position`` adds the line and column of a syntax error (for whole files; a JSON-lines
    record is already named by its line).

    Examples
    --------
    >>> parse_json('{"a": 1, "a": 2}', "m.json")
    Traceback (most recent call last):
    ...
    sentiment.errors.InputError: m.json: key 'a' appears twice in one object
    """
    try:
        value = json.loads(text, object_pairs_hook=unique_keys, parse_constant=parse_constant, parse_int=_finite_int)
    except json.JSONDecodeError as exc:
        at = f" at line {exc.lineno}, column {exc.colno}" if position else ""
        raise InputError(f"{where}: not valid JSON ({exc.msg}{at})") from None
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested more than {MAX_DEPTH} levels deep") from None
    if json_depth(value) > MAX_DEPTH:
        raise InputError(f"{where}: JSON nested more than {MAX_DEPTH} levels deep")
    return value
