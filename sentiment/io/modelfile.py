"""Model files: versioned, validated JSON; never pickle.

A model file holds everything needed to reproduce predictions elsewhere: the
tokenizer, the lexicon (its words, or the name and content hash of a lexicon
that ships with the package), the feature names and standardisation, weights,
bias, label names and training metadata.

Loading checks the format name and version, the keys (no missing, no
unexpected), the types, the shapes and the finiteness of every number, and
raises :class:`~sentiment.errors.InputError` with a one-line message naming the
file and the problem.  Sizes are checked before any array is built, and a file
larger than :data:`MAX_BYTES` is refused unread.
"""

from __future__ import annotations

import json
import math
import os
from importlib import resources
from pathlib import Path

import numpy as np

from sentiment.io.atomic import atomic_write
from sentiment.errors import InputError
from sentiment.lexicons.lexicon import SHIPPED_LEXICONS, Lexicon, load_lexicon
from sentiment.text.tokenize import TOKENIZERS

__all__ = ["FORMAT", "VERSION", "MAX_BYTES", "SHIPPED_MODELS", "save_model", "load_model", "model_to_dict",
           "model_from_dict", "resolve_model_path"]

FORMAT = "sentiment-model"
VERSION = 1
MAX_BYTES = 512 * 1024 * 1024
SHIPPED_MODELS = ("default", "extended")

_TOP_KEYS = {"format", "version", "tokenizer", "lexicon", "features", "labels", "mode", "standardize",
             "weights", "bias", "training"}
_OPTIONAL_TOP = {"training"}


def model_to_dict(pipe) -> dict:
    """The JSON-ready dict of a fitted :class:`~sentiment.pipeline.SentimentPipeline`."""
    from sentiment.features.six import FEATURE_NAMES

    m, f = pipe.model, pipe.featurizer
    m._check_fitted()
    lex: Lexicon = f.lexicon
    lexicon = {"name": lex.name, "sha256": lex.sha256}
    if lex.name in SHIPPED_LEXICONS and _shipped_hash(lex.name, f.tokenizer) == lex.sha256:
        lexicon["shipped"] = True
    else:
        lexicon.update(shipped=False, source=lex.source, positive=sorted(lex.positive), negative=sorted(lex.negative))
    features = f.to_dict()
    features["names"] = list(FEATURE_NAMES)  # the six; n-gram names are the vocabulary, stored once
    return {
        "format": FORMAT,
        "version": VERSION,
        "tokenizer": f.tokenizer,
        "lexicon": lexicon,
        "features": features,
        "labels": np.asarray(m.classes_).tolist(),
        "mode": m.mode_,
        "standardize": {"mean": m.mean_.tolist(), "scale": m.scale_.tolist()},
        "weights": m.coef_.tolist(),
        "bias": m.intercept_.tolist(),
        "training": _plain(pipe.metadata),
    }


def label_array(labels) -> np.ndarray:
    """The labels as a ``classes_`` array: of their own dtype, or ``object`` when strings and numbers mix.

    Examples
    --------
    >>> label_array(["neg", "pos"]).dtype.kind, label_array([0, 1]).dtype.kind, label_array([0, "x"]).dtype
    ('U', 'i', dtype('O'))
    """
    if len({type(v) for v in labels}) > 1:
        return np.array(labels, dtype=object)
    return np.asarray(labels)


def _plain(obj):
    """Metadata made JSON-safe: numpy scalars to Python numbers."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def save_model(pipe, path) -> None:
    """Write the model file atomically (a temporary file renamed into place)."""
    data = model_to_dict(pipe)
    with atomic_write(path) as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False, allow_nan=False)
        fh.write("\n")


def resolve_model_path(path_or_name) -> Path:
    """A shipped model's file for a name in :data:`SHIPPED_MODELS`, else the path itself."""
    s = os.fspath(path_or_name)
    if s in SHIPPED_MODELS and not Path(s).exists():
        return Path(str(resources.files("sentiment.models").joinpath(f"{s}.json")))
    return Path(s)


