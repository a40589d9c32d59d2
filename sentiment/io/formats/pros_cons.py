"""Pros and cons (Ganapathibhotla and Liu 2008): ``IntegratedPros.txt`` / ``IntegratedCons.txt``.

One phrase a line, ``<Pros>text</Pros>`` or ``<Cons>text</Cons>``, indented.  The text is
HTML-escaped, and in the distributed files escaped twice (``&amp;amp;`` for ``&``,
``&amp;#146;`` for a Windows-1252 apostrophe), so it is decoded twice; the line breaks and
tabs some phrases carry as ``&#10;``/``&#9;`` become single spaces.  The label is the tag:
``Pros`` → ``pos``, ``Cons`` → ``neg``.  NLTK ships the same files as its ``pros_cons``
corpus (``nltk:pros_cons``).

Registered as the input format ``pros-cons``, recognised by its first line (the files end
in ``.txt``); a folder holding both files is read by :func:`read_pros_cons_folder`.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from sentiment.errors import InputError
from sentiment.io.formats.base import CHUNK_ROWS, InputFormat, column_chunks, register_format
from sentiment.io.textfile import read_text, split_lines

__all__ = ["PROS_CONS_FILES", "parse_pros_cons", "read_pros_cons_file", "read_pros_cons_folder",
           "is_pros_cons_folder", "NLTK_ENCODING", "read_pros_cons_rows", "read_nltk_pros_cons"]

PROS_CONS_FILES = ("IntegratedCons.txt", "IntegratedPros.txt")
_LABELS = {"pros": "pos", "cons": "neg"}
_LINE = re.compile(r"^\s*<(Pros|Cons)>(.*)</\1>\s*$", re.I)
# The encoding NLTK's own pros_cons loader declares for its copy of the files.
NLTK_ENCODING = "ISO-8859-2"


def _clean(text: str) -> str:
    return " ".join(html.unescape(html.unescape(text)).split())


def parse_pros_cons(text: str, source: str = "<text>"):
    """(texts, labels, line numbers) of every ``<Pros>``/``<Cons>`` line; other non-blank lines are errors.

    Examples
    --------
    >>> parse_pros_cons("  <Pros>cheap &amp;amp; light</Pros>\\n\\n  <Cons>it&amp;#146;s loud</Cons>\\n")
    (['cheap & light', 'it’s loud'], ['pos', 'neg'], [1, 3])
    """
    texts, labels, lines = [], [], []
    for lineno, line in enumerate(split_lines(text), 1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if m is None:
            shown = line.strip()[:60]
            raise InputError(f"{source}: line {lineno}: expected <Pros>…</Pros> or <Cons>…</Cons>, got {shown!r}")
        texts.append(_clean(m.group(2)))
        labels.append(_LABELS[m.group(1).lower()])
        lines.append(lineno)
    return texts, labels, lines


def read_pros_cons_file(path, *, encoding: str = "utf-8"):
    """Texts, labels and ids (``IntegratedPros.txt:LINE``) of one pros or cons file."""
    path = Path(path)
    texts, labels, lines = parse_pros_cons(read_text(path, encoding), str(path))
    if not texts:
        raise InputError(f"{path}: no documents (the file is empty)")
    empty = [n for n, t in zip(lines, texts) if not t]
    if empty:
        # Kept, so the counts match the corpus's published size; a batch never silently drops rows.
        shown = ", ".join(map(str, empty[:5])) + (" …" if len(empty) > 5 else "")
        print(f"note: {path}: {len(empty)} empty phrase(s) (line {shown})", file=sys.stderr)
    return texts, labels, [f"{path.name}:{n}" for n in lines]


def is_pros_cons_folder(folder) -> bool:
    folder = Path(folder)
    return all((folder / name).is_file() for name in PROS_CONS_FILES)


def read_pros_cons_folder(folder, *, encoding: str = "utf-8"):
    """Both files of a ``pros-cons/`` folder: the cons, then the pros (as ``neg/`` before ``pos/``)."""
    folder = Path(folder)
    texts, labels, ids = [], [], []
    for name in PROS_CONS_FILES:
        t, l, i = read_pros_cons_file(folder / name, encoding=encoding)
        texts += t
        labels += l
        ids += i
    return texts, labels, ids


def looks_like_pros_cons(path, head: bytes) -> bool:
    """The sniff: the first non-blank line of ``head`` is a ``<Pros>``/``<Cons>`` line.

    >>> looks_like_pros_cons("IntegratedPros.txt", b"\\n   <Pros>light</Pros>\\n"), looks_like_pros_cons("x", b"1 good")
    (True, False)
    """
    for line in head.splitlines():
        if line.strip():
            return re.match(rb"\s*<(Pros|Cons)>", line, re.I) is not None
    return False


def read_nltk_pros_cons():
    """NLTK's ``pros_cons`` corpus, found on ``nltk.data.path``, read with the encoding NLTK declares."""
    from sentiment.io.nltk_data import nltk_corpus_root

    root = Path(str(nltk_corpus_root("pros_cons")))
    return read_pros_cons_folder(root, encoding=NLTK_ENCODING)


def read_pros_cons_rows(path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=CHUNK_ROWS):
    """The input-format reader: chunks of phrases, columns ``id``, ``text`` and (when asked for) ``label``."""
    texts, labels, ids = read_pros_cons_file(path, encoding=encoding)
    columns = {"id": ids, "text": texts}
    if label_column == "label":  # only when asked for: classify's own column is "label"
        columns["label"] = labels
    yield from column_chunks(path, columns, text_column, label_column, chunk_rows)


register_format(InputFormat("pros-cons", (), read=read_pros_cons_rows, sniff=looks_like_pros_cons))
