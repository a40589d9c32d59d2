"""Model cards: one Markdown file per shipped model, beside it in the package (``NAME.md``).

A card says what the model was trained on, its row of the domain benchmark and its known
weaknesses; ``sentiment models`` lists them and ``sentiment models NAME`` prints one.

Examples
--------
>>> names = shipped_model_names()
>>> names[0], "six" in names
('general', True)
>>> card("general").splitlines()[0].startswith("# general")
True
"""

from __future__ import annotations

from importlib import resources

from sentiment.errors import InputError

__all__ = ["MODEL_ALIASES", "shipped_model_names", "card", "summary"]

#: Names that stand for another shipped model.
MODEL_ALIASES = {"default": "general"}
_ORDER = ("general", "six", "extended")


def shipped_model_names() -> list[str]:
    """The shipped models that have a card, the default first."""
    files = {p.name for p in resources.files("sentiment.models").iterdir()}
    return [n for n in _ORDER if ({f"{n}.json", f"{n}.zip"} & files) and f"{n}.md" in files]  # .zip: compact


def card(name: str) -> str:
    """The card of shipped model ``name`` (an alias such as ``default`` is followed)."""
    real = MODEL_ALIASES.get(name, name)
    if real not in shipped_model_names():
        raise InputError(f"{name}: no shipped model of that name (shipped: {', '.join(shipped_model_names())})")
    return resources.files("sentiment.models").joinpath(f"{real}.md").read_text(encoding="utf-8")


def summary(name: str) -> str:
    """The card's first paragraph after its title, on one line."""
    lines = card(name).splitlines()[1:]
    para = []
    for line in lines:
        if line.strip():
            para.append(line.strip())
        elif para:
            break
    return " ".join(para)
