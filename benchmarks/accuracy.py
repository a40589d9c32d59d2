"""Accuracy on the standard protocols: ours against scikit-learn, VADER and TextBlob, beside published rows.

Usage: python benchmarks/accuracy.py [--quick]   (make bench installs the peers)

Protocols (../shared/data/README.md): 10-fold CV for RT-2k (standard folds,
NNN // 100), MR, MPQA and SUBJ (stratified, seed 0); train → test for SST-2
and SST-5. Rows:

* six features, Hu and Liu lexicon: the SLP3 model with a lexicon independent of every corpus;
* six features, induced lexicon: the lexicon is induced (sentiment.lexicons.induce) on each
  training fold only, as `sentiment lexicon induce` would;
* extended: six features (Hu and Liu, counts per token) + word 1–2-grams, negation marking,
  NB scaling, the out-of-fold NB log-odds column (mean ratio per n-gram) and the same for the
  last quarter of the tokens, L-BFGS, C = 1: the product's defaults, the same on every task
  and fold;
* extended, tuned: n-gram length, negation and C chosen on 5 inner folds of each training
  fold by sentiment.training.tune.tune_extended (what `sentiment train --tune` does: the defaults
  stay unless another setting beats them by more than one standard error), never on the
  test fold;
* scikit-learn TfidfVectorizer(1–2-grams) + LogisticRegression, default C;
* VADER compound > 0 and TextBlob polarity > 0, zero-shot, binary sentiment sets only.

Then a cross-domain table: train on one corpus, test on the others.
Folds run in parallel (--jobs, default 2), one BLAS thread each.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy: see sentiment.cli.main

import argparse  # noqa: E402
import multiprocessing  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
from _data import data_root, hu_liu  # noqa: E402

from sentiment.io.corpus import read_corpora  # noqa: E402
from sentiment.training.crossval import stratified_folds  # noqa: E402
from sentiment.features.extended import ExtendedFeatures  # noqa: E402
from sentiment.features.six import SixFeatures  # noqa: E402
from sentiment.lexicons.induce import induce_lexicon  # noqa: E402
from sentiment.lexicons.lexicon import Lexicon, load_lexicon  # noqa: E402
from sentiment.linear.model import LogisticRegression  # noqa: E402
from sentiment.training.tune import tune_extended  # noqa: E402

warnings.simplefilter("ignore")

PUBLISHED = {  # ../shared/data/README.md
    "NBSVM-bi (Wang & Manning 2012)": {"RT-2k": 89.45, "MR": 79.4, "MPQA": 86.3, "SUBJ": 93.2},
    "MNB bigrams (Wang & Manning 2012)": {"RT-2k": 85.85, "MR": 79.0, "MPQA": 86.3, "SUBJ": 93.6},
    "SVM bigrams (Wang & Manning 2012)": {"RT-2k": 87.40, "MR": 77.7, "MPQA": 86.7, "SUBJ": 91.7},
    "NB / bigram NB (Socher et al. 2013)": {"SST-2": 83.1, "SST-5": 41.9},
    "CNN-static (Kim 2014)": {"MR": 81.0, "MPQA": 89.6, "SST-2": 86.8, "SST-5": 45.5, "SUBJ": 93.0},
}
TASKS = ["RT-2k", "MR", "MPQA", "SUBJ", "SST-2", "SST-5"]
SENTIMENT_BINARY = {"RT-2k", "MR", "MPQA", "SST-2"}


def corpora():
    d = data_root() / "corpora"
    mr = d / "sentence-polarity-v1.0"
    return {
        "RT-2k": ([d / "polarity-v2.0"], None),
        "MR": ([mr / "rt-polarity.pos", mr / "rt-polarity.neg"], None),
        "MPQA": ([d / "mpqa-opinion" / "mpqa.all"], None),
        "SUBJ": ([d / "subj" / "subj.all"], None),
        "SST-2": ([d / "sst" / "stsa.binary.train"], [d / "sst" / "stsa.binary.test"]),
        "SST-5": ([d / "sst" / "stsa.fine.train"], [d / "sst" / "stsa.fine.test"]),
    }


def splits(name, train_paths, test_paths):
    """Yield (train_corpus, test_corpus) pairs for the task's protocol."""
    c = read_corpora(train_paths)
    if test_paths:
        yield c, read_corpora(test_paths)
        return
    if name == "RT-2k":
        folds = np.array([int(re.search(r"cv(\d)\d\d", i).group(1)) for i in c.ids])
    else:
        folds = stratified_folds(c.labels, 10, seed=0)
    for k in range(10):
        yield c.subset(np.flatnonzero(folds != k)), c.subset(np.flatnonzero(folds == k))


