"""Fit time and final loss: our solvers against scikit-learn's, on six-feature matrices.

Usage: python benchmarks/train.py

For RT-2k (2 000 reviews), MR (10 662 sentences) and SST-5 train (8 544 sentences,
five classes), features are the six SLP3 features with the Hu and Liu lexicon,
standardised. Each fit is timed (best of 3) and its regularised objective
(sum of log-loss + ||W||²/2C, C = 1, scikit-learn's) reported; ratios are ours / sklearn's.
Also prints RT-2k 10-fold accuracy on the standard folds, ours and sklearn's.
"""

import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np
from _data import data_root, hu_liu, rt2k_folds
from sklearn.linear_model import LogisticRegression as SkLR

from sentiment.corpus import read_corpora
from sentiment.features import SixFeatures
from sentiment.logistic import objective
from sentiment.model import ConvergenceWarning, LogisticRegression

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
    feats = SixFeatures(hu_liu())
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


if __name__ == "__main__":
    main()
