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

PER_CAPABILITY = 200
SEED = 0

CAPABILITIES = ["vocabulary", "intensifiers", "negated positives", "negated negatives", "negated verbs",
                "change of mind", "emoticons and emoji", "neutral statements", "implicit sentiment"]

NOUNS = ["movie", "book", "phone", "blender", "hotel", "service", "laptop", "album", "restaurant", "headset",
         "camera", "sofa", "flight", "game", "printer", "jacket", "app", "concert", "coffee maker", "show"]
POSITIVE = ["good", "great", "excellent", "wonderful", "fantastic", "enjoyable", "lovely", "superb",
            "brilliant", "delightful", "impressive", "outstanding", "pleasant", "terrific", "amazing", "solid"]
NEGATIVE = ["bad", "terrible", "awful", "horrible", "disappointing", "poor", "dreadful", "boring",
            "mediocre", "lousy", "dull", "annoying", "pathetic", "useless", "frustrating", "weak"]
INTENSIFIERS = ["very", "really", "extremely", "incredibly", "absolutely", "so", "truly", "remarkably",
                "exceptionally", "totally"]
POSITIVE_VERBS = ["love", "like", "enjoy", "recommend", "trust", "appreciate", "adore"]
POSITIVE_EMOTICONS = [":)", ":-)", ":D", "=)", ";)", "\U0001F600", "\U0001F60D", "\U0001F44D", "\u2764\ufe0f",
                      "\U0001F60A", "\U0001F973"]
NEGATIVE_EMOTICONS = [":(", ":-(", ":'(", "D:", ":/", "\U0001F61E", "\U0001F621", "\U0001F44E", "\U0001F494",
                      "\U0001F622", "\U0001F612"]
# Fillers of the neutral and implicit templates: no opinion in any of them.
TIMES = ["3pm", "9:30", "noon", "8 am", "6:45 pm", "midnight"]
DAYS = ["Monday", "Tuesday", "Friday", "Sunday", "March 3", "the 14th"]
CITIES = ["Leeds", "Denver", "Lyon", "Osaka", "Porto", "Calgary"]
COMPANIES = ["Acme Corp", "Northwind", "Globex", "Initech", "Contoso"]
COLOURS = ["blue", "grey", "white", "black", "green"]
NUMBERS = ["2", "12", "45", "200", "450"]
PERCENTS = ["4%", "12%", "30%", "8.5%"]


def _cases(templates, **fillers):
    """Every template filled with every combination of the fillers it names, in a fixed order."""
    out = []
    for template, label in templates:
        names = [n for n in fillers if "{" + n + "}" in template]
        for values in itertools.product(*(fillers[n] for n in names)):
            text = template.format(**dict(zip(names, values)))
            out.append((text[0].upper() + text[1:], label))
    return out


def _sampled(groups, per_group, seed):
    """``per_group`` cases of each group (a seeded sample, generated order kept), groups one after another."""
    out = []
    for i, group in enumerate(groups):
        idx = sorted(random.Random(f"{seed}:{i}").sample(range(len(group)), min(per_group, len(group))))
        out += [group[j] for j in idx]
    return out


def _both(templates, **fillers):
    """Each template with positive words (label pos) and with negative words (label neg)."""
    return _cases([(t, "pos") for t in templates], adj=POSITIVE, **fillers) + \
        _cases([(t, "neg") for t in templates], adj=NEGATIVE, **fillers)


def _vocabulary():
    return _both(["The {noun} was {adj}.", "This {noun} is {adj}.", "I found the {noun} {adj}.",
                  "The {noun} seemed {adj}.", "Overall the {noun} was {adj}.", "The {noun} turned out {adj}."], noun=NOUNS)


def _intensifiers():
    return _both(["The {noun} is {very} {adj}.", "It was {very} {adj}.", "I found the {noun} {very} {adj}.",
                  "The {noun} felt {very} {adj}."],
                 noun=NOUNS, very=INTENSIFIERS)


def _negated_positives():
    return _cases([("The {noun} was not {adj}.", "neg"), ("This {noun} isn't {adj} at all.", "neg"),
                   ("The {noun} was never {adj}.", "neg"), ("I would not call this {noun} {adj}.", "neg"),
                   ("The {noun} is not {adj} in any way.", "neg"), ("Nothing about the {noun} was {adj}.", "neg")],
                  noun=NOUNS, adj=POSITIVE)


def _negated_negatives():
    return _cases([("The {noun} was not {adj} at all.", "pos"), ("This {noun} isn't {adj} in any way.", "pos"),
                   ("Not {adj} at all, this {noun}.", "pos"), ("The {noun} was never {adj}, not once.", "pos"),
                   ("There was nothing {adj} about the {noun}.", "pos")],
                  noun=NOUNS, adj=NEGATIVE)


def _negated_verbs():
    return _cases([("I don't {verb} this {noun}.", "neg"), ("I didn't {verb} the {noun}.", "neg"),
                   ("I do not {verb} it.", "neg"), ("I can't say I {verb} this {noun}.", "neg"),
                   ("Nobody I know would {verb} this {noun}.", "neg"), ("I would never {verb} this {noun}.", "neg")],
                  noun=NOUNS, verb=POSITIVE_VERBS)


