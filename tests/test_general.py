"""The general model's parts: the cue analysis and blocks (values by hand), GeneralFeatures, the prior,
the neutral rule, the shipped general model and the ``models`` command."""

import base64
import json
import math
import zlib

import numpy as np
import pytest

from sentiment.cli import cli
from sentiment.errors import InputError
from sentiment.features.cues import BLOCKS, CueFeatures, contrast, emoticons, emphasis, intensity, negation, \
    opinion_words, valence
from sentiment.features.general import GeneralFeatures
from sentiment.neutral import NeutralRule, has_opinion_cue
from sentiment.pipeline import SentimentPipeline, load_model
from sentiment.text.cues import analyse
from sentiment.training.general import length_balanced_weights, make_general_pipeline
from sentiment.training.prior import prior_documents

# VADER valences used below (lexicons/vader-valence.tsv): good 1.9, great 3.1, bad -2.5, love 3.2,
# dull -1.7, boring -1.3, wonderful 2.7; Hu-Liu: good, great, love, wonderful +; bad, dull, boring, slow -.


def cues(text):
    return [(c.word, c.negated, c.clause, c.boost, c.caps, c.elongated) for c in analyse(text).cues]


# -- the analysis -------------------------------------------------------------------------------


def test_negation_scope_runs_to_the_clause_end():
    assert cues("not good, but bad") == [("good", True, "weak", 0, False, False), ("bad", False, "strong", 0, False, False)]
    assert [c[1] for c in cues("I don't think it is good. Good!")] == [True, False]


def test_although_concedes_its_own_clause():
    assert [(w, cl) for w, _, cl, *_ in cues("Although slow, it is wonderful.")] == [("slow", "weak"), ("wonderful", "strong")]
    assert [(w, cl) for w, _, cl, *_ in cues("Wonderful, although slow.")] == [("wonderful", "strong"), ("slow", "weak")]
    assert [cl for _, _, cl, *_ in cues("Good. Bad.")] == [None, None]  # no marker, no roles


def test_intensifiers_downtoners_caps_and_elongation():
    assert [c[3] for c in cues("very good, slightly bad, a bit dull, good")] == [1, -1, -1, 0]
    assert cues("GOOD phone")[0][4] is True
    assert cues("GOOD PHONE")[0][4] is False  # a shouted text has no emphasis in capitals
    a = analyse("sooo goooood")
    assert [(c.word, c.valence, c.boost, c.elongated) for c in a.cues] == [("good", 1.9, 1, True)]


def test_emoticons_and_emoji_are_one_token_with_a_valence():
    a = analyse("fine :) but :-( and 😍 D: http://x.org")
    assert [(c.word, c.valence) for c in a.cues if c.emoticon] == [(":)", 2.0), (":-(", -1.5), ("😍", 2.0), ("D:", -2.0)]  # VADER: ":-(" is -1.5


# -- the blocks, by hand ----------------------------------------------------------------------------


def test_valence_block_by_hand():
    # "not bad, very good!": 4 words; bad negated: -2.5 * -0.74 = 1.85; good boosted: 1.9 + 0.293 = 2.193
    s = 1.85 + 2.193 + 0.292
    got = valence.values(analyse("not bad, very good!"))
    assert got == pytest.approx([1.9 / 4, 0.0, s / math.sqrt(s * s + 15), s / 2])


def test_hu_liu_and_negation_blocks_by_hand():
    a = analyse("not good, and dull")  # 4 words; the comma ends the negation's scope
    assert opinion_words.values(a) == [0.0, 0.25]
    assert negation.values(a) == [pytest.approx(1.9 / 4), 0.0, 0.25, 0.0]
    a = analyse("not good and dull")  # no punctuation: both are negated
    assert opinion_words.values(a) == [0.0, 0.0]
    assert negation.values(a) == pytest.approx([1.9 / 4, -1.7 / 4, 0.25, 0.25])


