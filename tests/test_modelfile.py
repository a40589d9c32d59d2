import json

import numpy as np
import pytest

from sentiment.io.corpus import Corpus
from sentiment.errors import InputError
from sentiment.io.modelfile import VERSION
from sentiment.pipeline import load_model, model_to_dict
from sentiment.training.train import train_pipeline

TEXTS = ["great fun", "nice and great", "a hokey mess", "second-rate and hokey", "great great", "hokey"]
LABELS = ["pos", "pos", "neg", "neg", "pos", "neg"]


@pytest.fixture()
def saved(tmp_path):
    pipe = train_pipeline(Corpus(TEXTS, LABELS, [str(i) for i in range(6)], "toy"), lexicon="textbook")
    path = tmp_path / "m.json"
    pipe.save(path)
    return pipe, path


def test_round_trip_reproduces_predictions(saved):
    pipe, path = saved
    loaded = load_model(path)
    docs = ["great", "hokey stuff", "", "you!"]
    assert np.array_equal(loaded.predict_proba(docs), pipe.predict_proba(docs))
    assert loaded.metadata["documents"] == 6 and loaded.metadata["class_counts"] == {"neg": 3, "pos": 3}


def test_shipped_lexicon_stored_by_name_and_hash(saved):
    _, path = saved
    d = json.loads(path.read_text())
    assert d["lexicon"] == {"name": "textbook", "sha256": d["lexicon"]["sha256"], "shipped": True}
    assert d["version"] == VERSION and d["features"]["names"][0] == "positive_words"


def test_custom_lexicon_stored_with_its_words(tmp_path):
    from sentiment.lexicons.lexicon import Lexicon

    lex = Lexicon.from_words(["fab"], ["naff"], name="uk")
    pipe = train_pipeline(Corpus(["fab", "naff", "fab fab", "naff naff"], [1, 0, 1, 0], list("abcd")), lexicon=lex)
    pipe.save(tmp_path / "m.json")
    d = json.loads((tmp_path / "m.json").read_text())
    assert d["lexicon"]["positive"] == ["fab"] and d["labels"] == [0, 1]
    assert load_model(tmp_path / "m.json").predict(["fab"]).tolist() == [1]


def test_same_data_same_seed_byte_identical_weights(tmp_path):
    c = Corpus(TEXTS, LABELS, [str(i) for i in range(6)])
    for name in ("a", "b"):
        train_pipeline(c, lexicon="textbook", solver="sgd", max_iter=20, random_state=3).save(tmp_path / name)
    a, b = (json.loads((tmp_path / n).read_text()) for n in "ab")
    assert a["weights"] == b["weights"] and a["bias"] == b["bias"]


def _mutate(path, fn):
    d = json.loads(path.read_text())
    fn(d)
    path.write_text(json.dumps(d))


@pytest.mark.parametrize("mutation,msg", [
    (lambda d: d.update(version=VERSION + 1), "newer sentiment"),
    (lambda d: d.update(format="other"), "not a sentiment model"),
    (lambda d: d.pop("weights"), "missing key"),
    (lambda d: d.update(extra=1), "unexpected key"),
    (lambda d: d["weights"][0].append(1.0), "7 columns but the model has 6 features"),
    (lambda d: d.update(bias=[1.0, 2.0]), "bias must be a list of 1 numbers"),
    (lambda d: d["weights"][0].__setitem__(0, "x"), "not a number"),
    (lambda d: d.update(labels=["pos"]), "at least two"),
    (lambda d: d.update(mode="magic"), "mode must be"),
    (lambda d: d["lexicon"].update(sha256="0" * 64), "hash mismatch"),
    (lambda d: d["standardize"].update(scale=[0.0] * 6), "scale must be positive"),
    (lambda d: d.update(tokenizer="bpe"), "unknown tokenizer"),
])
def test_damaged_model_files_are_rejected_with_a_message(saved, mutation, msg):
    _, path = saved
    _mutate(path, mutation)
    with pytest.raises(InputError, match=msg) as e:
        load_model(path)
    assert str(path) in str(e.value)


def test_nan_and_infinity_are_rejected(saved):
    _, path = saved
    text = path.read_text()
    d = json.loads(text)
    w = d["weights"][0][0]
    path.write_text(text.replace(json.dumps(w), "NaN", 1))
    with pytest.raises(InputError, match="NaN is not allowed"):
        load_model(path)
    path.write_text(text.replace(json.dumps(w), "1e999", 1))
    with pytest.raises(InputError, match="non-finite"):
        load_model(path)


@pytest.mark.parametrize("content,msg", [
    (b"", "empty file"), (b'{"format": "sentiment-mo', "not valid JSON"), (b"\xff\xfe\x00", "not UTF-8"),
    (b"[1, 2]", "JSON object"),
])
def test_unreadable_model_files(tmp_path, content, msg):
    p = tmp_path / "m.json"
    p.write_bytes(content)
    with pytest.raises(InputError, match=msg):
        load_model(p)


def test_shipped_models_load():
    m = load_model("default")
    assert m.classes_.tolist() == ["neg", "neutral", "pos"] and m.metadata["documents"] > 10_000
    assert m.predict(["a wonderful, moving film", "a dull, awful mess"]).tolist() == ["pos", "neg"]


def test_failed_save_leaves_previous_file(saved, monkeypatch):
    pipe, path = saved
    before = path.read_bytes()
    import sentiment.io.modelfile as mf

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(mf.json, "dump", boom)
    with pytest.raises(KeyboardInterrupt):
        pipe.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["m.json"]
