"""Optimisers for the logistic-regression objective of :mod:`sentiment.linear.loss`.

* ``newton``: Newton's method (IRLS) with a backtracking line search; exact and
  fast when there are few parameters (the six features).
* ``lbfgs``: limited-memory BFGS, for many (sparse) features.
* ``sgd``, ``minibatch``, ``batch``: the textbook's gradient descent, one example,
  a mini-batch or the whole set per step, shuffled every epoch, with a per-epoch
  history and optional early stopping on a validation split.

The solvers sit in one registry with one signature::

    @register_solver("name")
    def solve(theta, X, Y, l2, *, model, sample_weight=None, progress=None):
        ...
        return theta, info

``model`` is the :class:`~sentiment.linear.model.LogisticRegression` being
fitted: each solver reads the hyper-parameters it uses from it (``max_iter``,
``tol``, ``batch_size``, …).  A solver registered with ``prior=True`` also takes
``prior=`` (an array of ``theta``'s shape): the penalty is then
``l2 / 2 * ||theta - prior||²`` (:func:`sentiment.linear.loss.penalty`), and
``theta`` starts at the prior.  ``info`` holds ``n_iter``, ``loss``,
``grad_norm``, ``converged`` and, for the gradient solvers, ``history``.  The
CLI's ``--solver`` choices are :func:`solver_names`.
"""

from __future__ import annotations

from dataclasses import dataclass

# numpy and the loss are imported inside the solvers: the CLI lists the registry's
# names (--solver) at start-up, which must not load numpy.

__all__ = ["Solver", "register_solver", "get_solver", "solver_names", "newton", "newton_minimize", "lbfgs",
           "gradient_descent"]


@dataclass(frozen=True)
class Solver:
    """A registered solver: ``fit(theta, X, Y, l2, *, model, sample_weight, progress) -> (theta, info)``.

    ``dense``: the solver needs a dense ``X`` (a sparse one is converted first).
    ``sample_weight``: the solver honours per-row weights.
    ``prior``: the solver takes ``prior=`` (a penalty towards a prior model's parameters).
    """

    name: str
    fit: object
    dense: bool = False
    sample_weight: bool = True
    prior: bool = False


_SOLVERS: dict[str, Solver] = {}


def register_solver(name: str, *, dense: bool = False, sample_weight: bool = True, prior: bool = False):
    """Decorator: register ``fn(theta, X, Y, l2, *, model, sample_weight=None, progress=None)`` as ``name``.

    With ``prior=True`` the function also takes ``prior=None`` (see the module docstring).
    """

    def decorate(fn):
        _SOLVERS[name] = Solver(name, fn, dense, sample_weight, prior)
        return fn

    return decorate


def get_solver(name: str) -> Solver:
    """The solver registered as ``name`` (``ValueError`` if none: a parameter error, as in scikit-learn)."""
    try:
        return _SOLVERS[name]
    except KeyError:
        raise ValueError(f"solver must be one of {', '.join(solver_names())}; got {name!r}") from None


def solver_names() -> list[str]:
    """``auto`` and every registered solver, for ``--solver`` and parameter checks.

    Examples
    --------
    >>> solver_names()[:4]
    ['auto', 'newton', 'lbfgs', 'sgd']
    """
    return ["auto", *_SOLVERS]


