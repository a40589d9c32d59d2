"""The extended model: n-gram block, negation marking, NB ratios and the NB log-odds column, tuning."""

import json
import math

import numpy as np
import pytest

from sentiment.io.corpus import Corpus, read_corpora
from sentiment.features.extended import ExtendedFeatures
from sentiment.pipeline import load_model
from sentiment.text.negation import mark_negation
from sentiment.features.ngrams import NgramFeatures
from sentiment.training.train import train_pipeline
from sentiment.training.tune import tune_extended

POS = ["a great and moving film", "great fun", "moving and funny", "a fun ride", "great acting, great story",
       "funny and great", "a moving story", "what fun", "not bad at all", "never dull"]
NEG = ["a dull mess", "dull and boring", "boring story", "a hokey mess", "bad acting, bad story",
       "not great", "not funny at all", "boring", "a mess", "never moving"]
TEXTS, LABELS = POS + NEG, ["pos"] * len(POS) + ["neg"] * len(NEG)


def test_vocabulary_min_df_and_weightings():
    docs = ["good good film", "good plot", "bad film"]
    f = NgramFeatures(ngram_range=(1, 2), min_df=2, nb=False).fit(docs)
    assert sorted(f.vocabulary) == ["film", "good"]
    binary = f.transform(["good good good film"]).toarray()[0]
    assert binary[f.vocabulary["good"]] == 1.0
    sub = NgramFeatures(ngram_range=(1, 1), weighting="sublinear", nb=False).fit(docs)
    assert sub.transform(["good good good"]).toarray()[0, sub.vocabulary["good"]] == pytest.approx(1 + math.log(3))
    with pytest.raises(ValueError, match="weighting must be one of .binary., .sublinear."):
        NgramFeatures(weighting="tfidf")


def test_nb_ratio_is_wang_and_manning_log_count_ratio():
    docs, y = ["good film", "good plot", "bad film"], ["pos", "pos", "neg"]
    f = NgramFeatures(ngram_range=(1, 1), nb=True, alpha=1.0).fit(docs, y)
    # p = 1 + counts over positives: film 1, good 2, plot 1, bad 0 → |p| = 8; q: film 1, bad 1 → |q| = 6
    expected = {"bad": math.log((1 / 8) / (2 / 6)), "good": math.log((3 / 8) / (1 / 6)),
                "film": math.log((2 / 8) / (2 / 6)), "plot": math.log((2 / 8) / (1 / 6))}
    for word, r in expected.items():
        assert f.ratio[f.vocabulary[word]] == pytest.approx(r)
    X = f.transform(["good bad"]).toarray()[0]
    assert X[f.vocabulary["good"]] == pytest.approx(expected["good"]) and X[f.vocabulary["film"]] == 0


@pytest.mark.parametrize("tokens,expected", [
    (["not", "good", ",", "great"], ["not", "NOT_good", ",", "great"]),
    (["isn't", "funny", "or", "smart", "."], ["isn't", "NOT_funny", "NOT_or", "NOT_smart", "."]),
    (["never", "again", "!", "fun"], ["never", "NOT_again", "!", "fun"]),
    (["no", "."], ["no", "."]),
    (["good"], ["good"]),
])
def test_negation_scope_ends_at_punctuation(tokens, expected):
    assert mark_negation(tokens) == expected


