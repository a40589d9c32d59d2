"""Accuracy across domains: leave-one-domain-out and in-domain 5-fold CV, per system, with length bands.

Usage::

    make bench-domains    # makes .venv-bench with the peers (pip install -e '.[bench]'), runs this and capabilities.py
    .venv-bench/bin/python benchmarks/domains.py --out domains.json          # full run
    .venv-bench/bin/python benchmarks/domains.py --quick --out /tmp/d.json   # small training sets, for iterating

The domains are those of ``benchmarks/_domains.py`` (film reviews, film sentences, books, DVD,
electronics, kitchen, pros/cons, tweets; labels neg/pos).  For each domain:

* **leave-one-domain-out**: train on all the other domains, test on the whole domain;
* **in-domain**: stratified 5-fold cross-validation inside the domain (seed 0).

Training pools are subsampled deterministically so a full run fits in about 25 minutes on two
cores: each domain contributes at most ``--cap`` documents (default 10 000; a seeded random
subset, the same for every system) to any training set.  Only pros/cons (45 875), tweets
(20 000) and film sentences (12 371) are cut.  Test sets are never subsampled (except with
``--quick``).  The output says which pools were cut.

Systems (rows):

* ``general``: ``sentiment.training.general.make_general_pipeline()`` when that module exists;
* ``extended (current)``: today's extended model as ``sentiment train --features extended --min-df 2``
  makes it (six features per token with the ``default`` lexicon, NB-scaled word 1–2-grams with
  negation marking, the NB log-odds columns, L-BFGS, C = 1);
* ``six features``: the SLP3 six-feature model with the ``default`` lexicon (``sentiment train --features six``'s defaults);
* ``TF-IDF + LR``: scikit-learn ``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)``
  + ``LogisticRegression(C=10)``, trained on the same data;
* ``VADER``: zero-shot, positive when the compound score is ≥ 0.05 (VADER's own threshold for
  "positive"; its neutral band and negatives both count as negative);
* ``TextBlob``: zero-shot, positive when the polarity is > 0.

``--three-way`` runs the domains with neutral labels instead (tweets, financial news, SST-5,
EmoBank, SemEval's SMS and LiveJournal): three-class macro-F1, accuracy, macro-recall and binary
accuracy, leave-one-domain-out and in-domain (``benchmarks/_three_class.py`` says how).

Zero-shot systems are trained on nothing, so both of their cells are their accuracy on the
whole domain.  Length bands (whitespace tokens: ≤ 20, 21–100, > 100) pool every domain's
leave-one-domain-out predictions; Brier score and expected calibration error (10 equal-width
bins of p(pos)) are given for the trained systems, whose probabilities mean something.

A new system is one entry in :func:`systems`: a name and a function making an unfitted
object with ``fit(texts, labels)``, ``predict_proba(texts)`` and ``classes_``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy: folds run in parallel processes

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import platform  # noqa: E402
import shlex  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
from _data import data_root  # noqa: E402
from _domains import DOMAINS, load_domains  # noqa: E402

warnings.simplefilter("ignore")

FOLDS = 5
SEED = 0
BANDS = [("≤ 20", 0, 20), ("21–100", 21, 100), ("> 100", 101, None)]
VADER_THRESHOLD = 0.05


# -- systems ------------------------------------------------------------------------------


def _extended_current():
    from sentiment.features.extended import ExtendedFeatures
    from sentiment.linear.model import LogisticRegression
    from sentiment.pipeline import SentimentPipeline

    # What `sentiment train --features extended --min-df 2` builds (sentiment/cli/train.py).
    return SentimentPipeline(ExtendedFeatures(lexicon="default", ngram_range=(1, 2), min_df=2, negation=True, nb=True),
                             LogisticRegression(C=1.0, standardize=False))


def _six():
    from sentiment.features.six import SixFeatures
    from sentiment.linear.model import LogisticRegression
    from sentiment.pipeline import SentimentPipeline

    return SentimentPipeline(SixFeatures(lexicon="default"), LogisticRegression())


class TfidfLR:
    """scikit-learn's TF-IDF + logistic regression with the settings of ../shared/data/README.md."""

    def fit(self, texts, labels):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression as SkLR

        self.vec_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        self.lr_ = SkLR(C=10, max_iter=2000).fit(self.vec_.fit_transform(texts), labels)
        return self

    @property
    def classes_(self):
        return self.lr_.classes_

    def predict_proba(self, texts):
        return self.lr_.predict_proba(self.vec_.transform(texts))


