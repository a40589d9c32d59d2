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

from sentiment.documents import as_documents, is_dataframe
from sentiment.errors import InputError
from sentiment.estimator import Classifier
from sentiment.features.base import scores_match_transform
from sentiment.features.six import SixFeatures
from sentiment.linear.model import LogisticRegression

__all__ = ["SentimentPipeline", "load_model", "model_to_dict", "model_from_dict"]


class SentimentPipeline(Classifier):
    """A featurizer followed by a linear classifier: texts in, labels and probabilities out.

    It is a scikit-learn classifier over texts (``get_params``/``set_params``
    with ``featurizer__…`` and ``model__…``, ``score``, ``clone``), so
    ``GridSearchCV(pipe, {"model__C": [...]})`` and ``cross_val_score`` take it.
    Inputs are checked by :func:`~sentiment.documents.as_documents`: one string,
    a DataFrame or a dict is refused with the fix, a missing text names its row.

    Parameters
    ----------
    featurizer
        Turns a list of texts into a matrix (default: :class:`SixFeatures` with
        the shipped default lexicon).
    model
        A :class:`~sentiment.linear.model.LogisticRegression` (default settings if
        omitted), or another library's linear classifier: ``explain`` and ``save``
        then need its ``coef_`` and ``intercept_`` (see :mod:`sentiment.linear.parts`).

    Examples
    --------
    >>> pipe = SentimentPipeline(SixFeatures(lexicon="textbook"))
    >>> texts = ["great fun", "nice and great", "hokey mess", "second-rate and hokey"]
    >>> pipe.fit(texts, ["pos", "pos", "neg", "neg"]).predict(["a great film", "so hokey"]).tolist()
    ['pos', 'neg']
    >>> pipe.set_params(model__C=10.0).get_params()["model__C"]
    10.0
    >>> pipe.predict("a great film")
    Traceback (most recent call last):
    ...
    TypeError: expected a list of documents, got one string (it would be read as one document per character); wrap it in a list: ['a great film']
    """

    def __init__(self, featurizer=None, model=None):
        self.featurizer = featurizer if featurizer is not None else SixFeatures()
        self.model = model if model is not None else LogisticRegression()

    @property
    def metadata(self) -> dict:
        """Training metadata stored in the model file (corpora, solver, ...)."""
        return self.__dict__.setdefault("_metadata", {})

    @metadata.setter
    def metadata(self, value: dict) -> None:
        self._metadata = value

    @property
    def neutral(self):
        """A :class:`~sentiment.neutral.NeutralRule` (binary models only), or None: never neutral."""
        return self.__dict__.get("_neutral")

    @neutral.setter
    def neutral(self, rule) -> None:
        self._neutral = rule

    @property
    def classes_(self):
        return self.model.classes_

    @property
    def feature_names(self):
        return list(self.featurizer.feature_names)

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self.model, "classes_")

    def _check_fitted(self) -> None:
        """:class:`~sentiment.errors.NotFittedError` naming the pipeline (not its inner model) before ``fit``."""
        if not self.__sklearn_is_fitted__():
            from sentiment.estimator import not_fitted

            raise not_fitted(self)

    def _sklearn_input_tags(self, input_tags):
        input_tags.two_d_array = False
        input_tags.string = True
        return input_tags

    def featurize(self, texts, *, _example="featurize"):
        """The feature matrix of ``texts`` under the fitted featurizer.

        Parameters
        ----------
        texts : list of str or pandas.Series
            The documents; one string is refused (it would be read one character at a time).

        Returns
        -------
        numpy.ndarray or scipy.sparse.csr_matrix
            One row per document, ``len(self.feature_names)`` columns.
        """
        from sentiment.progress import transform_in_chunks

        return transform_in_chunks(self.featurizer.transform, as_documents(texts, example=_example))

    def fit(self, texts, labels, sample_weight=None):
        """Fit the featurizer (when it learns anything), then the model.

        Parameters
        ----------
        texts : list of str or pandas.Series
            The training documents.
        labels : sequence of str or int
            One label per document, normalised as the command line's corpora are
            (:func:`~sentiment.io.labels.training_labels`): ``1``, ``1.0`` and ``"1"`` are one class,
            white space and invisible characters around a label are dropped, a missing label (None,
            NaN), labels differing only in case, or many labels each on one row are refused.
        sample_weight : array-like of float, optional
            Per-document weights with scikit-learn's meaning (2 = the row twice, 0 = left out).

        Returns
        -------
        SentimentPipeline
            ``self``, fitted.
        """
        texts = as_documents(texts, example="fit")
        labels = self._labels(labels, len(texts), "fit")
        X = self.featurizer.fit_transform(texts, labels)
        if sample_weight is None:
            self.model.fit(X, labels)
        else:
            self.model.fit(X, labels, sample_weight=sample_weight)
        return self

    @staticmethod
    def _labels(labels, n: int, source: str) -> np.ndarray:
        """``n`` labels under the one rule for every interface (:func:`~sentiment.io.labels.training_labels`)."""
        from sentiment.estimator import label_array
        from sentiment.io.labels import training_labels

        if isinstance(labels, str) or is_dataframe(labels):
            raise TypeError("labels must be a list with one label per text, not "
                            + ("a string" if isinstance(labels, str) else "a DataFrame (pass its label column)"))
        labels = labels.tolist() if hasattr(labels, "tolist") else list(labels)
        if len(labels) != n:
            raise InputError(f"{n} texts but {len(labels)} labels; give one label per text")
        return label_array(training_labels(labels, source))

    def score(self, texts, labels, sample_weight=None) -> float:
        """Accuracy of :meth:`predict` against ``labels``, normalised as :meth:`fit` normalises them."""
        return super().score(texts, self._labels(labels, len(as_documents(texts, example="score")), "score"),
                             sample_weight)

    def predict_proba(self, texts):
        """Class probabilities of ``texts``.

        Parameters
        ----------
        texts : list of str or pandas.Series
            The documents; one string is refused.

        Returns
        -------
        numpy.ndarray of shape (n_texts, n_classes)
            Columns in the order of ``self.classes_``; each row sums to 1.
        """
        return self._probabilities(texts, "predict_proba")

    def decision_function(self, texts):
        """The scores z of the final step (``(n,)`` for a binary model, ``(n, K)`` otherwise)."""
        self._check_fitted()
        docs = as_documents(texts, example="decision_function")
        Z = self._block_scores(docs)
        return self.model.decision_function(self.featurize(docs, _example="decision_function")) if Z is None else Z

    def _probabilities(self, texts, example):
        self._check_fitted()
        docs = as_documents(texts, example=example)
        Z = self._block_scores(docs)
        if Z is None:
            return self.model.predict_proba(self.featurize(docs, _example=example))
        return self.model.proba_of_scores(Z)

    def _block_scores(self, docs):
        """The model's scores z of ``docs`` computed block by block, without the feature matrix; or None.

        Possible when the featurizer's ``linear_scores`` belongs with its ``transform`` (a subclass that
        changes ``transform`` alone keeps the matrix path) and the model leaves the columns as they are
        (:meth:`~sentiment.linear.model.LogisticRegression.unscaled_coef`): the general model's batches
        then never import scipy.  None: the caller featurizes and asks the model (as for no documents,
        which the model refuses).
        """
        coef = getattr(self.model, "unscaled_coef", None)
        if coef is None or len(docs) == 0 or not scores_match_transform(self.featurizer):
            return None
        coef = coef()
        if coef is None:
            return None
        from sentiment.progress import transform_in_chunks

        W, b = coef
        Z = transform_in_chunks(lambda part: self.featurizer.linear_scores(part, W.T), docs) + b
        return Z[:, 0] if Z.shape[1] == 1 else Z

    def predict(self, texts, neutral=True):
        """The most probable label of each text, or ``neutral`` where the model's neutral rule says so.

        Parameters
        ----------
        texts : list of str or pandas.Series
            The documents; one string is refused.
        neutral : bool, default True
            Apply the model's neutral rule (:mod:`sentiment.neutral`), if it has one. ``False``
            always picks one of the model's classes, and for a three-way model one of its two
            non-neutral classes (:mod:`sentiment.outputs`).

        Returns
        -------
        numpy.ndarray of shape (n_texts,)
            Labels, in the dtype of the training labels (object when ``neutral`` is among them).
        """
        self._check_fitted()
        texts = as_documents(texts, example="predict")
        if not neutral and "neutral" in map(str, self.classes_) and len(self.classes_) == 3:
            from sentiment.outputs import answer_columns

            P = self._probabilities(texts, "predict")
            return np.asarray(answer_columns(np.asarray(self.classes_).tolist(), P, neutral=False)["label"])
        if not neutral or getattr(self, "neutral", None) is None:
            Z = self._block_scores(texts)
            if Z is None:
                return self.model.predict(self.featurize(texts, _example="predict"))
            return np.asarray(self.classes_)[self.model.proba_of_scores(Z).argmax(axis=1)]
        from sentiment.neutral import neutral_labels

        P = self._probabilities(texts, "predict")
        labels = np.asarray(self.classes_, dtype=object)[P.argmax(axis=1)]
        return np.asarray(neutral_labels(self, texts, list(labels), P), dtype=object)

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
        from sentiment.linear.parts import linear_parts

        if not isinstance(text, str):
            raise TypeError(f"explain takes one text (a string); got {type(text).__name__}")
        self._check_fitted()
        x = self.featurize([text])
        W, b = linear_parts(self.model)
        xv = np.asarray(x.todense() if hasattr(x, "todense") else x)[0]
        labels = [str(c) for c in self.classes_]
        names = self.feature_names
        out = {"text": text, "predicted": np.asarray(self.model.predict(x))[0].item()}
        if hasattr(self.model, "predict_proba"):  # a margin classifier (LinearSVC) has scores only
            out["probabilities"] = dict(zip(labels, map(float, self.model.predict_proba(x)[0])))
            if getattr(self, "neutral", None) is not None:  # the answer classify gives, rule included
                from sentiment.neutral import NEUTRAL, neutral_labels

                P = np.array([list(out["probabilities"].values())])
                out["predicted"] = neutral_labels(self, [text], [out["predicted"]], P)[0]
                out["neutral"] = out["predicted"] == NEUTRAL
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
            # Columns not listed one by one (an n-gram block) are summed per class, so that the listed
            # contributions, these sums and the bias add up to each z.
            per_class = [self.featurizer.contributions(text, xv, W[k]) for k in range(W.shape[0])]
            for key in ("ngram_contribution", "ending_contribution"):
                if key in per_class[0]:
                    out[key] = {l: part[key] for l, part in zip(labels, per_class)}
            if "ending_fraction" in per_class[0]:
                out["ending_fraction"] = per_class[0]["ending_fraction"]
        if "matches" in shown:
            out["matches"] = shown["matches"]
        return out

    # -- the model file -------------------------------------------------------------

    def to_dict(self) -> dict:
        """The JSON-ready dict a model file holds (see :mod:`sentiment.io.modelfile`)."""
        from sentiment.io.modelfile import FORMAT, VERSION, plain
        from sentiment.lexicons.lexicon import lexicon_to_dict

        from sentiment.linear.parts import logistic_state

        self._check_fitted()
        f = self.featurizer
        m = logistic_state(self.model)
        tokenizer = getattr(f, "tokenizer", "regex")
        if not isinstance(tokenizer, str):
            raise TypeError(f"cannot save a model whose tokenizer is a function ({tokenizer!r}): a model file is "
                            "JSON and holds no code; use a named tokenizer (regex, treebank, tweet, whitespace)")
        lexicon = getattr(f, "lexicon_", None)
        from sentiment.io.checks import MAX_WEIGHT, check_within

        # What from_dict refuses is not written (another library's model may hold anything finite).
        check_within(m["weights"], -MAX_WEIGHT, MAX_WEIGHT, "weights", "cannot save the model")
        check_within(m["bias"], -MAX_WEIGHT, MAX_WEIGHT, "bias", "cannot save the model")
        return {
            "format": FORMAT,
            "version": VERSION,
            "tokenizer": tokenizer,
            "lexicon": None if lexicon is None else lexicon_to_dict(lexicon, tokenizer),
            "features": f.to_dict(),
            "labels": m["labels"],
            "mode": m["mode"],
            "standardize": {"mean": m["mean"].tolist(), "scale": m["scale"].tolist()},
            "weights": m["weights"].tolist(),
            "bias": m["bias"].tolist(),
            "training": plain(self.metadata),
            **({"neutral": self.neutral.to_dict()} if self.neutral is not None else {}),
        }

    @classmethod
    def from_dict(cls, data, name: str = "<model>") -> "SentimentPipeline":
        """Validate a model dict and build the pipeline it describes (``name``, the file, prefixes errors)."""
        from sentiment.estimator import label_array
        from sentiment.features.base import featurizer_from_dict
        from sentiment.io.checks import (MAX_MEAN, MAX_SCALE, MAX_WEIGHT, MIN_SCALE, check_within, fail, number_list,
                                         number_matrix)
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
        rows = list(W) if isinstance(W, np.ndarray) and W.ndim == 2 else W  # an array from a compact file
        if not isinstance(rows, list) or len(rows) != K:
            fail(name, f"weights must hold {K} row(s) for a {mode} model with {len(labels)} labels")
        for row in rows:
            if not isinstance(row, (list, np.ndarray)) or len(row) != d:
                got = len(row) if isinstance(row, (list, np.ndarray)) else type(row).__name__
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
        # Finite is not enough: a weight of 1e308 or a scale of 1e-320 makes inf - inf = NaN scores
        # (the bounds and why: sentiment.io.checks). The quick path declines the same values.
        check_within(W, -MAX_WEIGHT, MAX_WEIGHT, "weights", name)
        check_within(b, -MAX_WEIGHT, MAX_WEIGHT, "bias", name)
        check_within(mean, -MAX_MEAN, MAX_MEAN, "standardize.mean", name)
        check_within(scale, MIN_SCALE, MAX_SCALE, "standardize.scale", name)
        training = data.get("training", {})
        if not isinstance(training, dict):
            fail(name, "training must be a JSON object")
        from sentiment.io.jsonrecords import json_depth
        from sentiment.io.modelfile import MAX_TRAINING_DEPTH

        if json_depth(training) > MAX_TRAINING_DEPTH:
            # Deep nesting loads, then overflows the stack wherever the dict is copied or sent to a worker.
            fail(name, f"training is nested more than {MAX_TRAINING_DEPTH} levels deep")

        model = LogisticRegression(standardize=True)
        model.classes_, model.mode_ = label_array(labels), mode
        model.n_features_in_ = d
        model.coef_, model.intercept_, model.mean_, model.scale_ = W, b, mean, scale
        pipe = cls(featurizer, model)
        pipe.metadata = training
        if "neutral" in data:
            from sentiment.neutral import NeutralRule

            if mode != "binary":
                fail(name, "a neutral rule needs a binary model")
            pipe.neutral = NeutralRule.from_dict(data["neutral"], name)
        return pipe

    def save(self, path) -> None:
        """Write the model file: versioned JSON, written atomically, the replaced file's mode kept.

        Parameters
        ----------
        path : str or os.PathLike
            Where to write (see :mod:`sentiment.io.modelfile`).
        """
        from sentiment.io.modelfile import save_model

        save_model(self, path)

    @classmethod
    def load(cls, path_or_name) -> "SentimentPipeline":
        """The same as :func:`load_model`."""
        return load_model(path_or_name)


def model_to_dict(pipe) -> dict:
    """The JSON-ready dict of a fitted pipeline (:meth:`SentimentPipeline.to_dict`)."""
    return pipe.to_dict()


def model_from_dict(data, name: str = "<model>") -> SentimentPipeline:
    """Validate a model dict and build its pipeline (:meth:`SentimentPipeline.from_dict`)."""
    return SentimentPipeline.from_dict(data, name)


def load_model(path_or_name="default") -> SentimentPipeline:
    """Load a model file, or a shipped model by name, validating every value before use.

    Parameters
    ----------
    path_or_name : str or os.PathLike, default "default"
        A model file written by :meth:`SentimentPipeline.save`, or the name of a shipped model.

    Returns
    -------
    SentimentPipeline
        The fitted pipeline.

    Raises
    ------
    InputError
        One line naming the file and what is wrong with it (missing, not JSON, newer format, bad shapes…).
    """
    from sentiment.io.modelfile import read_model_file

    data, name = read_model_file(path_or_name)
    return SentimentPipeline.from_dict(data, name)
