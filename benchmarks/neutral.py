"""Neutral answers: the general model's rule against VADER's ±0.05 band, on SST-5 collapsed to three classes.

Usage: ``.venv-bench/bin/python benchmarks/neutral.py`` (needs ../shared/data and vaderSentiment).

SST-5 labels 0–1 are neg, 2 neutral, 3–4 pos.  For each rule (``band``: neutral when |p(pos) − 0.5| <
band; ``cue_free_band``: neutral when the text holds no opinion cue and |p(pos) − 0.5| < that, see
``sentiment/neutral.py``) it prints accuracy and macro-F1 on dev (where the shipped rule was chosen) and
test, and the share of the capability suite's neutral statements called neutral.
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import data_root  # noqa: E402
from capabilities import capability_cases  # noqa: E402

COLLAPSE = {"0": "neg", "1": "neg", "2": "neutral", "3": "pos", "4": "pos"}
RULES = [(0.0, 0.0), (0.0, 0.2), (0.0, 0.3), (0.0, 0.4), (0.05, 0.0), (0.05, 0.3), (0.1, 0.0), (0.1, 0.3)]


def sst5(split):
    texts, labels = [], []
    for line in (data_root() / "corpora" / "sst" / f"stsa.fine.{split}").read_text(encoding="utf-8").splitlines():
        label, text = line.split(" ", 1)
        texts.append(text)
        labels.append(COLLAPSE[label])
    return texts, np.array(labels)


def macro_f1(y, p):
    scores = []
    for c in ("neg", "neutral", "pos"):
        tp = np.sum((p == c) & (y == c))
        prec, rec = tp / max(np.sum(p == c), 1), tp / max(np.sum(y == c), 1)
        scores.append(0.0 if tp == 0 else 2 * prec * rec / (prec + rec))
    return 100 * float(np.mean(scores))


def main():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from sentiment.neutral import NeutralRule
    from sentiment.pipeline import load_model

    pipe = load_model("general")
    neutral_texts = [t for t, _ in capability_cases()["neutral statements"]]
    sets = {"dev": sst5("dev"), "test": sst5("test"), "suite": (neutral_texts, np.array(["neutral"] * len(neutral_texts)))}
    p_pos = {k: pipe.predict_proba(t)[:, 1] for k, (t, _) in sets.items()}
    vader = SentimentIntensityAnalyzer()
    print("| rule | dev acc. | dev macro-F1 | test acc. | test macro-F1 | suite neutral % |\n|---|---|---|---|---|---|")
    row = {}
    for k, (texts, y) in sets.items():
        c = np.array([vader.polarity_scores(t)["compound"] for t in texts])
        pred = np.where(c >= 0.05, "pos", np.where(c <= -0.05, "neg", "neutral"))
        row[k] = (100 * np.mean(pred == y), macro_f1(y, pred))
    print(f"| VADER ±0.05 | {row['dev'][0]:.2f} | {row['dev'][1]:.2f} | {row['test'][0]:.2f} | {row['test'][1]:.2f} | "
          f"{row['suite'][0]:.1f} |")
    for band, cue_free in RULES:
        rule = NeutralRule(band, cue_free)
        for k, (texts, y) in sets.items():
            pred = np.where(p_pos[k] >= 0.5, "pos", "neg").astype(object)
            pred[rule.mask(texts, p_pos[k])] = "neutral"
            row[k] = (100 * np.mean(pred == y), macro_f1(y, pred))
        print(f"| general, band {band}, cue-free band {cue_free} | {row['dev'][0]:.2f} | {row['dev'][1]:.2f} | "
              f"{row['test'][0]:.2f} | {row['test'][1]:.2f} | {row['suite'][0]:.1f} |")


if __name__ == "__main__":
    main()