def vader_pos(texts):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    v = SentimentIntensityAnalyzer()
    return np.array([v.polarity_scores(t)["compound"] >= VADER_THRESHOLD for t in texts])


def textblob_pos(texts):
    from textblob import TextBlob

    return np.array([TextBlob(t).sentiment.polarity > 0 for t in texts])


def general_factory():
    """Helper 15b's general model, when its module is in this tree."""
    try:
        from sentiment.training.general import make_general_pipeline
    except ImportError:
        return None
    return make_general_pipeline


def systems():
    """[(name, kind, function)]: kind "trained" (function makes an unfitted model) or "zero-shot"
    (function maps texts to a boolean array, True = pos)."""
    rows = []
    general = general_factory()
    if general is not None:
        rows.append(("general (sentiment.training.general)", "trained", general))
    rows += [
        ("extended (current)", "trained", _extended_current),
        ("six features", "trained", _six),
        ("TF-IDF + LR (scikit-learn)", "trained", TfidfLR),
        ("VADER (zero-shot)", "zero-shot", vader_pos),
        ("TextBlob (zero-shot)", "zero-shot", textblob_pos),
    ]
    return rows


# -- splits -------------------------------------------------------------------------------


def capped(indices, cap, seed):
    """At most ``cap`` of ``indices``: a seeded random subset, kept in file order."""
    indices = np.asarray(indices)
    if cap is None or len(indices) <= cap:
        return indices
    return np.sort(np.random.default_rng(seed).choice(indices, cap, replace=False))


def make_splits(domains, cap, test_cap=None):
    """Every (protocol, test domain, fold, train parts, test indices), train parts as [(domain, indices)]."""
    from sentiment.training.crossval import stratified_folds

    splits = []
    names = list(domains)
    test_idx = {d: capped(np.arange(len(domains[d][0])), test_cap, 100 + i) for i, d in enumerate(names)}
    for i, d in enumerate(names):
        train = [(o, capped(np.arange(len(domains[o][0])), cap, 200 + j)) for j, o in enumerate(names) if o != d]
        splits.append(("lodo", d, 0, train, test_idx[d]))
    for i, d in enumerate(names):
        labels = domains[d][1]
        folds = np.asarray(stratified_folds(labels, FOLDS, seed=SEED))
        for k in range(FOLDS):
            tr = capped(np.flatnonzero(folds != k), cap, 300 + 10 * i + k)
            te = np.flatnonzero(folds == k)
            if test_cap is not None:
                te = np.intersect1d(te, test_idx[d])
            splits.append(("in-domain", d, k, [(d, tr)], te))
    return splits


# -- running ------------------------------------------------------------------------------

_WORK: dict = {}  # set before forking the pool: domains, trained systems, splits


def _gather(parts):
    texts, labels = [], []
    for d, idx in parts:
        t, l = _WORK["domains"][d]
        texts += [t[i] for i in idx]
        labels += [l[i] for i in idx]
    return texts, labels


def _run(task):
    """One fit-and-predict (a trained system on one split) or one zero-shot pass over one domain."""
    if task[0] == "zero-shot":
        _, name, d, idx = task
        t0 = time.perf_counter()
        pred = _WORK["zero"][name]([_WORK["domains"][d][0][i] for i in idx])
        return ("zero-shot", name, d), (idx, pred, time.perf_counter() - t0)
    name, s = task
    make = _WORK["trained"][name]
    protocol, d, k, train, test = _WORK["splits"][s]
    texts, labels = _gather(train)
    t0 = time.perf_counter()
    model = make().fit(texts, labels)
    t1 = time.perf_counter()
    test_texts, _ = _gather([(d, test)])
    proba = np.asarray(model.predict_proba(test_texts))
    p_pos = proba[:, list(map(str, model.classes_)).index("pos")]
    return (name, s), (p_pos, t1 - t0, time.perf_counter() - t1, len(texts))