def load_model(path_or_name="default"):
    """Read and validate a model file; return a :class:`~sentiment.pipeline.SentimentPipeline`."""
    path = resolve_model_path(path_or_name)
    name = os.fspath(path_or_name)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        hint = f" (shipped models: {', '.join(SHIPPED_MODELS)})" if os.sep not in name else ""
        raise InputError(f"{name}: no such model file{hint}") from None
    if path.is_dir():
        raise InputError(f"{name}: is a folder, expected a model file")
    if size == 0:
        raise InputError(f"{name}: empty file, not a model")
    if size > MAX_BYTES:
        raise InputError(f"{name}: {size} bytes is larger than a model file may be ({MAX_BYTES})")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise InputError(f"{name}: not a model file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from None
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply") from None
    return model_from_dict(data, name)


def _reject_constant(token):
    raise ValueError(f"{token} is not allowed in a model file")


def _fail(name, msg):
    raise InputError(f"{name}: {msg}")


def _number_matrix(value, rows, cols, what, name):
    if not isinstance(value, list) or len(value) != rows:
        _fail(name, f"{what} must be a list of {rows} rows")
    for row in value:
        _number_list(row, cols, what, name)
    return np.array(value, dtype=np.float64).reshape(rows, cols)


def _number_list(value, length, what, name):
    if not isinstance(value, list) or len(value) != length:
        got = f"{len(value)} values" if isinstance(value, list) else type(value).__name__
        _fail(name, f"{what} must be a list of {length} numbers; got {got}")
    for v in value:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            _fail(name, f"{what} holds {v!r}, not a number")
        if not math.isfinite(v):
            _fail(name, f"{what} holds a non-finite value ({v})")
    return np.array(value, dtype=np.float64)


def _shipped_hash(lexicon_name, tokenizer):
    from sentiment.text.tokenize import get_tokenizer

    return load_lexicon(lexicon_name, tokenizer=get_tokenizer(tokenizer)).sha256


def model_from_dict(data, name="<model>"):
    """Validate a model dict and build the pipeline it describes."""
    from sentiment.features.six import FEATURE_NAMES, SixFeatures
    from sentiment.linear.model import LogisticRegression
    from sentiment.pipeline import SentimentPipeline

    if not isinstance(data, dict):
        _fail(name, f"a model file holds a JSON object; got {type(data).__name__}")
    if data.get("format") != FORMAT:
        _fail(name, f"not a sentiment model file (format is {data.get('format')!r}, expected {FORMAT!r})")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        _fail(name, f"version must be an integer; got {version!r}")
    if version > VERSION:
        _fail(name, f"made by a newer sentiment (format version {version}; this one reads up to {VERSION}): upgrade sentiment")
    if version < 1:
        _fail(name, f"unknown format version {version}")
    keys = set(data)
    missing = _TOP_KEYS - _OPTIONAL_TOP - keys
    if missing:
        _fail(name, f"missing key(s): {', '.join(sorted(missing))}")
    extra = keys - _TOP_KEYS
    if extra:
        _fail(name, f"unexpected key(s): {', '.join(sorted(extra))}")

    tokenizer = data["tokenizer"]
    if tokenizer not in TOKENIZERS:
        _fail(name, f"unknown tokenizer {tokenizer!r}")

    labels = data["labels"]
    if not isinstance(labels, list) or len(labels) < 2 or not all(
        isinstance(l, (str, int)) and not isinstance(l, bool) for l in labels
    ):
        _fail(name, "labels must be a list of at least two strings or integers")
    if len(set(map(str, labels))) != len(labels):
        _fail(name, "labels must be distinct")
    mode = data["mode"]
    if mode not in ("binary", "multinomial", "ovr"):
        _fail(name, f"mode must be binary, multinomial or ovr; got {mode!r}")
    if mode == "binary" and len(labels) != 2:
        _fail(name, f"a binary model has two labels; got {len(labels)}")

    features = data["features"]
    if not isinstance(features, dict) or features.get("kind") not in ("six", "extended"):
        _fail(name, "features must be {'kind': 'six' or 'extended', ...}")
    names = features.get("names")
    if names != list(FEATURE_NAMES):
        _fail(name, f"feature names must be {list(FEATURE_NAMES)}")
    allowed = {"kind", "names", "tokenizer"} | ({"six_mean", "six_scale", "ngrams", "per_token"} if features["kind"] == "extended" else set())
    if set(features) - allowed:
        _fail(name, f"unexpected key(s) in features: {', '.join(sorted(set(features) - allowed))}")
    d = len(names)
    if features["kind"] == "extended":
        ngram_block = _check_ngrams(features, name)
        # The nb_log_odds column (and nb_log_odds_end after it) exist when the block has
        # NB ratios and asks for them.
        scores = bool(ngram_block.get("nb_score")) and ngram_block["ratio"] is not None
        d += len(ngram_block["vocabulary"]) + scores * (1 + (ngram_block.get("nb_end", 0.0) > 0))
    K = 1 if mode == "binary" else len(labels)

    W = data["weights"]
    if not isinstance(W, list) or len(W) != K:
        _fail(name, f"weights must hold {K} row(s) for a {mode} model with {len(labels)} labels")
    for row in W:
        if not isinstance(row, list) or len(row) != d:
            got = len(row) if isinstance(row, list) else type(row).__name__
            _fail(name, f"weights have {got} columns but the model has {d} features")
    W = _number_matrix(W, K, d, "weights", name)
    b = _number_list(data["bias"], K, "bias", name)
    std = data["standardize"]
    if not isinstance(std, dict) or set(std) != {"mean", "scale"}:
        _fail(name, "standardize must be {'mean': [...], 'scale': [...]}")
    mean = _number_list(std["mean"], d, "standardize.mean", name)
    scale = _number_list(std["scale"], d, "standardize.scale", name)
    if np.any(scale <= 0):
        _fail(name, "standardize.scale must be positive")

    lexicon = _lexicon_from_dict(data["lexicon"], tokenizer, name)
    training = data.get("training", {})
    if not isinstance(training, dict):
        _fail(name, "training must be a JSON object")

    model = LogisticRegression(standardize=True)
    model.classes_, model.mode_ = label_array(labels), mode
    model.n_features_in_ = d
    model.coef_, model.intercept_, model.mean_, model.scale_ = W, b, mean, scale
    if features["kind"] == "extended":
        from sentiment.features.extended import ExtendedFeatures
        from sentiment.features.ngrams import NgramFeatures

        per_token = features.get("per_token", False)  # absent in files written before it existed
        if not isinstance(per_token, bool):
            _fail(name, f"features.per_token must be true or false; got {per_token!r}")
        featurizer = ExtendedFeatures(lexicon, tokenizer=tokenizer, per_token=per_token)
        featurizer.mean_ = _number_list(features["six_mean"], 6, "features.six_mean", name)
        featurizer.scale_ = _number_list(features["six_scale"], 6, "features.six_scale", name)
        featurizer.ngrams = NgramFeatures.from_dict(ngram_block, tokenizer)
    else:
        featurizer = SixFeatures(lexicon, tokenizer=tokenizer)
    pipe = SentimentPipeline(featurizer, model)
    pipe.metadata = training
    return pipe


def _check_ngrams(features, name) -> dict:
    block = features.get("ngrams")
    keys = {"ngram_range", "min_df", "weighting", "negation", "nb", "alpha", "vocabulary", "ratio"}
    optional = ("nb_score", "nb_score_scale", "nb_score_per_ngram", "median_ngrams", "nb_end",
                "nb_end_scale")  # newer than the format: absent in older files
    if not isinstance(block, dict) or not keys <= set(block) <= keys | set(optional):
        _fail(name, f"features.ngrams must hold {', '.join(sorted(keys))} (and optionally {', '.join(optional)})")
    for key in ("nb_score", "nb_score_per_ngram"):
        if not isinstance(block.get(key, False), bool):
            _fail(name, f"features.ngrams.{key} must be true or false")
    for key in ("nb_score_scale", "median_ngrams", "nb_end_scale"):
        if not _is_positive_number(block.get(key, 1.0)):
            _fail(name, f"features.ngrams.{key} must be a positive number")
    end = block.get("nb_end", 0.0)
    if isinstance(end, bool) or not isinstance(end, (int, float)) or not 0 <= end < 1:
        _fail(name, f"features.ngrams.nb_end must be a fraction in [0, 1); got {end!r}")
    r = block["ngram_range"]
    if not (isinstance(r, list) and len(r) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in r)
            and 1 <= r[0] <= r[1] <= 5):
        _fail(name, "features.ngrams.ngram_range must be [min_n, max_n] with 1 <= min_n <= max_n <= 5")
    if block["weighting"] not in ("binary", "sublinear") or not isinstance(block["negation"], bool) \
            or not isinstance(block["nb"], bool):
        _fail(name, "features.ngrams has a bad weighting, negation or nb value")
    vocab = block["vocabulary"]
    if not isinstance(vocab, list) or not all(isinstance(t, str) for t in vocab) or len(set(vocab)) != len(vocab):
        _fail(name, "features.ngrams.vocabulary must be a list of distinct strings")
    if block["ratio"] is not None:
        _number_list(block["ratio"], len(vocab), "features.ngrams.ratio", name)
    return block


