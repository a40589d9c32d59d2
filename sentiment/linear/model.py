"""Features → probabilities: the logistic-regression estimator.

:class:`LogisticRegression` follows scikit-learn's conventions: hyper-parameters
in the constructor, ``fit`` learns ``coef_``, ``intercept_``, ``classes_`` (and
the standardisation ``mean_``/``scale_``), ``predict_proba`` and ``predict``
use them.  Two labels give the binary sigmoid model; more give the softmax
(``multi_class="multinomial"``, the default) or one-vs-rest.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np

from sentiment.errors import DivergenceError, InputError
from sentiment.estimator import (Classifier, check_matrix, check_sample_weight, data_conversion_warning, is_sparse,
                                 not_fitted)
from sentiment.linear.loss import cross_entropy, linear, sigmoid, softmax
from sentiment.linear.solvers import get_solver, solver_names
from sentiment.parameters import HasFitted, Integral, Interval, Options, Real

__all__ = ["LogisticRegression", "ConvergenceWarning", "check_diverged"]

from sentiment.linear import MULTI_CLASS  # noqa: E402  (one list, shared with the CLI)
# Newton's method solves a (K(d+1))² system each step: fine for a few hundred
# parameters, wasteful beyond; L-BFGS takes over there.
_NEWTON_MAX_PARAMS = 400


class ConvergenceWarning(UserWarning):
    """The solver stopped at ``max_iter`` before meeting its tolerance."""


class LogisticRegression(Classifier):
    """Binary or multinomial logistic regression with L2 regularisation.

    Parameters
    ----------
    solver
        ``"auto"`` (Newton for few parameters, L-BFGS for many), ``"newton"``,
        ``"lbfgs"``, ``"sgd"`` (one example per step), ``"minibatch"`` or
        ``"batch"`` (full-gradient descent).
    C
        Inverse regularisation strength, as in scikit-learn: the objective is
        ``sum(cross-entropy) + ||W||² / (2 C)``.  ``None`` means no penalty.
    l2
        Alternatively, the penalty on the *mean* cross-entropy:
        ``mean(cross-entropy) + l2 / 2 ||W||²``.  Overrides ``C`` when given.
        With a ``prior``, ``float("inf")`` keeps the prior's weights.
    prior
        A fitted linear model over the same features (this class's, or another library's
        with ``coef_``, ``intercept_`` and ``classes_``): maximum a posteriori adaptation.
        The weights start at the prior's and the penalty is ``l2 / 2 ||θ − θ_prior||²``,
        biases included, instead of ``l2 / 2 ||W||²``; the prior's standardisation and
        classes are kept.  The labels must be among the prior's classes (matched by
        name); a class the data lacks keeps the prior's weights, and the others are fitted
        by the softmax over the classes present (the likelihood of a label given that it
        is one of them).  See :mod:`sentiment.training.adapt`.
    warm_start
        With a ``prior``: start the solver from the last fit's parameters instead of the prior's
        (the same optimum, sooner, along a path of strengths; the penalty's centre stays the prior).
    max_iter
        Newton/L-BFGS iterations, or epochs for the gradient solvers (at least 1;
        ``None``: 100, or 1000 for L-BFGS).  Every solver takes at least one step.
    tol
        Stop when the largest gradient entry is below ``tol`` (Newton,
        L-BFGS), or when the epoch loss changes less than ``tol`` (gradient solvers);
        in [0, 1), 0 meaning never stop on it (``None``: 1e-8, or 1e-6 for the gradient solvers).
    batch_size
        Rows per step for ``minibatch`` (``sgd`` uses 1, ``batch`` all).
    learning_rate, decay
        Step size ``learning_rate / (1 + decay * epoch)`` for the gradient solvers.
    validation_fraction
        Fraction of the training rows held out for early stopping (gradient
        solvers only; 0 turns it off).
    multi_class
        ``"auto"``, ``"binary"`` (requires two labels), ``"multinomial"`` or ``"ovr"``.
    standardize
        Learn each feature's mean and standard deviation on the training data
        and scale by them before the linear layer (dense inputs).
    random_state
        Seed for shuffling and the validation split: the same seed and data give
        the same weights.

    ``fit`` checks every parameter against ``_parameter_constraints`` (an
    :class:`~sentiment.errors.InvalidParameterError` names the one out of range) and raises
    :class:`~sentiment.errors.DivergenceError` when the weights, the loss or the gradient stop
    being finite (a step or a penalty too large), naming the settings to change.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> model = LogisticRegression(C=10.0).fit(X, ["neg", "neg", "pos", "pos"])
    >>> model.predict(np.array([[0.2], [2.8]])).tolist()
    ['neg', 'pos']
    >>> model.predict_proba(np.array([[1.5]])).round(2).tolist()
    [[0.5, 0.5]]
    """

    def __init__(
        self, *, solver="auto", C=1.0, l2=None, max_iter=None, tol=None, batch_size=32,
        learning_rate=0.1, decay=0.0, validation_fraction=0.0, n_iter_no_change=5,
        multi_class="auto", standardize=True, random_state=0, verbose=False, prior=None, warm_start=False,
    ):
        self.solver = solver
        self.C = C
        self.l2 = l2
        self.max_iter = max_iter
        self.tol = tol
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.decay = decay
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.multi_class = multi_class
        self.standardize = standardize
        self.random_state = random_state
        self.verbose = verbose
        self.prior = prior
        self.warm_start = warm_start

    # -- hyper-parameters -----------------------------------------------------------

    # What each parameter may be, checked by fit (scikit-learn's style: sentiment.parameters).
    # Real intervals refuse NaN and infinity: a NaN step or penalty only ever makes NaN weights.
    _parameter_constraints = {
        "solver": [Options(solver_names)],
        "C": [Interval(Real, 0, None, closed="neither"), None],
        # Infinity: keep the prior's weights (with a prior only; fit says so without one).
        "l2": [Interval(Real, 0, None, closed="left"), Options((float("inf"),)), None],
        # 0 iterations would return the starting point, all weights zero, as if it were a fit.
        "max_iter": [Interval(Integral, 1, None, closed="left"), None],
        # A gradient entry of the mean loss, or a relative change of it per epoch: both start below 1,
        # so a tolerance of 1 or more is met before any learning.
        "tol": [Interval(Real, 0, 1, closed="left"), None],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "decay": [Interval(Real, 0, None, closed="left")],
        "validation_fraction": [Interval(Real, 0, 1, closed="left")],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
        "multi_class": [Options(MULTI_CLASS)],
        "standardize": ["boolean"],
        "random_state": [Interval(Integral, 0, None, closed="left"), None, np.random.Generator],
        "verbose": ["boolean", Interval(Integral, 0, None, closed="left")],
        "prior": [None, HasFitted(("coef_", "intercept_", "classes_"), "a fitted linear model")],
        "warm_start": ["boolean"],
    }

    def __sklearn_clone__(self):
        """scikit-learn's ``clone``: the same parameters, a ``prior`` shared (cloning it would unfit it)."""
        from sentiment.estimator import clone_sharing

        return clone_sharing(self, "prior")

    # -- fitting ------------------------------------------------------------------------

    def fit(self, X, y, sample_weight=None):
        """Learn weights from a feature matrix ``X`` (n × d, dense or sparse) and labels ``y`` (n).

        ``sample_weight`` counts each row that many times, as in scikit-learn:
        weight 2 is the row twice, weight 0 the row left out (the
        standardisation is weighted the same way, and ``C`` stays the penalty
        against the *summed* weighted cross-entropy).
        """
        self._validate_params()
        X = check_matrix(X, self, reset=True)
        y = _check_labels(y, X.shape[0])
        w = check_sample_weight(sample_weight, X.shape[0])
        if w is not None and np.all(w == 1.0):
            w = None  # unit weights are no weights: every solver takes them
        if self.prior is not None:
            return self._fit_towards_prior(X, y, w)
        if self.l2 == float("inf"):
            raise InputError("l2=inf keeps a prior model's weights; it needs prior= (without one, give a finite l2)")
        classes, y_idx = np.unique(y, return_inverse=True)
        if len(classes) < 2:
            raise InputError(f"need at least two classes to train; got one class: every document is labelled "
                             f"{classes[0].item()!r}")
        mode = self.multi_class
        if mode == "auto" or (mode == "ovr" and len(classes) == 2):
            # Two labels: one-vs-rest is the binary model (each half mirrors the other), with
            # one score per row as scikit-learn's binary classifiers give.
            mode = "binary" if len(classes) == 2 else "multinomial"
        if mode == "binary" and len(classes) != 2:
            raise InputError(f"multi_class='binary' needs exactly two labels; got {len(classes)}: {list(classes)}")
        self.classes_ = classes
        self.mode_ = mode

        if self.standardize and not is_sparse(X):
            from sentiment.linear.standardize import column_scale

            # Weighted as the loss is: weight 2 standardises as the row given twice.
            self.mean_ = np.average(X, axis=0, weights=w)
            self.scale_ = column_scale(self.mean_, np.sqrt(np.average((X - self.mean_) ** 2, axis=0, weights=w)))
        else:
            self.mean_ = np.zeros(X.shape[1])
            self.scale_ = np.ones(X.shape[1])
        Xs = self._scale(X)

        l2 = self.l2_ = self._penalty_strength(X, w)

        if mode == "ovr":
            thetas, infos = [], []
            for k in range(len(classes)):
                Y = (y_idx == k).astype(float)[:, None]
                theta, info = self._solve(Xs, Y, l2, w)
                thetas.append(theta[0])
                infos.append(info)
            theta = np.vstack(thetas)
            info = {
                "n_iter": max(i["n_iter"] for i in infos),
                "loss": float(np.mean([i["loss"] for i in infos])),
                "grad_norm": float(max(i["grad_norm"] for i in infos)),
                "converged": all(i["converged"] for i in infos),
                "solver": infos[0]["solver"],
            }
        else:
            if mode == "binary":
                Y = (y_idx == 1).astype(float)[:, None]
            else:
                Y = np.eye(len(classes))[y_idx]
            theta, info = self._solve(Xs, Y, l2, w)
        check_diverged(theta, info["loss"], info["solver"], grad_norm=info["grad_norm"],
                       learning_rate=self.learning_rate, C=self.C, l2=self.l2)

        self._set_fit(theta, info, centre=mode == "multinomial", l2=l2)
        return self

    def _penalty_strength(self, X, w) -> float:
        """The penalty on the mean loss: ``l2`` as given, or ``1 / (C n)`` (0 without ``C``)."""
        n = X.shape[0] if w is None else float(w.sum())  # the objective sums; the solvers take means
        if self.l2 is not None:
            return float(self.l2)
        if self.C is None:
            return 0.0
        l2 = 1.0 / (self.C * n)
        if not np.isfinite(l2):  # C = 1e-320: 1 / (C n) overflows, and every step after it is NaN
            raise DivergenceError(f"C={float(self.C)!r} makes the penalty 1 / (C · n) infinite: raise C (--C)")
        return l2

    def _set_fit(self, theta, info, *, centre, l2):
        """The fitted attributes from the solver's ``theta`` and ``info``; warns when it did not converge."""
        if centre:
            # Softmax is unchanged when every class's score shifts by the same amount, and the
            # unpenalised biases (all weights when C is None) leave that shift to the solver's
            # path; centring fixes it, so weights do not depend on how the optimum was reached
            # (e.g. weight 2 versus a row given twice).
            theta[:, -1] -= theta[:, -1].mean()
            if l2 == 0.0:
                theta[:, :-1] -= theta[:, :-1].mean(axis=0)
        self.coef_ = theta[:, :-1].copy()
        self.intercept_ = theta[:, -1].copy()
        self.n_iter_ = info["n_iter"]
        self.loss_ = info["loss"]
        self.grad_norm_ = info["grad_norm"]
        self.converged_ = info["converged"]
        self.history_ = info.get("history", [])
        self.solver_ = info["solver"]
        if not self.converged_:
            warnings.warn(
                f"{self.solver_} did not converge in {self.n_iter_} iterations "
                f"(gradient norm {self.grad_norm_:.2e}); raise max_iter or loosen tol",
                ConvergenceWarning, stacklevel=3,
            )

    def _fit_towards_prior(self, X, y, w):
        """``fit`` with a ``prior``: start at its parameters and penalise the distance to them (see ``prior``)."""
        from sentiment.linear.parts import logistic_state

        state = logistic_state(self.prior)
        classes = np.asarray(state["labels"])
        theta0 = np.hstack([np.asarray(state["weights"], float), np.asarray(state["bias"], float)[:, None]])
        if theta0.shape[1] - 1 != X.shape[1]:
            raise InputError(f"the prior model has {theta0.shape[1] - 1} features, X has {X.shape[1]}: adapt with "
                             "the prior's own featurizer")
        if state["mode"] not in ("binary", "multinomial"):
            raise InputError(f"cannot adapt a {state['mode']} prior model; it must be binary or multinomial")
        names = [str(c) for c in classes]
        given = [str(v) for v in y]
        missing = sorted(set(given) - set(names))
        if missing:
            raise InputError(f"label(s) {', '.join(map(repr, missing))} are not among the prior model's classes "
                             f"({', '.join(names)}): rename them to those (--label-map), or train from scratch")
        y_idx = np.asarray([names.index(v) for v in given])
        present = np.unique(y_idx)
        if len(present) < 2:
            raise InputError(f"need at least two classes to adapt; every document is labelled {names[present[0]]!r}")
        self.classes_ = classes
        self.mode_ = state["mode"]
        self.mean_ = np.asarray(state["mean"], float).copy()
        self.scale_ = np.asarray(state["scale"], float).copy()
        Xs = self._scale(X)
        l2 = self.l2_ = self._penalty_strength(X, w)
        if self.mode_ == "binary":
            rows, Y = np.array([0]), (y_idx == 1).astype(float)[:, None]
        else:  # the softmax over the classes present; an absent class's row stays the prior's
            rows, Y = present, np.eye(len(present))[np.searchsorted(present, y_idx)]
        start = theta0
        if self.warm_start and getattr(self, "coef_", None) is not None and self.coef_.shape == np.shape(state["weights"]):
            start = np.hstack([self.coef_, self.intercept_[:, None]])
        theta = theta0.copy()
        if np.isinf(l2):
            info = {"n_iter": 0, "grad_norm": 0.0, "converged": True, "solver": "none", "loss": float(
                np.average(cross_entropy(linear(Xs, theta0[rows]), Y), weights=w))}
        else:
            # A column that is zero in every row adds nothing to the loss, so its optimum is the prior's weight:
            # solve over the others only (a few thousand of the general model's 60 000 n-grams, for a few
            # hundred documents), with the bias.
            if is_sparse(Xs):
                cols = np.unique(Xs.indices)
                Xs = Xs[:, cols]
            else:
                cols = np.arange(Xs.shape[1])
            at = np.r_[cols, theta.shape[1] - 1]
            block, info = self._solve(Xs, Y, l2, w, prior=theta0[np.ix_(rows, at)], start=start[np.ix_(rows, at)])
            theta[np.ix_(rows, at)] = block
        check_diverged(theta, info["loss"], info["solver"], grad_norm=info["grad_norm"],
                       learning_rate=self.learning_rate, C=self.C, l2=self.l2)
        # No centring: the penalty ties the parameters to the prior's, so the optimum is unique as it is.
        self._set_fit(theta, info, centre=False, l2=l2)
        return self

    def _solve(self, X, Y, l2, sample_weight, prior=None, start=None):
        K, d = Y.shape[1], X.shape[1]
        theta = np.zeros((K, d + 1)) if start is None else start.copy()
        solver = self.solver
        if solver == "auto":
            solver = "newton" if K * (d + 1) <= _NEWTON_MAX_PARAMS and not is_sparse(X) else "lbfgs"
        chosen = get_solver(solver)
        if sample_weight is not None and not chosen.sample_weight:
            raise ValueError(f"solver {solver!r} does not take sample weights; use newton or lbfgs")
        if prior is not None and not chosen.prior:
            raise ValueError(f"solver {solver!r} does not take a prior model; use newton or lbfgs")
        if chosen.dense and is_sparse(X):
            X = X.toarray()
        from sentiment.progress import listening, task

        # The built-in solvers' iteration limits, for the bar's total (a registered solver: as given, or unknown).
        most = self.max_iter or {"newton": 100, "lbfgs": 1000, "sgd": 100, "minibatch": 100, "batch": 100}.get(solver)
        unit = "epochs" if solver in ("sgd", "minibatch", "batch") else "iterations"
        label = f"fitting ({solver}, at most {most} {unit})" if most else f"fitting ({solver})"
        # A drawn bar (the command line on a terminal) replaces the verbose line; both stop at convergence.
        bar_cm = task(label, total=most, unit=unit)
        bar = bar_cm.__enter__()
        line = _Progress(solver) if self.verbose and not listening() else None

        def progress(it, loss):
            bar.update(1)
            if line:
                line(it, loss)

        try:
            # A line search's trial step may overflow and be backed off; a fit that ends in overflow is a
            # DivergenceError naming the settings (check_diverged): numpy's warnings would only add noise.
            with np.errstate(over="ignore", invalid="ignore"):
                theta, info = chosen.fit(theta, X, Y, l2, model=self, sample_weight=sample_weight, progress=progress,
                                         **({} if prior is None else {"prior": prior}))
        finally:
            bar_cm.__exit__(None, None, None)
            if line:
                line.close()
        info["solver"] = solver
        return theta, info

    # -- prediction ----------------------------------------------------------------------

    def _check_X(self, X):
        self._check_fitted()
        return check_matrix(X, self)

    def _check_fitted(self):
        if not hasattr(self, "coef_"):
            raise not_fitted(self)

    def _sklearn_input_tags(self, input_tags):
        input_tags.sparse = True
        return input_tags

    def _scale(self, X):
        if is_sparse(X):
            return X
        return (X - self.mean_) / self.scale_

    def decision_function(self, X):
        """The scores z = w·x + b, shape ``(n,)`` for binary models, ``(n, K)`` otherwise."""
        X = self._check_X(X)
        Z = linear(self._scale(X), np.hstack([self.coef_, self.intercept_[:, None]]))
        return Z[:, 0] if Z.shape[1] == 1 else Z

    def unscaled_coef(self):
        """``(W, b)`` with ``z = X @ W.T + b`` for the features as given, or None if the model standardises them.

        A model fitted on a sparse matrix keeps its columns as they are (``mean_`` 0, ``scale_`` 1), so
        its scores can be computed block by block by a featurizer that never builds the matrix
        (:meth:`~sentiment.features.extended.ExtendedFeatures.linear_scores`), to the same values.
        """
        self._check_fitted()
        if np.any(self.mean_ != 0) or np.any(self.scale_ != 1):
            return None
        return self.coef_, self.intercept_

    def predict_proba(self, X):
        """Probability of each class, columns in the order of ``classes_``; rows sum to 1."""
        return self.proba_of_scores(self.decision_function(X))

    def proba_of_scores(self, Z):
        """:meth:`predict_proba` from the scores :meth:`decision_function` gives."""
        if Z.ndim == 1:
            p = sigmoid(Z)
            return np.column_stack([1.0 - p, p])
        if self.mode_ == "ovr":
            P = sigmoid(Z)
            return P / P.sum(axis=1, keepdims=True)
        return softmax(Z)

    def predict(self, X):
        """The most probable class of each row (threshold 0.5 for binary models)."""
        P = self.predict_proba(X)
        return np.asarray(self.classes_)[P.argmax(axis=1)]

    # -- raw-unit weights for explanations ------------------------------------------------

    def raw_coef(self):
        """``(W, b)`` in the units of the unscaled features: ``z = W x + b`` exactly."""
        from sentiment.linear.standardize import to_raw_units

        self._check_fitted()
        return to_raw_units(self.coef_, self.intercept_, self.mean_, self.scale_)



#: The solvers that take steps of ``learning_rate`` (the others choose their own step length).
_STEPPING = ("sgd", "minibatch", "batch")


def check_diverged(theta, loss, solver, *, grad_norm=0.0, learning_rate=None, C=None, l2=None) -> None:
    """:class:`~sentiment.errors.DivergenceError` if a fit's weights, loss or gradient are not finite, or ran away.

    A weight beyond :data:`~sentiment.io.checks.MAX_WEIGHT` counts as diverged too: no
    model file may hold it (its scores would not be finite numbers to trust), and no fit that
    settles gets near it.  The message names the settings and which way to move them, with the
    command line's options beside the parameters.

    Examples
    --------
    >>> check_diverged(np.array([[np.nan, 0.0]]), np.nan, "sgd", learning_rate=1e308, C=1.0)
    Traceback (most recent call last):
    ...
    sentiment.errors.DivergenceError: training diverged (weights are not finite) with solver sgd, learning_rate 1e+308, C 1: lower learning_rate (--lr), or weaken the penalty: raise C (--C) or lower l2 (--l2)
    """
    from sentiment.io.checks import MAX_WEIGHT

    theta = np.asarray(theta)
    if not np.all(np.isfinite(theta)):
        what = "weights are not finite"
    elif not np.isfinite(loss):
        what = "the loss is not finite"
    elif not np.isfinite(grad_norm):  # a penalty of 1e308: weights ~0, a gradient beyond float64
        what = "the gradient is not finite"
    elif theta.size and np.max(np.abs(theta)) > MAX_WEIGHT:
        what = f"weights grew beyond ±{MAX_WEIGHT:g}"
    else:
        return
    stepping = solver in _STEPPING
    settings = [f"solver {solver}"]
    if stepping:
        settings.append(f"learning_rate {learning_rate:g}")
    if l2 is not None:
        settings.append(f"l2 {l2:g}")
    elif C is not None:
        settings.append(f"C {C:g}")
    else:
        settings.append("no penalty (C=None)")
    if what.startswith("weights grew"):  # ran away: too weak a penalty for separable data
        fix = ("add a penalty: a finite C (--C)" if l2 is None and C is None
               else "strengthen the penalty: lower C (--C) or raise l2 (--l2)")
    else:  # overflowed: a step or a penalty too large for float64
        fix = "weaken the penalty: raise C (--C) or lower l2 (--l2)"
        if stepping:
            fix = f"lower learning_rate (--lr), or {fix}"
    raise DivergenceError(f"training diverged ({what}) with {', '.join(settings)}: {fix}")


def _check_labels(y, n):
    """The labels as a 1-D array of ``n`` classes; continuous targets are refused."""
    if y is None:
        raise InputError("LogisticRegression requires y to be passed, but the target y is None")
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        warnings.warn("A column-vector y was passed when a 1d array was expected; using y.ravel()",
                      data_conversion_warning(), stacklevel=3)
        y = y.ravel()
    if y.ndim != 1 or y.shape[0] != n:
        raise InputError(f"y must be 1-D with one label per row of X ({n}); got shape {y.shape}")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)):
            raise InputError("y contains NaN or infinity: every document needs a label")
        if np.any(y != np.round(y)):
            raise InputError("Unknown label type: continuous. y holds fractional numbers; a classifier needs "
                             "class labels")
    if y.dtype.kind == "O" and any(v is None for v in y):
        raise InputError("y contains None: every document needs a label")
    return y


class _Progress:
    """A one-line progress report on stderr, only when stderr is a terminal."""

    def __init__(self, label):
        self.label = label
        self.active = sys.stderr.isatty()

    def __call__(self, it, loss):
        if self.active:
            tail = f" loss {loss:.6f}" if loss is not None else ""
            sys.stderr.write(f"\r{self.label}: iteration {it}{tail}   ")
            sys.stderr.flush()

    def close(self):
        if self.active:
            sys.stderr.write("\n")