def test_nb_log_odds_column_is_out_of_fold_in_training_and_scaled_at_prediction():
    f = NgramFeatures(ngram_range=(1, 1), nb=True, nb_score=True, nb_score_folds=5)
    X_train = f.fit_transform(TEXTS, LABELS).toarray()
    assert f.feature_names[0] == "nb_log_odds"
    # Rebuild the out-of-fold scores by hand: fold i % 5 scored with ratios from the other folds.
    counts = (f.transform(TEXTS).toarray()[:, 1:] / f.ratio) > 0.5
    positive = np.asarray(LABELS) == "pos"
    oof = np.zeros(len(TEXTS))
    for k in range(5):
        held = np.arange(len(TEXTS)) % 5 == k
        p = 1 + counts[~held & positive].sum(axis=0)
        q = 1 + counts[~held & ~positive].sum(axis=0)
        oof[held] = counts[held] @ (np.log(p / p.sum()) - np.log(q / q.sum()))
    assert f.score_scale == pytest.approx(1 / oof.std())
    assert np.allclose(X_train[:, 0], oof * f.score_scale)
    # At prediction time the column is the full-data log-odds, i.e. the row sum of r ∘ x̂, scaled.
    X = f.transform(TEXTS).toarray()
    assert np.allclose(X[:, 0], f.score_scale * X[:, 1:].sum(axis=1))
    assert not np.allclose(X[:, 0], X_train[:, 0])  # in-sample scores would differ (overconfident)
    assert np.array_equal(X[:, 1:], X_train[:, 1:])


def test_nb_log_odds_per_ngram_is_the_mean_ratio_of_the_documents_ngrams():
    plain = NgramFeatures(ngram_range=(1, 2), nb=True, nb_score=True)
    mean = NgramFeatures(ngram_range=(1, 2), nb=True, nb_score=True, nb_score_per_ngram=True)
    X_plain, X_mean = plain.fit_transform(TEXTS, LABELS).toarray(), mean.fit_transform(TEXTS, LABELS).toarray()
    n = (X_plain[:, 1:] != 0).sum(axis=1)  # distinct n-grams per document: "great acting, great story"
    assert n[POS.index("great acting, great story")] == 8  # great acting , story + 4 bigrams
    oof_mean = X_plain[:, 0] / plain.score_scale / n  # the same out-of-fold sums, divided by n
    assert mean.score_scale == pytest.approx(1 / oof_mean.std())
    assert np.allclose(X_mean[:, 0], oof_mean * mean.score_scale)
    assert mean.median_ngrams == float(np.median(n))
    docs = ["great fun", "great fun great fun great fun , and a moving story"]
    X = mean.transform(docs).toarray()
    k = (X[:, 1:] != 0).sum(axis=1)
    assert np.allclose(X[:, 0], mean.score_scale * X[:, 1:].sum(axis=1) / k)
    assert mean.transform([""]).toarray()[0, 0] == 0.0  # no n-grams: 0, not 0/0


def test_extended_lexicon_counts_are_per_token_by_default():
    docs = ["great fun", "great fun " + "and then the film went on " * 10]
    per_token = ExtendedFeatures(lexicon="textbook").fit(TEXTS, LABELS)
    counts = ExtendedFeatures(lexicon="textbook", per_token=False).fit(TEXTS, LABELS)
    raw_counts, raw_rates = counts._six_raw(docs), per_token._six_raw(docs)
    assert raw_counts[0, 0] == raw_counts[1, 0]  # one positive word in each...
    tokens = np.exp(raw_counts[:, 5])
    assert np.allclose(raw_rates[:, [0, 1, 3]], raw_counts[:, [0, 1, 3]] / tokens[:, None])  # ...at very different rates
    assert np.array_equal(raw_rates[:, [2, 4, 5]], raw_counts[:, [2, 4, 5]])  # flags and ln(length) unchanged
    assert per_token.feature_names[:6] == ["positive_words_per_token", "negative_words_per_token", "has_no",
                                           "pronouns_per_token", "has_exclamation", "log_length"]


def test_nb_log_odds_only_for_binary_nb_blocks():
    three = NgramFeatures(nb=True, nb_score=True).fit(["a", "b", "c"], ["x", "y", "z"])
    assert three.ratio is None and "nb_log_odds" not in three.feature_names
    assert three.transform(["a b"]).shape[1] == len(three.vocabulary)
    with pytest.raises(ValueError, match="nb_score needs nb=True"):
        NgramFeatures(nb=False, nb_score=True)
    assert "nb_log_odds" not in ExtendedFeatures(lexicon="textbook", nb=False).fit(TEXTS, LABELS).feature_names


def _toy_corpus():
    return Corpus(TEXTS, LABELS, [str(i) for i in range(len(TEXTS))], "toy")


