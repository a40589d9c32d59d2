import json
import math

import numpy as np

from sentiment.cli.main import cli
from sentiment.worked_example import compute


def test_every_number_of_the_walkthrough(runner):
    res = runner.invoke(cli, ["example", "--json"])
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout)
    assert r["tokens"]["count"] == 66
    x = r["features"]["x"]
    assert x[:5] == [3, 2, 1, 3, 0] and round(x[5], 2) == 4.19
    assert r["weights"] == [2.5, -5.0, -1.2, 0.5, 2.0, 0.7] and r["bias"] == 0.1
    c = r["classification"]
    assert round(c["z"], 3) == 0.833
    assert round(c["p_positive"], 2) == 0.70 and round(c["p_negative"], 2) == 0.30
    assert round(r["loss"]["if_positive"], 2) == 0.36 and round(r["loss"]["if_negative"], 1) == 1.2
    s = r["sgd_step"]
    assert s["gradient"] == [-1.5, -1.0, -0.5]
    assert [round(v, 2) for v in s["theta_1"]] == [0.15, 0.10, 0.05]
    v = r["vectorized"]
    assert v["z"] == [-5, 1, 7] and [round(p, 2) for p in v["sigmoid"]] == [0.01, 0.73, 1.00]
    sm = r["softmax"]
    assert sm["Z"] == [[-5, -9], [1, 5], [7, 19]]
    P = np.array(sm["probabilities"])
    assert np.round(P[:2], 3).tolist() == [[0.982, 0.018], [0.018, 0.982]]
    assert f"{P[2, 0]:.2e}" == "6.14e-06" and round(P[2, 1], 3) == 1.0


def test_sgd_step_gradient_matches_finite_differences():
    from sentiment.linear.loss import objective

    r = compute("textbook")
    X, Y = np.array([[3.0, 2.0]]), np.array([[1.0]])
    eps = 1e-6
    fd = []
    for j in range(3):
        t = np.zeros((1, 3))
        t[0, j] = eps
        fd.append((objective(t, X, Y) - objective(-t, X, Y)) / (2 * eps))
    assert np.allclose(r["sgd_step"]["gradient"], fd, atol=1e-8)


def test_text_walkthrough_prints_the_numbers(runner):
    res = runner.invoke(cli, ["example"])
    assert res.exit_code == 0
    for s in ("66 tokens", "ln 66 = 4.19", "z = w·x + b = 0.833", "σ(0.833) = 0.70", "0.36", "1.2",
              "[-1.5, -1.0, -0.5]", "[0.15, 0.10, 0.05]", "[0.01, 0.73, 1.00]", "6.14e-06"):
        assert s in res.output, s


def test_real_lexicon_comparison_with_hu_liu(hu_liu, runner):
    res = runner.invoke(cli, ["example", "--json", "--lexicon", str(hu_liu)])
    r = json.loads(res.stdout)
    cmp_ = r["real_lexicon"]
    assert cmp_["lexicon"] == "opinion-lexicon-english"
    # Hu and Liu finds more words than the book's five: its counts and z differ.
    assert cmp_["x"][:2] != [3, 2]
    assert cmp_["positive_only_in_real"] or cmp_["negative_only_in_real"]
    assert not math.isclose(cmp_["z"], r["classification"]["z"])
