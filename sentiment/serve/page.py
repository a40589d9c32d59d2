"""The page at ``/``: ``page.html``, ``page.js`` and ``page.css`` beside this module, shipped in the wheel.

The page's style starts with the explanation pages' own (:func:`sentiment.reports.html.page_style`), so the
tinted text it shows is drawn as ``sentiment explain --html`` draws it; nothing is fetched from elsewhere.
"""

from __future__ import annotations

from importlib import resources

from sentiment.serve.limits import Limits

__all__ = ["page_parts"]


def _read(name: str) -> str:
    return resources.files("sentiment.serve").joinpath(name).read_text(encoding="utf-8")


def _bytes(n: int) -> str:
    """``n`` bytes for a reader: 100 MB, 10 kB, 512 bytes.

    >>> _bytes(100_000_000), _bytes(10_000), _bytes(512)
    ('100 MB', '10 kB', '512 bytes')
    """
    for size, unit in ((10**9, "GB"), (10**6, "MB"), (10**3, "kB")):
        if n >= size:
            return f"{n / size:g} {unit}"
    return f"{n} bytes"


def page_parts(model: str, limits: Limits) -> dict:
    """``{"html", "js", "css"}``: the page with the model's name and the limits filled in, its script, its style."""
    from sentiment.reports.html import page_style
    from sentiment.reports.markup import escape

    html = (_read("page.html").replace("{model}", escape(model)).replace("{max_chars}", str(limits.max_chars))
            .replace("{max_upload}", _bytes(limits.max_upload_bytes)))
    return {"html": html, "js": _read("page.js"), "css": page_style() + _read("page.css")}
