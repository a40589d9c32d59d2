"""Scoring chunks in worker processes, in order, with a bounded number in flight.

``multiprocessing.Pool.imap`` would read its whole input ahead of the workers
(a 1 GB CSV into memory); :class:`ProcessScorer` keeps at most two chunks per
worker queued, so memory stays flat, and yields results in input order, so the
output is identical to ``--jobs 1``.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque

__all__ = ["ProcessScorer"]

_PIPE = None


def _init(model_dict):
    global _PIPE
    if model_dict is None:  # forked: the parent's pipeline is already here
        return
    from sentiment.pipeline import model_from_dict

    _PIPE = model_from_dict(model_dict, "<worker>")


def _score(texts):
    from sentiment.io.batch import score_texts

    return score_texts(_PIPE, texts)


class ProcessScorer:
    """Callable taking an iterable of text lists, yielding probability matrices in order."""

    def __init__(self, pipe, jobs: int):
        self.pipe = pipe
        self.jobs = jobs

    def __call__(self, text_lists):
        global _PIPE
        forked = "fork" in mp.get_all_start_methods()
        ctx = mp.get_context("fork") if forked else mp.get_context()
        if forked:
            # Workers inherit the loaded pipeline, warmed on one batch first so that what it
            # builds on first use (the hashed n-gram table) is built once, not once per worker.
            from sentiment.io.batch import score_texts

            score_texts(self.pipe, ["warm-up"] * 32)
            _PIPE, model_dict = self.pipe, None
        else:
            from sentiment.pipeline import model_to_dict

            model_dict = model_to_dict(self.pipe)
        with ctx.Pool(self.jobs, initializer=_init, initargs=(model_dict,)) as pool:
            pending: deque = deque()
            for texts in text_lists:
                pending.append(pool.apply_async(_score, (texts,)))
                while len(pending) >= 2 * self.jobs:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
