"""Throughput: our featurizer and end-to-end CLI against VADER, TextBlob and scikit-learn.

Usage: python benchmarks/throughput.py [--rows 200000] [--quick]

All numbers come from one run on this machine; each timing is the best of a few
repeats. Peers run in this process on the same texts (VADER and TextBlob on a
sample, since they are slow); our CLI runs as a subprocess, so its figures
include start-up, CSV parsing and CSV writing, and its peak RSS is measured
with wait4.
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import data_root  # noqa: E402

warnings.simplefilter("ignore")
BIN = Path(sys.executable).parent / "sentiment"


def best(fn, k=3):
    times = []
    for _ in range(k):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _run_cli(args, k):
    times, peak = [], 0
    for _ in range(k):
        t = time.perf_counter()
        p = subprocess.Popen([str(BIN)] + args, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - t)
        if status != 0:
            sys.exit(f"sentiment {' '.join(args)} failed")
        peak = max(peak, usage.ru_maxrss / 1024)
    return min(times), peak


_LAUNCHER = None


def run_cli(args, k=3):
    """Best wall time and peak RSS (MB) of `sentiment ARGS` as a subprocess.

    Started from a small spawned launcher process: Linux carries a parent's RSS
    high-water mark into a forked child's ru_maxrss, and this process grows large.
    """
    return _LAUNCHER.apply(_run_cli, (args, k))


def main():
    global _LAUNCHER
    import multiprocessing as mp

    _LAUNCHER = mp.get_context("spawn").Pool(1)
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000, help="sentences in the generated CSV")
    ap.add_argument("--quick", action="store_true", help="smaller samples for the slow peers")
    ap.add_argument("--gigabyte", action="store_true", help="also classify a generated 1 GB CSV (--jobs 2)")
    args = ap.parse_args()

    from sentiment.io.corpus import read_corpora
    from sentiment.features.six import SixFeatures
    from sentiment.text.tokenize import tokenize

    d = data_root() / "corpora"
    mr = read_corpora([d / "sentence-polarity-v1.0" / "rt-polarity.pos", d / "sentence-polarity-v1.0" / "rt-polarity.neg"])
    rt = read_corpora([d / "polarity-v2.0"])
    rows = []
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}\n")

    # 1. The featurizer alone, one core.
    f = SixFeatures()
    print("featurizer alone (one core, default lexicon)")
    for name, texts in (("RT-2k reviews", rt.texts), ("MR sentences", mr.texts)):
        mb = sum(len(t.encode()) for t in texts) / 1e6
        t_fast = best(lambda: f.transform(texts), 5)
        t_re = best(lambda: [tokenize(x) for x in texts], 5)
        t_naive = best(lambda: [f._row(x) for x in texts], 3)
        print(f"  {name:<14} ours {mb / t_fast:6.1f} MB/s   one re.findall pass {mb / t_re:6.1f} MB/s   "
              f"per-token Python featurizer {mb / t_naive:6.1f} MB/s")
    print()

    # 2. End to end, CSV -> CSV.
    tmp = Path(tempfile.mkdtemp())
    big = tmp / "sentences.csv"
    with open(big, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        for i in range(args.rows):
            w.writerow([i, mr.texts[i % len(mr.texts)]])
    mb = big.stat().st_size / 1e6
    for jobs in (1, 2):
        t, rss = run_cli(["classify", str(big), "-o", str(tmp / "out.csv"), "-j", str(jobs), "-q"])
        rows.append((f"ours CSV→CSV --jobs {jobs}", "sentences", args.rows / t, mb / t, rss))
    # Full reviews: RT-2k five times over in one CSV, so start-up does not dominate.
    reviews_csv = tmp / "reviews.csv"
    with open(reviews_csv, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        w.writerows([i, rt.texts[i % len(rt)]] for i in range(5 * len(rt)))
    t, rss = run_cli(["classify", str(reviews_csv), "-o", str(tmp / "rt.csv"), "-j", "2", "-q"])
    rows.append(("ours CSV→CSV --jobs 2", "RT-2k reviews", 5 * len(rt) / t, reviews_csv.stat().st_size / 1e6 / t, rss))

    if args.gigabyte:
        huge = tmp / "huge.csv"
        with open(huge, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "text"])
            i = 0
            while fh.tell() < 1_000_000_000:
                w.writerows([i + j, mr.texts[(i + j) % len(mr.texts)]] for j in range(10_000))
                i += 10_000
        t, rss = run_cli(["classify", str(huge), "-o", str(tmp / "huge.out.csv"), "-j", "2", "-q"], k=1)
        rows.append(("ours 1 GB CSV→CSV --jobs 2", f"{i} sentences", i / t, huge.stat().st_size / 1e6 / t, rss))
        with open(tmp / "huge.out.csv", "rb") as fh:
            out_rows = sum(1 for _ in fh) - 1
        print(f"1 GB CSV: {i} rows in, {out_rows} rows out")
        huge.unlink()
        (tmp / "huge.out.csv").unlink()

    # 3. Peers, in process.
    import resource

    n_sent = 5_000 if args.quick else 20_000
    sample = [mr.texts[i % len(mr.texts)] for i in range(n_sent)]
    sample_mb = sum(len(x.encode()) for x in sample) / 1e6
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        t = best(lambda: [vader.polarity_scores(x) for x in sample], 1)
        rows.append(("VADER", "sentences", n_sent / t, sample_mb / t, None))
        reviews = rt.texts[: 100 if args.quick else 300]
        t = best(lambda: [vader.polarity_scores(x) for x in reviews], 1)
        rows.append(("VADER", "RT-2k reviews", len(reviews) / t, sum(len(x) for x in reviews) / 1e6 / t, None))
    except ImportError:
        print("(VADER not installed: pip install vaderSentiment)")
    try:
        from textblob import TextBlob

        tb = sample[: n_sent // 4]
        t = best(lambda: [TextBlob(x).sentiment.polarity for x in tb], 1)
        rows.append(("TextBlob", "sentences", len(tb) / t, sum(len(x) for x in tb) / 1e6 / t, None))
    except ImportError:
        print("(TextBlob not installed: pip install textblob)")
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2)
        clf = LogisticRegression(max_iter=1000).fit(vec.fit_transform(mr.texts), mr.labels)
        texts = [mr.texts[i % len(mr.texts)] for i in range(args.rows)]
        t = best(lambda: clf.predict_proba(vec.transform(texts)), 1)
        rows.append(("scikit-learn TF-IDF+LR (in memory)", "sentences", args.rows / t, mb / t, None))
    except ImportError:
        print("(scikit-learn not installed)")
    peer_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"end to end ({args.rows} MR-sized sentences in a {mb:.0f} MB CSV; peers on samples, in process, "
          f"peak RSS of the peer process {peer_rss:.0f} MB)")
    print(f"  {'system':<36} {'data':<14} {'docs/s':>10} {'MB/s':>7} {'peak RSS MB':>12}")
    for name, data, dps, mbs, rss in rows:
        print(f"  {name:<36} {data:<14} {dps:10.0f} {mbs:7.2f} {'' if rss is None else f'{rss:12.0f}'}")
    by = {(n, d): dps for n, d, dps, _, _ in rows}
    ours_s, ours_r = by[("ours CSV→CSV --jobs 2", "sentences")], by[("ours CSV→CSV --jobs 2", "RT-2k reviews")]
    print("\nratios (ours / peer, docs/s)")
    for (name, data), dps in by.items():
        if not name.startswith("ours"):
            ours = ours_r if data == "RT-2k reviews" else ours_s
            print(f"  vs {name:<34} on {data:<14} {ours / dps:8.1f}×")

    # 4. Cold start of a one-sentence classify.
    t, rss = run_cli(["classify", "A gem of a film, funny and moving."], k=5)
    code = "import sys, sentiment.cli.main, sentiment.io.modelfile; print(sorted(m for m in ('nltk','pandas','scipy','matplotlib') if m in sys.modules))"
    heavy = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    print(f"\ncold start: sentiment classify \"…\" {t:.3f} s (peak RSS {rss:.0f} MB); heavy modules imported: {heavy}")


if __name__ == "__main__":
    main()
