"""One JSON object per line, strictly: a key given twice is refused, not silently last-wins."""

from __future__ import annotations

import json

from sentiment.errors import InputError

__all__ = ["loads_record", "unique_keys"]


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
        return json.loads(text, object_pairs_hook=unique_keys, parse_constant=parse_constant)
    except json.JSONDecodeError as exc:
        at = f" at line {exc.lineno}, column {exc.colno}" if position else ""
        raise InputError(f"{where}: not valid JSON ({exc.msg}{at})") from None
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
