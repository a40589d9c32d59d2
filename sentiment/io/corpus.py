"""Labelled corpora → texts, labels, document ids: one reader for every layout.

:func:`read_corpus` recognises, for each path:

* a folder with one sub-folder per label, one document per file
  (``txt_sentoken/{pos,neg}/*.txt``, aclImdb's ``train/{pos,neg}``; an ``unsup``
  folder is not a label and is left out, said on stderr); a folder holding a
  single such folder (``polarity-v2.0/``) is followed into it;
* a file per label with one document per line: ``rt-polarity.pos`` and
  ``rt-polarity.neg`` (label from the ``.pos``/``.neg`` suffix), or
  ``LABEL=path`` for any name;
* ``LABEL TEXT`` lines (SST, MPQA, SUBJ, ``rt-polarity.all``);
* any format in the input-format registry (:mod:`sentiment.io.formats`: CSV,
  TSV, JSON lines, JSON arrays, Parquet, and whatever is registered since), with
  ``text_column`` and ``label_column`` (and an optional ``id_column``); a CSV/TSV
  without a header row with ``header=False``, its columns numbered from 1;
* ``nltk:movie_reviews``: NLTK's categorized corpus reader;
* Amazon multi-domain reviews: a domain folder (``kitchen/`` with ``positive.review``
  and ``negative.review``) or a folder of domain folders
  (:mod:`sentiment.io.formats.amazon`; a single ``.review`` file is a registered format);
* pros and cons: a folder with ``IntegratedPros.txt`` and ``IntegratedCons.txt``
  (:mod:`sentiment.io.formats.pros_cons`; one such file is a registered format), or
  ``nltk:pros_cons``.

Text files are read strictly as UTF-8 unless ``encoding`` says otherwise; a bad
byte stops the read with the file, line and byte named.  Labels that are all
integers become ``int``; anything else stays a string.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sentiment.errors import InputError
from sentiment.io.textfile import read_text, split_lines

__all__ = ["Corpus", "read_corpus", "read_corpora", "parse_label_map", "coerce_labels"]

LINE_LABEL_SUFFIXES = {".pos": "pos", ".neg": "neg", ".positive": "positive", ".negative": "negative"}
_IGNORED_FOLDERS = {"unsup"}


@dataclass
class Corpus:
    """Documents with their labels and ids, in a stable order.

    Examples
    --------
    >>> c = Corpus(["good", "bad"], [1, 0], ["a", "b"], source="demo")
    >>> len(c), c.class_counts()
    (2, {0: 1, 1: 1})
    """

    texts: list[str]
    labels: list
    ids: list[str]
    source: str = ""

    def __len__(self) -> int:
        return len(self.texts)

    def class_counts(self) -> dict:
        counts: dict = {}
        for label in self.labels:
            counts[label] = counts.get(label, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: str(kv[0])))

    def subset(self, index) -> "Corpus":
        return Corpus([self.texts[i] for i in index], [self.labels[i] for i in index], [self.ids[i] for i in index],
                      self.source)


def _has_text(text) -> bool:
    return isinstance(text, str) and bool(text.strip())


def require_some_text(corpus, what: str = "learn from") -> None:
    """:class:`InputError` when no document of ``corpus`` has text: a fit on blanks learns nothing (zero weights).

    Some blank documents are kept (MPQA's published counts have three); all of them blank is a wrong column
    or an empty export.
    """
    if corpus.texts and not any(map(_has_text, corpus.texts)):
        raise InputError(f"{corpus.source}: all {len(corpus.texts)} document(s) have blank text: nothing to {what}; "
                         "is the text in another column (--text-column)?")


def documents_with_text(corpus):
    """``(corpus of the documents with text, ids of the blank ones)``: what evaluation scores, and what it leaves out.

    A blank document has no answer to measure (``classify`` flags it); counting it would score a guess.
    """
    require_some_text(corpus, "measure")
    keep = [i for i, t in enumerate(corpus.texts) if _has_text(t)]
    if len(keep) == len(corpus.texts):
        return corpus, []
    kept = set(keep)
    return corpus.subset(keep), [corpus.ids[i] for i in range(len(corpus.texts)) if i not in kept]


def coerce_labels(labels, source="", ids=None):
    """Labels normalised by :func:`sentiment.io.labels.normalise_labels`: stripped, ``"1"``/``1.0`` → ``1``.

    Examples
    --------
    >>> coerce_labels(["1", "-1"]), coerce_labels(["1", "pos"]), coerce_labels([" pos", "1.0"])
    ([1, -1], ['1', 'pos'], ['pos', '1'])
    """
    from sentiment.io.labels import normalise_labels

    return normalise_labels(labels, source, ids=ids)


def _label_folder_children(folder: Path):
    subs = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    return subs


def _read_label_folders(folder: Path, encoding: str) -> Corpus:
    subs = _label_folder_children(folder)
    # polarity-v2.0/ holds txt_sentoken/ which holds pos/ and neg/: follow a lone folder down.
    while len(subs) == 1 and _label_folder_children(subs[0]):
        folder, subs = subs[0], _label_folder_children(subs[0])
    skipped = [s for s in subs if s.name in _IGNORED_FOLDERS]
    for s in skipped:
        n = sum(1 for _ in s.iterdir())
        print(f"note: {s}: left out ({n} unlabelled documents)", file=sys.stderr)
    subs = [s for s in subs if s.name not in _IGNORED_FOLDERS]
    from sentiment.progress import task

    texts, labels, ids = [], [], []
    # Documents nested deeper in a label folder belong to it (classify reads folders the same way).
    listed = [(sub, sorted(p for p in sub.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(sub).parts))) for sub in subs]
    with task(f"reading {folder.name}", total=sum(len(files) for _, files in listed), unit="files") as bar:
        for sub, files in listed:
            for f in files:
                text = read_text(f, encoding)
                texts.append(text)
                labels.append(sub.name)
                ids.append(f"{sub.name}/{f.relative_to(sub).as_posix()}")
                bar.update(1)
    if not texts:
        raise InputError(f"{folder}: folder holds no documents (expected one sub-folder per label, one file per document)")
    return Corpus(texts, coerce_labels(labels, str(folder), ids), ids, str(folder))


def _read_lines(path: Path, label, encoding: str) -> Corpus:
    texts, ids = [], []
    for lineno, line in enumerate(split_lines(read_text(path, encoding)), 1):
        if line.strip():
            texts.append(line)
            ids.append(f"{path.name}:{lineno}")
    if not texts:
        raise InputError(f"{path}: no documents (the file is empty)")
    return Corpus(texts, coerce_labels([label] * len(texts), str(path), ids), ids, str(path))


def _read_label_text_stdin(encoding: str) -> Corpus:
    """``-``: standard input as ``LABEL TEXT`` lines."""
    from sentiment.io.textfile import decode

    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        raise InputError("-: standard input is closed (nothing to read)")
    raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
    return _read_label_text(Path("<stdin>"), encoding, decode(raw, "<stdin>", encoding), "stdin")


def _read_label_text(path: Path, encoding: str, text: str | None = None, name: str | None = None) -> Corpus:
    texts, labels, ids, empty = [], [], [], []
    text = read_text(path, encoding) if text is None else text
    for lineno, line in enumerate(split_lines(text), 1):
        if not line.strip():
            continue
        parts = line.split(None, 1)
        if len(parts) < 2:
            # A label with no text is an empty document (mpqa.all has three);
            # it is kept, so counts match the published protocol, and reported.
            empty.append(lineno)
            parts.append("")
        labels.append(parts[0])
        texts.append(parts[1])
        ids.append(f"{name or path.name}:{lineno}")
    if not texts:
        raise InputError(f"{path}: no documents (the file is empty)")
    if empty:
        shown = ", ".join(map(str, empty[:5])) + (" …" if len(empty) > 5 else "")
        print(f"note: {path}: {len(empty)} document(s) with a label but empty text (line {shown})", file=sys.stderr)
    from sentiment.io.labels import check_labels_look_like_labels

    check_labels_look_like_labels(labels, path, "read as LABEL TEXT lines, is the first word of each line its "
                                  "label? Texts without labels go in pos/ and neg/ folders or .pos/.neg files")
    return Corpus(texts, coerce_labels(labels, str(path), ids), ids, str(path))


def _read_rows(path: Path, fmt, text_column, label_column, id_column, encoding, header=True) -> Corpus:
    """A labelled corpus from a file of rows in a registered input format."""
    texts, labels, ids = [], [], []
    options = {}
    if not header:
        if fmt.name not in ("csv", "tsv"):
            raise InputError(f"{path}: --no-header applies to CSV and TSV files, not {fmt.name}")
        options["header"] = False
    for chunk in fmt.read(path, text_column=text_column, label_column=label_column, encoding=encoding, **options):
        if id_column is not None and id_column not in chunk.columns:
            raise InputError(f"{path}: no column {id_column!r} (columns: {', '.join(map(str, chunk.columns))})")
        for i, (t, l) in enumerate(zip(chunk.columns[text_column], chunk.labels), chunk.first_row):
            if not isinstance(t, str):
                raise InputError(f"{path}: row {i}: {text_column!r} is {t!r}, not text")
        texts.extend(chunk.columns[text_column])
        labels.extend(chunk.labels)
        ids.extend(map(str, chunk.columns[id_column]) if id_column is not None
                   else (f"{path.name}:{i}" for i in range(chunk.first_row, chunk.first_row + len(chunk))))
    if not texts:
        raise InputError(f"{path}: no rows")
    from sentiment.io.labels import check_labels_look_like_labels, normalise_labels

    # Missing, non-scalar, 1 vs 1.0, " pos": one rule for every format, naming the row.
    labels = normalise_labels(labels, str(path), label_column, [f"row {i + 1}" for i in range(len(labels))])
    check_labels_look_like_labels(labels, path, f"does the column {label_column or 'label'!r} hold labels "
                                  "(--label-column)?")
    return Corpus(texts, labels, ids, str(path))


def _read_nltk_movie_reviews() -> Corpus:
    from sentiment.io.nltk_data import nltk_corpus_root

    root = nltk_corpus_root("movie_reviews")
    from nltk.corpus.reader import CategorizedPlaintextCorpusReader

    # The same arguments NLTK's own nltk.corpus.movie_reviews loader uses.
    reader = CategorizedPlaintextCorpusReader(root, r"(?!\.).*\.txt", cat_pattern=r"(neg|pos)/.*", encoding="ascii")
    texts, labels, ids = [], [], []
    for cat in reader.categories():
        for fid in reader.fileids(cat):
            texts.append(reader.raw(fid))
            labels.append(cat)
            ids.append(fid)
    return Corpus(texts, labels, ids, "nltk:movie_reviews")


def _from_reader(triple, source) -> Corpus:
    texts, labels, ids = triple
    return Corpus(texts, coerce_labels(labels, str(source), ids), ids, str(source))


def read_corpus(spec, *, text_column="text", label_column="label", id_column=None, encoding="utf-8",
                header=True) -> Corpus:
    """Read one labelled corpus from a path or ``LABEL=path`` or ``nltk:movie_reviews`` / ``nltk:pros_cons``.

    ``header=False``: a CSV/TSV without a header row; its columns are ``"1"``, ``"2"``, … .

    Parameters
    ----------
    spec : str or os.PathLike
        A file in any registered input format (``LABEL TEXT`` lines, CSV/TSV, JSON lines, Parquet, …),
        a folder of label folders, ``LABEL=path`` (every document of ``path`` gets ``LABEL``), or an
        ``nltk:`` corpus name.
    text_column, label_column : str
        The columns of a table that hold the text and the label.
    id_column : str, optional
        A column whose values become the document ids (default: ``file:row``).
    encoding : str
        The encoding of text files; bad bytes are an :class:`InputError` naming the line.

    Returns
    -------
    Corpus
        ``texts``, ``labels`` and ``ids``, in the order of the input.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "sst.train").write_text("1 a gem .\\n0 a mess .\\n")
    >>> c = read_corpus(d / "sst.train")
    >>> c.texts, c.labels, c.ids
    (['a gem .', 'a mess .'], [1, 0], ['sst.train:1', 'sst.train:2'])
    """
    s = os.fspath(spec)
    if not s.strip():
        # Path("") is the current folder: an unset "$FILE" must not read everything under it.
        raise InputError(f"{s!r}: empty corpus name (an unset variable?)")
    if s == "-":
        return _read_label_text_stdin(encoding)
    if s == "nltk:movie_reviews":
        return _read_nltk_movie_reviews()
    if s == "nltk:pros_cons":
        from sentiment.io.formats.pros_cons import read_nltk_pros_cons

        return _from_reader(read_nltk_pros_cons(), s)
    label = None
    m = re.match(r"^([^=/\\]+)=(.+)$", s)
    if m and not Path(s).exists():
        label, s = m.group(1), m.group(2)
    path = Path(s)
    if not path.exists():
        raise InputError(f"{s}: no such file or folder")
    if label is not None:
        if path.is_dir():
            raise InputError(f"{s}: LABEL=path takes a file of one document per line, not a folder")
        return _read_lines(path, label, encoding)
    if path.is_dir():
        from sentiment.io.formats import amazon, pros_cons

        if pros_cons.is_pros_cons_folder(path):
            return _from_reader(pros_cons.read_pros_cons_folder(path, encoding=encoding), path)
        if amazon.is_review_folder(path):
            return _from_reader(amazon.read_review_folder(path, encoding=encoding), path)
        return _read_label_folders(path, encoding)
    suffix = path.suffix.lower()
    if suffix in LINE_LABEL_SUFFIXES:
        return _read_lines(path, LINE_LABEL_SUFFIXES[suffix], encoding)
    from sentiment.io.formats.base import find_format

    fmt = find_format(path)
    if fmt is not None:
        return _read_rows(path, fmt, text_column, label_column, id_column, encoding, header)
    return _read_label_text(path, encoding)


def parse_label_map(text: str) -> dict:
    """Parse ``"0=neg,1=pos"`` into ``{"0": "neg", "1": "pos"}``.

    Examples
    --------
    >>> parse_label_map("0=neg, 1=pos")
    {'0': 'neg', '1': 'pos'}
    """
    mapping = {}
    for part in text.split(","):
        if "=" not in part:
            raise InputError(f"--label-map: {part.strip()!r} is not OLD=NEW")
        old, new = (x.strip() for x in part.split("=", 1))
        if not old or not new:
            raise InputError(f"--label-map: {part.strip()!r} has an empty side")
        if old in mapping:
            raise InputError(f"--label-map: {old!r} is mapped twice ({old}={mapping[old]}, {old}={new})")
        mapping[old] = new
    return mapping


def read_corpora(specs, label_map=None, **kwargs) -> Corpus:
    """Read several corpora and concatenate them in the order given.

    ``label_map`` renames labels (keys compared as strings); the result's
    labels are re-coerced, so ``{"neg": "0"}`` gives integer labels.
    """
    from sentiment.io.labels import check_case_conflicts

    specs = list(specs)
    if not specs:
        raise InputError("no corpus given")
    if kwargs.get("text_column", "text") == kwargs.get("label_column", "label"):
        raise InputError(f"--text-column and --label-column are both {kwargs.get('text_column', 'text')!r}: "
                         "the text would be its own label")
    parts = [read_corpus(s, **kwargs) for s in specs]
    if label_map:
        for p in parts:
            p.labels = coerce_labels([label_map.get(str(l), str(l)) for l in p.labels], p.source, p.ids)
    if len(parts) == 1:
        check_case_conflicts(parts[0].labels, parts[0].ids, parts[0].source)
        return parts[0]
    kinds = {type(l) for p in parts for l in p.labels}
    labels = [l for p in parts for l in p.labels]
    if len(kinds) > 1:  # ints from one file, strings from another: compare as strings
        labels = [str(l) for l in labels]
    corpus = Corpus(
        [t for p in parts for t in p.texts], labels, [i for p in parts for i in p.ids],
        ", ".join(p.source for p in parts),
    )
    check_case_conflicts(corpus.labels, corpus.ids, corpus.source)
    return corpus
