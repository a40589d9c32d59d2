"""One explanation → the text's tokens, each with its share of the score z.

SLP3's Figure 5.2 marks the words of a review that fed each feature.  Here
every feature's contribution w·x is shared equally among the tokens that fed
it (the positive-lexicon words share ``positive_words``' w·x, an n-gram's w·x
is shared among its occurrences and the words in them); what no token fed
(ln(length), the bias, a feature that fired on no token, and a standardised
feature's w·x at a count of 0, which a document without those words gets too)
stays a document-level remainder, so the token shares plus the remainder are z
exactly.

For a model with several classes the contributions are those to
z(predicted class).
"""

from __future__ import annotations

import numpy as np

__all__ = ["token_contributions", "tokenizer_of"]

_COUNT_FEATURES = 5  # the first five of the six features count tokens; ln(length) does not


def _spans(text, tokens):
    """Character span of each token in ``text`` (None when a tokenizer rewrote it), found left to right."""
    lowered = text.lower()
    haystack = lowered if len(lowered) == len(text) else text
    out, pos = [], 0
    for tok in tokens:
        i = haystack.find(tok, pos)
        if i < 0:
            out.append(None)
            continue
        out.append((i, i + len(tok)))
        pos = i + len(tok)
    return out


def _lexical_tables(six):
    """The six features' tokenizer and token → feature-bit lookup; for another featurizer, plain tokens."""
    tables = getattr(six, "_tables", None)
    if tables is not None:
        t = tables()
        return t["tokenize"], t["code_of"]
    from sentiment.text.tokenize import tokenize

    return tokenize, lambda token: 0


def tokenizer_of(pipe):
    """The tokenizer ``pipe``'s featurizer counts with (the regex one when it does not say)."""
    return _lexical_tables(getattr(pipe.featurizer, "six", pipe.featurizer))[0]


def _value_at_zero(featurizer):
    """Each of the six columns' value for a count of 0 when the featurizer standardises them, else None."""
    mean, scale = getattr(featurizer, "mean_", None), getattr(featurizer, "scale_", None)
    if mean is None or scale is None or getattr(featurizer, "six", None) is None:
        return None
    return [-float(m) / float(s) for m, s in zip(mean[:_COUNT_FEATURES], scale[:_COUNT_FEATURES])]


def _scalar(value, label):
    """One class's number of a per-class dict; ``label`` may be a ``(positive, negative)`` pair: their difference."""
    if not isinstance(value, dict):
        return value
    if isinstance(label, tuple):
        return value[label[0]] - value[label[1]]
    return value[label]


def _tinted_score(e):
    """What the tokens are tinted by: ``(name, key)`` for :func:`_scalar`.

    A binary model's z (the last class's log-odds); a negative/neutral/positive model's z(pos) − z(neg),
    the log-odds of positive against negative, so that a neutral answer still shows which words lean
    which way; any other model's predicted class's z.
    """
    if not isinstance(e["z"], dict):
        label = list(e["probabilities"])[-1]
        return label, label
    from sentiment.outputs import polar_pair

    classes = list(e["z"])
    pair = polar_pair(classes) if "neutral" in classes and len(classes) == 3 else None
    if pair is not None:
        negative, positive = classes[pair[0]], classes[pair[1]]
        return f"{positive} − {negative}", (positive, negative)
    label = str(e["predicted"])
    return label, label


