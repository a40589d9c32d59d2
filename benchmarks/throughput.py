"""Throughput: the shipped models end to end (CSV → CSV) against VADER and TextBlob, in one run.

Usage: python benchmarks/throughput.py [--rows 106620] [--models default,extended,six] [--quick] [--cold-runs 9]

Every figure comes from one run on this (shared, noisy) machine, so read the
ratios: ours / VADER on the same texts, measured minutes apart.  For each shipped
model: a CSV of MR sentences (the 10 662 sentences repeated to ``--rows``) →
CSV with ``--jobs 1`` and ``--jobs 2``, the RT-2k reviews (five times over)
with ``--jobs 2``, and 73 875 short texts none of which repeats (film sentences,
pros/cons and tweets from ``benchmarks/_domains.py``) with ``--jobs 1`` and ``--jobs 2``:
a process learns each chunk and word it meets once, so repeated texts show the
warm rate and these the cold one.  Our CLI runs as a subprocess (start-up, CSV parsing and
writing included; best of 3 runs on sentences, 2 on reviews) and its peak RSS is read with wait4.
VADER and TextBlob score the same sentences and reviews in this process, best of as many runs
(TextBlob on a sample: it is slow).  Then the cold start of a bare
``sentiment classify "one sentence"``: the median of ``--cold-runs`` runs and
the peak RSS, for each model, beside ``python -c pass``, ``import numpy`` and
VADER's own cold start on one sentence.
"""

import argparse
import csv
import os
import statistics
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
SENTENCE = "A gem of a film, funny and moving."


