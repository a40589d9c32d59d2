"""The domain benchmark's three-class part (``benchmarks/domains.py --three-way``).

Domains with neutral labels, each a training split and a test split (``_domains.load_three_way``):

* ``tweets (SemEval)``: SemEval 2013–2016 tweets; test: SemEval 2016 test (TweetEval validation is
  reported on its own, as the issue's yardstick, with the model trained on everything but it);
* ``financial news``: Twitter Financial News ``sent_train`` / ``sent_valid``;
* ``film sentences (SST-5)``: SST-5 train / test, its middle class neutral;
* ``EmoBank``: train / dev, valence bands (never trained on for the shipped model: CC BY-SA);
* ``SMS`` and ``LiveJournal``: SemEval's out-of-domain test sets, no training split.

Protocols:

* **leave-one-domain-out**: train on the eight binary domains and every three-way training split but
  the test domain's (SUBJ's objective sentences always in: they are no test domain), test on its test split;
* **in-domain**: train on the domain's own training split only, test on its test split.

Systems: ``general-3`` (the shipped recipe, softmax over three classes), scikit-learn TF-IDF + LR
(three-class, same training data), VADER (compound ±0.05) and TextBlob (polarity ≠ 0), zero-shot.
Per domain: accuracy, macro-F1 and macro-recall over the three classes, and binary accuracy (neutral
gold dropped; positive when p_pos > p_neg, compound > 0, polarity > 0).
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import numpy as np
from _domains import emobank, financial_news, load_domains, load_three_way, sst5, subj_objective

CLASSES = ("neg", "neutral", "pos")


def macro_f1(gold, pred) -> float:
    """Mean over the three classes of F1, in percent.

    >>> round(macro_f1(["neg", "neutral", "pos", "pos"], ["neg", "pos", "pos", "pos"]), 2)
    55.56
    """
    gold, pred = np.asarray(gold), np.asarray(pred)
    scores = []
    for c in CLASSES:
        tp = np.sum((pred == c) & (gold == c))
        precision, recall = tp / max(np.sum(pred == c), 1), tp / max(np.sum(gold == c), 1)
        scores.append(0.0 if tp == 0 else 2 * precision * recall / (precision + recall))
    return 100 * float(np.mean(scores))


def macro_recall(gold, pred) -> float:
    """Mean over the three classes of recall, in percent (SemEval-2017's ranking measure)."""
    gold, pred = np.asarray(gold), np.asarray(pred)
    return 100 * float(np.mean([np.mean(pred[gold == c] == c) for c in CLASSES if np.any(gold == c)]))


def measure(gold, pred, polarity) -> dict:
    """Three-class accuracy, macro-F1 and macro-recall; binary accuracy from ``polarity`` (> 0 positive)."""
    gold, pred, polarity = np.asarray(gold), np.asarray(pred), np.asarray(polarity, dtype=float)
    polar = gold != "neutral"
    binary = np.where(polarity[polar] > 0, "pos", "neg") == gold[polar]
    return {"n": int(len(gold)), "accuracy": 100 * float(np.mean(gold == pred)), "macro_f1": macro_f1(gold, pred),
            "macro_recall": macro_recall(gold, pred), "binary": 100 * float(np.mean(binary))}


def three_class_domains(root: Path):
    """``{domain: (train or None, test)}``, each ``(texts, labels)``, and the pools always trained on."""
    corpora = Path(root) / "corpora"
    train, tests = load_three_way(root)
    domains = {
        "tweets (SemEval)": (train["semeval tweets"], tests["SemEval 2016 test"]),
        "financial news": (train["financial news"], tests["financial news (valid)"]),
        "film sentences (SST-5)": (train["film sentences (SST-5)"], sst5(corpora, "test")),
        "EmoBank": (emobank(corpora, "train"), tests["EmoBank dev"]),
        "SMS": (None, tests["SemEval SMS"]),
        "LiveJournal": (None, tests["SemEval LiveJournal"]),
    }
    always = {**load_domains(root), "plot sentences (SUBJ)": subj_objective(corpora)}
    return domains, always, tests["TweetEval validation"]


class TfidfLR3:
    """scikit-learn TF-IDF + logistic regression, as the binary benchmark builds it, over any classes."""

    def fit(self, texts, labels):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression as SkLR

        self.vec_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        self.lr_ = SkLR(C=10, max_iter=2000).fit(self.vec_.fit_transform(texts), labels)
        return self

    def answers(self, texts):
        proba = self.lr_.predict_proba(self.vec_.transform(texts))
        cls = list(self.lr_.classes_)
        return list(self.lr_.predict(self.vec_.transform(texts))), proba[:, cls.index("pos")] - proba[:, cls.index("neg")]


class General3:
    """The shipped recipe (``train_general(..., balance_classes=True, neutral=None)``)."""

    def fit(self, texts, labels):
        from sentiment.training.general import GENERAL_C, make_general_pipeline

        self.pipe_ = make_general_pipeline(C=GENERAL_C, balance_classes=True, neutral=None).fit(texts, labels)
        return self

    def answers(self, texts):
        proba = self.pipe_.predict_proba(texts)
        cls = [str(c) for c in self.pipe_.classes_]
        return [cls[i] for i in np.argmax(proba, axis=1)], proba[:, cls.index("pos")] - proba[:, cls.index("neg")]


def _band(scores, width):
    scores = np.asarray(scores, dtype=float)
    return list(np.where(scores >= width, "pos", np.where(scores <= -width, "neg", "neutral"))), scores


def vader_answers(texts):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    v = SentimentIntensityAnalyzer()
    return _band([v.polarity_scores(t)["compound"] for t in texts], 0.05)


def textblob_answers(texts):
    from textblob import TextBlob

    return _band([TextBlob(t).sentiment.polarity for t in texts], 1e-9)


TRAINED = {"general-3": General3, "TF-IDF + LR": TfidfLR3}
ZERO_SHOT = {"VADER (±0.05)": vader_answers, "TextBlob": textblob_answers}
_WORK: dict = {}


def _training_set(held_out, protocol, cap):
    """The training documents of one split: leave ``held_out`` out (lodo) or only it (in-domain).

    Capped as the shipped model is (``cap_domains``: binary domains at ``cap``, three-way sets whole).
    """
    from sentiment.training.general import cap_domains

    domains, always = _WORK["domains"], _WORK["always"]
    if protocol == "in-domain":
        pools = {held_out: domains[held_out][0]}
    else:  # EmoBank is never trained on (CC BY-SA), as for the shipped model
        pools = {**always, **{name: train for name, (train, _) in domains.items()
                              if train is not None and name not in (held_out, "EmoBank")}}
    texts, labels, _ = cap_domains(pools, cap)
    return texts, labels


def _run(task):
    kind, name, key = task
    if kind == "zero-shot":
        t, gold = _WORK["tests"][key]
        return task, measure(gold, *ZERO_SHOT[name](t))
    held_out, protocol = key
    texts, labels = _training_set(held_out, protocol, _WORK["cap"])
    t0 = time.perf_counter()
    model = TRAINED[name]().fit(texts, labels)
    seconds = time.perf_counter() - t0
    out = {}
    # A leave-one-out model trained on everything (held_out None) answers every test-only domain.
    # EmoBank is never trained on, so its leave-one-out cell is this model's too.
    targets = [held_out] if held_out is not None else [
        *(d for d, (tr, _) in _WORK["domains"].items() if tr is None), "EmoBank", "TweetEval validation"]
    for d in targets:
        t, gold = _WORK["tests"][d]
        out[d] = measure(gold, *model.answers(t))
        out[d]["fit_seconds"] = round(seconds, 1)
        out[d]["trained_on"] = len(texts)
    return task, out


def run(root, cap=10000, jobs=2, log=print):
    """``{system: {"lodo": {domain: metrics}, "in-domain": {...}}}`` for every three-class domain."""
    global _WORK
    domains, always, tweeteval = three_class_domains(root)
    tests = {d: test for d, (_, test) in domains.items()}
    tests["TweetEval validation"] = tweeteval
    _WORK = {"domains": domains, "always": always, "tests": tests, "cap": cap}
    tasks = []
    for name in TRAINED:
        tasks.append(("trained", name, (None, "lodo")))  # everything: the out-of-domain test sets
        tasks += [("trained", name, (d, "lodo")) for d, (tr, _) in domains.items() if tr is not None and d != "EmoBank"]
        tasks += [("trained", name, (d, "in-domain")) for d, (tr, _) in domains.items() if tr is not None]
    tasks += [("zero-shot", name, d) for name in ZERO_SHOT for d in tests]
    results = {name: {"lodo": {}, "in-domain": {}} for name in (*TRAINED, *ZERO_SHOT)}
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for i, (task, out) in enumerate(pool.imap_unordered(_run, tasks, chunksize=1), 1):
            kind, name, key = task
            if kind == "zero-shot":  # trained on nothing: the same cell in both protocols
                results[name]["lodo"][key] = results[name]["in-domain"][key] = out
            else:
                results[name][key[1]].update(out)
            log(f"  three-class: {i}/{len(tasks)} tasks done ({time.perf_counter() - t0:.0f} s)")
    return results, {d: len(tests[d][0]) for d in tests}


def markdown(results, sizes) -> str:
    order = ["tweets (SemEval)", "financial news", "film sentences (SST-5)", "EmoBank", "SMS", "LiveJournal",
             "TweetEval validation"]
    lines = []
    for protocol, title in (("lodo", "Three-class macro-F1 / binary accuracy %, leave-one-domain-out"),
                            ("in-domain", "Three-class macro-F1 / binary accuracy %, in-domain (own training split)")):
        cols = [d for d in order if any(d in r[protocol] for r in results.values())]
        lines += [f"**{title}**", "",
                  "| system | " + " | ".join(f"{d} (n = {sizes[d]})" for d in cols) + " |",
                  "|---" * (len(cols) + 1) + "|"]
        for name, r in results.items():
            cells = [f"{r[protocol][d]['macro_f1']:.1f} / {r[protocol][d]['binary']:.1f}" if d in r[protocol] else "–"
                     for d in cols]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)
