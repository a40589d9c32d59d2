"""A lexicon prior as training data: short pseudo-documents that spell out what VADER's rules know.

Corpora disagree with simple compositional facts: in the shared corpora "not bad" is as often in a
negative review as in a positive one, and "X, but Y" is more often negative whatever Y says, so
a model fitted on them alone calls "Not bad at all." negative.  :func:`prior_documents` adds,
for every single-word VADER entry with |valence| ≥ ``threshold``, the word with its polarity and
the word negated with the opposite one (VADER valence |v| ≥ 1: "boring" is −1.3), plus ``contrasts`` seeded pairs "A, but B" labelled as B.
They are a few thousand two- to four-word texts: against tens of thousands of real documents
they move the weights of negation and contrast cues, not the domain vocabulary.

Examples
--------
>>> docs = prior_documents(contrasts=2)
>>> ("awful", "neg") in docs, ("not awful", "pos") in docs, ("not great", "neg") in docs
(True, True, True)
>>> len(docs), len(prior_documents())   # 2 per word, 2 per contrast
(11152, 15148)
"""

from __future__ import annotations

import random

__all__ = ["prior_documents"]


def prior_documents(threshold: float = 1.0, contrasts: int = 2000, seed: int = 0, positive="pos", negative="neg"):
    """``[(text, label)]``: the pseudo-documents described in the module docstring."""
    from sentiment.lexicons.valence import vader_valences

    v = vader_valences()
    pos = sorted(w for w, x in v.items() if x >= threshold and w.isalpha())
    neg = sorted(w for w, x in v.items() if x <= -threshold and w.isalpha())
    docs = []
    for w in pos:
        docs += [(w, positive), (f"not {w}", negative)]
    for w in neg:
        docs += [(w, negative), (f"not {w}", positive)]
    rng = random.Random(seed)
    for _ in range(contrasts):
        p, n = rng.choice(pos), rng.choice(neg)
        docs += [(f"{n}, but {p}", positive), (f"{p}, but {n}", negative)]
    return docs