def _is_positive_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v > 0


def _lexicon_from_dict(lex, tokenizer, name) -> Lexicon:
    from sentiment.text.tokenize import get_tokenizer

    if not isinstance(lex, dict) or not isinstance(lex.get("name"), str) or not isinstance(lex.get("sha256"), str):
        _fail(name, "lexicon must be an object with a name and a sha256")
    if lex.get("shipped") is True:
        if set(lex) - {"name", "sha256", "shipped"}:
            _fail(name, "a shipped lexicon is stored as name, sha256 and shipped only")
        if lex["name"] not in SHIPPED_LEXICONS:
            _fail(name, f"unknown shipped lexicon {lex['name']!r}")
        out = load_lexicon(lex["name"], tokenizer=get_tokenizer(tokenizer))
        if out.sha256 != lex["sha256"]:
            _fail(name, f"the shipped lexicon {lex['name']!r} has changed since this model was trained (hash mismatch)")
        return out
    if set(lex) != {"name", "sha256", "shipped", "source", "positive", "negative"}:
        _fail(name, "lexicon must hold name, sha256, shipped, source, positive and negative")
    for side in ("positive", "negative"):
        if not isinstance(lex[side], list) or not all(isinstance(w, str) for w in lex[side]):
            _fail(name, f"lexicon.{side} must be a list of strings")
    out = Lexicon(frozenset(lex["positive"]), frozenset(lex["negative"]), lex["name"], str(lex["source"]))
    if out.sha256 != lex["sha256"]:
        _fail(name, "lexicon words do not match their sha256 (the file was edited or damaged)")
    return out
