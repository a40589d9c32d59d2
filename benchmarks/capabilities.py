"""A capability suite in the manner of CheckList (Ribeiro et al., ACL 2020): does a model get simple language right?

Usage::

    .venv-bench/bin/python benchmarks/capabilities.py                     # shipped models, VADER, TextBlob
    .venv-bench/bin/python benchmarks/capabilities.py --model my.json     # add a model file
    .venv-bench/bin/python benchmarks/capabilities.py --json caps.json    # also write the scores

:func:`capability_cases` returns ``{capability: [(text, expected)]}``, ``expected`` one of
``pos``, ``neg``, ``neutral``.  Cases are templates × fillers written for this project, every
combination generated in a fixed order and, where a capability has more than
:data:`PER_CAPABILITY` of them, a seeded sample of that many (classes balanced), beside the
issue's own examples (:data:`ANCHORS`): the same cases on every run.

A predictor is any function from a list of texts to a list of ``pos``/``neg``/``neutral``.
The peers' rules: VADER says pos when its compound score is ≥ 0.05, neg when ≤ −0.05, neutral
between (its authors' thresholds); TextBlob says pos when polarity > 0, neg when < 0, neutral
at 0.  A model file answers with its own classes; a binary pos/neg model never says neutral,
so it scores 0 on neutral statements.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

__all__ = ["CAPABILITIES", "PER_CAPABILITY", "capability_cases", "score", "model_predictor", "vader_predictor",
           "textblob_predictor", "markdown"]

PER_CAPABILITY = 48
SEED = 0

CAPABILITIES = ["vocabulary", "intensifiers", "negated positives", "negated negatives", "negated verbs",
                "change of mind", "emoticons and emoji", "neutral statements"]

NOUNS = ["movie", "book", "phone", "blender", "hotel", "service", "laptop", "album", "restaurant", "headset"]
POSITIVE = ["good", "great", "excellent", "wonderful", "fantastic", "enjoyable", "lovely", "superb"]
NEGATIVE = ["bad", "terrible", "awful", "horrible", "disappointing", "poor", "dreadful", "boring"]
INTENSIFIERS = ["very", "really", "extremely", "incredibly", "absolutely", "so", "truly"]
POSITIVE_VERBS = ["love", "like", "enjoy", "recommend", "trust"]
POSITIVE_EMOTICONS = [":)", ":-)", ":D", "=)", "\U0001F600", "\U0001F60D", "\U0001F44D", "\u2764\ufe0f"]
NEGATIVE_EMOTICONS = [":(", ":-(", ":'(", "D:", "\U0001F61E", "\U0001F621", "\U0001F44E", "\U0001F494"]


def _cases(templates, **fillers):
    """Every template filled with every combination of the fillers it names, in a fixed order."""
    out = []
    for template, label in templates:
        names = [n for n in fillers if "{" + n + "}" in template]
        for values in itertools.product(*(fillers[n] for n in names)):
            text = template.format(**dict(zip(names, values)))
            out.append((text[0].upper() + text[1:], label))
    return out


def _both(templates, **fillers):
    """Each template with positive words (label pos) and with negative words (label neg)."""
    return _cases([(t, "pos") for t in templates], adj=POSITIVE, **fillers) + \
        _cases([(t, "neg") for t in templates], adj=NEGATIVE, **fillers)


def _vocabulary():
    return _both(["The {noun} was {adj}.", "This {noun} is {adj}.", "I found the {noun} {adj}."], noun=NOUNS)


def _intensifiers():
    return _both(["The {noun} is {very} {adj}.", "It was {very} {adj}.", "I found the {noun} {very} {adj}."],
                 noun=NOUNS, very=INTENSIFIERS)


def _negated_positives():
    return _cases([("The {noun} was not {adj}.", "neg"), ("This {noun} isn't {adj} at all.", "neg"),
                   ("The {noun} was never {adj}.", "neg"), ("I would not call this {noun} {adj}.", "neg")],
                  noun=NOUNS, adj=POSITIVE)


def _negated_negatives():
    return _cases([("The {noun} was not {adj} at all.", "pos"), ("This {noun} isn't {adj} in any way.", "pos"),
                   ("Not {adj} at all, this {noun}.", "pos"), ("The {noun} was never {adj}, not once.", "pos")],
                  noun=NOUNS, adj=NEGATIVE)


def _negated_verbs():
    return _cases([("I don't {verb} this {noun}.", "neg"), ("I didn't {verb} the {noun}.", "neg"),
                   ("I do not {verb} it.", "neg"), ("I can't say I {verb} this {noun}.", "neg"),
                   ("Nobody I know would {verb} this {noun}.", "neg")],
                  noun=NOUNS, verb=POSITIVE_VERBS)


def _change_of_mind():
    return _cases([("I thought the {noun} would be {neg}, but it was {pos}.", "pos"),
                   ("I expected the {noun} to be {pos}, but it was {neg}.", "neg"),
                   ("The {noun} looked {neg} at first, but it turned out {pos}.", "pos"),
                   ("Everyone said the {noun} was {pos}; it was {neg}.", "neg"),
                   ("Despite the {neg} reviews, the {noun} was {pos}.", "pos")],
                  noun=NOUNS, pos=POSITIVE[:4], neg=NEGATIVE[:4])


def _emoticons():
    carriers = ["Just got the {noun} {emo}", "The {noun} arrived today {emo}", "Finished the {noun} last night {emo}",
                "{emo} the {noun}"]
    return _cases([(c, "pos") for c in carriers], noun=NOUNS, emo=POSITIVE_EMOTICONS) + \
        _cases([(c, "neg") for c in carriers], noun=NOUNS, emo=NEGATIVE_EMOTICONS)


def _neutral():
    return _cases([("The meeting is at {time}.", "neutral"), ("The {noun} comes in a {colour} box.", "neutral"),
                   ("The store opens at {time} on {day}.", "neutral"), ("I bought the {noun} on {day}.", "neutral"),
                   ("The {noun} is on the {colour} shelf.", "neutral"),
                   ("The {noun} weighs {n} grams.", "neutral"), ("The package holds {n} items.", "neutral")],
                  time=["3pm", "9:30", "noon", "8 am"], noun=NOUNS, colour=["blue", "grey", "white"],
                  day=["Monday", "Tuesday", "Friday"], n=["200", "450", "12"])


# The issue's own examples, always in the suite (the rest is sampled around them).
ANCHORS = {
    "negated negatives": [("Not bad at all.", "pos")],
    "negated verbs": [("I don't love it.", "neg")],
    "change of mind": [("I thought it would be bad, but it was great.", "pos")],
    "neutral statements": [("The meeting is at 3pm.", "neutral")],
}

_BUILDERS = {"vocabulary": _vocabulary, "intensifiers": _intensifiers, "negated positives": _negated_positives,
             "negated negatives": _negated_negatives, "negated verbs": _negated_verbs,
             "change of mind": _change_of_mind, "emoticons and emoji": _emoticons, "neutral statements": _neutral}


def capability_cases(per_capability: int = PER_CAPABILITY, seed: int = SEED) -> dict:
    """``{capability: [(text, expected)]}``: at most ``per_capability`` cases each, the same on every call.

    Where a template set makes more, a seeded sample is taken that keeps the classes balanced
    (as near as the numbers allow) and the generated order.

    Examples
    --------
    >>> cases = capability_cases()
    >>> list(cases) == CAPABILITIES, sum(map(len, cases.values()))
    (True, 384)
    >>> cases["negated negatives"][0], cases["neutral statements"][0]
    (('Not bad at all.', 'pos'), ('The meeting is at 3pm.', 'neutral'))
    """
    out = {}
    for name in CAPABILITIES:
        anchors = ANCHORS.get(name, [])
        full = [c for c in dict.fromkeys(_BUILDERS[name]()) if c not in anchors]  # no duplicates, order kept
        per_capability_left = per_capability - len(anchors)
        if len(full) > per_capability_left:
            rng = random.Random(f"{seed}:{name}")
            by_label = {}
            for i, (_, label) in enumerate(full):
                by_label.setdefault(label, []).append(i)
            quota = {l: per_capability_left // len(by_label) for l in by_label}
            for l in list(by_label)[: per_capability_left - sum(quota.values())]:
                quota[l] += 1
            keep = sorted(i for l, idx in by_label.items() for i in rng.sample(idx, min(quota[l], len(idx))))
            full = [full[i] for i in keep]
        out[name] = anchors + full
    return out


def score(predict, cases=None) -> dict:
    """``{capability: accuracy %}`` of ``predict`` (texts → pos/neg/neutral labels)."""
    cases = capability_cases() if cases is None else cases
    out = {}
    for name, items in cases.items():
        pred = list(predict([t for t, _ in items]))
        out[name] = 100.0 * sum(p == e for p, (_, e) in zip(pred, items)) / len(items)
    return out


def model_predictor(name_or_path):
    """A shipped model by name or a model file: its predicted class, as a string."""
    from sentiment.pipeline import load_model

    pipe = load_model(name_or_path)
    return lambda texts: [str(c) for c in pipe.predict(texts)]


def vader_predictor():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    v = SentimentIntensityAnalyzer()

    def predict(texts):
        c = [v.polarity_scores(t)["compound"] for t in texts]
        return ["pos" if x >= 0.05 else "neg" if x <= -0.05 else "neutral" for x in c]

    return predict


def textblob_predictor():
    from textblob import TextBlob

    def predict(texts):
        p = [TextBlob(t).sentiment.polarity for t in texts]
        return ["pos" if x > 0 else "neg" if x < 0 else "neutral" for x in p]

    return predict


def markdown(scores: dict, cases: dict) -> str:
    """Rows: capabilities (with their case counts); columns: predictors."""
    names = list(scores)
    lines = ["| capability (cases) | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for cap in cases:
        lines.append(f"| {cap} ({len(cases[cap])}) | " + " | ".join(f"{scores[n][cap]:.1f}" for n in names) + " |")
    mean = {n: sum(scores[n].values()) / len(scores[n]) for n in names}
    lines.append("| mean of the capabilities | " + " | ".join(f"{mean[n]:.1f}" for n in names) + " |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", action="append", default=[], metavar="NAME|FILE",
                    help="a model to score (default: the shipped default and extended); repeatable")
    ap.add_argument("--no-peers", action="store_true", help="leave VADER and TextBlob out")
    ap.add_argument("--json", type=Path, default=None, help="also write the scores as JSON")
    ap.add_argument("--show", default=None, metavar="CAPABILITY", help="print each case of one capability")
    args = ap.parse_args(argv)
    cases = capability_cases()
    predictors = {}
    for m in args.model or ["default", "extended"]:
        predictors[f"`{m}`" if m in ("default", "extended") else m] = model_predictor(m)
    if not args.no_peers:
        for label, make in (("VADER", vader_predictor), ("TextBlob", textblob_predictor)):
            try:
                predictors[label] = make()
            except ImportError as exc:
                print(f"({label}: {exc}; install the peers with pip install -e '.[bench]')", file=sys.stderr)
    scores = {name: score(p, cases) for name, p in predictors.items()}
    if args.show:
        items = cases[args.show]
        preds = {name: p([t for t, _ in items]) for name, p in predictors.items()}
        for i, (text, expected) in enumerate(items):
            print(f"{expected:<8} " + " ".join(f"{preds[n][i]:<8}" for n in predictors) + f" {text}")
    print(markdown(scores, cases))
    command = " ".join(["python benchmarks/capabilities.py", *(argv or sys.argv[1:])])
    print(f"\n`{command}`: "
          f"{sum(map(len, cases.values()))} cases; VADER pos iff compound ≥ 0.05, neg iff ≤ −0.05, else neutral; "
          "TextBlob by the sign of its polarity (0: neutral).")
    if args.json:
        args.json.write_text(json.dumps({"cases": {k: len(v) for k, v in cases.items()}, "scores": scores},
                                        indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
