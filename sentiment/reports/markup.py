"""User text as HTML: escaped, never a lone surrogate, and isolated when it holds bidi controls.

Texts, ids and labels come from users' files and arguments. An argument that was not UTF-8 reaches
Python with lone surrogates, which a UTF-8 page cannot hold (they become U+FFFD here); a text with
U+202E (right-to-left override) and friends could reorder the page around it, so such a value is
put inside ``<bdi>``. Every page of :mod:`sentiment.reports` writes user text through these two.
"""

from __future__ import annotations

import html
import re

__all__ = ["escape", "isolate"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape(value) -> str:
    """``value`` as HTML text: escaped, and a lone surrogate (an argument that was not UTF-8) as U+FFFD.

    >>> escape("a <b> & " + chr(0xDCFF)) == "a &lt;b&gt; &amp; " + chr(0xFFFD)
    True
    """
    return html.escape(_LONE_SURROGATE.sub("\ufffd", str(value)))


def isolate(value) -> str:
    """``value`` as escaped HTML, inside ``<bdi>`` when it holds a bidi control (U+202E …), so that it cannot
    reorder the page around it (a label or an id that spoofs a heading).

    >>> isolate(chr(0x202E) + "good") == "<bdi>" + chr(0x202E) + "good</bdi>", isolate("good")
    (True, 'good')
    """
    text = escape(value)
    return f"<bdi>{text}</bdi>" if _BIDI_CONTROL.search(text) else text
