"""Fit time and final loss: our solvers against scikit-learn's, on six-feature matrices.

Usage: python benchmarks/train.py

For RT-2k (2 000 reviews), MR (10 662 sentences) and SST-5 train (8 544 sentences,
five classes), features are the six SLP3 features with the Hu and Liu lexicon,
standardised. Each fit is timed (best of 3) and its regularised objective
(sum of log-loss + ||W||²/2C, C = 1, scikit-learn's) reported; ratios are ours / sklearn's.
Also prints RT-2k 10-fold accuracy on the standard folds, ours and sklearn's, and
the sparse case the extended model meets: SUBJ (10 000 sentences, 1–2-grams + the
NB log-odds column, ~150 000 weights), our L-BFGS against scipy's L-BFGS-B on the
same objective and gradient, and scikit-learn's lbfgs; one BLAS thread for all.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy: see sentiment.cli.main

import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np
from _data import data_root, hu_liu, rt2k_folds
from sklearn.linear_model import LogisticRegression as SkLR

from sentiment.io.corpus import read_corpora
from sentiment.features.six import SixFeatures
from sentiment.linear.loss import objective
from sentiment.linear.model import ConvergenceWarning, LogisticRegression

warnings.simplefilter("ignore", ConvergenceWarning)
warnings.simplefilter("ignore", UserWarning)


def best_of(fn, k=3):
    times = []
    for _ in range(k):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def sk_objective(model, X, y, C=1.0):
    classes, idx = np.unique(y, return_inverse=True)
    K = model.coef_.shape[0]
    Y = (idx == 1).astype(float)[:, None] if K == 1 else np.eye(K)[idx]
    theta = np.hstack([model.coef_, np.atleast_1d(model.intercept_)[:, None]])
    return objective(theta, X, Y, l2=1.0 / (C * len(y))) * len(y)


def main():
    d = data_root() / "corpora"
    sets = {
        "RT-2k": [d / "polarity-v2.0"],
        "MR": [d / "sentence-polarity-v1.0" / "rt-polarity.pos", d / "sentence-polarity-v1.0" / "rt-polarity.neg"],
        "SST-5": [d / "sst" / "stsa.fine.train"],
    }
    feats = SixFeatures(lexicon=hu_liu())
    print(f"{'data':<7} {'solver':<10} {'seconds':>9} {'objective':>14} {'time ratio':>11} {'rel. obj. diff':>15}")
    for name, paths in sets.items():
        c = read_corpora(paths)
        X = feats.transform(c.texts)
        X = (X - X.mean(0)) / X.std(0)
        y = np.asarray(c.labels)
        t_sk, sk = best_of(lambda: SkLR(C=1.0, tol=1e-10, max_iter=10_000).fit(X, y))
        f_sk = sk_objective(sk, X, y)
        print(f"{name:<7} {'sk-lbfgs':<10} {t_sk:9.4f} {f_sk:14.6f} {'1.00':>11} {'0':>15}")
        for solver, kw in [("newton", {}), ("lbfgs", {}),
                           ("batch", dict(max_iter=2000, learning_rate=1.0, tol=1e-10)),
                           ("minibatch", dict(max_iter=100, batch_size=64, learning_rate=0.5, decay=0.05, tol=1e-10)),
                           ("sgd", dict(max_iter=20, learning_rate=0.05, decay=0.2, tol=1e-10))]:
            k = 1 if solver in ("sgd", "minibatch") else 3
            t, m = best_of(lambda: LogisticRegression(solver=solver, standardize=False, **kw).fit(X, y), k)
            f = sk_objective(m, X, y)
            print(f"{name:<7} {solver:<10} {t:9.4f} {f:14.6f} {t / t_sk:11.2f} {(f - f_sk) / f_sk:15.2e}")

    c = read_corpora(sets["RT-2k"])
    X, y, folds = feats.transform(c.texts), np.asarray(c.labels), np.asarray(rt2k_folds(c.ids))
    ours, theirs = [], []
    for k in range(10):
        tr, te = folds != k, folds == k
        ours.append(np.mean(LogisticRegression().fit(X[tr], y[tr]).predict(X[te]) == y[te]))
        mu, sd = X[tr].mean(0), X[tr].std(0)
        sk = SkLR().fit((X[tr] - mu) / sd, y[tr])
        theirs.append(np.mean(sk.predict((X[te] - mu) / sd) == y[te]))
    print(f"\nRT-2k 10-fold (standard folds), six features, Hu and Liu: ours {100 * np.mean(ours):.2f} %, "
          f"scikit-learn {100 * np.mean(theirs):.2f} %")
    sparse_lbfgs(d)


def _scipy_lbfgsb(theta, X, Y, l2, tol):
    """The L-BFGS-B route the trainer used before: scipy's minimiser on our objective and gradient."""
    from scipy.optimize import minimize

    from sentiment.linear.loss import gradient

    def fun(flat):
        loss, g = gradient(flat.reshape(theta.shape), X, Y, l2)
        return loss, g.ravel()

    res = minimize(fun, theta.ravel(), jac=True, method="L-BFGS-B",
                   options={"maxiter": 1000, "gtol": tol, "ftol": 1e-15, "maxcor": 20})
    return res.x.reshape(theta.shape), res.nit


def sparse_lbfgs(d):
    from sentiment.features.extended import ExtendedFeatures

    c = read_corpora([d / "subj" / "subj.all"])
    y = np.asarray(c.labels)
    X = ExtendedFeatures(lexicon=hu_liu(), ngram_range=(1, 2), negation=False).fit_transform(c.texts, list(y))
    Y = (y == np.unique(y)[1]).astype(float)[:, None]
    l2, tol = 1.0 / len(y), 1e-6  # C = 1
    print(f"\nSUBJ extended features: {X.shape[0]} x {X.shape[1]}, {X.nnz} non-zeros; C = 1, max|gradient| < {tol}")
    print(f"{'solver':<16} {'seconds':>8} {'iterations':>11} {'objective':>14} {'rel. obj. diff':>15}")
    t_ours, m = best_of(lambda: LogisticRegression(solver="lbfgs", standardize=False, tol=tol).fit(X, y))
    f_ours = sk_objective(m, X, y)
    print(f"{'ours lbfgs':<16} {t_ours:8.2f} {m.n_iter_:>11} {f_ours:14.6f} {0:15.2e}")
    t, (theta, nit) = best_of(lambda: _scipy_lbfgsb(np.zeros((1, X.shape[1] + 1)), X, Y, l2, tol))
    f = objective(theta, X, Y, l2) * len(y)
    print(f"{'scipy L-BFGS-B':<16} {t:8.2f} {nit:>11} {f:14.6f} {(f - f_ours) / f_ours:15.2e}   ({t / t_ours:.1f}x ours)")
    t, sk = best_of(lambda: SkLR(C=1.0, tol=1e-8, max_iter=10_000).fit(X, y))
    f = sk_objective(sk, X, y)
    print(f"{'sklearn lbfgs':<16} {t:8.2f} {int(sk.n_iter_[0]):>11} {f:14.6f} {(f - f_ours) / f_ours:15.2e}   "
          f"({t / t_ours:.1f}x ours)")


if __name__ == "__main__":
    main()