def brier(p, y):
    """Mean squared error of p(pos) against y (1 = pos).

    >>> brier(np.array([1.0, 0.5]), np.array([1, 0]))
    0.125
    """
    return float(np.mean((p - y) ** 2))


def reliability(p, y, bins=10):
    """Equal-width bins of p(pos): [(low, high, n, mean p, observed pos rate)] and the expected calibration error.

    >>> rows, ece = reliability(np.array([0.05, 0.15, 0.95, 0.95]), np.array([0, 1, 1, 1]), bins=10)
    >>> [r[2] for r in rows if r[2]], round(ece, 4)
    ([1, 1, 2], 0.2375)
    """
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows, ece = [], 0.0
    for b in range(bins):
        m = which == b
        n = int(m.sum())
        mean_p = float(p[m].mean()) if n else None
        rate = float(y[m].mean()) if n else None
        if n:
            ece += n / len(p) * abs(mean_p - rate)
        rows.append((float(edges[b]), float(edges[b + 1]), n, mean_p, rate))
    return rows, float(ece)


def band_of(n_tokens):
    for label, lo, hi in BANDS:
        if n_tokens >= lo and (hi is None or n_tokens <= hi):
            return label
    raise AssertionError(n_tokens)


def length_report(pred_pos, proba, truth_pos, lengths, trained):
    """Accuracy (and, for trained systems, Brier and ECE) per length band."""
    out = {}
    bands = np.array([band_of(n) for n in lengths])
    for label, _, _ in BANDS:
        m = bands == label
        row = {"n": int(m.sum())}
        if m.any():
            row["accuracy"] = float(np.mean(pred_pos[m] == truth_pos[m]))
            if trained:
                row["brier"] = brier(proba[m], truth_pos[m])
                row["reliability"], row["ece"] = reliability(proba[m], truth_pos[m])
        out[label] = row
    return out


