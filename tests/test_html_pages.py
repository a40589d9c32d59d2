"""The HTML pages: explain --html and evaluate --html, checked as files and in headless Chromium."""

import re
from html.parser import HTMLParser

import numpy as np
import pytest

from sentiment.cli.main import cli

REVIEW = "It's hokey, but I was overcome with the urge to start dancing! No, you will not regret it."


class _Collect(HTMLParser):
    """Tags with their attributes, and every external reference a page makes."""

    def __init__(self):
        super().__init__()
        self.tags, self.external = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        for key in ("src", "href"):
            if attrs.get(key):
                self.external.append(attrs[key])
        if tag == "link":
            self.external.append(attrs.get("href", "<link>"))


def _parse(html):
    p = _Collect()
    p.feed(html)
    return p


def _write_sst_sample(data, path, n=300):
    lines = (data / "corpora" / "sst" / "stsa.binary.test").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
    return path


def _assert_not_blank(png):
    from PIL import Image

    img = np.asarray(Image.open(png).convert("RGB"), dtype=float)
    assert img.shape[0] > 300 and img.shape[1] > 600
    assert img.std() > 20, "screenshot is (nearly) one colour"
    colours = len(np.unique(img.reshape(-1, 3).astype(np.uint8), axis=0))
    assert colours > 50, f"screenshot has only {colours} colours"


@pytest.fixture(scope="module")
def explain_page(tmp_path_factory):
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("explain") / "why.html"
    r = CliRunner().invoke(cli, ["explain", REVIEW, "A dull, lifeless mess.", "--html", str(out)])
    assert r.exit_code == 0, r.output
    return out


def test_explain_html_is_figure_5_2(explain_page):
    from sentiment.pipeline import load_model

    html = explain_page.read_text(encoding="utf-8")
    page = _parse(html)
    assert page.external == []  # one file: nothing fetched
    spans = [a for t, a in page.tags if t == "span" and "data-wx" in a]
    words = re.findall(r'data-wx="[^"]*"[^>]*>([^<]*)</span>', html)
    assert "hokey" in words and "dancing" in words and "dull" in words
    # Every token has its w·x on hover; lexicon words are marked by polarity.
    assert all(a["title"].startswith("w·x = ") for a in spans)
    cls = {w: a["class"] for w, a in zip(words, spans)}
    assert "lex-negative" in cls["hokey"] and "lex-positive" in cls["dancing"]
    # The token shares plus the document-level terms are z, and σ(z) is the model's probability.
    e = load_model("default").explain(REVIEW)
    first = html.split('<section class="explanation">')[1]
    shares = sum(float(v) for v in re.findall(r'data-wx="([^"]*)"', first))
    rest = re.search(r"Not on any token: ([^<]*)\.</div>", first).group(1)
    rest_sum = sum(float(v) for v in re.findall(r"([+-]\d+\.\d+)", rest))
    # The three-way default tints by z(pos) − z(neg): the log-odds of positive against negative.
    assert "share of z(pos − neg)" in first
    assert shares + rest_sum == pytest.approx(e["z"]["pos"] - e["z"]["neg"], abs=1e-3)
    assert f"{e['probabilities']['pos']:.4f}" in first and f"{e['probabilities']['neutral']:.4f}" in first
    assert "softmax(z)" in first and "positive_words" in first and "log_length" in first


def test_explain_html_multiclass_and_extended(runner, tmp_path):
    rows = ["text,label"] + [f"{w} film,{l}" for w, l in
                             [("great", "pos"), ("awful", "neg"), ("okay", "neutral")] * 8]
    (tmp_path / "three.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = runner.invoke(cli, ["train", str(tmp_path / "three.csv"), "-o", str(tmp_path / "m.json"), "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["explain", "a great film", "-m", str(tmp_path / "m.json"), "--html", str(tmp_path / "3.html")])
    assert r.exit_code == 0, r.output
    html = (tmp_path / "3.html").read_text(encoding="utf-8")
    assert "softmax(z)" in html and "w·x (neutral)" in html
    r = runner.invoke(cli, ["evaluate", str(tmp_path / "m.json"), str(tmp_path / "three.csv"), "--html",
                            str(tmp_path / "r3.html")])
    assert r.exit_code == 0, r.output
    html = (tmp_path / "r3.html").read_text(encoding="utf-8")
    assert "confusion matrix" in html and "accuracy by length" in html and "ROC" not in html  # no ROC for 3 classes
    r = runner.invoke(cli, ["explain", REVIEW, "-m", "extended", "--html", str(tmp_path / "x.html")])
    assert r.exit_code == 0, r.output
    html = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "n-grams" in html and "n-grams (sum)" in html


