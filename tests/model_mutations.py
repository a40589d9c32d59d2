"""Model-file mutations for the fuzz tests: every path into a model dict, and one change at a path."""

import json


def mutation_paths(obj, prefix=()):
    """Every key path into ``obj`` (lists: their first three items), the empty path left out."""
    return [p for p in _paths(obj, prefix) if p]


def _paths(obj, prefix):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj[:3]):
            yield from _paths(v, prefix + (i,))


def mutated(model: dict, path, how: str, value=None) -> dict:
    """A deep copy of ``model`` with the item at ``path`` deleted, wrapped in a list or replaced by ``value``."""
    d = json.loads(json.dumps(model))
    parent = d
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "wrap":
        parent[last] = [parent[last]]
    else:
        parent[last] = value
    return d