def test_extended_model_round_trip_and_validation(tmp_path):
    f = ExtendedFeatures(lexicon="textbook", ngram_range=(1, 2), negation=True)
    pipe = train_pipeline(_toy_corpus(), featurizer=f, standardize=False)
    path = tmp_path / "ext.json"
    pipe.save(path)
    loaded = load_model(path)
    docs = ["not great at all", "a fun ride", "", "unseen words only"]
    # Ratios are stored to 10 decimals, so probabilities agree to ~1e-10, not bit for bit.
    assert np.allclose(loaded.predict_proba(docs), pipe.predict_proba(docs), rtol=0, atol=1e-9)
    block = json.loads(path.read_text())["features"]["ngrams"]
    assert block["nb_score"] is True and block["nb_score_scale"] == pytest.approx(f.ngrams.score_scale)
    assert block["nb_score_per_ngram"] is True and json.loads(path.read_text())["features"]["per_token"] is True
    # Files written before per_token / nb_score_per_ngram existed load with the old meaning.
    d = json.loads(path.read_text())
    del d["features"]["per_token"], d["features"]["ngrams"]["nb_score_per_ngram"]
    path.write_text(json.dumps(d))
    old = load_model(path)
    assert old.featurizer.per_token is False and old.featurizer.ngrams.nb_score_per_ngram is False
    assert old.feature_names[0] == "positive_words"
    d["features"]["per_token"] = "yes"
    path.write_text(json.dumps(d))
    with pytest.raises(Exception, match="per_token must be true or false"):
        load_model(path)
    d = json.loads(path.read_text())
    d["features"]["ngrams"]["nb_score_scale"] = -1
    path.write_text(json.dumps(d))
    with pytest.raises(Exception, match="nb_score_scale must be a positive number"):
        load_model(path)
    for bad in (0.0, -1.5):  # a standardising scale: the quick path declined it, the full loader took it
        d = json.loads(path.read_text())
        d["features"]["ngrams"]["nb_score_scale"], d["features"]["per_token"] = 1.0, True
        d["features"]["six_scale"][5] = bad
        path.write_text(json.dumps(d))
        with pytest.raises(Exception, match="six_scale must be positive"):
            load_model(path)


def test_explanation_shares_the_nb_column_among_ngrams_exactly():
    pipe = train_pipeline(_toy_corpus(), featurizer=ExtendedFeatures(lexicon="textbook"), standardize=False)
    assert pipe.feature_names[6] == "nb_log_odds"
    text = "not great, a dull mess"
    e = pipe.explain(text)
    six = sum(f["contribution"] for f in e["features"])
    z = float(pipe.model.decision_function(pipe.featurize([text]))[0])
    assert six + e["ngram_contribution"] + e["bias"] == pytest.approx(z)
    assert e["z"] == pytest.approx(z)
    # The shared-out weights times the n-gram values give the block's contribution, column included.
    names, weights = pipe.featurizer.ngram_weights(pipe.model.raw_coef()[0][0], pipe.featurizer.count_ngrams(text))
    values = pipe.featurize([text]).toarray()[0][-len(names):]
    assert float(weights @ values) + e["ending_contribution"] == pytest.approx(e["ngram_contribution"])
    assert pipe.feature_names[7] == "nb_log_odds_end" and e["ending_fraction"] == 0.25
    names = [f["name"] for f in e["top_negative"] + e["top_positive"]]
    assert "nb_log_odds" not in names and "nb_log_odds_end" not in names and "ngram:mess" in names


def test_tuning_picks_negation_when_only_negation_separates_the_classes():
    # Unigrams cannot separate {good, not bad} from {not good, bad} (the weight of "not" would
    # have to be both below -w(good) and above -w(bad)); with NOT_ marking they can.
    pos = [f"good {w}" for w in "abcdefghij"] + [f"not bad {w}" for w in "abcdefghij"]
    neg = [f"not good {w}" for w in "abcdefghij"] + [f"bad {w}" for w in "abcdefghij"]
    best, table = tune_extended(pos + neg, ["pos"] * 20 + ["neg"] * 20, lexicon="textbook", folds=2,
                                grid={"ngram_max": (1,), "negation": (False, True), "C": (10.0,)})
    assert best == {"ngram_max": 1, "negation": True, "C": 10.0}
    by_neg = {r["negation"]: r["accuracy"] for r in table}
    assert by_neg[True] == 1.0 and by_neg[False] < 0.8
    with pytest.raises(ValueError, match="unknown grid key"):
        tune_extended(pos, ["pos"] * 20, grid={"alpha": (1,)})


