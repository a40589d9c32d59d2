"""Real texts from ../shared/data for the tests that hold a fast path to its reference."""


def lines(path, encoding="latin-1", limit=None):
    """A corpus file's lines (at most ``limit``), undecodable bytes replaced."""
    out = path.read_text(encoding=encoding, errors="replace").splitlines()
    return out[:limit] if limit else out


def mixed_texts(data, tweets=5000, phrases=3000):
    """All MR sentences, ``tweets`` tweets, ``phrases`` pros and as many cons, and RT-2k reviews cv000–cv499."""
    corpora = data / "corpora"
    texts = lines(corpora / "sentence-polarity-v1.0" / "rt-polarity.pos")
    texts += lines(corpora / "sentence-polarity-v1.0" / "rt-polarity.neg")
    texts += lines(corpora / "sentiment140" / "training.20k.processed.noemoticon.csv", limit=tweets)
    texts += lines(corpora / "pros-cons" / "IntegratedCons.txt", limit=phrases)
    texts += lines(corpora / "pros-cons" / "IntegratedPros.txt", limit=phrases)
    reviews = sorted((corpora / "polarity-v2.0" / "txt_sentoken").glob("*/cv0[0-4]*.txt"))
    assert reviews, "no RT-2k reviews under polarity-v2.0"
    return texts + [p.read_text(encoding="latin-1") for p in reviews]
