"""The worked example of SLP3 ch. 5, number by number.

:func:`compute` returns every number of the walkthrough as a dict (what
``sentiment example --json`` prints); :func:`render` lays it out as text.

Examples
--------
>>> r = compute()
>>> r["features"]["x"][:5], round(r["features"]["x"][5], 2), r["tokens"]["count"]
([3.0, 2.0, 1.0, 3.0, 0.0], 4.19, 66)
>>> round(r["classification"]["z"], 3), round(r["classification"]["p_positive"], 2)
(0.833, 0.7)
>>> round(r["loss"]["if_positive"], 2), round(r["loss"]["if_negative"], 1)
(0.36, 1.2)
>>> r["sgd_step"]["gradient"], [round(t, 2) for t in r["sgd_step"]["theta_1"]]
([-1.5, -1.0, -0.5], [0.15, 0.1, 0.05])
"""

from __future__ import annotations

import math

import numpy as np

from sentiment.features.six import FEATURE_NAMES, SixFeatures
from sentiment.linear.loss import cross_entropy, gradient, sigmoid, softmax
from sentiment.linear.model import LogisticRegression
from sentiment.pipeline import SentimentPipeline

__all__ = ["REVIEW", "WEIGHTS", "BIAS", "compute", "render", "textbook_pipeline"]

REVIEW = (
    "It's hokey . There are virtually no surprises , and the writing is second-rate . "
    "So why was it so enjoyable ? For one thing , the cast is great . Another nice touch "
    "is the music . I was overcome with the urge to get off the couch and start dancing . "
    "It sucked me in , and it'll do the same to you ."
)
WEIGHTS = [2.5, -5.0, -1.2, 0.5, 2.0, 0.7]
BIAS = 0.1


def textbook_pipeline(lexicon="textbook") -> SentimentPipeline:
    """A pipeline that carries the book's weights and bias, unstandardised."""
    model = LogisticRegression(standardize=False)
    model.classes_ = np.array(["negative", "positive"])
    model.n_features_in_ = 6
    model.mode_ = "binary"
    model.coef_ = np.array([WEIGHTS])
    model.intercept_ = np.array([BIAS])
    model.mean_ = np.zeros(6)
    model.scale_ = np.ones(6)
    return SentimentPipeline(SixFeatures(lexicon=lexicon), model)


def compute(compare_lexicon=None) -> dict:
    """Every number of the walkthrough.

    Parameters
    ----------
    compare_lexicon
        A real lexicon to featurize the review with beside the textbook one
        (anything :func:`~sentiment.lexicons.lexicon.load_lexicon` accepts);
        default: the shipped VADER-derived lexicon, a general hand-rated one.
        The product reads no development folder, so the output never depends
        on where it is run.
    """
    pipe = textbook_pipeline()
    feats = pipe.featurizer
    from sentiment.text.tokenize import get_tokenizer

    tokens = get_tokenizer(feats.tokenizer)(REVIEW)
    x = feats.transform([REVIEW])[0]
    explanation = pipe.explain(REVIEW)
    z = explanation["z"]
    p = float(sigmoid(np.array([z]))[0])

    if compare_lexicon is None:
        compare_lexicon = "vader"
    real = SixFeatures(lexicon=compare_lexicon)
    x_real = real.transform([REVIEW])[0]
    m_book, m_real = feats.matches(REVIEW), real.matches(REVIEW)
    z_real = float(np.dot(WEIGHTS, x_real) + BIAS)
    comparison = {
        "lexicon": real.lexicon_.name,
        "source": real.lexicon_.source,
        "x": x_real.tolist(),
        "z": z_real,
        "p_positive": float(sigmoid(np.array([z_real]))[0]),
        "positive_words": m_real["positive_words"],
        "negative_words": m_real["negative_words"],
        "positive_only_in_real": sorted(set(m_real["positive_words"]) - set(m_book["positive_words"])),
        "positive_only_in_textbook": sorted(set(m_book["positive_words"]) - set(m_real["positive_words"])),
        "negative_only_in_real": sorted(set(m_real["negative_words"]) - set(m_book["negative_words"])),
        "negative_only_in_textbook": sorted(set(m_book["negative_words"]) - set(m_real["negative_words"])),
    }

    # One SGD step from theta = 0 on x = [3, 2], y = 1, eta = 0.1 (SLP3 §5.6.1).
    theta0 = np.zeros((1, 3))
    _, g = gradient(theta0, np.array([[3.0, 2.0]]), np.array([[1.0]]))
    theta1 = theta0 - 0.1 * g

    Xv = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    zv = Xv @ np.array([1.0, 2.0]) - 10.0
    Wv, bv = np.array([[1.0, 3.0], [2.0, 4.0]]), np.array([-10.0, -20.0])
    Zv = Xv @ Wv + bv

    return {
        "review": REVIEW,
        "tokens": {"count": len(tokens), "tokens": tokens},
        "lexicon": {"positive": sorted(feats.lexicon_.positive), "negative": sorted(feats.lexicon_.negative)},
        "features": {
            "names": list(FEATURE_NAMES),
            "x": x.tolist(),
            "matches": m_book,
            "log_length": {"token_count": len(tokens), "ln": math.log(len(tokens))},
        },
        "weights": WEIGHTS,
        "bias": BIAS,
        "classification": {
            "contributions": [f["contribution"] for f in explanation["features"]],
            "z": z,
            "p_positive": p,
            "p_negative": 1.0 - p,
            "predicted": "positive" if p > 0.5 else "negative",
        },
        "loss": {
            "if_positive": float(cross_entropy(np.array([[z]]), np.array([[1.0]]))[0]),
            "if_negative": float(cross_entropy(np.array([[z]]), np.array([[0.0]]))[0]),
        },
        "real_lexicon": comparison,
        "sgd_step": {
            "x": [3.0, 2.0], "y": 1, "eta": 0.1, "theta_0": [0.0, 0.0, 0.0],
            "gradient": g[0].tolist(), "theta_1": theta1[0].tolist(),
        },
        "vectorized": {
            "X": Xv.tolist(), "w": [1.0, 2.0], "b": -10.0,
            "z": zv.tolist(), "sigmoid": sigmoid(zv).tolist(),
        },
        "softmax": {
            "X": Xv.tolist(), "W": Wv.tolist(), "b": bv.tolist(),
            "Z": Zv.tolist(), "probabilities": softmax(Zv).tolist(),
        },
    }