def test_evaluate_html_report(runner, data, tmp_path):
    sample = _write_sst_sample(data, tmp_path / "sst.txt")
    out = tmp_path / "report.html"
    r = runner.invoke(cli, ["evaluate", "default", str(sample), "--label-map", "0=neg,1=pos", "--html", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    page = _parse(html)
    assert page.external == []
    svgs = re.findall(r'<svg [^>]*aria-label="([^"]*)"', html)
    assert [s.split(" (")[0] for s in svgs] == ["ROC", "precision–recall", "reliability", "accuracy by length"]
    assert html.count("threshold 0.5") >= 2  # on ROC and on precision–recall
    counts = [int(n) for n in re.findall(r">n=(\d+)</text>", html)]
    assert sum(counts) == 300  # the reliability bins hold every document
    length_counts = [int(n) for n in re.findall(r"\(n=(\d+)\)</text>", html)]
    assert sum(length_counts) == 300 and len(length_counts) >= 3
    assert html.count('<div class="error">') == 10 and "confusion matrix" in html
    assert "accuracy" in html and "ROC-AUC" in html


def test_html_output_refuses_a_directory_before_any_work(runner, tmp_path):
    r = runner.invoke(cli, ["explain", "fine", "--html", str(tmp_path)])
    assert r.exit_code != 0 and "Traceback" not in r.output


def test_pages_in_headless_chromium(chromium, explain_page, data, runner, tmp_path):
    from sentiment.reports.browser import render

    dom = render(explain_page, tmp_path / "explain.png", height=700)
    assert dom.count('class="explanation"') == 2
    assert re.search(r'<span class="tok lex-negative"[^>]*title="w·x = -', dom)
    assert "softmax(z)" in dom  # the three-way default
    _assert_not_blank(tmp_path / "explain.png")

    sample = _write_sst_sample(data, tmp_path / "sst.txt", n=200)
    report = tmp_path / "report.html"
    r = runner.invoke(cli, ["evaluate", "default", str(sample), "--label-map", "0=neg,1=pos", "--html", str(report)])
    assert r.exit_code == 0, r.output
    dom = render(report, tmp_path / "report.png", height=1100)
    assert dom.count("<svg") == 4 and dom.count('<div class="error">') == 10
    assert "threshold 0.5" in dom
    _assert_not_blank(tmp_path / "report.png")


def test_plot_marks_the_threshold_and_counts_the_bins():
    pytest.importorskip("matplotlib")
    from sentiment.evaluation.metrics import classification_report
    from sentiment.evaluation.threshold import threshold_point
    from sentiment.reports.plots import report_figure, require_matplotlib

    rng = np.random.default_rng(0)
    gold = ["neg", "pos"] * 100
    p = np.clip(np.where(np.array(gold) == "pos", 0.65, 0.35) + rng.normal(0, 0.2, 200), 0.01, 0.99)
    proba = np.column_stack([1 - p, p])
    pred = ["pos" if v > 0.5 else "neg" for v in p]
    report = classification_report(gold, pred, proba, ["neg", "pos"])
    fig = report_figure(report, gold, proba, ["neg", "pos"])
    confusion, roc, pr, reliability = fig.axes[:4]
    t = threshold_point(gold, p, "pos")
    point = [l for l in roc.get_lines() if l.get_label() == "threshold 0.5"][0]
    assert point.get_xdata()[0] == pytest.approx(t["fpr"]) and point.get_ydata()[0] == pytest.approx(t["tpr"])
    assert [l for l in pr.get_lines() if l.get_label() == "threshold 0.5"]
    counts = [int(a.get_text()[2:]) for a in reliability.texts if a.get_text().startswith("n=")]
    assert sum(counts) == 200 and len(counts) == len(report["calibration"])
    require_matplotlib().close(fig)


def test_token_shares_sum_to_z_and_lexicon_words_push_their_way_in_every_shipped_model():
    from sentiment.pipeline import load_model
    from sentiment.reports.tokens import token_contributions

    for name in ("default", "extended"):
        pipe = load_model(name)
        t = token_contributions(pipe, REVIEW)
        total = sum(x["contribution"] for x in t["tokens"]) + sum(v for _, v in t["remainder"])
        z = pipe.explain(REVIEW)["z"]
        z = z["pos"] - z["neg"] if isinstance(z, dict) else z  # the three-way default: tinted by z(pos) − z(neg)
        assert total == pytest.approx(z, abs=1e-9)
        share = {x["text"]: x["contribution"] for x in t["tokens"]}
        # A standardised feature's value at a count of 0 is the document's, so the words keep their sign.
        assert share["dancing"] > 0 > share["hokey"], (name, share)
        assert [x["text"] for x in t["tokens"] if x["lexicon"] == "positive"] == ["dancing"]