def token_contributions(pipe, text, explanation=None):
    """Every token of ``text`` with its share of z and the features behind it.

    Returns ``{"tokens": [...], "remainder": [...], "z": float, "label": str}``:
    each token a dict ``text``, ``span`` (start, end) or None, ``contribution``
    (its share of z), ``parts`` (feature → share) and ``lexicon``
    (``"positive"``, ``"negative"`` or None); ``remainder`` lists the
    document-level terms (feature, w·x).

    Examples
    --------
    >>> from sentiment.worked_example import textbook_pipeline
    >>> t = token_contributions(textbook_pipeline(), "No, it is great!")
    >>> [(x["text"], round(x["contribution"], 2)) for x in t["tokens"] if x["contribution"]]
    [('no', -1.2), ('great', 2.5), ('!', 2.0)]
    >>> round(sum(x["contribution"] for x in t["tokens"]) + sum(v for _, v in t["remainder"]), 4) == round(t["z"], 4)
    True
    """
    e = explanation if explanation is not None else pipe.explain(text)
    featurizer = pipe.featurizer
    six = getattr(featurizer, "six", featurizer)
    name, label = _tinted_score(e)
    z = _scalar(e["z"], label)
    tokenize, code_of = _lexical_tables(six)
    tokens = tokenize(text)
    spans = _spans(text, tokens)
    shares = [dict() for _ in tokens]

    def give(i, name, value):
        shares[i][name] = shares[i].get(name, 0.0) + value

    remainder = []
    codes = [code_of(t) or 0 for t in tokens]
    zero = _value_at_zero(featurizer)
    for col, feature in enumerate(e["features"]):
        c = _scalar(feature["contribution"], label)
        fed = [i for i, code in enumerate(codes) if code & (1 << col)] if col < _COUNT_FEATURES else []
        if fed and c:
            # Standardised features score a document with none of these tokens too (w·x at a count of 0):
            # that part is the document's, the rest is the tokens'.
            base = _scalar(feature["weight"], label) * zero[col] if zero is not None else 0.0
            if base:
                remainder.append((f"{feature['name']} at a count of 0", base))
            for i in fed:
                give(i, feature["name"], (c - base) / len(fed))
        elif c:
            remainder.append((feature["name"], c))
    if "ngram_contribution" in e and hasattr(featurizer, "ngrams"):
        remainder += _ngram_shares(pipe, text, label, give)
    remainder.append(("bias", _scalar(e["bias"], label)))
    pos_bit, neg_bit = 1, 2
    out = []
    for tok, span, part, code in zip(tokens, spans, shares, codes):
        lex = "positive" if code & pos_bit else "negative" if code & neg_bit else None
        out.append({"text": tok, "span": span, "contribution": float(sum(part.values())),
                    "parts": {k: float(v) for k, v in part.items()}, "lexicon": lex})
    accounted = sum(t["contribution"] for t in out) + sum(v for _, v in remainder)
    if abs(accounted - z) > 1e-9 * max(1.0, abs(z)):  # phrases or rewritten tokens: keep the sum exact
        remainder.append(("other", z - accounted))
    return {"tokens": out, "remainder": [(n, float(v)) for n, v in remainder], "z": float(z), "label": name}


def _ngram_shares(pipe, text, label, give):
    """Share each n-gram's w·x among its occurrences' tokens; return the terms no token took."""
    featurizer = pipe.featurizer
    ngrams = featurizer.ngrams
    W, _ = pipe.model.raw_coef()
    classes = [str(c) for c in pipe.classes_]
    if W.shape[0] == 1:
        w = W[0]
    elif isinstance(label, tuple):  # z(pos) − z(neg)
        w = W[classes.index(label[0])] - W[classes.index(label[1])]
    else:
        w = W[classes.index(label)]
    x = pipe.featurize([text])
    xv = np.asarray(x.todense() if hasattr(x, "todense") else x)[0]  # a handful of texts may come dense
    gram_names, weight = featurizer.ngram_weights(w, featurizer.count_ngrams(text))
    xg = xv[len(xv) - len(gram_names):]
    gtoks = ngrams._tokens(text)
    lo, hi = ngrams.ngram_range
    where: dict[int, list[tuple[int, int]]] = {}
    for n in range(lo, hi + 1):
        for i in range(len(gtoks) - n + 1):
            j = ngrams.vocabulary_.get(gtoks[i] if n == 1 else " ".join(gtoks[i:i + n]))
            if j is not None and xg[j]:
                where.setdefault(j, []).append((i, n))
    for j, places in where.items():
        c = float(weight[j] * xg[j]) / len(places)
        for i, n in places:
            for k in range(i, i + n):
                give(k, "n-grams", c / n)
    names = featurizer.feature_names
    rest = []
    if "nb_log_odds_end" in names:  # the ending, scored again: shared among its tokens
        j = names.index("nb_log_odds_end")
        c = float(w[j] * xv[j])
        start = int(len(gtoks) * (1.0 - ngrams.nb_end))
        if c and start < len(gtoks):
            for k in range(start, len(gtoks)):
                give(k, "ending", c / (len(gtoks) - start))
        elif c:
            rest.append(("nb_log_odds_end", c))
    return rest