def run(domains, cap, test_cap, jobs, only_systems=None, log=print):
    global _WORK
    rows = [s for s in systems() if only_systems is None or any(k in s[0] for k in only_systems)]
    splits = make_splits(domains, cap, test_cap)
    trained = {name: fn for name, kind, fn in rows if kind == "trained"}
    _WORK = {"domains": domains, "trained": trained, "splits": splits}
    results = {name: {"kind": kind, "lodo": {}, "in-domain": {}} for name, kind, _ in rows}
    truth = {d: np.array([l == "pos" for l in domains[d][1]]) for d in domains}

    # Every (trained system, split) is one task, and every (zero-shot system, domain) one pass over
    # its test documents; the biggest first, so the workers finish together.
    zero_fns = {name: fn for name, kind, fn in rows if kind == "zero-shot"}
    _WORK["zero"] = zero_fns
    tests = {d: np.unique(np.concatenate([s[4] for s in splits if s[1] == d])) for d in domains}
    tasks = [(name, s) for name in trained for s in range(len(splits))]
    cost = {t: sum(len(ix) for _, ix in splits[t[1]][3]) for t in tasks}
    for name in zero_fns:
        for d in domains:
            t = ("zero-shot", name, d, tests[d])
            tasks.append(t)
            cost[id(t)] = sum(len(domains[d][0][i]) for i in tests[d]) / 50  # characters, roughly to documents
    tasks.sort(key=lambda t: cost[id(t)] if t[0] == "zero-shot" else cost[t], reverse=True)
    outputs = {}
    t0 = time.perf_counter()
    done = lambda i: (i % 10 == 0 or i == len(tasks)) and log(f"  {i}/{len(tasks)} tasks done "
                                                               f"({time.perf_counter() - t0:.0f} s)")
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for i, (key, value) in enumerate(pool.imap_unordered(_run, tasks, chunksize=1), 1):
                outputs[key] = value
                done(i)
    else:
        for i, task in enumerate(tasks, 1):
            key, value = _run(task)
            outputs[key] = value
            done(i)
    zero = {name: {} for name in zero_fns}
    for name in zero_fns:
        for d in domains:
            idx, pred, secs = outputs[("zero-shot", name, d)]
            full = np.zeros(len(domains[d][0]), dtype=bool)
            full[idx] = pred
            zero[name][d] = full
            results[name].setdefault("seconds", {"predict": 0.0})["predict"] += round(secs, 1)

    lengths = {d: np.array([len(t.split()) for t in domains[d][0]]) for d in domains}
    for name, kind, _ in rows:
        pooled = {"lodo": ([], [], [], []), "in-domain": ([], [], [], [])}
        fit_s = pred_s = 0.0
        for s, (protocol, d, k, train, test) in enumerate(splits):
            if kind == "trained":
                p_pos, fs, ps, n_train = outputs[(name, s)]
                fit_s, pred_s = fit_s + fs, pred_s + ps
                pred = p_pos >= 0.5
            else:
                pred, p_pos = zero[name][d][test], np.full(len(test), np.nan)
            cell = results[name][protocol].setdefault(d, {"correct": 0, "n": 0})
            cell["correct"] += int(np.sum(pred == truth[d][test]))
            cell["n"] += len(test)
            for lst, v in zip(pooled[protocol], (pred, p_pos, truth[d][test], lengths[d][test])):
                lst.append(v)
        for protocol in ("lodo", "in-domain"):
            for cell in results[name][protocol].values():
                cell["accuracy"] = 100.0 * cell["correct"] / cell["n"]
            accs = {d: c["accuracy"] for d, c in results[name][protocol].items()}
            worst = min(accs, key=accs.get)
            results[name][protocol + " summary"] = {"mean": float(np.mean(list(accs.values()))),
                                                    "worst": accs[worst], "worst domain": worst}
            pred, p_pos, y, n_tok = (np.concatenate(x) for x in pooled[protocol])
            results[name][protocol + " by length"] = length_report(pred, p_pos, y, n_tok, kind == "trained")
        if kind == "trained":
            results[name]["seconds"] = {"fit": round(fit_s, 1), "predict": round(pred_s, 1)}
    return results, splits


# -- output -------------------------------------------------------------------------------


