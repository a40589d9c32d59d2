"""The weights, bias and labels of a fitted linear classifier, ours or another library's.

``explain`` and the model file need ``z = W x + b`` in the featurizer's raw
units.  Our :class:`~sentiment.linear.model.LogisticRegression` gives them with
``raw_coef``; any other fitted classifier with ``coef_``, ``intercept_`` and
``classes_`` (scikit-learn's ``LogisticRegression``, ``SGDClassifier(loss="log_loss")``…)
gives them directly.  A model file stores a *logistic* model: probabilities are
the sigmoid (two labels) or softmax of ``z``.  :func:`logistic_state` checks
that a foreign model's own ``predict_proba`` is exactly that before it is
saved, so a file never predicts differently from the model it came from; a
margin classifier (``LinearSVC``) or a one-vs-rest model is refused with the reason.
"""

from __future__ import annotations

import numpy as np

from sentiment.linear.loss import sigmoid, softmax

__all__ = ["linear_parts", "logistic_state"]


def linear_parts(model):
    """``(W, b)`` with ``z = W x + b`` in raw feature units: ``W`` is ``(K, d)``, ``b`` is ``(K,)``.

    Raises
    ------
    TypeError
        When ``model`` is not a fitted linear model (no ``coef_`` and ``intercept_``).
    """
    if hasattr(model, "raw_coef"):
        return model.raw_coef()
    coef, intercept = getattr(model, "coef_", None), getattr(model, "intercept_", None)
    if coef is None or intercept is None:
        raise TypeError(f"explain and save need a fitted linear final step with coef_ and intercept_; "
                        f"{type(model).__name__} has {'no coef_' if coef is None else 'no intercept_'} "
                        "(fit it first, or use a linear model)")
    if hasattr(coef, "toarray"):
        coef = coef.toarray()
    W = np.atleast_2d(np.asarray(coef, dtype=float))
    b = np.broadcast_to(np.atleast_1d(np.asarray(intercept, dtype=float)), (W.shape[0],)).copy()
    return W, b


def logistic_state(model) -> dict:
    """What a model file stores of a fitted model: labels, mode, standardisation, weights, bias.

    Our model is stored as fitted (standardised weights with their mean and
    scale); another library's as raw weights with mean 0 and scale 1, after
    checking that its probabilities are the logistic ones the file promises.

    Raises
    ------
    TypeError
        For a model whose probabilities the file could not reproduce, saying why.
    """
    if hasattr(model, "raw_coef"):
        model._check_fitted()
        return {"labels": np.asarray(model.classes_).tolist(), "mode": model.mode_,
                "mean": model.mean_, "scale": model.scale_, "weights": model.coef_, "bias": model.intercept_}
    name = type(model).__name__
    W, b = linear_parts(model)
    classes = getattr(model, "classes_", None)
    if classes is None:
        raise TypeError(f"cannot save {name}: it has no classes_ (is it a fitted classifier?)")
    labels = np.asarray(classes).tolist()
    if len(labels) == 2 and W.shape[0] == 1:
        mode = "binary"
    elif W.shape[0] == len(labels) > 2:
        mode = "multinomial"
    else:
        raise TypeError(f"cannot save {name}: {W.shape[0]} weight rows for {len(labels)} labels")
    if not hasattr(model, "predict_proba"):
        raise TypeError(f"cannot save {name}: a model file holds a logistic model, and {name} has no "
                        "predict_proba (a margin classifier's scores are not probabilities)")
    # Probe with random rows: the model's own probabilities must be the sigmoid/softmax of W x + b.
    probe = np.random.default_rng(0).normal(size=(8, W.shape[1]))
    Z = probe @ W.T + b
    expected = np.column_stack([1 - sigmoid(Z[:, 0]), sigmoid(Z[:, 0])]) if mode == "binary" else softmax(Z)
    got = np.asarray(model.predict_proba(probe), dtype=float)
    if got.shape != expected.shape or not np.allclose(got, expected, rtol=1e-6, atol=1e-9):
        raise TypeError(f"cannot save {name}: its predict_proba is not the {'sigmoid' if mode == 'binary' else 'softmax'} "
                        "of coef_ x + intercept_ (one-vs-rest or calibrated?), so a model file would change its "
                        "probabilities")
    d = W.shape[1]
    return {"labels": labels, "mode": mode, "mean": np.zeros(d), "scale": np.ones(d), "weights": W, "bias": b}
