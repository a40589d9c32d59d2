"""What ``sentiment explain --json`` gives for texts: each one's explanation, with its sentences' answers.

One function for the command and for ``sentiment serve``'s ``POST /v1/explain``, so both say the same.

Examples
--------
>>> from sentiment.pipeline import load_model
>>> [e] = explain_texts(load_model("default"), ["Great food. Slow service."])
>>> e["predicted"] in e["probabilities"], [s["label"] for s in e["sentences"]]
(True, ['pos', 'neg'])
"""

from __future__ import annotations

__all__ = ["explain_texts"]


def explain_texts(pipe, texts) -> list[dict]:
    """:meth:`SentimentPipeline.explain` of each text; a text of several sentences also gets ``sentences``
    (each one's span and answer, :func:`sentiment.io.by_sentence.sentence_answers`)."""
    from sentiment.io.by_sentence import sentence_answers

    explanations = [pipe.explain(t) for t in texts]
    for text, e in zip(texts, explanations):
        sentences = sentence_answers(pipe, text)
        if sentences:
            e["sentences"] = sentences
    return explanations
