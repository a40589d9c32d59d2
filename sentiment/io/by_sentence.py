"""Rows sentence by sentence: after each document's row, one row per sentence with its own scores.

``classify --by-sentence`` and ``sentiment.classify(..., by="sentence")`` add three columns:
``sentence`` (1, 2, … on a sentence's row; empty on the document's), and ``start`` and ``end``, the
sentence's character span in the document (``text[start:end]``). A sentence row keeps the document's
``id``, holds the sentence in the text column (added, empty on the documents' rows, when the input had
none: a file or folder) and its own ``label``, probabilities and ``score``; the document's other columns
are left empty there. Sentences come from
:func:`sentiment.text.sentences.sentence_spans`; a document with no text gets no sentence rows.

Examples
--------
>>> from sentiment.pipeline import load_model
>>> cols = {"id": ["r1"], "text": ["Great food. Slow service."], "label": ["pos"]}
>>> out = expand_sentences(load_model("default"), cols, cols["text"], "text", ["label"])
>>> out["sentence"], out["text"][1:], out["label"]
([None, 1, 2], ['Great food.', 'Slow service.'], ['pos', 'pos', 'neg'])
"""

from __future__ import annotations

__all__ = ["SENTENCE_COLUMNS", "expand_sentences", "sentence_answers"]

SENTENCE_COLUMNS = ("sentence", "start", "end")


def expand_sentences(pipe, cols: dict, texts, text_column: str, answer_names, neutral: bool = True,
                     keys=("id",), first_row: int = 1, prefix: str = "") -> dict:
    """``cols`` (a chunk's columns, answers included; ``texts`` its documents) with each one's sentence rows.

    The ``keys`` columns (the document's identity) are repeated on its sentence rows; without any, a
    ``document`` column numbers the documents from ``first_row``. An input column named like one this adds
    is an error, never overwritten.
    """
    from sentiment.neutral import neutral_labels
    from sentiment.outputs import answer_columns, predictions
    from sentiment.text.sentences import sentence_spans

    from sentiment.errors import InputError

    clash = [c for c in SENTENCE_COLUMNS if c in cols]
    if clash:
        raise InputError(f"the input already has column(s) {', '.join(map(repr, clash))}, which --by-sentence adds; "
                         "rename them first")
    if not any(k in cols for k in keys):  # no id to tie a sentence to its document: number the documents
        cols = {"document": list(range(first_row, first_row + len(texts))), **cols}
        keys = ("document",)
    if text_column not in cols:
        cols = {**cols, text_column: [None] * len(texts)}
    spans = [sentence_spans(t) if isinstance(t, str) else [] for t in texts]
    sentences = [t[a:b] for t, doc in zip(texts, spans) for a, b in doc]
    classes = list(getattr(pipe.classes_, "tolist", lambda: pipe.classes_)())
    if sentences:
        lab, _, P = predictions(classes, pipe.predict_proba(sentences))
        answers = answer_columns(classes, P, neutral, neutral_labels(pipe, sentences, lab, P) if neutral else None,
                                 prefix)
    else:
        answers = {name: [] for name in answer_names}
    names = list(cols)
    at = max([names.index(k) + 1 for k in keys if k in names], default=0)
    names[at:at] = [c for c in SENTENCE_COLUMNS if c not in names]
    out = {name: [] for name in names}
    k = 0
    for i, doc in enumerate(spans):
        for name in names:
            out[name].append(None if name in SENTENCE_COLUMNS else _item(cols[name], i))
        for number, (a, b) in enumerate(doc, 1):
            for name in names:
                if name == "sentence":
                    value = number
                elif name == "start":
                    value = a
                elif name == "end":
                    value = b
                elif name == text_column:
                    value = sentences[k]
                elif name in keys:
                    value = _item(cols[name], i)
                elif name in answers:
                    value = _item(answers[name], k)
                else:
                    value = None
                out[name].append(value)
            k += 1
    return out


def sentence_answers(pipe, text: str, neutral: bool = True) -> list[dict]:
    """Each sentence of ``text`` with its span and answer, for ``explain``; ``[]`` for a text of one sentence.

    >>> from sentiment.pipeline import load_model
    >>> rows = sentence_answers(load_model("default"), "Great food. Slow service.")
    >>> [(r["sentence"], r["start"], r["end"], r["label"]) for r in rows]
    [(1, 0, 11, 'pos'), (2, 12, 25, 'neg')]
    """
    from sentiment.text.sentences import sentence_spans

    spans = sentence_spans(text)
    if len(spans) < 2:
        return []
    from sentiment.outputs import output_names

    names = output_names(getattr(pipe.classes_, "tolist", lambda: pipe.classes_)(), neutral)
    cols = expand_sentences(pipe, {"document": [0], **{n: [None] for n in names}}, [text], "text", names, neutral,
                            keys=("document",))
    rows = [{k: v[i] for k, v in cols.items() if k != "document"} for i in range(1, len(cols["text"]))]
    return [{k: (float(v) if isinstance(v, float) else v) for k, v in r.items() if v is not None} for r in rows]


def _item(values, i):
    value = values[i]
    value = value.item() if hasattr(value, "item") else value
    return None if isinstance(value, float) and value != value else value  # NaN (no text): an empty cell