def newton_minimize(theta, value_and_gradient, value, hessian_at, max_iter=100, tol=1e-8, progress=None):
    """Newton's method with Armijo backtracking over any smooth objective given as callables.

    ``value_and_gradient(theta) -> (loss, g)``, ``value(theta) -> loss`` and
    ``hessian_at(theta) -> H`` (square, over ``theta.ravel()``); stops when
    ``max|g| < tol``.  :func:`newton` passes in-memory terms, and
    :func:`sentiment.scale.distributed.fit_newton` sums them over Dask partitions.
    """
    import numpy as np

    loss, g = value_and_gradient(theta)
    it = 0
    # At least one step: the starting point (all weights zero) is never returned as a fit, however
    # loose the tolerance (a gradient already below it at zero saved a zero model).
    converged = False
    while not converged and it < max_iter:
        it += 1
        H = hessian_at(theta)
        # A small ridge keeps the step defined when the Hessian is singular
        # (unregularised softmax biases, or separable data).
        ridge = 1e-10 * max(1.0, float(np.trace(H)) / H.shape[0])
        step = np.linalg.solve(H + ridge * np.eye(H.shape[0]), g.ravel()).reshape(theta.shape)
        t, slope = 1.0, -float(np.sum(g * step))
        while True:
            candidate = theta - t * step
            new_loss = value(candidate)
            if new_loss <= loss - 1e-4 * t * slope or t < 1e-10:
                break
            t *= 0.5
        theta = candidate
        prev = loss
        loss, g = value_and_gradient(theta)
        if progress:
            progress(it, loss)
        if not np.isfinite(loss) or not np.all(np.isfinite(g)):
            break  # diverged: the caller says so (LogisticRegression.fit), more steps only repeat NaN
        converged = np.max(np.abs(g)) < tol or (t < 1e-10) or abs(prev - loss) <= 1e-15 * max(1.0, abs(loss))
    return theta, {"n_iter": it, "loss": loss, "grad_norm": float(np.linalg.norm(g)), "converged": bool(converged)}


def newton(theta, X, Y, l2, max_iter=100, tol=1e-8, sample_weight=None, progress=None, prior=None):
    """Minimise the in-memory objective by Newton steps (IRLS); see :func:`newton_minimize`."""
    from sentiment.linear.loss import gradient, hessian, objective

    return newton_minimize(theta, lambda th: gradient(th, X, Y, l2, sample_weight, prior),
                           lambda th: objective(th, X, Y, l2, sample_weight, prior),
                           lambda th: hessian(th, X, Y, l2, sample_weight, prior), max_iter, tol, progress)


@register_solver("newton", dense=True, prior=True)
def _newton_solver(theta, X, Y, l2, *, model, sample_weight=None, progress=None, prior=None):
    return newton(theta, X, Y, l2, _given(model.max_iter, 100), _given(model.tol, 1e-8), sample_weight, progress,
                  prior)


@register_solver("lbfgs", prior=True)
def _lbfgs_solver(theta, X, Y, l2, *, model, sample_weight=None, progress=None, prior=None):
    return lbfgs(theta, X, Y, l2, _given(model.max_iter, 1000), _given(model.tol, 1e-8), sample_weight, progress,
                 prior=prior)


def _given(value, default):
    """``value`` unless it is None: a tolerance of 0 means "never stop on the tolerance", not the default."""
    return default if value is None else value


def lbfgs(theta, X, Y, l2, max_iter=1000, tol=1e-8, sample_weight=None, progress=None, memory=10, prior=None):
    """Minimise by L-BFGS (Nocedal and Wright, Algorithms 7.4 and 7.5); stops when ``max|grad| < tol``.

    Written here rather than taken from scipy: on many sparse weights scipy's
    L-BFGS-B spends most of an iteration in its bound-handling bookkeeping, not
    in the gradient (docs/design.md: Measurements behind the design; benchmarks/train.py).
    The step length comes from a
    backtracking Armijo search that starts at 1 (the quasi-Newton step is
    well scaled after the first iteration) and interpolates a parabola when it
    backs off; pairs with too little curvature are not stored.
    """
    from sentiment.linear.loss import gradient

    shape = theta.shape
    if hasattr(X, "tocsr"):
        X = X.tocsr()

    def fg(flat):
        loss, g = gradient(flat.reshape(shape), X, Y, l2, sample_weight, prior)
        return loss, g.ravel()

    return lbfgs_minimize(theta, fg, max_iter, tol, progress, memory)


