"""Amazon multi-domain reviews (Blitzer, Dredze and Pereira 2007): ``positive.review`` / ``negative.review``.

Each file is one pseudo-XML document, ``<reviews><review> … </review></reviews>``, with
fields such as ``<title>``, ``<rating>`` and ``<review_text>``, their text entity-escaped
(``&amp;``) and padded with newlines.  The original release is not always well-formed XML
(a bare ``&`` or ``<`` inside a review), so the fields are cut out with patterns rather
than by an XML parser, and entities are decoded with :func:`html.unescape`.

The text of a review is its **title, a blank line, then its body**.  The title is the
reviewer's own words and is usually the verdict in a few words ("Don't waste your
money", "Works great"); someone who pastes a review into ``sentiment classify`` pastes
it too.  A blank line (not a space) keeps the title's last word from running into the
body's first word, and marks a sentence break for the tokenizers.

The label is the file's name: ``positive`` → ``pos``, ``negative`` → ``neg`` (the
labels the shipped models use).  ``unlabeled.review`` has no label: it is left out of a
folder (said on stderr), and ``sentiment classify`` reads it like any other.

Registered as the input format ``amazon-review`` (suffix ``.review``): a row per review with
the columns ``id``, ``text``, ``title``, ``body``, ``rating`` and, when a reader asks for the
labels, ``label`` (from the name).  Folders (a domain, or a folder of domains) are read by :func:`read_review_folder`,
which :func:`~sentiment.io.corpus.read_corpus` calls for a folder that :func:`is_review_folder`.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from sentiment.errors import InputError
from sentiment.io.formats.base import CHUNK_ROWS, InputFormat, column_chunks, register_format
from sentiment.io.textfile import read_text

__all__ = ["REVIEW_SUFFIX", "parse_reviews", "read_review_file", "read_review_folder", "is_review_folder",
           "review_label", "read_review_rows"]

REVIEW_SUFFIX = ".review"
_LABELS = {"positive": "pos", "negative": "neg"}
_UNLABELLED = {"unlabeled", "unlabelled"}
_REVIEW = re.compile(r"<review>(.*?)</review>", re.S)


def _field(block: str, name: str) -> str:
    m = re.search(rf"<{name}>(.*?)</{name}>", block, re.S)
    return html.unescape(m.group(1)).strip() if m else ""


def parse_reviews(text: str, *, title: bool = True) -> list[dict]:
    """The reviews in one ``.review`` document, in file order.

    Each is a dict with ``text`` (title + blank line + body when ``title``), ``title``,
    ``body``, ``rating`` (a float, or None) and ``id`` (``unique_id``, or empty).

    Examples
    --------
    >>> doc = ('<reviews><review><unique_id>\\nA1:x\\n</unique_id><rating>\\n5.0\\n</rating>'
    ...        '<title>\\nPots &amp; pans\\n</title>\\n<review_text>\\nSturdy &lt;and&gt; cheap.\\n'
    ...        '</review_text></review></reviews>')
    >>> r = parse_reviews(doc)[0]
    >>> r["text"], r["rating"], r["id"]
    ('Pots & pans\\n\\nSturdy <and> cheap.', 5.0, 'A1:x')
    >>> parse_reviews(doc, title=False)[0]["text"]
    'Sturdy <and> cheap.'
    """
    out = []
    for m in _REVIEW.finditer(text):
        block = m.group(1)
        head, body = _field(block, "title"), _field(block, "review_text")
        rating = _field(block, "rating")
        try:
            stars = float(rating) if rating else None
        except ValueError:
            stars = None
        full = "\n\n".join(p for p in (head, body) if p) if title else body
        out.append({"text": full, "title": head, "body": body, "rating": stars, "id": _field(block, "unique_id")})
    return out


def review_label(path: Path):
    """``pos``/``neg`` from ``positive.review``/``negative.review``; None for any other name.

    Examples
    --------
    >>> review_label(Path("kitchen/positive.review")), review_label(Path("x/unlabeled.review"))
    ('pos', None)
    """
    return _LABELS.get(path.stem.lower())


def _parse_file(path: Path, encoding: str, title: bool = True) -> list[dict]:
    reviews = parse_reviews(read_text(path, encoding), title=title)
    if not reviews:
        raise InputError(f"{path}: no <review> elements (expected the multi-domain sentiment pseudo-XML)")
    return reviews


def _no_label(path: Path) -> InputError:
    return InputError(f"{path}: no label in the name (positive.review or negative.review)")


def read_review_file(path, *, encoding: str = "utf-8", title: bool = True):
    """Texts, labels and ids (``domain/file:N``) of one labelled ``.review`` file.

    Raises :class:`InputError` for a file with no ``<review>`` element or no label in its name.
    """
    path = Path(path)
    label = review_label(path)
    if label is None:
        raise _no_label(path)
    reviews = _parse_file(path, encoding, title)
    empty = [i for i, r in enumerate(reviews, 1) if not r["text"]]
    if empty:
        shown = ", ".join(map(str, empty[:5])) + (" …" if len(empty) > 5 else "")
        print(f"note: {path}: {len(empty)} review(s) with no title or text (review {shown})", file=sys.stderr)
    texts = [r["text"] for r in reviews]
    ids = [f"{path.parent.name}/{path.name}:{i}" for i in range(1, len(reviews) + 1)]
    return texts, [label] * len(texts), ids


def _review_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == REVIEW_SUFFIX)


def is_review_folder(folder: Path) -> bool:
    """A domain folder (``kitchen/`` with ``*.review`` files) or a folder of such domain folders."""
    folder = Path(folder)
    if _review_files(folder):
        return True
    subs = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return bool(subs) and all(_review_files(s) for s in subs)


def read_review_folder(folder, *, encoding: str = "utf-8", title: bool = True):
    """Every labelled ``.review`` file of a domain folder, or of each domain folder under it, sorted by name.

    ``negative`` comes before ``positive``, as ``neg/`` before ``pos/`` in a label-folder corpus.
    """
    folder = Path(folder)
    domains = [folder] if _review_files(folder) else sorted(
        p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    texts, labels, ids = [], [], []
    for domain in domains:
        for f in _review_files(domain):
            if review_label(f) is None:
                if f.stem.lower() in _UNLABELLED:
                    print(f"note: {f}: left out (unlabelled reviews)", file=sys.stderr)
                    continue
                raise _no_label(f)
            t, l, i = read_review_file(f, encoding=encoding, title=title)
            texts += t
            labels += l
            ids += i
    if not texts:
        raise InputError(f"{folder}: no positive.review or negative.review")
    return texts, labels, ids


def read_review_rows(path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=CHUNK_ROWS):
    """The input-format reader: chunks of reviews with their fields as columns."""
    path = Path(path)
    reviews = _parse_file(path, encoding)
    label = review_label(path)
    columns = {"id": [r["id"] for r in reviews], "text": [r["text"] for r in reviews],
               "title": [r["title"] for r in reviews], "body": [r["body"] for r in reviews],
               "rating": [r["rating"] for r in reviews]}
    if label_column == "label":  # the file's label only when asked for: classify's own column is "label"
        if label is None:
            raise _no_label(path)
        columns["label"] = [label] * len(reviews)
    yield from column_chunks(path, columns, text_column, label_column, chunk_rows)


register_format(InputFormat("amazon-review", (REVIEW_SUFFIX,), read=read_review_rows))