def test_extended_on_sst2_beats_bigram_naive_bayes(data):
    """SST-2 train → test with the CLI's defaults: Socher et al.'s bigram NB got 83.1 %."""
    sst = data / "corpora" / "sst"
    train = read_corpora([sst / "stsa.binary.train"])
    test = read_corpora([sst / "stsa.binary.test"])
    f = ExtendedFeatures(lexicon=data / "lexicons" / "opinion-lexicon-english", negation=True)
    pipe = train_pipeline(train, featurizer=f, standardize=False, tol=1e-6)
    accuracy = float(np.mean(pipe.predict(test.texts) == np.asarray(test.labels, dtype=object)))
    assert accuracy > 0.836  # measured 0.8440 (benchmarks/accuracy.py)


def test_trained_on_long_reviews_the_model_still_reads_sentences(data):
    """RT-2k (700-token reviews) → SST-2 test sentences: raw counts and a summed NB column gave 50.1 %
    (every sentence negative); per-token lexicon rates and the per-n-gram NB column give 79.7 %."""
    rt = read_corpora([data / "corpora" / "polarity-v2.0"])
    sst = read_corpora([data / "corpora" / "sst" / "stsa.binary.test"], label_map={"0": "neg", "1": "pos"})
    f = ExtendedFeatures(lexicon=data / "lexicons" / "opinion-lexicon-english", negation=True)
    pipe = train_pipeline(rt, featurizer=f, standardize=False, tol=1e-6)
    predicted = pipe.predict(sst.texts)
    assert 0.4 < np.mean(predicted == "pos") < 0.6
    assert float(np.mean(predicted == np.asarray(sst.labels, dtype=object))) > 0.77


# -- through the command line -------------------------------------------------------


