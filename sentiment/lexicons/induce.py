"""Labelled corpus → polarity lexicon: weighted log-odds with an informative Dirichlet prior.

Monroe, Colaresi and Quinn (2008), as in SLP3's lexicon chapter. For each word w,
with counts yᵢ in the positive documents and yⱼ in the negative ones and a
prior αw proportional to its frequency in the whole corpus,

    δw = log((yᵢ + αw) / (nᵢ + α₀ − yᵢ − αw)) − log((yⱼ + αw) / (nⱼ + α₀ − yⱼ − αw))
    σ²(δw) ≈ 1 / (yᵢ + αw) + 1 / (yⱼ + αw)

and z = δw / σ.  Words with z above ``z_threshold`` are positive, below its
negative negative.

Examples
--------
>>> docs = ["good fun", "good good film", "bad film", "awful bad bad"]
>>> rows = induce_lexicon(docs, ["pos", "pos", "neg", "neg"], z_threshold=0.5, min_count=1)
>>> [(r["word"], r["polarity"]) for r in rows]
[('bad', 'negative'), ('good', 'positive')]
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from sentiment.errors import InputError
from sentiment.text.function_words import FUNCTION_WORDS
from sentiment.text.tokenize import tokenize

__all__ = ["induce_lexicon"]


def induce_lexicon(texts, labels, positive=None, negative=None, z_threshold=1.96, alpha0=None, min_count=3,
                   tokenizer=tokenize, exclude=FUNCTION_WORDS):
    """Return rows ``{word, polarity, z, delta, count}`` for words past the threshold, strongest first.

    ``positive``/``negative`` name the two labels to contrast (default: the two
    labels, sorted, second positive); documents with other labels are ignored.
    ``alpha0`` is the prior's total weight (default: the corpus's token count / 100).
    Words in ``exclude`` (default: English function words) still count in the
    totals but are never listed.
    """
    classes = sorted({str(l) for l in labels})
    for option, l in (("--positive", positive), ("--negative", negative)):
        if l is not None and str(l) not in classes:
            raise InputError(f"{option}: label {str(l)!r} not in the corpus (labels: {', '.join(classes)})")
    if positive is None or negative is None:
        if len(classes) != 2:
            raise InputError(f"the corpus has {len(classes)} labels ({', '.join(classes)}); "
                             "name the two to contrast with --positive and --negative")
        # One side given: the other is the remaining label; none given: the second, sorted, is positive.
        if positive is not None:
            negative = next(c for c in classes if c != str(positive))
        elif negative is not None:
            positive = next(c for c in classes if c != str(negative))
        else:
            negative, positive = classes
    positive, negative = str(positive), str(negative)
    if positive == negative:
        raise InputError(f"--positive and --negative are both {positive!r}; name two different labels")
    if not np.isfinite(z_threshold) or z_threshold < 0:
        raise InputError(f"--z {z_threshold!r}: the threshold must be a finite number >= 0")
    pos, neg = Counter(), Counter()
    for text, label in zip(texts, labels):
        label = str(label)
        if label == positive:
            pos.update(tokenizer(text))
        elif label == negative:
            neg.update(tokenizer(text))
    vocab = sorted(set(pos) | set(neg))
    yi = np.array([pos[w] for w in vocab], dtype=float)
    yj = np.array([neg[w] for w in vocab], dtype=float)
    total = yi + yj
    if not len(vocab) or yi.sum() == 0 or yj.sum() == 0:
        raise InputError("both labels need documents with words to induce a lexicon")
    a0 = alpha0 if alpha0 is not None else total.sum() / 100.0
    aw = a0 * total / total.sum()
    ni, nj = yi.sum(), yj.sum()
    delta = np.log((yi + aw) / (ni + a0 - yi - aw)) - np.log((yj + aw) / (nj + a0 - yj - aw))
    z = delta / np.sqrt(1.0 / (yi + aw) + 1.0 / (yj + aw))
    keep = (np.abs(z) >= z_threshold) & (total >= min_count)
    # Punctuation carries polarity in a corpus but is not a lexicon word.
    rows = [
        {"word": vocab[k], "polarity": "positive" if z[k] > 0 else "negative", "z": round(float(z[k]), 4),
         "delta": round(float(delta[k]), 4), "count": int(total[k])}
        for k in np.flatnonzero(keep) if any(ch.isalnum() for ch in vocab[k]) and vocab[k] not in exclude
    ]
    rows.sort(key=lambda r: -abs(r["z"]))
    if not rows:
        raise InputError(f"no word reaches |z| >= {z_threshold:g} with at least {min_count} occurrences; "
                         "an empty lexicon would be useless: lower --z or --min-count")
    return rows
