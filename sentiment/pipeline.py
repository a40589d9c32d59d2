"""Text → probabilities in one object: a featurizer, a model and the label names.

:class:`SentimentPipeline` is what a model file holds and what every command
uses: ``fit`` on texts and labels, ``predict``/``predict_proba`` on texts,
``explain`` a text feature by feature, ``save``/``load`` as versioned JSON.

It owns what a model file holds (:meth:`SentimentPipeline.to_dict` and
:meth:`SentimentPipeline.from_dict`); :mod:`sentiment.io.modelfile` owns the
file itself (JSON, format, version, atomic write).  The featurizer is rebuilt
through the registry in :mod:`sentiment.features.base`, by its ``kind``.
"""

from __future__ import annotations

import numpy as np

from sentiment.features.six import SixFeatures
from sentiment.linear.model import LogisticRegression

__all__ = ["SentimentPipeline", "load_model", "model_to_dict", "model_from_dict"]


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
        from sentiment.progress import transform_in_chunks

        return transform_in_chunks(self.featurizer.transform, texts)

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
        # The featurizer says which of its columns to list and adds what else it knows.
        shown = self.featurizer.contributions(text, xv, W[0] if W.shape[0] == 1 else None)
        columns = shown.pop("columns")
        if W.shape[0] == 1:
            contrib = W[0] * xv
            out["features"] = [
                {"name": names[j], "value": float(xv[j]), "weight": float(W[0][j]), "contribution": float(contrib[j])}
                for j in columns
            ]
            out.update({k: v for k, v in shown.items() if k != "matches"})
            out["bias"] = float(b[0])
            out["z"] = float(contrib.sum() + b[0])
        else:
            contrib = W * xv
            out["features"] = [
                {"name": names[j], "value": float(xv[j]),
                 "weight": dict(zip(labels, map(float, W[:, j]))),
                 "contribution": dict(zip(labels, map(float, contrib[:, j])))}
                for j in columns
            ]
            out["bias"] = dict(zip(labels, map(float, b)))
            out["z"] = dict(zip(labels, map(float, contrib.sum(axis=1) + b)))
        if "matches" in shown:
            out["matches"] = shown["matches"]
        return out

    # -- the model file -------------------------------------------------------------

    def to_dict(self) -> dict:
        """The JSON-ready dict a model file holds (see :mod:`sentiment.io.modelfile`)."""
        from sentiment.io.modelfile import FORMAT, VERSION, plain
        from sentiment.lexicons.lexicon import lexicon_to_dict

        m, f = self.model, self.featurizer
        m._check_fitted()
        tokenizer = getattr(f, "tokenizer", "regex")
        lexicon = getattr(f, "lexicon_", None)
        return {
            "format": FORMAT,
            "version": VERSION,
            "tokenizer": tokenizer,
            "lexicon": None if lexicon is None else lexicon_to_dict(lexicon, tokenizer),
            "features": f.to_dict(),
            "labels": list(m.classes_),
            "mode": m.mode_,
            "standardize": {"mean": m.mean_.tolist(), "scale": m.scale_.tolist()},
            "weights": m.coef_.tolist(),
            "bias": m.intercept_.tolist(),
            "training": plain(self.metadata),
        }

    @classmethod
    def from_dict(cls, data, name: str = "<model>") -> "SentimentPipeline":
        """Validate a model dict and build the pipeline it describes (``name``, the file, prefixes errors)."""
        from sentiment.features.base import featurizer_from_dict
        from sentiment.io.checks import fail, number_list, number_matrix
        from sentiment.io.modelfile import check_header
        from sentiment.lexicons.lexicon import lexicon_from_dict
        from sentiment.text.tokenize import TOKENIZERS

        check_header(data, name)
        tokenizer = data["tokenizer"]
        if tokenizer not in TOKENIZERS:
            fail(name, f"unknown tokenizer {tokenizer!r}")
        labels = data["labels"]
        if not isinstance(labels, list) or len(labels) < 2 or not all(
            isinstance(l, (str, int)) and not isinstance(l, bool) for l in labels
        ):
            fail(name, "labels must be a list of at least two strings or integers")
        if len(set(map(str, labels))) != len(labels):
            fail(name, "labels must be distinct")
        mode = data["mode"]
        if mode not in ("binary", "multinomial", "ovr"):
            fail(name, f"mode must be binary, multinomial or ovr; got {mode!r}")
        if mode == "binary" and len(labels) != 2:
            fail(name, f"a binary model has two labels; got {len(labels)}")
        lexicon = None if data["lexicon"] is None else lexicon_from_dict(data["lexicon"], tokenizer, name)
        featurizer = featurizer_from_dict(data["features"], lexicon=lexicon, tokenizer=tokenizer, name=name)
        d = len(featurizer.feature_names)
        K = 1 if mode == "binary" else len(labels)

        W = data["weights"]
        if not isinstance(W, list) or len(W) != K:
            fail(name, f"weights must hold {K} row(s) for a {mode} model with {len(labels)} labels")
        for row in W:
            if not isinstance(row, list) or len(row) != d:
                got = len(row) if isinstance(row, list) else type(row).__name__
                fail(name, f"weights have {got} columns but the model has {d} features")
        W = number_matrix(W, K, d, "weights", name)
        b = number_list(data["bias"], K, "bias", name)
        std = data["standardize"]
        if not isinstance(std, dict) or set(std) != {"mean", "scale"}:
            fail(name, "standardize must be {'mean': [...], 'scale': [...]}")
        mean = number_list(std["mean"], d, "standardize.mean", name)
        scale = number_list(std["scale"], d, "standardize.scale", name)
        if np.any(scale <= 0):
            fail(name, "standardize.scale must be positive")
        training = data.get("training", {})
        if not isinstance(training, dict):
            fail(name, "training must be a JSON object")

        model = LogisticRegression(standardize=True)
        model.classes_, model.mode_ = labels, mode
        model.coef_, model.intercept_, model.mean_, model.scale_ = W, b, mean, scale
        pipe = cls(featurizer, model)
        pipe.metadata = training
        return pipe

    def save(self, path) -> None:
        """Write the model file (atomically; see :mod:`sentiment.io.modelfile`)."""
        from sentiment.io.modelfile import save_model

        save_model(self, path)

    @classmethod
    def load(cls, path_or_name) -> "SentimentPipeline":
        return load_model(path_or_name)


def model_to_dict(pipe) -> dict:
    """The JSON-ready dict of a fitted pipeline (:meth:`SentimentPipeline.to_dict`)."""
    return pipe.to_dict()


def model_from_dict(data, name: str = "<model>") -> SentimentPipeline:
    """Validate a model dict and build its pipeline (:meth:`SentimentPipeline.from_dict`)."""
    return SentimentPipeline.from_dict(data, name)


def load_model(path_or_name="default") -> SentimentPipeline:
    """Load a model file, or a shipped model by name (``default``, ``extended``), validating every value."""
    from sentiment.io.modelfile import read_model_file

    data, name = read_model_file(path_or_name)
    return SentimentPipeline.from_dict(data, name)
