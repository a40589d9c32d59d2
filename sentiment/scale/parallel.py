"""Scoring chunks in worker processes, in order, with a bounded number in flight.

``multiprocessing.Pool.imap`` would read its whole input ahead of the workers
(a 1 GB CSV into memory); :class:`ProcessScorer` gives each worker one chunk at
a time over its own pipe, part ``k`` to worker ``k mod jobs`` (a long chunk is cut into one
part per worker), and yields the results in input order, so memory stays flat and the output is identical to
``--jobs 1``.

It does not use ``multiprocessing.Pool``: on Ctrl-C, ``Pool.terminate()`` joins
a task-feeding thread that can be blocked for ever writing a large chunk into
a pipe no worker reads any more (``classify --jobs 2`` hung after Ctrl-C about
one time in ten).  Here every send and receive happens in the main thread, a
worker is only sent a chunk when it is idle (so neither side can wait on the
other), and stopping is killing the workers: no thread to join.

A worker ends when its parent does, however the parent ends (SIGKILL included): it holds
no end of its pipe but its own, so the parent's death is an end of file it reads at once, and on
Linux ``PR_SET_PDEATHSIG`` kills it even while it is busy scoring.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque

__all__ = ["ProcessScorer"]

_PIPE = None  # with fork, the parent's loaded pipeline, inherited by the workers


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this worker when its parent dies (``PR_SET_PDEATHSIG``); elsewhere a no-op.

    The pipe's end of file is the portable way a worker learns it (see :func:`_worker`); this also ends a
    worker that is busy scoring a long chunk when the parent is killed.
    """
    import ctypes
    import os
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)


def _worker(conn, model_dict, parent_pid=None, inherited=()):
    import signal

    # Ctrl-C reaches the whole process group: the parent alone handles it (and stops the
    # workers), so workers print no KeyboardInterrupt tracebacks; SIGTERM, SIGHUP and the other
    # signals the parent cleans up on end a worker at once rather than through the clean-up
    # handler it inherited from the parent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    # A forked worker inherits the parent's ends of the pipes made so far, its own included: while it
    # holds them, its own pipe never reaches end of file, and a worker whose parent was killed would
    # wait on it for ever. Only the parent may hold them.
    for other in inherited:
        other.close()
    if parent_pid is not None:
        _die_with_parent(parent_pid)
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
            answer = (True, (score_texts(pipe, texts), _opinions(pipe, texts)))
        except Exception as exc:  # sent back, raised in the parent
            answer = (False, exc)
        try:
            conn.send(answer)
        except OSError:  # the parent is gone (a broken pipe): nobody to answer
            return


def _opinions(pipe, texts):
    """The opinion flags the neutral rule will ask of ``texts``, known here from featurizing (else None)."""
    rule = getattr(pipe, "neutral", None)
    if rule is None or not rule.cue_free_band:
        return None
    from sentiment.text.fast_cues import opinion_flags

    return opinion_flags(texts)


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
        import os

        workers = []
        try:
            for _ in range(self.jobs):
                parent, child = ctx.Pipe()
                # forked: the parent's ends the worker inherits, for it to close (spawned: none inherited)
                inherited = [parent] + [conn for _, conn in workers] if forked else []
                proc = ctx.Process(target=_worker, args=(child, model_dict, os.getpid(), inherited), daemon=True)
                proc.start()
                child.close()
                workers.append((proc, parent))
            pending: deque = deque()  # (connection, last part of its chunk?) with a part out, oldest first
            done: list = []  # results of the parts of the chunk being put together
            k = 0
            for texts in text_lists:
                parts = _parts(texts, self.jobs)
                for i, part in enumerate(parts):
                    ready = None
                    if len(pending) == self.jobs:  # every worker busy: the oldest result is the next one out
                        ready = _collect(pending.popleft(), done)
                    conn = workers[k % self.jobs][1]
                    k += 1
                    conn.send(part)
                    pending.append((conn, part, i == len(parts) - 1))
                    # Handed out only now: the worker that just finished has its next part, so it works
                    # while this process writes the finished chunk (else it would sit idle meanwhile).
                    if ready is not None:
                        yield ready
            while pending:
                ready = _collect(pending.popleft(), done)
                if ready is not None:
                    yield ready
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


#: A chunk of at least this many texts is cut into one part per worker (a file of 10 000 reviews is one
#: chunk of rows, which would keep one worker busy and the other idle).
SPLIT_FROM = 256


def _parts(texts, jobs):
    """``texts`` cut into ``jobs`` nearly equal consecutive parts (one part if it is short)."""
    if len(texts) < SPLIT_FROM:
        return [texts]
    size = -(-len(texts) // jobs)
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def _collect(pending, done):
    """Receive one part's result; return the chunk's probabilities once its last part is in, else None.

    The workers' opinion flags are remembered here, in the parent, for the neutral rule that labels
    the chunk next (:func:`~sentiment.text.fast_cues.remember_opinions`): it need not read the texts again.
    """
    conn, texts, last = pending
    done.append((texts, *_receive(conn)))
    if last:
        import numpy as np

        if done[0][2] is not None:
            from sentiment.text.fast_cues import remember_opinions

            remember_opinions([t for part, _, _ in done for t in part], [f for _, _, flags in done for f in flags])
        out = done[0][1] if len(done) == 1 else np.vstack([P for _, P, _ in done])
        done.clear()
        return out
    return None


def _receive(conn):
    try:
        ok, value = conn.recv()
    except EOFError:
        raise RuntimeError("a --jobs worker process died (out of memory?)") from None
    if not ok:
        raise value
    return value
