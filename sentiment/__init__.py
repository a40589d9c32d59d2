"""sentiment: text sentiment classification with logistic regression (SLP3 ch. 5).

The data flows text → tokens → features → model → probabilities → reports:

* :mod:`sentiment.text` tokenizes, :mod:`sentiment.lexicon` loads word lists,
* :mod:`sentiment.features` computes the six SLP3 features,
* :mod:`sentiment.model` (math in :mod:`sentiment.logistic`, optimisers in
  :mod:`sentiment.solvers`) learns and applies the weights,
* :mod:`sentiment.pipeline` ties them together; :mod:`sentiment.modelfile` saves it,
* :mod:`sentiment.metrics` and friends measure it, :mod:`sentiment.cli` is the command line.

Names are imported lazily so that ``import sentiment`` stays cheap.
"""

__version__ = "0.1.0"

_LAZY = {
    "tokenize": "text",
    "Lexicon": "lexicon",
    "load_lexicon": "lexicon",
    "SixFeatures": "features",
    "LogisticRegression": "model",
    "SentimentPipeline": "pipeline",
    "load_model": "pipeline",
    "read_corpus": "corpus",
    "InputError": "errors",
}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"sentiment.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'sentiment' has no attribute {name!r}")