@pytest.fixture()
def negation_corpus(tmp_path):
    """A 'LABEL TEXT' file that only negation marking separates (see the tuning test above)."""
    rows = [f"pos good {w}" for w in "abcdefghij"] + [f"pos not bad {w}" for w in "abcdefghij"]
    rows += [f"neg not good {w}" for w in "abcdefghij"] + [f"neg bad {w}" for w in "abcdefghij"]
    path = tmp_path / "neg.txt"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_cli_train_tune_prints_table_and_stores_choice(runner, negation_corpus, tmp_path):
    from sentiment.cli.main import cli

    out = tmp_path / "m.json"
    res = runner.invoke(cli, ["train", str(negation_corpus), "--features", "extended", "--tune", "--no-negation",
                              "--lexicon", "textbook", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "tuning on 5 inner folds" in res.stderr and res.stderr.count("<- chosen") == 1
    tuning = json.loads(out.read_text())["training"]["tuning"]
    assert tuning["chosen"]["negation"] is True and len(tuning["table"]) == 8  # --tune overrides --no-negation
    assert json.loads(out.read_text())["features"]["ngrams"]["negation"] is True
    explained = runner.invoke(cli, ["explain", "--model", str(out), "--json", "not good a"])
    e = json.loads(explained.stdout)[0]
    assert e["predicted"] == "neg" and any(f["name"] == "ngram:NOT_good" for f in e["top_negative"])


def test_cli_cv_tune_is_nested_and_reports_each_fold(runner, negation_corpus):
    from sentiment.cli.main import cli

    res = runner.invoke(cli, ["cv", str(negation_corpus), "--features", "extended", "--tune", "--folds", "2",
                              "--lexicon", "textbook", "--json"])
    assert res.exit_code == 0, res.output
    folds = json.loads(res.stdout)["per_fold"]
    assert [f["tuned"]["negation"] for f in folds] == [True, True]
    assert all(f["accuracy"] == 1.0 for f in folds)


def test_cli_tune_needs_extended(runner, negation_corpus, tmp_path):
    from sentiment.cli.main import cli

    res = runner.invoke(cli, ["train", str(negation_corpus), "--tune", "-o", str(tmp_path / "m.json")])
    assert res.exit_code == 2 and "--tune needs --features extended" in res.output


def test_training_summary_gives_extended_six_weights_in_raw_units():
    from sentiment.training.train import summarize_fit

    pipe = train_pipeline(_toy_corpus(), featurizer=ExtendedFeatures(lexicon="textbook"), standardize=False)
    f, w = pipe.featurizer, pipe.model.coef_[0]
    line = next(l for l in summarize_fit(pipe).splitlines() if l.strip().startswith("positive_words"))
    raw, standardised = float(line.split()[1]), float(line.split("[")[1].rstrip("]"))
    assert standardised == pytest.approx(w[0], abs=1e-4) and raw == pytest.approx(w[0] / f.scale_[0], abs=1e-4)
    assert f.scale_[0] != 1.0  # the two columns really differ here


def test_ending_column_scores_the_last_quarter_of_tokens():
    f = NgramFeatures(ngram_range=(1, 1), nb=True, nb_score=True, nb_score_per_ngram=True, nb_end=0.25)
    X_train = f.fit_transform(TEXTS, LABELS).toarray()
    assert f.feature_names[:2] == ["nb_log_odds", "nb_log_odds_end"]
    doc = "a dull mess , a boring story , but the end is great fun"  # 14 tokens
    ending = ["end", "is", "great", "fun"]  # tokens[int(14 * 0.75):], i.e. from the 11th on
    x = f.transform([doc]).toarray()[0]
    ratios = [f.ratio[f.vocabulary[w]] for w in ending if w in f.vocabulary]
    assert x[1] == pytest.approx(f.end_scale * np.mean(ratios))
    assert x[1] > 0 > x[0]  # the ending is positive, the review as a whole negative
    # Training rows use out-of-fold ratios, as for nb_log_odds; the n-gram columns are unchanged.
    X = f.transform(TEXTS).toarray()
    assert not np.allclose(X[:, 1], X_train[:, 1]) and np.array_equal(X[:, 2:], X_train[:, 2:])
    assert f.transform([""]).toarray()[0, 1] == 0.0
    with pytest.raises(ValueError, match=r"nb_end must be a float in \[0, 1\)"):
        NgramFeatures(nb_score=True, nb_end=1.0)
    with pytest.raises(ValueError, match="nb_end needs nb_score"):
        NgramFeatures(nb_end=0.25)


def test_cli_ending_option_and_model_file_validation(runner, tmp_path):
    from sentiment.cli.main import cli

    corpus = tmp_path / "toy.tsv"
    corpus.write_text("label\ttext\n" + "".join(f"{l}\t{t}\n" for t, l in zip(TEXTS, LABELS)))
    for ending, names in (("0.25", ["nb_log_odds", "nb_log_odds_end"]), ("0", ["nb_log_odds"])):
        out = tmp_path / f"m{ending}.json"
        res = runner.invoke(cli, ["train", str(corpus), "--features", "extended", "--ending", ending,
                                  "--lexicon", "textbook", "-o", str(out)])
        assert res.exit_code == 0, res.output
        pipe = load_model(out)
        assert pipe.feature_names[6:6 + len(names) + 1] == names + ["ngram:,"]
        assert pipe.featurizer.ngrams.nb_end == float(ending)
    d = json.loads((tmp_path / "m0.25.json").read_text())
    d["features"]["ngrams"]["nb_end"] = 1.5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(d))
    res = runner.invoke(cli, ["classify", "--model", str(bad), "great fun"])
    assert res.exit_code != 0 and "nb_end must be a fraction in [0, 1)" in res.output
    res = runner.invoke(cli, ["train", str(corpus), "--features", "extended", "--ending", "1", "-o", str(bad)])
    assert res.exit_code == 2 and "--ending" in res.output