def test_contrast_intensity_emphasis_emoticon_blocks_by_hand():
    a = analyse("It was bad, but really GREAT :)")  # 7 words (the emoticon is one)
    assert contrast.values(a) == pytest.approx([(3.1 + 2.0) / 7, -2.5 / 7])
    assert intensity.values(a) == pytest.approx([3.1 / 7, 0.0])
    assert emphasis.values(a)[:2] == pytest.approx([3.1 / 7, 0.0])
    assert emoticons.values(a) == [1, 0]
    s = -2.5 * 0.5 + (3.1 + 0.293 + 0.733) * 1.5 + 2.0 * 1.5
    assert valence.values(a)[2] == pytest.approx(s / math.sqrt(s * s + 15))
    b = analyse("Good!!!!!!")  # exclamations count up to 4
    s = 1.9 + 4 * 0.292
    assert emphasis.values(b)[2] == pytest.approx(4 * s / math.sqrt(s * s + 15))


def test_cue_features_stack_blocks_in_order_and_reject_unknown_ones():
    f = CueFeatures()
    assert f.blocks == tuple(BLOCKS) and len(f.feature_names) == 19
    assert f.transform(["", "x"]).shape == (2, 19)
    assert not f.transform([""]).any()
    with pytest.raises(ValueError, match="unknown cue block"):
        CueFeatures(("valence", "sarcasm"))


# -- GeneralFeatures and its model file -------------------------------------------------------------

TEXTS = ["a great fun film", "good and lovely", "not bad at all", "dull and bad", "awful mess", "not good, sadly",
         "really great :)", "boring :("] * 3
LABELS = ["pos", "pos", "pos", "neg", "neg", "neg", "pos", "neg"] * 3


def test_general_features_put_the_cues_between_the_six_and_the_ngrams():
    f = GeneralFeatures(lexicon="textbook", cues=("negation", "emoticons"), min_df=1, ngram_range=(1, 1))
    X = f.fit_transform(TEXTS, LABELS)
    names = f.feature_names
    assert f.dense_width == 12 and names[6:12] == CueFeatures(("negation", "emoticons")).feature_names
    assert names[12:14] == ["nb_log_odds", "nb_log_odds_end"] and "ngram:NOT_bad" in names
    assert X.shape == (len(TEXTS), len(names))
    dense = np.asarray(X[:, :12].todense())
    assert np.allclose(dense.mean(axis=0), 0, atol=1e-9)  # standardised on the training documents


def test_general_model_file_round_trip_and_validation(tmp_path):
    pipe = make_general_pipeline(min_df=1, max_ngrams=50).fit(TEXTS, LABELS)
    assert len(pipe.featurizer.ngrams.vocabulary) == 50
    path = tmp_path / "g.json"
    pipe.save(path)
    back = load_model(path)
    assert isinstance(back.featurizer, GeneralFeatures) and back.neutral.to_dict() == pipe.neutral.to_dict()
    probe = ["great fun", "not bad", "The meeting is at 3pm.", "dull :("]
    assert np.allclose(back.predict_proba(probe), pipe.predict_proba(probe))
    assert back.predict(probe).tolist() == pipe.predict(probe).tolist()
    data = json.loads(path.read_text())
    data["features"]["cues"] = ["valence", "sarcasm"]
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match="features.cues"):
        load_model(path)
    data["features"]["cues"] = list(BLOCKS)
    data["neutral"] = {"band": 0.9, "cue_free_band": 0.3}
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match="band must be a number in"):
        load_model(path)


def test_explain_lists_the_cue_columns():
    pipe = make_general_pipeline(min_df=1, prior=False).fit(TEXTS, LABELS)
    e = pipe.explain("not bad at all")
    names = [f["name"] for f in e["features"]]
    assert names[6:10] == ["vader_positive", "vader_negative", "vader_compound", "vader_mean"]
    assert sum(f["contribution"] for f in e["features"]) + e["ngram_contribution"] + e["bias"] == pytest.approx(e["z"])


# -- the prior, the weights, the rule weight ----------------------------------------------------------


def test_prior_documents_flip_negated_words_and_follow_the_clause_after_but():
    docs = dict(prior_documents(contrasts=0))
    assert docs["awful"] == "neg" and docs["not awful"] == "pos" and docs["not great"] == "neg"
    contrasts = prior_documents(contrasts=3)[-6:]
    assert all(label == ("pos" if text.split(", but ")[1] in dict(prior_documents(contrasts=0)) and
                         dict(prior_documents(contrasts=0))[text.split(", but ")[1]] == "pos" else "neg")
               for text, label in contrasts)
    assert prior_documents(contrasts=5, seed=1) == prior_documents(contrasts=5, seed=1)


