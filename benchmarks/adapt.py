"""A learning curve: adapting the general model to k labelled documents of a domain it never saw.

Usage::

    nice -n 10 .venv-bench/bin/python benchmarks/adapt.py --out benchmarks/results/adapt.json
    .venv-bench/bin/python benchmarks/adapt.py --domains books,tweets --ks 25,200 --seeds 1   # to iterate

For each domain of the domain benchmark (``benchmarks/_domains.py``: film reviews, film sentences, books,
DVD, electronics, kitchen, pros/cons, tweets; labels neg/pos):

* **the prior**: the shipped model's recipe (``tools/build_models.py``: ``train_general`` over the binary
  domains and the three-way training sets, each class weighted to the same total, three-way softmax)
  trained without that domain: leave-one-domain-out.  Held out ``tweets``, the SemEval tweets are left
  out too; held out ``film sentences``, SST-5 (the same sentences).  Priors are cached as model files in
  ``--cache`` (a temporary folder by default), keyed by the held-out domain only: empty it when the
  recipe or the data change;
* for k = 25, 50, 100, 200, 500, 1000 and 5 seeds, k documents drawn at random from the domain's pool
  train, and the pool's other documents (at most ``--test-cap``, 2 000) test.  The pool is the whole
  domain, or for the three big ones (film sentences, pros/cons, tweets) a seeded subset of ``--pool``
  (4 000) documents, so that a cell's test set is at most 2 000 documents.

Rows (accuracy %, negative against positive: the three-way models answer through the polar view, as
``evaluate`` scores them on two-class gold):

* ``prior``: the leave-one-domain-out prior as it is;
* ``general recipe``: ``make_general_pipeline()`` fitted on the k documents alone (what
  ``sentiment train --from none --features general`` does: with its 15 148 lexicon pseudo-documents);
* ``TF-IDF + LR``: scikit-learn as in ``benchmarks/domains.py``, on the k documents;
* ``adapted``: the prior adapted to the k documents (``sentiment.training.adapt``: λ chosen on 5 inner folds).

``--scratch-seeds N`` runs the general recipe's row on the first N draws only (its fits are the slow part).
The prior's features of the pool are computed once per domain, and each cell's adaptation takes rows of
that matrix (the same computation as ``sentiment.adapt`` on the texts).  The time of ``sentiment.adapt``
on 1 000 documents, featurizing and the inner folds included, is measured once per domain (seed 0).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy: domains run in parallel processes

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import platform  # noqa: E402
import shlex  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
from _data import data_root  # noqa: E402
from _domains import DOMAINS, load_domains, load_three_way  # noqa: E402
from domains import TfidfLR  # noqa: E402  (the same peer as the domain benchmark's)

warnings.simplefilter("ignore")

KS = (25, 50, 100, 200, 500, 1000)
SEEDS = 5
ROWS = ("prior", "general recipe", "TF-IDF + LR", "adapted")
#: Three-way training sets left out of the prior with each held-out domain (the same text, or its source).
OVERLAPS = {"tweets": ("semeval tweets",), "film sentences": ("film sentences (SST-5)",)}


def prior_for(held_out, root, cache: Path):
    """The general recipe trained without ``held_out`` (cached as a model file in ``cache``)."""
    from sentiment.pipeline import load_model
    from sentiment.training.general import train_general

    path = cache / f"prior-{held_out.replace('/', '-').replace(' ', '-')}.zip"
    if path.exists():
        return load_model(path)
    domains = {d: v for d, v in load_domains(root).items() if d != held_out}
    three_way, _ = load_three_way(root)
    three_way = {d: v for d, v in three_way.items() if d not in OVERLAPS.get(held_out, ())}
    pipe = train_general({**domains, **three_way}, balance_classes=True, neutral=None)
    pipe.save(path)
    return load_model(path)


def polar_accuracy(classes, P, truth) -> float:
    """Accuracy of ``pos`` when p(pos) > p(neg), else ``neg`` (the polar view of a three-way model)."""
    names = [str(c) for c in classes]
    guess = np.where(P[:, names.index("pos")] > P[:, names.index("neg")], "pos", "neg")
    return float(np.mean(guess == np.asarray(truth)))


def run_domain(task):
    """Every cell of one domain: ``{row: {k: [accuracy per seed]}}``, the strengths chosen, the timing."""
    name, texts, labels, ks, seeds, scratch_seeds, test_cap, root, cache, rows = task
    from sentiment.linear.model import LogisticRegression
    from sentiment.training.adapt import adapt, choose_strength
    from sentiment.training.general import make_general_pipeline

    t0 = time.perf_counter()
    prior = prior_for(name, root, Path(cache))
    prior_seconds = time.perf_counter() - t0
    X = prior.featurize(texts)
    P_prior = prior.model.predict_proba(X)
    y = np.asarray(labels, dtype=object)
    out = {r: {k: [] for k in ks} for r in rows}
    strengths = {k: [] for k in ks}
    for seed in range(seeds):
        order = np.random.default_rng(1000 + seed).permutation(len(texts))
        for k in ks:
            train, test = order[:k], order[k:k + test_cap]
            truth = y[test]
            if "prior" in rows:
                out["prior"][k].append(polar_accuracy(prior.classes_, P_prior[test], truth))
            if "adapted" in rows:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    strength, _ = choose_strength(X[train], y[train], prior.model)
                    m = LogisticRegression(l2=strength, prior=prior.model).fit(X[train], list(y[train]))
                out["adapted"][k].append(polar_accuracy(m.classes_, m.predict_proba(X[test]), truth))
                strengths[k].append(strength)
            docs = [texts[i] for i in train]
            test_docs = [texts[i] for i in test]
            if "general recipe" in rows and seed < scratch_seeds:
                g = make_general_pipeline().fit(docs, list(y[train]))
                out["general recipe"][k].append(polar_accuracy(g.classes_, g.predict_proba(test_docs), truth))
            if "TF-IDF + LR" in rows:
                t = TfidfLR().fit(docs, list(y[train]))
                out["TF-IDF + LR"][k].append(polar_accuracy(t.classes_, t.predict_proba(test_docs), truth))
    timing = None
    if "adapted" in rows and max(ks) >= 1000:
        order = np.random.default_rng(1000).permutation(len(texts))[:1000]
        start = time.perf_counter()
        adapt([texts[i] for i in order], list(y[order]), model=prior)
        timing = time.perf_counter() - start
    return name, out, strengths, {"pool": len(texts), "prior_seconds": round(prior_seconds, 1),
                                  "adapt_1000_seconds": None if timing is None else round(timing, 2),
                                  "seconds": round(time.perf_counter() - t0, 1)}


def pools(domains, pool_cap):
    """Each domain's documents, or a seeded subset of ``pool_cap`` of them."""
    out = {}
    for j, (name, (texts, labels)) in enumerate(domains.items()):
        idx = np.arange(len(texts))
        if len(idx) > pool_cap:
            idx = np.sort(np.random.default_rng(500 + j).choice(idx, pool_cap, replace=False))
        out[name] = ([texts[i] for i in idx], [labels[i] for i in idx])
    return out