def lbfgs_minimize(theta, fg, max_iter=1000, tol=1e-8, progress=None, memory=10):
    """:func:`lbfgs` on any objective: ``fg(flat theta) -> (value, flat gradient)``.

    The distributed trainer (:mod:`sentiment.scale.dask_training`) feeds it sums over
    partitions, so the steps are the same as in one process.
    """
    import numpy as np

    shape = theta.shape
    x = theta.ravel().astype(np.float64, copy=True)
    f, g = fg(x)
    pairs: list[tuple[np.ndarray, np.ndarray, float]] = []
    q, tmp = np.empty_like(x), np.empty_like(x)
    # At least one step, as in newton_minimize: the zero start is never returned as a fit.
    it, converged = 0, False
    while not converged and it < max_iter:
        it += 1
        # Two-loop recursion: q = -H g with H the L-BFGS inverse-Hessian estimate.
        # In place on preallocated buffers: fresh 1 MB temporaries cost more than the arithmetic.
        np.negative(g, out=q)
        alphas = []
        for s_k, y_k, rho_k in reversed(pairs):
            a = rho_k * float(s_k @ q)
            np.multiply(y_k, a, out=tmp)
            q -= tmp
            alphas.append(a)
        if pairs:
            s_k, y_k, _ = pairs[-1]
            q *= float(s_k @ y_k) / float(y_k @ y_k)
        else:
            q /= max(1.0, float(np.linalg.norm(g)))
        for (s_k, y_k, rho_k), a in zip(pairs, reversed(alphas)):
            np.multiply(s_k, a - rho_k * float(y_k @ q), out=tmp)
            q += tmp
        slope = float(g @ q)
        if not slope < 0:  # lost descent (rounding): restart from steepest descent
            pairs.clear()
            np.divide(g, -max(1.0, float(np.linalg.norm(g))), out=q)
            slope = float(g @ q)
        t = 1.0
        while True:
            x_new = x + t * q  # a new array: x_new - x becomes the stored pair
            f_new, g_new = fg(x_new)
            if f_new <= f + 1e-4 * t * slope or t < 1e-12:
                break
            if not np.isfinite(f_new):  # overflowed: too far; the parabola through NaN is NaN (a step of NaN forever)
                t *= 0.5
                continue
            # Minimiser of the parabola through f, the slope and f_new; kept within [0.1t, 0.5t].
            t_quad = -slope * t * t / (2.0 * (f_new - f - slope * t))
            t = min(max(t_quad, 0.1 * t), 0.5 * t)
        s_k, y_k = x_new - x, g_new - g
        sy = float(s_k @ y_k)
        if sy > 1e-10 * float(y_k @ y_k):
            pairs.append((s_k, y_k, 1.0 / sy))
            if len(pairs) > memory:
                pairs.pop(0)
        f_prev = f
        x, f, g = x_new, f_new, g_new
        if progress:
            progress(it, f)
        if not np.isfinite(f) or not np.all(np.isfinite(g)):
            break  # diverged: the caller says so, more steps only repeat NaN
        converged = bool(np.max(np.abs(g)) < tol)
        # Stalled at rounding level: a step that moves f by a few units in its last place (relative to f
        # itself: a loss of 0.09 still has 16 digits; a 1e-15 floor stopped its fits ~1e-6 off the optimum).
        if not converged and (t < 1e-12 or abs(f_prev - f) <= 1e-15 * max(abs(f), 1e-3)):
            converged = bool(np.max(np.abs(g)) < max(tol, 1e-6))
            break
    return x.reshape(shape), {"n_iter": it, "loss": f, "grad_norm": float(np.linalg.norm(g)), "converged": converged}


def _accuracy(theta, X, Y):
    import numpy as np
    
    from sentiment.linear.loss import linear

    Z = linear(X, theta)
    if Z.shape[1] == 1:
        return float(np.mean((Z[:, 0] > 0) == (Y[:, 0] > 0.5)))
    return float(np.mean(Z.argmax(axis=1) == Y.argmax(axis=1)))


