"""Model + labelled corpus → report, predictions and the most confident mistakes."""

from __future__ import annotations

import numpy as np

from sentiment.errors import InputError
from sentiment.evaluation.metrics import classification_report

__all__ = ["check_labels", "evaluate", "prediction_rows", "confident_errors", "length_shift"]


def check_labels(pipe, corpus, name="corpus"):
    """Raise :class:`InputError` when the corpus has labels the model does not know."""
    known = {str(c): c for c in np.asarray(pipe.classes_).tolist()}
    unknown = sorted({str(l) for l in corpus.labels} - set(known))
    if unknown:
        found = sorted({str(l) for l in corpus.labels})
        if unknown == ["neutral"] and len(known) == 2:
            raise InputError(f"{corpus.source or name}: the gold has neutral rows, and the model is two-class "
                             f"({', '.join(map(str, pipe.classes_))}): it never answers neutral; evaluate a three-way "
                             "model (the default) or leave the neutral rows out")
        classes = [str(c) for c in pipe.classes_]
        # When every corpus label is foreign and they are as many as the model's, pair them in sorted order
        # (0, 1 → neg, pos); otherwise pair each foreign label with a class it shares a prefix with (negative → neg).
        if found == unknown and len(found) == len(classes):
            pairs = zip(found, classes)
        else:
            pairs = ((u, next((c for c in classes if u.lower().startswith(c.lower()) or c.lower().startswith(u.lower())),
                              "LABEL")) for u in unknown)
        hint = ",".join(f"{a}={b}" for a, b in pairs)
        raise InputError(f"{corpus.source or name}: label(s) {', '.join(map(repr, unknown))} not known to the model "
                         f"(its labels: {', '.join(map(str, pipe.classes_))}; the corpus's: {', '.join(found)}); "
                         f"map them with --label-map, e.g. --label-map {hint}")
    # Labels read as "1" from one file match a model trained on 1, and vice versa.
    return [known[str(l)] for l in corpus.labels]


def evaluate(pipe, corpus, X=None):
    """Score ``corpus`` with ``pipe``; return ``(report, proba, predicted, gold)``."""
    gold = check_labels(pipe, corpus)
    X = pipe.featurize(corpus.texts) if X is None else X
    proba = pipe.model.predict_proba(X)
    labels = np.asarray(pipe.classes_).tolist()
    pred = [labels[i] for i in proba.argmax(axis=1)]
    return classification_report(gold, pred, proba, labels), proba, pred, gold


def prediction_rows(corpus, gold, pred, proba, labels):
    """One row per document: id, gold, predicted, and the probability of each class."""
    from sentiment.outputs import probability_name

    names = [probability_name(l) for l in labels]
    for i, doc_id in enumerate(corpus.ids):
        row = {"id": doc_id, "gold": gold[i], "predicted": pred[i], "correct": gold[i] == pred[i]}
        row.update(zip(names, map(float, proba[i])))
        yield row


def confident_errors(pipe, corpus, gold, pred, proba, n):
    """The ``n`` wrong predictions made with the highest probability, with their explanations."""
    wrong = [i for i in range(len(gold)) if gold[i] != pred[i]]
    wrong.sort(key=lambda i: -float(np.max(proba[i])))
    out = []
    for i in wrong[:n]:
        e = pipe.explain(corpus.texts[i])
        e.update(id=corpus.ids[i], gold=gold[i])
        out.append(e)
    return out


def length_shift(pipe, texts, limit=4.0):
    """A warning when ``texts`` are far longer or shorter than the model's training documents, else None.

    The six features' standardisation stores the training mean and standard
    deviation of ln(token count); when the median document here lies more than
    ``limit`` deviations away, the count features and ln(length) sit outside
    anything the model saw, and accuracy can fall to chance (docs/accuracy.md: Across corpora (extended model);
    Measurements behind the design).

    Examples
    --------
    >>> from sentiment.pipeline import load_model
    >>> print(length_shift(load_model("extended"), ["a warm, funny and engaging film that holds up well"]))
    None
    >>> length_shift(load_model("extended"), ["word " * 3000])[:59]  # a model trained on sentences
    'documents here are much longer than the training documents '
    >>> print(length_shift(load_model("default"), ["word " * 2000]))  # the general model saw whole reviews
    None
    """
    stats = pipe.featurizer.log_length_stats(pipe.model)  # None: the featurizer knows no lengths
    if stats is None or not len(texts):
        return None
    mean, scale = stats
    if mean == 0.0 and scale == 1.0:  # not standardised: nothing known of the training lengths
        return None
    if getattr(pipe.featurizer, "tokenizer", None) in ("regex", "whitespace"):
        # Their tokens are disjoint non-empty pieces of text.lower(), which can be longer than the text ("İ"
        # lower-cases to two characters, two regex tokens), so 0 <= ln(max(tokens, 1)) <= ln(max(len(lower), 1))
        # text by text, and so for the medians (the bound is taken per text before the median: a median of two
        # middle values averages their logarithms).  When no value in between is ``limit`` deviations away (either
        # sign of ``scale``; a hair inside, for rounding), tokenizing (0.13 s for 500 reviews, before --jobs
        # workers get their first texts) could not change the answer.
        longest = float(np.median(np.log(np.maximum([len(t.lower()) for t in texts], 1))))
        inside = limit * (1.0 - 1e-9)
        if abs((0.0 - mean) / scale) <= inside and abs((longest - mean) / scale) <= inside:
            return None
    here = float(np.median(pipe.featurizer.log_lengths(texts)))
    z = (here - mean) / scale
    if abs(z) <= limit:
        return None
    return (f"documents here are much {'shorter' if z < 0 else 'longer'} than the training documents "
            f"(median {np.exp(here):.0f} tokens; training typically {np.exp(mean):.0f}, {abs(z):.1f} standard "
            "deviations away): length and count features are outside what the model saw, so accuracy can fall "
            "towards chance; train on documents like these")
