"""A handful of texts scored in plain Python, so a one-line ``sentiment classify`` never imports numpy.

Importing numpy takes about 0.1 s here, longer than VADER takes to start and answer
one sentence.  For a few literal texts, ``classify`` scores with this package
instead: the same model file, read with the standard library
(:func:`~sentiment.io.compact.read_compact` with ``arrays="python"``), the same
features (:mod:`sentiment.quick.features`), the same linear model and neutral
rule (:mod:`sentiment.quick.model`).  The property tests
(``tests/test_quick.py``) hold its probabilities equal to the batch path's
(``SentimentPipeline.predict_proba``) within 1e-9 and its labels equal.

It declines (returns ``None``) rather than guess: a model kind it does not know,
more than two classes, any value the full loader would refuse, a long text.
The caller then takes the batch path, which gives the canonical answer or error.
"""

from sentiment.quick.model import QuickModel, load_quick

__all__ = ["QuickModel", "load_quick"]
