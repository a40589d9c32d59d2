"""sentiment: text sentiment classification with logistic regression (SLP3 ch. 5).

The data flows text → tokens → features → model → probabilities → reports:

* :mod:`sentiment.text.tokenize` tokenizes, :mod:`sentiment.lexicons.lexicon` loads word lists,
* :mod:`sentiment.features.six` computes the six SLP3 features,
* :mod:`sentiment.linear.model` (math in :mod:`sentiment.linear.loss`, optimisers in
  :mod:`sentiment.linear.solvers`) learns and applies the weights,
* :mod:`sentiment.pipeline` ties them together; :mod:`sentiment.io.modelfile` writes and reads its file,
* :mod:`sentiment.evaluation.metrics` and friends measure it, :mod:`sentiment.cli.main` is the command line.

The one-liners are :func:`sentiment.classify` (texts → a DataFrame of labels and
probabilities) and :func:`sentiment.score` (one text → one result); see :mod:`sentiment.api`.
:func:`sentiment.adapt` adapts a shipped model to your labels (:mod:`sentiment.training.adapt`).

Extension points are registries: featurizers (:mod:`sentiment.features.base`), solvers
(:mod:`sentiment.linear.solvers`), input formats (:mod:`sentiment.io.formats`) and output
formats (:mod:`sentiment.io.writers`).

Names are imported lazily so that ``import sentiment`` stays cheap.
"""

__version__ = "0.1.0"

_LAZY = {
    "adapt": "training.adapt",
    "AdaptedPipeline": "training.adapt",
    "classify": "api",
    "score": "api",
    "tokenize": "text.tokenize",
    "Lexicon": "lexicons.lexicon",
    "load_lexicon": "lexicons.lexicon",
    "SixFeatures": "features.six",
    "LogisticRegression": "linear.model",
    "SentimentPipeline": "pipeline",
    "load_model": "pipeline",
    "read_corpus": "io.corpus",
    "InputError": "errors",
}

__all__ = sorted(_LAZY) + ["__version__"]

# For type checkers: the lazy names are these (a type checker reads this; Python skips it, importing nothing).
TYPE_CHECKING = False
if TYPE_CHECKING:  # "import X as X": an explicit re-export, for mypy --strict
    from sentiment.api import classify as classify, score as score
    from sentiment.errors import InputError as InputError
    from sentiment.features.six import SixFeatures as SixFeatures
    from sentiment.io.corpus import read_corpus as read_corpus
    from sentiment.lexicons.lexicon import Lexicon as Lexicon, load_lexicon as load_lexicon
    from sentiment.linear.model import LogisticRegression as LogisticRegression
    from sentiment.pipeline import SentimentPipeline as SentimentPipeline, load_model as load_model
    from sentiment.text.tokenize import tokenize as tokenize
    from sentiment.training.adapt import AdaptedPipeline as AdaptedPipeline, adapt as adapt


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"sentiment.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'sentiment' has no attribute {name!r}")
