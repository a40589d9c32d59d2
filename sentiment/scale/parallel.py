"""Scoring chunks in worker processes, in order, with a bounded number in flight.

``multiprocessing.Pool.imap`` would read its whole input ahead of the workers
(a 1 GB CSV into memory); :class:`ProcessScorer` gives each worker one chunk at
a time over its own pipe, chunk ``k`` to worker ``k mod jobs``, and yields the
results in input order, so memory stays flat and the output is identical to
``--jobs 1``.

It does not use ``multiprocessing.Pool``: on Ctrl-C, ``Pool.terminate()`` joins
a task-feeding thread that can be blocked for ever writing a large chunk into
a pipe no worker reads any more (``classify --jobs 2`` hung after Ctrl-C about
one time in ten).  Here every send and receive happens in the main thread, a
worker is only sent a chunk when it is idle (so neither side can wait on the
other), and stopping is killing the workers: no thread to join.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque

__all__ = ["ProcessScorer"]

_PIPE = None  # with fork, the parent's loaded pipeline, inherited by the workers


def _worker(conn, model_dict):
    import signal

    # Ctrl-C reaches the whole process group: the parent alone handles it (and stops the
    # workers), so workers print no KeyboardInterrupt tracebacks; SIGTERM ends a worker at
    # once rather than through the clean-up handler it inherited from the parent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from sentiment.io.batch import score_texts

    if model_dict is None:  # forked: the parent's pipeline is already here
        pipe = _PIPE
    else:
        from sentiment.pipeline import model_from_dict

        pipe = model_from_dict(model_dict, "<worker>")
    while True:
        try:
            texts = conn.recv()
        except EOFError:
            return
        if texts is None:
            return
        try:
            conn.send((True, score_texts(pipe, texts)))
        except Exception as exc:  # sent back, raised in the parent
            conn.send((False, exc))


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
        workers = []
        try:
            for _ in range(self.jobs):
                parent, child = ctx.Pipe()
                proc = ctx.Process(target=_worker, args=(child, model_dict), daemon=True)
                proc.start()
                child.close()
                workers.append((proc, parent))
            pending: deque = deque()  # connections with a chunk out, oldest first
            for k, texts in enumerate(text_lists):
                if len(pending) == self.jobs:  # every worker busy: the oldest result is the next one out
                    yield _receive(pending.popleft())
                conn = workers[k % self.jobs][1]
                conn.send(texts)
                pending.append(conn)
            while pending:
                yield _receive(pending.popleft())
            for _, conn in workers:
                conn.send(None)
            for proc, _ in workers:
                proc.join(timeout=5)
        finally:
            for proc, conn in workers:
                if proc.is_alive():
                    proc.kill()
                conn.close()
            for proc, _ in workers:
                proc.join(timeout=5)


def _receive(conn):
    try:
        ok, value = conn.recv()
    except EOFError:
        raise RuntimeError("a --jobs worker process died (out of memory?)") from None
    if not ok:
        raise value
    return value