def markdown(results, domain_names):
    short = {"film reviews": "film reviews", "film sentences": "film sent.", "electronics": "electr."}
    lines = []
    for protocol, title in (("lodo", "Leave-one-domain-out accuracy % (trained on the other seven domains)"),
                            ("in-domain", f"In-domain accuracy % ({FOLDS}-fold stratified CV inside each domain)")):
        lines += [f"**{title}**", "",
                  "| system | " + " | ".join(short.get(d, d) for d in domain_names) + " | mean | worst |",
                  "|---" * (len(domain_names) + 3) + "|"]
        for name, r in results.items():
            cells = [f"{r[protocol][d]['accuracy']:.2f}" for d in domain_names]
            sm = r[protocol + " summary"]
            lines.append(f"| {name} | " + " | ".join(cells)
                         + f" | {sm['mean']:.2f} | {sm['worst']:.2f} ({short.get(sm['worst domain'], sm['worst domain'])}) |")
        lines.append("")
    band_names = [b[0] for b in BANDS]
    first = next(iter(results.values()))["lodo by length"]
    lines += ["**By length** (leave-one-domain-out predictions of all domains pooled; whitespace tokens; "
              "accuracy %, Brier score, expected calibration error over 10 bins)", "",
              "| system | " + " | ".join(f"acc. {b} (n = {first[b]['n']})" for b in band_names)
              + " | " + " | ".join(f"Brier {b}" for b in band_names) + " | "
              + " | ".join(f"ECE {b}" for b in band_names) + " |",
              "|---" * (1 + 3 * len(band_names)) + "|"]
    for name, r in results.items():
        bl = r["lodo by length"]
        acc = [f"{100 * bl[b]['accuracy']:.2f}" if "accuracy" in bl[b] else "" for b in band_names]
        bri = [f"{bl[b]['brier']:.3f}" if "brier" in bl[b] else "–" for b in band_names]
        ece = [f"{bl[b]['ece']:.3f}" if "ece" in bl[b] else "–" for b in band_names]
        lines.append(f"| {name} | " + " | ".join(acc + bri + ece) + " |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=None, help="write the results as JSON to this file")
    ap.add_argument("--cap", type=int, default=10000,
                    help="most documents a domain adds to any training set (default 10000)")
    ap.add_argument("--quick", action="store_true",
                    help="iterate fast: --cap 1000 and at most 500 test documents per domain")
    ap.add_argument("--jobs", type=int, default=2, help="fits run in parallel (default 2)")
    ap.add_argument("--systems", default=None, help="comma-separated substrings of the system names to run")
    ap.add_argument("--domains", default=None, help="comma-separated domain names (default: all eight)")
    ap.add_argument("--three-way", action="store_true",
                    help="run the three-class domains instead (tweets, financial news, SST-5, EmoBank, SMS, "
                         "LiveJournal: benchmarks/_three_class.py)")
    args = ap.parse_args(argv)
    if args.three_way:
        return main_three_way(args, argv)
    cap, test_cap = (min(args.cap, 1000), 500) if args.quick else (args.cap, None)
    only = [d.strip() for d in args.domains.split(",")] if args.domains else None
    log = lambda msg: print(msg, file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    domains = load_domains(data_root(), only)
    names = [d for d in DOMAINS if d in domains]
    cut = {d: f"{len(domains[d][0])} → {cap}" for d in names if len(domains[d][0]) > cap}
    log(f"domains: " + ", ".join(f"{d} {len(domains[d][0])}" for d in names))
    log(f"training pools capped at {cap} documents per domain (seeded subsets): "
        + (", ".join(f"{d} {v}" for d, v in cut.items()) or "none cut"))
    results, splits = run(domains, cap, test_cap, args.jobs,
                          args.systems.split(",") if args.systems else None, log)
    seconds = time.perf_counter() - t0

    command = "python benchmarks/domains.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    print(markdown(results, names))
    print(f"\n`{command}`: {len(splits)} splits, training pools capped at {cap} documents per domain "
          f"({'; '.join(f'{d} {v}' for d, v in cut.items()) or 'none cut'})"
          + (f", test sets at {test_cap} per domain" if test_cap else "")
          + f"; VADER positive iff compound ≥ {VADER_THRESHOLD}, TextBlob iff polarity > 0; "
          f"{seconds / 60:.1f} min with {args.jobs} jobs.")
    if args.out:
        import sklearn

        payload = {"command": command, "cap": cap, "test_cap": test_cap, "folds": FOLDS, "seed": SEED,
                   "capped_domains": cut, "domains": {d: len(domains[d][0]) for d in names},
                   "vader_rule": f"pos iff compound >= {VADER_THRESHOLD}", "textblob_rule": "pos iff polarity > 0",
                   "bands": [b[0] for b in BANDS], "seconds": round(seconds, 1),
                   "python": platform.python_version(), "sklearn": sklearn.__version__,
                   "results": results}
        args.out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
        log(f"wrote {args.out}")


def main_three_way(args, argv):
    import _three_class

    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    results, sizes = _three_class.run(data_root(), cap=args.cap, jobs=args.jobs, log=log)
    seconds = time.perf_counter() - t0
    command = "python benchmarks/domains.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    print(_three_class.markdown(results, sizes))
    print(f"`{command}`: training pools capped at {args.cap} documents per domain; {seconds / 60:.1f} min "
          f"with {args.jobs} jobs.")
    if args.out:
        payload = {"command": command, "cap": args.cap, "test_sizes": sizes, "seconds": round(seconds, 1),
                   "python": platform.python_version(), "results": results}
        args.out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
        log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
