"""Three-way sentiment (negative / neutral / positive) on held-out sets, ours against peers in one run.

Usage: ``.venv-bench/bin/python benchmarks/three_way.py [--out results.json]`` (needs ../shared/data,
vaderSentiment, textblob and scikit-learn: ``make bench`` installs them).

Training data (``_domains.load_three_way`` and ``load_domains``), as ``make models`` takes it: the eight
binary domains of the domain benchmark, each capped at 10 000 documents, and the three-way training sets
whole (SemEval tweets but ``2016test`` and TweetEval's validation tweets; financial news ``sent_train``;
SST-5 train; SUBJ's objective sentences). Test sets, none of whose texts are trained on: TweetEval
validation, SemEval 2016 test, SemEval SMS and LiveJournal (out of domain), financial news ``sent_valid``,
EmoBank dev.

Rows per test set: accuracy and macro-F1 over the three classes, and binary accuracy (neutral gold rows
dropped; positive when p_pos > p_neg, or for VADER compound ≥ 0, for TextBlob polarity ≥ 0). Models:

- ``general-3``: the general recipe as a softmax over the three classes (what ships as the default);
- ``general-2``: the shipped binary default with its neutral rule (no opinion cue and |p_pos − 0.5| < 0.3);
- ``TF-IDF + LR``: scikit-learn ``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)`` and
  ``LogisticRegression(C=10)``, trained on the same three-way and binary documents;
- VADER (compound ±0.05) and TextBlob (polarity ±0.05... 0 is neutral as TextBlob reports it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import data_root  # noqa: E402
from _domains import load_domains, load_three_way  # noqa: E402

from _three_class import CLASSES, macro_f1, macro_recall, measure  # noqa: E402,F401  (one definition of each)


def training_data(root, cap=10000):
    from sentiment.training.general import cap_domains

    three, tests = load_three_way(root)
    domains = {**load_domains(root), **three}
    texts, labels, counts = cap_domains(domains, cap)
    return texts, labels, counts, tests


def ours(pipe, texts, neutral=True):
    labels = pipe.predict(texts, neutral=neutral)
    proba = pipe.predict_proba(texts)
    classes = list(pipe.classes_)
    polarity = proba[:, classes.index("pos")] - proba[:, classes.index("neg")]
    return [str(l) for l in labels], polarity


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="Also write the figures as JSON here.")
    parser.add_argument("--save-model", type=Path, default=None, help="Save the trained general-3 model here.")
    parser.add_argument("--binary", default=None, help="Also score this binary model with its neutral rule.")
    parser.add_argument("--model", default=None, help="Score this model as general-3 instead of training one "
                                                         "(e.g. default: the shipped model, trained on the same data).")
    parser.add_argument("--C", type=float, default=None, help="general-3's C (default: the shipped setting).")
    parser.add_argument("--balance-classes", action=argparse.BooleanOptionalAction, default=True,
                        help="Weigh each class to the same total (default: yes).")
    args = parser.parse_args(argv)

    from sentiment.pipeline import load_model
    from sentiment.training.general import GENERAL_C, make_general_pipeline

    root = data_root()
    texts, labels, counts, tests = training_data(root)
    print(f"training: {len(texts)} documents " + ", ".join(f"{k} {v['documents']}" for k, v in counts.items()),
          file=sys.stderr)
    t0 = time.perf_counter()
    if args.model:
        three = load_model(args.model)
    else:
        three = make_general_pipeline(C=args.C or GENERAL_C, balance_classes=args.balance_classes,
                                      neutral=None).fit(texts, labels)
        print(f"general-3 trained in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    if args.save_model:
        three.save(args.save_model)
    two = load_model(args.binary) if args.binary else None

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    tfidf = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                          LogisticRegression(C=10, max_iter=2000)).fit(texts, labels)
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()

    def band(scores, width=0.05):
        scores = np.asarray(scores)
        return np.where(scores >= width, "pos", np.where(scores <= -width, "neg", "neutral")), scores

    def tfidf_answers(t):
        proba = tfidf.predict_proba(t)
        cls = list(tfidf.classes_)
        return tfidf.predict(t), proba[:, cls.index("pos")] - proba[:, cls.index("neg")]

    systems = {
        "general-3": lambda t: ours(three, t),
        **({"general-2 (rule)": lambda t: ours(two, t)} if two is not None else {}),
        "TF-IDF + LR": tfidf_answers,
        "VADER": lambda t: band([vader.polarity_scores(x)["compound"] for x in t]),
        "TextBlob": lambda t: band([TextBlob(x).sentiment.polarity for x in t], 1e-9),
    }
    results = {}
    for name, (t, gold) in tests.items():
        results[name] = {s: measure(gold, *answer(t)) for s, answer in systems.items()}
    print("| test set | items | " + " | ".join(f"{s} acc / F1 / bin" for s in systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for name, rows in results.items():
        cells = " | ".join(f"{r['accuracy']:.1f} / {r['macro_f1']:.1f} / {r['binary']:.1f}" for r in rows.values())
        print(f"| {name} | {len(tests[name][0])} | {cells} |")
    tweet = results["TweetEval validation"]["general-3"]["macro_recall"]
    print(f"\nTweetEval validation macro-recall, general-3: {tweet:.1f}")
    if args.out:
        args.out.write_text(json.dumps({"training": counts, "results": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
