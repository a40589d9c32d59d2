"""Sentences of a text, as character spans: for scoring a long text sentence by sentence.

A rule-based splitter, in the manner of the simple splitters in NLTK and spaCy's sentencizer,
with the cases that break them handled:

- a sentence ends at ``.``, ``!``, ``?`` or ``…`` (runs such as ``?!`` or ``...`` count as one),
  followed by closing quotes or brackets, then white space and the start of a new sentence (a capital
  letter, a digit, an opening quote or bracket, or an emoji) or the end of the text;
- a line break ends a sentence when the next line starts with a capital, a digit or a bullet
  (``-``, ``*``, ``•``); a blank line always does;
- not after common abbreviations (``Mr.``, ``Dr.``, ``e.g.``, ``U.S.``, ``etc.`` before a lower-case
  word, ...), single initials (``J. K. Rowling``) or inside numbers (``59.8``).

Spans cover the text's non-blank sentences, in order, without their surrounding white space.

Examples
--------
>>> text = "Dr. Smith arrived at 3.30 p.m. today. It was great!! Was it? \\n\\nYes - J. K. said so."
>>> [text[a:b] for a, b in sentence_spans(text)]
['Dr. Smith arrived at 3.30 p.m. today.', 'It was great!!', 'Was it?', 'Yes - J. K. said so.']
>>> sentence_spans("")
[]
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "sentence_spans", "split_sentences"]

#: Lower-cased abbreviations (without their final period) after which a period does not end a sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st mt vs etc e.g i.e cf al approx dept est inc ltd co corp vol fig figs
jan feb apr jun jul aug sep sept oct nov dec tue thu fri a.m p.m u.s u.k u.n
gen col lt sgt capt rev gov sen rep hon pres ave blvd rd
""".split())
#: Abbreviations only before a number ("No. 5", "nos. 3–4"): "The answer was no." ends a sentence.
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})

_END = re.compile(r"""(?:[.!?…]+)["'”’)\]]*(?=\s|$)""")
_START = re.compile(r"""["'“‘(\[]*[A-Z0-9À-ÖØ-Þ\U0001F300-\U0001FAFF]""")
_BLANKS = re.compile(r"[ \t]*")
_LINE_START = re.compile(r"""[ \t]*(?:["'“‘(\[]*[A-Z0-9À-ÖØ-Þ]|[-*•·]\s)""")
_SPACE = re.compile(r"\s*")
_WORD_BEFORE = re.compile(r"(\S+)$")
_LOOK_BACK = 32  # characters before a period searched for its word: no abbreviation is longer


def _ends_here(text: str, stop: int, match) -> bool:
    """Whether the terminator ``match`` (ending at ``stop``) ends a sentence (nothing copied but a short window)."""
    mark = match.group(0)
    after = _SPACE.match(text, stop).end()
    if after == len(text):
        return True
    if not _START.match(text, after):
        return False
    if mark.startswith(".") and not mark.startswith(".."):
        word = _WORD_BEFORE.search(text, max(0, match.start() - _LOOK_BACK), match.start())
        token = word.group(1).lower().lstrip("\"'“‘([") if word else ""
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):  # Dr. / J. K. Rowling
            return False
        if token in NUMBER_ABBREVIATIONS and text[after].isdigit():  # No. 5
            return False
        if token.endswith(".") and token.replace(".", "").isalpha() and len(token) <= 4:  # U.S. / e.g.
            return False
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[(start, end), ...]``: the character spans of ``text``'s sentences (see the module docstring)."""
    cuts = {0, len(text)}
    for m in _END.finditer(text):
        if _ends_here(text, m.end(), m):
            cuts.add(m.end())
    for m in re.finditer(r"\n", text):
        nxt = _BLANKS.match(text, m.end()).end()
        if (nxt < len(text) and text[nxt] == "\n") or _LINE_START.match(text, m.end()):
            cuts.add(m.start())
    spans = []
    bounds = sorted(cuts)
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            spans.append((a + lead, b - trail))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (:func:`sentence_spans`).

    >>> split_sentences("Great food. Slow service!  Would go back.")
    ['Great food.', 'Slow service!', 'Would go back.']
    """
    return [text[a:b] for a, b in sentence_spans(text)]
