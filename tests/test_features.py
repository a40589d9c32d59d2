import math

import numpy as np
import pytest

from sentiment.features.six import FEATURE_NAMES, PRONOUNS, SixFeatures
from sentiment.worked_example import REVIEW


def test_worked_example_features():
    x = SixFeatures(lexicon="textbook").transform([REVIEW])[0]
    assert x[:5].tolist() == [3.0, 2.0, 1.0, 3.0, 0.0]
    assert x[5] == pytest.approx(math.log(66))
    assert round(x[5], 2) == 4.19


def test_empty_document_gives_zero_length_feature_not_minus_inf():
    assert SixFeatures(lexicon="textbook").transform([""]).tolist() == [[0.0] * 6]


def test_flags_are_flags_and_counts_are_counts():
    f = SixFeatures(lexicon="textbook")
    x = f.transform(["No no NO! Great great! I, you and we."])[0]
    assert x[0] == 2 and x[2] == 1 and x[4] == 1 and x[3] == 3


def test_all_fifteen_pronouns_count():
    x = SixFeatures(lexicon="textbook").transform([" ".join(sorted(PRONOUNS))])[0]
    assert x[3] == 15


def test_batch_matrix_shape_and_frame_columns():
    f = SixFeatures(lexicon="textbook")
    X = f.transform(["great", "hokey", ""])
    assert X.shape == (3, 6) and X.dtype == np.float64
    df = f.to_frame(["great", "hokey"])
    assert list(df.columns) == list(FEATURE_NAMES) and df["positive_words"].tolist() == [1.0, 0.0]


def test_single_string_is_refused():
    with pytest.raises(TypeError, match="list of documents"):
        SixFeatures(lexicon="textbook").transform("great")


def test_real_lexicon_counts_differ_from_textbook(hu_liu):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        f = SixFeatures(lexicon=hu_liu)
    m = f.matches(REVIEW)
    assert "great" in m["positive_words"] and "enjoyable" in m["positive_words"]
    # Hu and Liu lists neither "hokey" nor "second-rate", but does list "sucked".
    assert m["negative_words"] == ["sucked"]
    assert f.transform([REVIEW])[0][:2].tolist() == [3.0, 1.0]