def gradient_descent(
    theta, X, Y, l2, *, batch_size, max_iter=100, tol=1e-6, learning_rate=0.1, decay=0.0,
    rng=None, X_val=None, Y_val=None, n_iter_no_change=5, progress=None, prior=None,
):
    """Gradient descent over ``max_iter`` epochs with batches of ``batch_size`` rows.

    ``batch_size=1`` is stochastic gradient descent as in SLP3 Fig. 5.6,
    ``batch_size >= n`` is full-batch gradient descent.  The step size in epoch
    ``e`` is ``learning_rate / (1 + decay * e)``.  With a validation set, training
    stops when its loss has not improved by ``tol`` for ``n_iter_no_change``
    epochs, and the best parameters are kept.  Without one, training stops when
    the training objective changes by less than ``tol`` (relative) in an epoch.
    """
    import numpy as np
    
    from sentiment.linear.loss import gradient, objective

    rng = rng if rng is not None else np.random.default_rng(0)
    n = X.shape[0]
    batch_size = max(1, min(batch_size, n))
    history = []
    best = (np.inf, theta.copy(), 0)
    prev_loss = objective(theta, X, Y, l2, prior=prior)
    converged = False
    epoch = 0
    for epoch in range(1, max_iter + 1):
        eta = learning_rate / (1.0 + decay * (epoch - 1))
        order = rng.permutation(n) if batch_size < n else np.arange(n)
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            _, g = gradient(theta, X[idx], Y[idx], l2, prior=prior)
            theta = theta - eta * g
        loss = objective(theta, X, Y, l2, prior=prior)
        record = {"epoch": epoch, "loss": loss, "accuracy": _accuracy(theta, X, Y)}
        if X_val is not None:
            record["val_loss"] = objective(theta, X_val, Y_val, 0.0)
            record["val_accuracy"] = _accuracy(theta, X_val, Y_val)
        history.append(record)
        if progress:
            progress(epoch, loss)
        if not np.isfinite(loss):
            break
        if X_val is not None:
            if record["val_loss"] < best[0] - tol:
                best = (record["val_loss"], theta.copy(), epoch)
            elif epoch - best[2] >= n_iter_no_change:
                theta = best[1]
                converged = True
                break
        elif abs(prev_loss - loss) <= tol * max(1.0, abs(loss)):
            converged = True
            break
        prev_loss = loss
    loss, g = gradient(theta, X, Y, l2, prior=prior)
    return theta, {
        "n_iter": epoch, "loss": loss, "grad_norm": float(np.linalg.norm(g)),
        "converged": converged, "history": history,
    }


def _descent_solver(batch_of):
    """A gradient-descent solver whose batch size is ``batch_of(model, n_rows)``."""

    def solve(theta, X, Y, l2, *, model, sample_weight=None, progress=None, prior=None):
        import numpy as np

        rng = np.random.default_rng(model.random_state)
        X_val = Y_val = None
        if model.validation_fraction > 0:
            order = rng.permutation(X.shape[0])
            n_val = max(1, int(round(model.validation_fraction * X.shape[0])))
            if n_val >= X.shape[0]:
                from sentiment.errors import InputError

                raise InputError(f"validation split {model.validation_fraction:g} holds out {n_val} of "
                                 f"{X.shape[0]} documents, leaving none to train on")
            val, tr = order[:n_val], order[n_val:]
            X, X_val, Y, Y_val = X[tr], X[val], Y[tr], Y[val]
        return gradient_descent(
            theta, X, Y, l2, batch_size=batch_of(model, X.shape[0]), max_iter=_given(model.max_iter, 100),
            tol=_given(model.tol, 1e-6), learning_rate=model.learning_rate, decay=model.decay, rng=rng, X_val=X_val,
            Y_val=Y_val, n_iter_no_change=model.n_iter_no_change, progress=progress, prior=prior,
        )

    return solve


register_solver("sgd", sample_weight=False, prior=True)(_descent_solver(lambda model, n: 1))
register_solver("minibatch", sample_weight=False, prior=True)(_descent_solver(lambda model, n: model.batch_size))
register_solver("batch", sample_weight=False, prior=True)(_descent_solver(lambda model, n: n))