def positive_label(labels):
    return sorted(set(labels), key=str)[-1]


# -- systems: each maps (train, test) -> predicted labels for test ----------------------


def six_hu_liu(train, test):
    f = SixFeatures(lexicon=HU_LIU)
    m = LogisticRegression().fit(f.transform(train.texts), train.labels)
    return m.predict(f.transform(test.texts))


def six_induced(train, test):
    labels = sorted(set(train.labels), key=str)
    if len(labels) == 2:
        neg, pos = labels
    else:  # SST-5: contrast the two extremes
        neg, pos = labels[0], labels[-1]
    rows = induce_lexicon(train.texts, train.labels, positive=pos, negative=neg)
    lex = Lexicon.from_words([r["word"] for r in rows if r["polarity"] == "positive"],
                             [r["word"] for r in rows if r["polarity"] == "negative"], name="fold", warn=False)
    f = SixFeatures(lexicon=lex)
    m = LogisticRegression().fit(f.transform(train.texts), train.labels)
    return m.predict(f.transform(test.texts))


def extended(train, test):
    f = ExtendedFeatures(lexicon=HU_LIU, ngram_range=(1, 2), negation=True, nb=True)
    X = f.fit_transform(train.texts, train.labels)
    m = LogisticRegression(C=1.0, standardize=False, tol=1e-6).fit(X, train.labels)
    return m.predict(f.transform(test.texts))


def extended_tuned(train, test):
    """Extended, with n-gram length, negation and C chosen on inner folds of the training fold."""
    best, _ = tune_extended(train.texts, train.labels, lexicon=HU_LIU, seed=0)
    f = ExtendedFeatures(lexicon=HU_LIU, ngram_range=(1, best["ngram_max"]), negation=best["negation"], nb=True)
    X = f.fit_transform(train.texts, train.labels)
    m = LogisticRegression(C=best["C"], standardize=False, tol=1e-6).fit(X, train.labels)
    return m.predict(f.transform(test.texts)), best


def sklearn_tfidf(train, test):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression as SkLR

    vec = TfidfVectorizer(ngram_range=(1, 2))
    m = SkLR(max_iter=2000).fit(vec.fit_transform(train.texts), train.labels)
    return m.predict(vec.transform(test.texts))


def vader(train, test):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    v = SentimentIntensityAnalyzer()
    labels = sorted(set(train.labels), key=str)
    return np.array([labels[1] if v.polarity_scores(t)["compound"] > 0 else labels[0] for t in test.texts], dtype=object)


def textblob(train, test):
    from textblob import TextBlob

    labels = sorted(set(train.labels), key=str)
    return np.array([labels[1] if TextBlob(t).sentiment.polarity > 0 else labels[0] for t in test.texts], dtype=object)


SYSTEMS = [
    ("ours: six features, Hu and Liu", six_hu_liu, False),
    ("ours: six features, fold-induced lexicon", six_induced, False),
    ("ours: extended (six + NB 1-2-grams + NB log-odds + ending)", extended, False),
    ("ours: extended, tuned on inner folds", extended_tuned, False),
    ("scikit-learn TF-IDF + LR", sklearn_tfidf, False),
    ("VADER (zero-shot)", vader, True),
    ("TextBlob (zero-shot)", textblob, True),
]


_WORK: tuple = ()  # (system, list of splits), set before forking the worker pool


def _run_split(i):
    system, pairs = _WORK
    train, test = pairs[i]
    out = system(train, test)
    pred, chosen = out if isinstance(out, tuple) else (out, None)
    correct = int(np.sum(np.asarray(pred, dtype=object) == np.asarray(test.labels, dtype=object)))
    return correct, len(test), chosen