def _fmt(values, digits=2):
    return "[" + ", ".join(f"{v:.{digits}f}" for v in values) + "]"


def render(r: dict) -> str:
    """The walkthrough as readable text, each number at the book's precision."""
    f, c, lo, cmp_ = r["features"], r["classification"], r["loss"], r["real_lexicon"]
    m = f["matches"]
    lines = [
        "SLP3 ch. 5: classifying a review with logistic regression",
        "",
        "1. The review",
        f"   {r['review']}",
        f"   {r['tokens']['count']} tokens",
        "",
        "2. Features with the textbook lexicon "
        f"(positive: {', '.join(r['lexicon']['positive'])}; negative: {', '.join(r['lexicon']['negative'])})",
        f"   x1 positive words   = {f['x'][0]:.0f}   {m['positive_words']}",
        f"   x2 negative words   = {f['x'][1]:.0f}   {m['negative_words']}",
        f"   x3 'no' occurs      = {f['x'][2]:.0f}",
        f"   x4 1st/2nd pronouns = {f['x'][3]:.0f}   {m['pronouns']}",
        f"   x5 '!' occurs       = {f['x'][4]:.0f}",
        f"   x6 ln(word count)   = ln {f['log_length']['token_count']} = {f['x'][5]:.2f}",
        "",
        f"3. Weights w = {r['weights']}, bias b = {r['bias']}",
        "   contributions w·x = " + _fmt(c["contributions"]),
        f"   z = w·x + b = {c['z']:.3f}",
        f"   P(+|x) = σ({c['z']:.3f}) = {c['p_positive']:.2f}    P(-|x) = 1 - σ(z) = {c['p_negative']:.2f}",
        f"   predicted: {c['predicted']}",
        "",
        "4. Cross-entropy loss  L = -[y log σ(z) + (1-y) log(1-σ(z))]",
        f"   if the review is positive (y = 1): {lo['if_positive']:.2f}",
        f"   if the review is negative (y = 0): {lo['if_negative']:.1f}",
        "",
        f"5. The same review with a real lexicon: {cmp_['lexicon']}",
        "   x = " + _fmt(cmp_["x"]) + f"   z = {cmp_['z']:.3f}   P(+|x) = {cmp_['p_positive']:.2f}",
        f"   positive words: {cmp_['positive_words']}",
        f"   negative words: {cmp_['negative_words']}",
        f"   counted positive only by {cmp_['lexicon']}: {cmp_['positive_only_in_real'] or 'none'};"
        f" only by the textbook: {cmp_['positive_only_in_textbook'] or 'none'}",
        f"   counted negative only by {cmp_['lexicon']}: {cmp_['negative_only_in_real'] or 'none'};"
        f" only by the textbook: {cmp_['negative_only_in_textbook'] or 'none'}",
        "   (a general lexicon lists words the book's five-word list leaves out, and may miss"
        " the book's choices: counts differ, and so does z)",
        "",
        "6. One SGD step from θ = 0 with x = [3, 2], y = 1, η = 0.1",
        "   gradient (σ(θ·x) - y)·[x, 1] = " + _fmt(r["sgd_step"]["gradient"], 1),
        "   θ¹ = θ - η·gradient = " + _fmt(r["sgd_step"]["theta_1"]),
        "",
        "7. Vectorised: X = [[1, 2], [3, 4], [5, 6]], w = [1, 2], b = -10",
        "   z = Xw + b = " + _fmt(r["vectorized"]["z"], 0) + "   σ(z) = " + _fmt(r["vectorized"]["sigmoid"]),
        "   softmax with W = [[1, 3], [2, 4]], b = [-10, -20]:",
        "   Z = XW + b = [" + ", ".join(_fmt(row, 0) for row in r["softmax"]["Z"]) + "]",
    ]
    for row in r["softmax"]["probabilities"]:
        lines.append("   softmax row = [" + ", ".join(f"{v:.3f}" if v >= 1e-3 else f"{v:.2e}" for v in row) + "]")
    return "\n".join(lines)
