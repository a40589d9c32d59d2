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

__all__ = ["MODEL_ALIASES", "shipped_model_names", "card", "summary", "file_card", "strength_text"]

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


def strength_text(value) -> str:
    """An adapted model's stored penalty strength for people: ``0.01``, or ``∞`` (stored ``"inf"``) for the prior as it is.

    >>> strength_text(0.01), strength_text("inf")
    ('0.01', '∞')
    """
    return "∞" if value == "inf" or (isinstance(value, float) and value == float("inf")) else f"{float(value):g}"


def file_card(metadata: dict, name: str) -> str:
    """The card of a model file that is not shipped, from the training record it carries (``metadata``).

    An adapted model's card says what it was adapted from and on how many documents.

    Examples
    --------
    >>> print(file_card({"adapted_from": {"model": "general", "documents": 200, "class_counts": {"neg": 90, "pos": 110},
    ...                  "prior_documents": 73087}, "strength": 0.01, "corpora": "mine.csv"}, "mine.zip"))
    # mine.zip
    <BLANKLINE>
    Adapted from general (trained on 73087 documents) to 200 labelled documents (neg: 90, pos: 110) of mine.csv; penalty strength λ = 0.01 towards the prior's weights.
    """
    lines = [f"# {name}", ""]
    adapted = metadata.get("adapted_from")
    if adapted:
        counts = ", ".join(f"{k}: {v}" for k, v in adapted.get("class_counts", {}).items() if v)
        trained = f" (trained on {adapted['prior_documents']} documents)" if adapted.get("prior_documents") else ""
        source = f" of {metadata['corpora']}" if metadata.get("corpora") else ""
        lines.append(f"Adapted from {adapted['model']}{trained} to {adapted['documents']} labelled documents"
                     f"{f' ({counts})' if counts else ''}{source}; penalty strength λ = {strength_text(metadata.get('strength', 0))} "
                     "towards the prior's weights.")
    else:
        what = metadata.get("features", metadata.get("model", "a model"))
        docs = metadata.get("documents")
        lines.append(f"Trained from scratch ({what})" + (f" on {docs} documents" if docs else "")
                     + (f" of {metadata['corpora']}" if metadata.get("corpora") else "") + ".")
    return "\n".join(lines)
