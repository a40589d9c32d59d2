"""Our model where NLTK expects a classifier: an ``nltk.classify.ClassifierI``.

NLTK classifiers take a *featureset* per document; ours reads the document
itself, so a featureset here is the text (a string) or its tokens (a list or
tuple of words, as NLTK corpora such as ``movie_reviews.words(fileid)`` give
them; they are joined with spaces and tokenized again).  A feature dict, the
input of NLTK's own classifiers, is refused with that explanation.

Needs NLTK (``pip install 'sentiment[nltk]'``); nothing else imports this module.

Examples
--------
>>> from nltk.classify import ClassifierI, accuracy
>>> clf = SentimentClassifier()              # the shipped default model
>>> isinstance(clf, ClassifierI), clf.labels()
(True, ['neg', 'neutral', 'pos'])
>>> clf.classify("A stirring, funny and finally transporting film."), clf.classify("The meeting is at 3pm.")
('pos', 'neutral')
>>> dist = clf.prob_classify(["a", "dull", ",", "tedious", "mess"])
>>> dist.max(), round(dist.prob("neg") + dist.prob("neutral") + dist.prob("pos"), 6)
('neg', 1.0)
>>> accuracy(clf, [("A wonderful film.", "pos"), ("A dull, tedious mess.", "neg")])
1.0
>>> trained = SentimentClassifier.train([("great fun", "pos"), ("nice and great", "pos"),
...                                      ("hokey mess", "neg"), ("second-rate and hokey", "neg")])
>>> trained.classify_many(["a great film", "so hokey"])
['pos', 'neg']
>>> trained.classify_many("a great film")
Traceback (most recent call last):
...
TypeError: classify_many takes a list of featuresets, got one string (it would be read as one document per character); use classify(text) or classify_many([text])
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from nltk.classify.api import ClassifierI
from nltk.probability import DictionaryProbDist

__all__ = ["SentimentClassifier"]


def _text_of(featureset) -> str:
    if isinstance(featureset, str):
        return featureset
    if isinstance(featureset, Mapping):
        raise TypeError("SentimentClassifier reads the document, not a feature dict: pass its text (a string) "
                        "or its words (a list of strings)")
    if isinstance(featureset, (list, tuple)) and all(isinstance(t, str) for t in featureset):
        return " ".join(featureset)
    raise TypeError(f"a featureset is a text or a list of words; got {type(featureset).__name__}")


def _texts_of(featuresets, method) -> list[str]:
    """The texts of a list of featuresets, as NLTK's ``*_many`` methods take them.

    One string (iterated, one document per character) or one feature dict (its keys) is
    refused: NLTK's contract is a *list* of featuresets.
    """
    if isinstance(featuresets, (str, bytes)):
        raise TypeError(f"{method} takes a list of featuresets, got one string (it would be read as one document "
                        f"per character); use classify(text) or {method}([text])")
    if isinstance(featuresets, Mapping):
        raise TypeError(f"{method} takes a list of featuresets, got one feature dict (its keys would be read as "
                        "documents); SentimentClassifier reads texts: pass [text, ...]")
    return [_text_of(fs) for fs in featuresets]


class SentimentClassifier(ClassifierI):
    """An NLTK classifier backed by a :class:`~sentiment.pipeline.SentimentPipeline`.

    Parameters
    ----------
    model
        A shipped model name, a model file, or a fitted pipeline (default: ``"default"``).
    """

    def __init__(self, model="default"):
        from sentiment.api import get_model

        self.pipeline = get_model(model)

    @classmethod
    def train(cls, labeled_featuresets, featurizer=None, **model_params) -> "SentimentClassifier":
        """Fit a new pipeline on ``(featureset, label)`` pairs, as NLTK's classifiers' ``train`` does.

        ``featurizer`` (default: the six features) and ``model_params`` (those of
        :class:`~sentiment.linear.model.LogisticRegression`, e.g. ``C``) configure it.
        """
        from sentiment.linear.model import LogisticRegression
        from sentiment.pipeline import SentimentPipeline

        if isinstance(labeled_featuresets, (str, bytes, Mapping)):
            raise TypeError("train takes a list of (featureset, label) pairs, as NLTK's classifiers do; got "
                            f"one {type(labeled_featuresets).__name__}")
        pairs = list(labeled_featuresets)
        texts = [_text_of(fs) for fs, _ in pairs]
        labels = [label for _, label in pairs]
        pipe = SentimentPipeline(featurizer, LogisticRegression(**model_params)).fit(texts, labels)
        return cls(pipe)

    def labels(self) -> list:
        return np.asarray(self.pipeline.classes_).tolist()

    def classify_many(self, featuresets) -> list:
        # NLTK's contract: classify answers the most probable of labels(), the classes prob_classify
        # distributes over (with a three-way model, neutral among them; no binary model's rule).
        labels = self.labels()
        P = self.pipeline.predict_proba(_texts_of(featuresets, "classify_many"))
        return [labels[i] for i in P.argmax(axis=1)]

    def prob_classify_many(self, featuresets) -> list:
        labels = self.labels()
        P = self.pipeline.predict_proba(_texts_of(featuresets, "prob_classify_many"))
        return [DictionaryProbDist(dict(zip(labels, map(float, row)))) for row in P]

    def classify(self, featureset):
        return self.classify_many([featureset])[0]

    def prob_classify(self, featureset):
        return self.prob_classify_many([featureset])[0]

    def __repr__(self) -> str:
        return f"<SentimentClassifier: {len(self.labels())} labels, {len(self.pipeline.feature_names)} features>"