def best(fn, k=3):
    times = []
    for _ in range(k):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _run(argv, k, summary=min):
    times, peak = [], 0
    for _ in range(k):
        t = time.perf_counter()
        with tempfile.TemporaryFile() as err:
            p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(p.pid, 0)
            times.append(time.perf_counter() - t)
            if status != 0:
                err.seek(0)
                sys.exit(f"{' '.join(argv)} failed: {err.read().decode(errors='replace')}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return summary(times), peak


_LAUNCHER = None


def run_cli(args, k=3, summary=min):
    """Wall time (best of k, or ``summary``) and peak RSS (MB) of `sentiment ARGS` as a subprocess.

    Started from a small spawned launcher process: Linux carries a parent's RSS
    high-water mark into a forked child's ru_maxrss, and this process grows large.
    """
    return _LAUNCHER.apply(_run, ([str(BIN)] + args, k, summary))


def run_python(code, k, summary=statistics.median):
    return _LAUNCHER.apply(_run, ([sys.executable, "-c", code], k, summary))


def write_csv(path, texts):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        w.writerows(enumerate(texts))
    return path.stat().st_size / 1e6


def main():
    global _LAUNCHER
    import multiprocessing as mp

    _LAUNCHER = mp.get_context("spawn").Pool(1)
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=106_620, help="sentences in the generated CSV (MR repeated)")
    ap.add_argument("--models", default="default,extended,six", help="shipped models (or model paths) to measure")
    ap.add_argument("--quick", action="store_true", help="smaller samples for the peers")
    ap.add_argument("--cold-runs", type=int, default=9, help="runs of the one-sentence cold start (median)")
    args = ap.parse_args()

    from sentiment.io.corpus import read_corpora
    from sentiment.io.modelfile import resolve_model_path

    d = data_root() / "corpora"
    mr = read_corpora([d / "sentence-polarity-v1.0" / "rt-polarity.pos", d / "sentence-polarity-v1.0" / "rt-polarity.neg"])
    rt = read_corpora([d / "polarity-v2.0"])
    models = [m for m in args.models.split(",") if resolve_model_path(m).exists()]
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; load average at start "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"command: python benchmarks/throughput.py {' '.join(sys.argv[1:])}".rstrip() + "\n")

    tmp = Path(tempfile.mkdtemp())
    sentences = [mr.texts[i % len(mr.texts)] for i in range(args.rows)]
    reviews = [rt.texts[i % len(rt)] for i in range(5 * len(rt))]
    # Short texts none of which repeats: a process's tables of chunks and words (sentiment/text/chunk_table.py)
    # pay for each new one once, so MR ten times over shows the warm rate and these the cold one.
    from _domains import load_domains

    short = load_domains(data_root(), only=["film sentences", "pros/cons", "tweets"])
    distinct = list(dict.fromkeys(t for texts, _ in short.values() for t in texts))
    mb_s = write_csv(tmp / "sentences.csv", sentences)
    mb_r = write_csv(tmp / "reviews.csv", reviews)
    mb_d = write_csv(tmp / "distinct.csv", distinct)
    rows = []  # (system, data, docs/s, MB/s, peak RSS or None)
    for model in models:
        for data, n, mb in (("sentences", args.rows, mb_s), ("distinct", len(distinct), mb_d)):
            for jobs in (1, 2):
                t, rss = run_cli(["classify", str(tmp / f"{data}.csv"), "-m", model, "-o", str(tmp / "out.csv"),
                                  "-j", str(jobs), "-q"])
                rows.append((f"{model} CSV→CSV --jobs {jobs}", data, n / t, mb / t, rss))
        t, rss = run_cli(["classify", str(tmp / "reviews.csv"), "-m", model, "-o", str(tmp / "out.csv"), "-j", "2",
                          "-q"], k=2)
        rows.append((f"{model} CSV→CSV --jobs 2", "RT-2k reviews", len(reviews) / t, mb_r / t, rss))

    # Peers, in this process, on the same texts (TextBlob, and VADER on reviews, on a sample).
    import resource

    peer_sentences = sentences[: 10_000 if args.quick else len(sentences)]
    peer_reviews = rt.texts[: 200 if args.quick else len(rt)]
    peer_distinct = distinct[:: 7 if args.quick else 1]  # every k-th text: a prefix would hold film sentences only
    peers = []
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        peers.append(("VADER", vader.polarity_scores, peer_sentences, peer_reviews, peer_distinct))
    except ImportError:
        print("(VADER not installed: pip install -e '.[bench]')")
    try:
        from textblob import TextBlob

        peers.append(("TextBlob", lambda x: TextBlob(x).sentiment.polarity, peer_sentences[: len(peer_sentences) // 10],
                      peer_reviews[: len(peer_reviews) // 5], peer_distinct[::10]))
    except ImportError:
        print("(TextBlob not installed: pip install -e '.[bench]')")
    for name, score, sent, revs, dist in peers:
        for data, texts in (("sentences", sent), ("RT-2k reviews", revs), ("distinct", dist)):
            # Best of 3 (sentences, distinct texts) or 2 (reviews), as ours are: one noisy run of a peer
            # would flatter the ratios (VADER timed once here gave 17 325 and 13 544 sentences/s in two runs).
            t = best(lambda: [score(x) for x in texts], 2 if data == "RT-2k reviews" else 3)
            rows.append((name, data, len(texts) / t, sum(len(x.encode()) for x in texts) / 1e6 / t, None))
    peer_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"end to end: {args.rows} MR sentences in a {mb_s:.1f} MB CSV, {len(reviews)} RT-2k reviews in a "
          f"{mb_r:.1f} MB CSV, {len(distinct)} distinct short texts (film sentences, pros/cons, tweets; none "
          f"repeated) in a {mb_d:.1f} MB CSV; peers in process on the same texts or a prefix (peak RSS of that "
          f"process {peer_rss:.0f} MB)")
    print(f"  {'system':<30} {'data':<14} {'docs/s':>10} {'MB/s':>7} {'peak RSS MB':>12}")
    for name, data, dps, mbs, rss in rows:
        print(f"  {name:<30} {data:<14} {dps:10.0f} {mbs:7.2f} {'' if rss is None else f'{rss:12.0f}'}")
    by = {(n, d): dps for n, d, dps, _, _ in rows}
    print("\nratios (ours / peer, documents per second on the same data)")
    for peer in ("VADER", "TextBlob"):
        for model in models:
            cells = []
            for system, data in ((f"{model} CSV→CSV --jobs 1", "sentences"), (f"{model} CSV→CSV --jobs 2", "sentences"),
                                 (f"{model} CSV→CSV --jobs 2", "RT-2k reviews"), (f"{model} CSV→CSV --jobs 1", "distinct"),
                                 (f"{model} CSV→CSV --jobs 2", "distinct")):
                if (peer, data) in by:
                    label = ("reviews" if data == "RT-2k reviews" else data) + " -j" + system[-1]
                    cells.append(f"{label} {by[(system, data)] / by[(peer, data)]:6.1f}×")
            if cells:
                print(f"  {model:<10} vs {peer:<9} " + "   ".join(cells))

    # The n-gram block alone: hashed over ASCII text, and over the same text with é for e (same length).
    from sentiment.pipeline import load_model

    print("\nn-gram block alone, one core (million characters per second; the same texts with no-break spaces,"
          " so the same tokens)")
    for model in models:
        ngrams = getattr(load_model(model).featurizer, "ngrams", None)
        if ngrams is None:
            continue
        ascii_texts = sentences[:20_000]
        accented = [x.replace(" ", "\u00a0") for x in ascii_texts]  # non-ASCII, same length, same n-grams
        chars = sum(map(len, ascii_texts)) / 1e6
        ngrams.transform_hashed(ascii_texts[:100])  # hash the vocabulary once, outside the timing
        t_a = best(lambda: ngrams.transform_hashed(ascii_texts), 3)
        t_u = best(lambda: ngrams.transform_hashed(accented), 3)
        t_s = best(lambda: ngrams.transform_by_strings(ascii_texts), 1)
        print(f"  {model:<10} hashed ASCII {chars / t_a:6.2f}   hashed non-ASCII {chars / t_u:6.2f} "
              f"({t_u / t_a:.2f}× the ASCII time)   string path {chars / t_s:6.2f}")

    # Cold start of a one-sentence classify, beside the floor and VADER.  The package is byte-compiled first,
    # as pip does when it installs a wheel (VADER's is): with PYTHONDONTWRITEBYTECODE set, an editable
    # install would otherwise compile every module it imports on every run.
    import compileall

    import sentiment

    compileall.compile_dir(Path(sentiment.__file__).parent, quiet=1)
    print(f"\ncold start (median of {args.cold_runs} runs; peak RSS; package byte-compiled as pip installs it)")
    floor = [("python -c pass", "pass"), ("python -c 'import numpy'", "import numpy")]
    floor.append(("VADER, one sentence", "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as S; "
                  f"S().polarity_scores({SENTENCE!r})"))
    for label, code in floor:
        t, rss = run_python(code, args.cold_runs)
        print(f"  {label:<42} {t:6.3f} s {rss:6.0f} MB")
    for model in models:
        t, rss = run_cli(["classify", "-m", model, SENTENCE], k=args.cold_runs, summary=statistics.median)
        label = f'sentiment classify -m {model} "…"'
        print(f"  {label:<42} {t:6.3f} s {rss:6.0f} MB")
    code = ("import sys, runpy; sys.argv = ['sentiment', 'classify', " + repr(SENTENCE) + "]\n"
            "try:\n    runpy.run_module('sentiment', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('numpy', 'nltk', 'pandas', 'scipy', 'matplotlib') if m in sys.modules), "
            "file=sys.stderr)")
    heavy = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stderr.strip()
    print(f"  heavy modules a one-sentence classify imports: {heavy}")
    load = os.getloadavg()
    print(f"\nload average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
