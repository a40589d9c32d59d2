"""Text → probabilities in one object: a featurizer, a model and the label names.

:class:`SentimentPipeline` is what a model file holds and what every command
uses: ``fit`` on texts and labels, ``predict``/``predict_proba`` on texts,
``explain`` a text feature by feature, ``save``/``load`` as versioned JSON.
"""

from __future__ import annotations

import numpy as np

from sentiment.features.six import SixFeatures
from sentiment.linear.model import LogisticRegression

__all__ = ["SentimentPipeline", "load_model"]


class SentimentPipeline:
    """A featurizer followed by a logistic-regression model.

    Parameters
    ----------
    featurizer
        Turns a list of texts into a matrix (default: :class:`SixFeatures` with
        the shipped default lexicon).
    model
        A :class:`~sentiment.linear.model.LogisticRegression` (default settings if omitted).

    Examples
    --------
    >>> pipe = SentimentPipeline(SixFeatures("textbook"))
    >>> texts = ["great fun", "nice and great", "hokey mess", "second-rate and hokey"]
    >>> pipe.fit(texts, ["pos", "pos", "neg", "neg"]).predict(["a great film", "so hokey"]).tolist()
    ['pos', 'neg']
    """

    def __init__(self, featurizer=None, model=None):
        self.featurizer = featurizer if featurizer is not None else SixFeatures()
        self.model = model if model is not None else LogisticRegression()
        self.metadata: dict = {}

    @property
    def classes_(self):
        return self.model.classes_

    @property
    def feature_names(self):
        return list(self.featurizer.feature_names)

    def featurize(self, texts):
        return self.featurizer.transform(texts)

    def fit(self, texts, labels):
        """Fit the featurizer (when it learns anything) and the model."""
        texts = list(texts)
        self.model.fit(self.featurizer.fit_transform(texts, labels), labels)
        return self

    def predict_proba(self, texts):
        return self.model.predict_proba(self.featurize(list(texts)))

    def predict(self, texts):
        return self.model.predict(self.featurize(list(texts)))

    def explain(self, text: str) -> dict:
        """Every number behind one prediction, as in SLP3's worked example.

        Returns a dict with the features (value, weight, contribution w·x in raw
        feature units), the bias, the score(s) z, the probabilities and the
        lexicon words that fired.

        Examples
        --------
        >>> from sentiment.worked_example import REVIEW, textbook_pipeline
        >>> e = textbook_pipeline().explain(REVIEW)
        >>> round(e["z"], 3), round(e["probabilities"]["positive"], 2)
        (0.833, 0.7)
        >>> [(f["name"], f["value"], f["contribution"]) for f in e["features"]][:2]
        [('positive_words', 3.0, 7.5), ('negative_words', 2.0, -10.0)]
        """
        x = self.featurize([text])
        W, b = self.model.raw_coef()
        xv = np.asarray(x.todense() if hasattr(x, "todense") else x)[0]
        proba = self.model.predict_proba(x)[0]
        labels = [str(c) for c in self.classes_]
        names = self.feature_names
        out = {
            "text": text,
            "predicted": self.classes_[int(np.argmax(proba))],
            "probabilities": dict(zip(labels, map(float, proba))),
        }
        if W.shape[0] == 1:
            contrib = W[0] * xv
            out["features"] = [
                {"name": n, "value": float(v), "weight": float(w), "contribution": float(c)}
                for n, v, w, c in zip(names[:6], xv[:6], W[0][:6], contrib[:6])
            ]
            if len(names) > 6:  # the extended model: the n-grams that pushed hardest either way
                # (the nb_log_odds column, if any, shared out among the n-grams it sums)
                gram_names, weight = self.featurizer.ngram_weights(W[0], self.featurizer.count_ngrams(text))
                xg = xv[len(names) - len(gram_names):]
                gram_contrib = weight * xg
                ranked = sorted(np.flatnonzero(xg), key=lambda j: gram_contrib[j])
                top = lambda js: [{"name": gram_names[j], "value": float(xg[j]), "weight": float(weight[j]),
                                   "contribution": float(gram_contrib[j])} for j in js]
                out["top_negative"] = top([j for j in ranked if gram_contrib[j] < 0][:10])
                out["top_positive"] = top([j for j in reversed(ranked) if gram_contrib[j] > 0][:10])
                out["ngram_contribution"] = float(contrib[6:].sum())
                if "nb_log_odds_end" in names:  # part of the above: the ending scored on its own
                    j = names.index("nb_log_odds_end")
                    out["ending_contribution"] = float(contrib[j])
                    out["ending_fraction"] = self.featurizer.ngrams.nb_end
            out["bias"] = float(b[0])
            out["z"] = float(contrib.sum() + b[0])
        else:
            contrib = W * xv
            out["features"] = [
                {"name": n, "value": float(xv[j]),
                 "weight": dict(zip(labels, map(float, W[:, j]))),
                 "contribution": dict(zip(labels, map(float, contrib[:, j])))}
                for j, n in enumerate(names[:6])
            ]
            out["bias"] = dict(zip(labels, map(float, b)))
            out["z"] = dict(zip(labels, map(float, contrib.sum(axis=1) + b)))
        if hasattr(self.featurizer, "matches"):
            out["matches"] = self.featurizer.matches(text)
        return out

    def save(self, path) -> None:
        from sentiment.io.modelfile import save_model

        save_model(self, path)

    @classmethod
    def load(cls, path_or_name) -> "SentimentPipeline":
        return load_model(path_or_name)


def load_model(path_or_name="default") -> SentimentPipeline:
    """Load a model file, or a shipped model by name (``default``, ``extended``)."""
    from sentiment.io.modelfile import load_model as _load

    return _load(path_or_name)