def markdown(results, ks) -> str:
    """The table: per row and k, mean over domains of the mean over seeds, and the worst domain."""
    names = list(results["domains"])
    lines = ["| k | " + " | ".join(f"{r}: mean / worst" for r in results["rows"]) + " |",
             "|---|" + "---|" * len(results["rows"])]
    for k in ks:
        cells = []
        for r in results["rows"]:
            means = {d: float(np.mean(results["domains"][d]["accuracy"][r][str(k)])) * 100 for d in names}
            worst = min(means, key=means.get)
            cells.append(f"{np.mean(list(means.values())):.2f} / {means[worst]:.2f} ({worst})")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(results, ks) -> list[str]:
    """The issue's targets, each met or not."""
    names = list(results["domains"])
    mean = lambda d, r, k: float(np.mean(results["domains"][d]["accuracy"][r][str(k)])) * 100  # noqa: E731
    out = []
    rows = results["rows"]
    if {"prior", "adapted", "general recipe", "TF-IDF + LR"} <= set(rows):
        misses = [f"{d} k={k}: {mean(d, 'adapted', k):.2f} < {max(mean(d, r, k) for r in rows if r != 'adapted'):.2f}"
                  for d in names for k in ks
                  if mean(d, "adapted", k) < max(mean(d, r, k) for r in rows if r != "adapted")]
        out.append("adapted >= max(prior, scratch) at every k and domain: "
                   + ("met" if not misses else "missed in " + "; ".join(misses)))
        if 200 in ks:
            gain = np.mean([mean(d, "adapted", 200) - mean(d, "prior", 200) for d in names])
            out.append(f"k=200 adapted - prior, mean over domains: {gain:+.2f} points (target +2)")
        if 1000 in ks:
            lows = [d for d in names if mean(d, "adapted", 1000) < mean(d, "TF-IDF + LR", 1000)]
            out.append("k=1000 adapted >= TF-IDF + LR on every domain: " + ("met" if not lows else f"missed: {lows}"))
    times = [v["adapt_1000_seconds"] for v in results["runs"].values() if v.get("adapt_1000_seconds") is not None]
    if times:
        out.append(f"sentiment.adapt on 1000 documents: {min(times):.1f}-{max(times):.1f} s (target <= 10 s)")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=None, help="write the results as JSON to this file")
    ap.add_argument("--domains", default=None, help="comma-separated domain names (default: all eight)")
    ap.add_argument("--ks", default=",".join(map(str, KS)), help="training sizes (default: %(default)s)")
    ap.add_argument("--seeds", type=int, default=SEEDS, help="random draws per k (default: %(default)s)")
    ap.add_argument("--scratch-seeds", type=int, default=None,
                    help="the general recipe's row on the first N draws only (default: all; it is the slow row: "
                         "each fit featurizes its 15 148 pseudo-documents)")
    ap.add_argument("--rows", default=",".join(ROWS), help="rows to run (default: all)")
    ap.add_argument("--pool", type=int, default=4000, help="documents per domain at most (default: %(default)s)")
    ap.add_argument("--test-cap", type=int, default=2000, help="test documents per cell at most (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=2, help="domains run in parallel (default 2)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sentiment-adapt-priors",
                    help="folder for the leave-one-domain-out priors (default: %(default)s)")
    args = ap.parse_args(argv)
    ks = tuple(int(k) for k in args.ks.split(","))
    rows = tuple(r for r in ROWS if r in args.rows.split(","))
    root = data_root()
    args.cache.mkdir(parents=True, exist_ok=True)
    names = DOMAINS if args.domains is None else args.domains.split(",")
    start = time.perf_counter()
    domains = pools(load_domains(root), args.pool)
    scratch_seeds = args.seeds if args.scratch_seeds is None else min(args.scratch_seeds, args.seeds)
    tasks = [(d, *domains[d], ks, args.seeds, scratch_seeds, args.test_cap, root, str(args.cache), rows) for d in names]
    results = {"rows": list(rows), "ks": list(ks), "seeds": args.seeds, "scratch_seeds": scratch_seeds,
               "domains": {}, "runs": {}}
    if args.jobs > 1:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            done = []
            for result in pool.imap_unordered(run_domain, tasks):
                done.append(result)
                print(f"done: {result[0]} ({result[3]['seconds']} s)", flush=True)
    else:
        done = [run_domain(t) for t in tasks]
    for name, out, strengths, run in sorted(done, key=lambda d: names.index(d[0])):
        results["domains"][name] = {"accuracy": {r: {str(k): v for k, v in out[r].items()} for r in rows},
                                    "strengths": {str(k): v for k, v in strengths.items()}}
        results["runs"][name] = run
        print(f"{name}: " + "; ".join(f"{r} " + " ".join(f"{100 * np.mean(out[r][k]):.1f}" for k in ks) for r in rows),
              flush=True)
    seconds = time.perf_counter() - start
    print()
    print(markdown(results, ks))
    print()
    for line in targets(results, ks):
        print(line)
    print(f"\n{seconds:.0f} s")
    if args.out:
        payload = {"command": "python benchmarks/adapt.py " + shlex.join(argv if argv is not None else sys.argv[1:]),
                   "seconds": round(seconds, 1), "machine": platform.platform(), "cpus": os.cpu_count(),
                   "pool": args.pool, "test_cap": args.test_cap, **results,
                   "table": markdown(results, ks), "targets": targets(results, ks)}
        args.out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