def test_length_balanced_weights_even_out_the_bands():
    texts = ["short"] * 6 + [" ".join(["w"] * 50)] * 3 + [" ".join(["w"] * 200)]
    w = length_balanced_weights(texts)
    assert w.mean() == pytest.approx(1.0)
    assert w[:6].sum() == pytest.approx(w[6:9].sum()) == pytest.approx(w[9:].sum())


def test_rule_weight_adds_vader_compound_to_the_score():
    plain = make_general_pipeline(min_df=1, rule_weight=0.0, prior=False).fit(TEXTS, LABELS)
    ruled = make_general_pipeline(min_df=1, rule_weight=2.0, prior=False).fit(TEXTS, LABELS)
    probe = ["not bad", "great", "The meeting is at 3pm."]
    j = plain.feature_names.index("vader_compound")
    X = plain.featurize(probe)  # a handful of texts: the dense path
    raw = np.asarray(X.todense() if hasattr(X, "todense") else X)[:, j] * plain.featurizer.scale_[j] + plain.featurizer.mean_[j]
    z = lambda p: p.model.decision_function(p.featurize(probe))
    assert np.allclose(z(ruled) - z(plain), 2.0 * raw)


# -- neutral --------------------------------------------------------------------------------------------


def test_neutral_rule_band_and_cue_free_band():
    rule = NeutralRule(band=0.05, cue_free_band=0.3)
    texts = ["It is 3pm.", "It is 3pm.", "A lovely day.", "A lovely day.", "grey box"]
    assert rule.mask(texts, [0.7, 0.9, 0.53, 0.6, 0.4]).tolist() == [True, False, True, False, True]
    assert not has_opinion_cue("It comes in a grey box.") and has_opinion_cue("nice") and has_opinion_cue(":(")
    with pytest.raises(ValueError):
        NeutralRule(band=-0.1)


def test_classify_answers_neutral_by_default_and_not_with_no_neutral(runner):
    res = runner.invoke(cli, ["classify", "--json", "The meeting is at 3pm.", "Not bad at all.", "I don't love it."])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert [r["label"] for r in rows] == ["neutral", "pos", "neg"]
    for r in rows:  # a three-way model: neutral is a class, with its probability
        assert abs(r["p_neg"] + r["p_neu"] + r["p_pos"] - 1) < 1e-9
        assert r["probability"] == max(r["p_neg"], r["p_neu"], r["p_pos"]) == r[f"p_{r['label'][:3]}"]
        assert r["score"] == r["p_pos"] - r["p_neg"] and -1 <= r["score"] <= 1
    res = runner.invoke(cli, ["classify", "--json", "--no-neutral", "The meeting is at 3pm."])
    row = json.loads(res.output)[0]
    assert row["label"] in ("neg", "pos") and "p_neu" not in row
    assert abs(row["p_neg"] + row["p_pos"] - 1) < 1e-12 and row["probability"] == max(row["p_neg"], row["p_pos"])


# -- shipped models and their cards ------------------------------------------------------------------


def test_shipped_models_are_small_and_default_is_general():
    from importlib import resources

    from sentiment.io.modelfile import resolve_model_path

    for name in ("general", "six"):
        assert resolve_model_path(name).stat().st_size <= 5 * 1024 * 1024  # general.zip is compact
    assert isinstance(load_model("default").featurizer, GeneralFeatures)
    assert type(load_model("six").featurizer).__name__ == "SixFeatures"
    assert load_model("six").featurizer.lexicon_.name == "hu-liu"