def _change_of_mind():
    return _cases([("I thought the {noun} would be {neg}, but it was {pos}.", "pos"),
                   ("I expected the {noun} to be {pos}, but it was {neg}.", "neg"),
                   ("The {noun} looked {neg} at first, but it turned out {pos}.", "pos"),
                   ("Everyone said the {noun} was {pos}; it was {neg}.", "neg"),
                   ("Despite the {neg} reviews, the {noun} was {pos}.", "pos"),
                   ("Despite the {pos} reviews, the {noun} was {neg}.", "neg")],
                  noun=NOUNS, pos=POSITIVE[:8], neg=NEGATIVE[:8])


def _emoticons():
    carriers = ["Just got the {noun} {emo}", "The {noun} arrived today {emo}", "Finished the {noun} last night {emo}",
                "{emo} the {noun}", "Back from the {noun} {emo}"]
    return _cases([(c, "pos") for c in carriers], noun=NOUNS, emo=POSITIVE_EMOTICONS) + \
        _cases([(c, "neg") for c in carriers], noun=NOUNS, emo=NEGATIVE_EMOTICONS)


#: Four kinds of neutral statement, an equal share of the capability each.
NEUTRAL_KINDS = {
    "facts": ["The {noun} weighs {n} grams.", "The {noun} comes in {colour}.", "The store opens at {time} on {day}.",
              "The {noun} has {n} buttons.", "The train to {city} leaves at {time}.", "I bought the {noun} on {day}.",
              "The package holds {n} items.", "The {noun} is on the {colour} shelf."],
    "questions": ["What time does the store open on {day}?", "Does the {noun} come in {colour}?",
                  "How much does the {noun} weigh?", "Where can I buy the {noun} in {city}?",
                  "Is the {noun} available on {day}?", "Which {noun} did you order?",
                  "Has anyone tried the {noun} from {company}?"],
    "announcements": ["The meeting is at {time}.", "The office will be closed on {day}.",
                      "The {noun} will be released on {day}.", "Our store in {city} moves to a new address on {day}.",
                      "Orders placed after {time} ship the next day.", "The train to {city} leaves from platform {n}.",
                      "{company} will hold its annual meeting in {city} on {day}."],
    "headlines": ["{company} to open new office in {city}", "{city} council meets on {day} to discuss budget",
                  "{company} announces {noun} launch date", "Election results expected {day} in {city}",
                  "{company} shares to begin trading on {day}", "{company} names new chief financial officer",
                  "{company} reports quarterly results on {day}"],
}


def _neutral():
    fillers = dict(noun=NOUNS, n=NUMBERS, colour=COLOURS, time=TIMES, day=DAYS, city=CITIES, company=COMPANIES)
    kinds = [_cases([(t, "neutral") for t in templates], **fillers) for templates in NEUTRAL_KINDS.values()]
    return _sampled(kinds, PER_CAPABILITY // len(kinds), "neutral")


def _implicit():
    """Sentiment carried by what happened, not by an opinion word (complaints, good service, news)."""
    fillers = dict(noun=NOUNS, n=NUMBERS[:4], pct=PERCENTS, company=COMPANIES, city=CITIES)
    negative = ["Still waiting for my {noun} after {n} hours.", "The {noun} stopped working after {n} days.",
                "{n} hours on hold and nobody picked up.", "They charged me twice for the {noun}.",
                "Had to send the {noun} back after {n} days.", "Flight to {city} delayed again, {n} hours now.",
                "{company} shares fell {pct} after the report.", "{company} to cut {n} jobs in {city}.",
                "Sales at {company} dropped {pct} this quarter.", "The {noun} arrived with a cracked screen."]
    positive = ["The {noun} arrived {n} days early.", "They refunded me within {n} minutes.",
                "The {noun} still works after {n} years.", "{company} shares rose {pct} after the report.",
                "{company} to hire {n} people in {city}.", "Sales at {company} grew {pct} this quarter.",
                "Got my {noun} fixed for free the same day.", "They upgraded my room at no charge.",
                "The {noun} sold out in {n} minutes.", "{company} raises its dividend by {pct}."]
    return _sampled([_cases([(t, "neg") for t in negative], **fillers),
                     _cases([(t, "pos") for t in positive], **fillers)], PER_CAPABILITY // 2, "implicit")


# The issue's own examples, always in the suite (the rest is sampled around them).
ANCHORS = {
    "negated negatives": [("Not bad at all.", "pos")],
    "negated verbs": [("I don't love it.", "neg")],
    "change of mind": [("I thought it would be bad, but it was great.", "pos")],
    "neutral statements": [("The meeting is at 3pm.", "neutral")],
    "implicit sentiment": [("Still waiting for my bag after 2 hours.", "neg"),
                           ("International sales rose by 59.8%.", "pos")],
}

_BUILDERS = {"vocabulary": _vocabulary, "intensifiers": _intensifiers, "negated positives": _negated_positives,
             "negated negatives": _negated_negatives, "negated verbs": _negated_verbs,
             "change of mind": _change_of_mind, "emoticons and emoji": _emoticons, "neutral statements": _neutral,
             "implicit sentiment": _implicit}


def capability_cases(per_capability: int = PER_CAPABILITY, seed: int = SEED) -> dict:
    """``{capability: [(text, expected)]}``: at most ``per_capability`` cases each, the same on every call.

    Where a template set makes more, a seeded sample is taken that keeps the classes balanced
    (as near as the numbers allow) and the generated order.

    Examples
    --------
    >>> cases = capability_cases()
    >>> list(cases) == CAPABILITIES, sum(map(len, cases.values()))
    (True, 1800)
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