def accuracy_of(system, name, train_paths, test_paths, jobs=1):
    """Accuracy over the task's protocol, and the settings a tuned system chose on each fold."""
    global _WORK
    _WORK = (system, list(splits(name, train_paths, test_paths)))
    if jobs > 1 and len(_WORK[1]) > 1:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(_WORK[1]))) as pool:
            results = pool.map(_run_split, range(len(_WORK[1])), chunksize=1)
    else:
        results = [_run_split(i) for i in range(len(_WORK[1]))]
    correct, total = sum(r[0] for r in results), sum(r[1] for r in results)
    return 100.0 * correct / total, [r[2] for r in results if r[2] is not None]


def main():
    global HU_LIU
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip the slow zero-shot peers on RT-2k")
    ap.add_argument("--tasks", default=",".join(TASKS))
    ap.add_argument("--systems", default=None, help="comma-separated substrings of the system names to run")
    ap.add_argument("--no-cross-domain", action="store_true")
    ap.add_argument("--jobs", type=int, default=2, help="folds run in parallel (default 2)")
    args = ap.parse_args()
    HU_LIU = load_lexicon(hu_liu())
    tasks = [t for t in args.tasks.split(",") if t]
    data = corpora()
    results = {}
    systems = [s for s in SYSTEMS if args.systems is None or any(k in s[0] for k in args.systems.split(","))]
    for label, system, zero_shot in systems:
        for task in tasks:
            if zero_shot and task not in SENTIMENT_BINARY:
                continue
            if zero_shot and args.quick and task == "RT-2k":
                continue
            t = time.perf_counter()
            try:
                results[(label, task)], chosen = accuracy_of(system, task, *data[task], jobs=args.jobs)
            except ImportError as exc:
                print(f"({label}: {exc}; pip install the peers with `make bench`)", file=sys.stderr)
                break
            print(f"  {label:<44} {task:<6} {results[(label, task)]:6.2f}  ({time.perf_counter() - t:.0f} s)",
                  file=sys.stderr, flush=True)
            if chosen:
                picks = [f"1-{c['ngram_max']}{' neg' if c['negation'] else ''} C={c['C']:g}" for c in chosen]
                print(f"    settings chosen per fold: {'; '.join(picks)}", file=sys.stderr, flush=True)

    width = 62
    print(f"\n{'accuracy %':<{width}}" + "".join(f"{t:>8}" for t in tasks))
    for label, _, _ in systems:
        print(f"{label:<{width}}" + "".join(
            f"{results[(label, t)]:8.2f}" if (label, t) in results else f"{'':>8}" for t in tasks))
    for label, row in PUBLISHED.items():
        print(f"{'published: ' + label:<{width}}" + "".join(f"{row[t]:8.2f}" if t in row else f"{'':>8}" for t in tasks))

    if args.no_cross_domain:
        return
    # Cross-domain: a model is only as good as its worst domain.
    print("\ncross-domain accuracy % (train on the row, test on the column; whole corpora)")
    d = data_root() / "corpora"
    sets = {
        "RT-2k": read_corpora([d / "polarity-v2.0"]),
        "MR": read_corpora(data["MR"][0]),
        "MPQA": read_corpora(data["MPQA"][0], label_map={"0": "neg", "1": "pos"}),
        "SST-2 test": read_corpora(data["SST-2"][1], label_map={"0": "neg", "1": "pos"}),
    }
    for label, system in (("six, Hu and Liu", six_hu_liu), ("extended", extended)):
        print(f"  {label}")
        corner = "train \\ test"
        print(f"  {corner:<12}" + "".join(f"{t:>12}" for t in sets))
        for train_name in ("RT-2k", "MR"):
            row = []
            for test_name, test in sets.items():
                if test_name == train_name or (train_name == "MR" and test_name == "SST-2 test"):
                    row.append(f"{'(same)' if test_name == train_name else '(overlap)':>12}")
                    continue
                pred = system(sets[train_name], test)
                row.append(f"{100 * np.mean(np.asarray(pred, dtype=object) == np.asarray(test.labels, dtype=object)):12.2f}")
            print(f"  {train_name:<12}" + "".join(row))


HU_LIU = None

if __name__ == "__main__":
    main()