def test_models_command_lists_and_shows_cards(runner):
    res = runner.invoke(cli, ["models"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("general (default)") and any(l.startswith("six ") for l in lines)
    res = runner.invoke(cli, ["models", "default"])
    assert res.exit_code == 0 and res.output.startswith("# general")
    for heading in ("Trained on", "Leave-one-domain-out", "Known weaknesses"):
        assert heading in res.output
    res = runner.invoke(cli, ["models", "nope"])
    assert res.exit_code == 1 and res.output.strip().startswith("error: nope: no shipped model")


def test_batch_scores_block_by_block_equal_the_feature_matrix_path():
    # predict_proba reads the general model's scores off the blocks (no feature matrix); the model applied to
    # the matrix gives the same numbers, for two classes and for three, at every batch size.
    texts = ["not bad at all", "I don't love it.", "The meeting is at 3pm.", "sooo GOOD :)", "dull, but the ending!"] * 8
    binary = make_general_pipeline(prior=False).fit(["great fun", "awful mess"] * 10, ["pos", "neg"] * 10)
    binary.neutral = None  # the comparison is of the model's own classes
    three = load_model("default")
    toy = make_general_pipeline(prior=False, rule_weight=0.0).fit(
        ["great fun", "awful mess", "the meeting is at noon"] * 10, ["pos", "neg", "neutral"] * 10)
    for pipe in (binary, three, toy):
        assert pipe.model.unscaled_coef() is not None
        for n in (1, 15, 16, 40):
            P = pipe.predict_proba(texts[:n])
            assert np.allclose(P, pipe.model.predict_proba(pipe.featurize(texts[:n])), atol=1e-12)
        assert np.allclose(pipe.decision_function(texts), pipe.model.decision_function(pipe.featurize(texts)))
        assert pipe.predict(texts).tolist() == pipe.model.predict(pipe.featurize(texts)).tolist()


@pytest.mark.parametrize("name", ["default", "extended"])
def test_a_texts_scores_are_the_same_bits_in_any_batch(name):
    # classify --jobs N cuts a file into batches of its own (a last part of a few texts): a text's
    # probabilities must not depend on the batch it is scored in, down to the last bit (JSON prints them all).
    pipe = load_model(name)
    words = ("a great film but the plot is dull and slow yet the acting shines with warm humour not bad at all "
             "terrible boring fun :) !! SOOO good é 😀 never isn't").split()
    rng = np.random.default_rng(3)
    texts = [" ".join(rng.choice(words, size=int(rng.integers(1, 40)))) for _ in range(70)] + ["", "!!"]
    whole = pipe.predict_proba(texts)
    for size in (1, 4, 15, 16, 17, 33):
        parts = np.vstack([pipe.predict_proba(texts[i : i + size]) for i in range(0, len(texts), size)])
        assert np.array_equal(parts, whole), size


def test_a_featurizer_subclass_with_its_own_transform_keeps_the_matrix_path():
    # The block scores are the inherited linear_scores: a subclass that changes transform (one more column)
    # must be scored through its matrix, or the extra column's weight is silently dropped.
    from scipy.sparse import csr_matrix, hstack

    from sentiment.features.extended import ExtendedFeatures
    from sentiment.linear.model import LogisticRegression

    class WithExclamations(ExtendedFeatures):
        def _extra(self, docs):
            return csr_matrix(np.array([[d.count("!")] for d in docs], dtype=float))

        def fit_transform(self, docs, y=None):
            docs = list(docs)
            return hstack([super().fit_transform(docs, y), self._extra(docs)], format="csr")

        def transform(self, docs):
            docs = list(docs)
            return hstack([super().transform(docs), self._extra(docs)], format="csr")

    texts = ["a great film !!!", "fun and warm !", "a dull mess", "boring and slow", "great fun !!", "slow mess"] * 4
    labels = ["pos", "pos", "neg", "neg", "pos", "neg"] * 4
    pipe = SentimentPipeline(WithExclamations(lexicon="textbook", ngram_range=(1, 1)), LogisticRegression()).fit(texts, labels)
    docs = ["a great film !!!!!!", "a dull mess !"] * 10
    assert np.allclose(pipe.predict_proba(docs), pipe.model.predict_proba(pipe.featurize(docs)), atol=1e-12)
    with pytest.raises(ValueError, match="expected one per feature column"):
        pipe.featurizer.linear_scores(docs, np.ones((3, 1)))


@pytest.mark.parametrize("name", ["six", "default", "extended"])
def test_an_empty_batch_is_refused_alike_by_every_model(name):
    with pytest.raises(InputError, match="0 sample"):
        load_model(name).predict_proba([])



#: 8 192 letters (k-o) whose 64-bit n-gram hash equals string_hash("worst"), built by an adversarial review
#: (a 2-adic greedy over Thue-Morse-like windows: each step clears one bit of the hash difference).
CRAFTED_WORST = zlib.decompress(base64.b64decode("eNrtVtEWgyAI/WC9+P9vy8xNOZoZNebynmMmcBGQ3MjCEi0PEMgS1jeylrx0mQEH2I+JWQZWTjANUthI2WiUUOHhCTDAqs5dYZvdO4qNa8LDc5Ai+nLhUQqP+zRsjUY675nLM+9Z+lnIfkpDjPK4jjZJii0XsZI18Koc2OJAYbv0Bf87fVBct+y5fr/P4KV+xHc/c3mq27Ov8cr20o5EQ+96v6ITLQkJWv3I4yj0O79UksuFXzaU2tTsa7yaPZQhjV9aP75uxderl/pv8bXjvzu/q+PXvTHlfKn/p0O7/sq/2LK/gE291H/vfr3+H9/9yvVX7j/t9pGWZ/T9n15/7fwHr7/0eKTpSfna8Uv3f3r9Rz+/H68/rVuEQcnM5cRsavY13ln/vft9O/678/v3+o9+fqPXf2JiYmJi4kq8ALcdoMQ=")).decode()


def test_a_crafted_token_reads_as_itself_in_any_batch():
    from sentiment.text.span_hash import string_hash

    assert CRAFTED_WORST.isalpha() and string_hash(CRAFTED_WORST) == string_hash("worst")
    pipe = load_model("default")
    text = f"honestly the {CRAFTED_WORST} movie , i thought it was fine"
    fillers = [f"an ordinary sentence number {i} ." for i in range(15)]
    # It read as "worst" in a batch of 16 (hashed n-grams: p_pos 0.079) and as itself alone (strings: 0.639).
    assert np.array_equal(pipe.predict_proba([text])[0], pipe.predict_proba([text] + fillers)[0])


_TRAIN = (["a great fun film", "nice and great work", "a wonderful gem", "great acting and a fine plot"] * 4
          + ["a hokey mess", "second-rate and dull", "awful boring film", "a dull and hokey plot"] * 4)
_LABELS = ["pos"] * 16 + ["neg"] * 16
_TEXTS = ["a great gem", "dull mess", "not great at all", "fine", "boring but great", ""] * 4


def _matches_the_matrix_path(pipe):
    return np.allclose(pipe.predict_proba(_TEXTS), pipe.model.predict_proba(pipe.featurize(_TEXTS)), atol=1e-12)


def test_an_ngram_block_with_its_own_transform_is_scored_through_it():
    from sentiment.features.extended import ExtendedFeatures
    from sentiment.features.ngrams import NgramFeatures
    from sentiment.linear.model import LogisticRegression

    class DoubledNgrams(NgramFeatures):
        def transform(self, docs):
            return super().transform(docs) * 2.0

        def transform_dense(self, docs):
            return super().transform_dense(docs) * 2.0

    class OwnNgramBlock(ExtendedFeatures):
        def _ngram_block(self):
            block = super()._ngram_block()
            block.__class__ = DoubledNgrams
            return block

    assert _matches_the_matrix_path(SentimentPipeline(OwnNgramBlock(min_df=1), LogisticRegression()).fit(_TRAIN, _LABELS))


def test_a_transform_replaced_on_the_object_is_scored_through_it():
    from sentiment.linear.model import LogisticRegression

    pipe = SentimentPipeline(GeneralFeatures(min_df=1), LogisticRegression()).fit(_TRAIN, _LABELS)
    inner = pipe.featurizer.transform

    def shifted(docs):
        X = inner(docs)
        X = X.toarray() if hasattr(X, "toarray") else X.copy()
        X[:, 0] += 5.0
        return X

    pipe.featurizer.transform = shifted  # as unittest.mock.patch.object does
    assert _matches_the_matrix_path(pipe)


def test_a_dense_column_added_by_six_raw_is_scored():
    from sentiment.features.extended import ExtendedFeatures
    from sentiment.linear.model import LogisticRegression

    class PlusLength(ExtendedFeatures):  # a dense column where GeneralFeatures adds its cues, dense_width as it was
        def _six_raw(self, docs):
            return np.hstack([super()._six_raw(docs), np.log1p([[len(d)] for d in docs])])

    assert _matches_the_matrix_path(SentimentPipeline(PlusLength(min_df=1), LogisticRegression()).fit(_TRAIN, _LABELS))
