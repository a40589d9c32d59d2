"""``sentiment serve`` from outside: the server as a process (:class:`ServeProcess`), and a small HTTP/1.1
load generator on asyncio (:func:`run_load`: N clients, each on one kept-alive connection, in one process).

A general client (httpx, requests) spends about a millisecond of Python per request, which on a 2-core
machine would measure the client more than the server; this writes the request bytes and reads the
answer's status line, headers and ``Content-Length`` body itself. Used by ``benchmarks/serve.py`` and
``tests/test_serve_server.py``.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


class ServeProcess:
    """``sentiment serve ARGS --port 0`` in its own process, its temporary files and log in ``folder``."""

    def __init__(self, folder, *args: str, sentiment=None):
        folder = Path(folder)
        self.folder, self.log = folder, folder / "serve.log"
        (folder / "tmp").mkdir(exist_ok=True)
        command = sentiment or str(Path(sys.executable).parent / "sentiment")
        env = {**os.environ, "TMPDIR": str(folder / "tmp")}
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen([command, "serve", "--port", "0", *args], env=env, stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.url = self._wait_for_url()
        self.get("/healthz", wait=60)

    def _wait_for_url(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(r"on (http://\S+/) ", self.log.read_text(errors="replace"))
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                raise RuntimeError(f"sentiment serve exited {self.process.returncode}: {self.log.read_text()}")
            time.sleep(0.05)
        raise RuntimeError(f"sentiment serve did not start: {self.log.read_text()}")

    @property
    def address(self) -> tuple[str, int]:
        parts = urlsplit(self.url)
        return parts.hostname, parts.port

    def get(self, path, wait=0.0):
        """The JSON answer to ``GET path``; retried for ``wait`` seconds while the server is not listening yet."""
        deadline = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=10) as answer:
                    return json.loads(answer.read())
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def post(self, path, body):
        request = urllib.request.Request(self.url + path.lstrip("/"), data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as answer:
            return json.loads(answer.read())

    def spooled(self):
        """The files the server has in its temporary folder."""
        return sorted(os.listdir(self.folder / "tmp"))

    def stop(self, sig=signal.SIGINT):
        """Stop the server (Ctrl-C by default); its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@dataclass
class LoadResult:
    requests: int = 0
    failures: int = 0
    seconds: float = 0.0
    latencies: list = field(default_factory=list)  # seconds, one per answered request
    statuses: dict = field(default_factory=dict)   # status → count (0: no answer: connection lost, timeout)

    def percentile(self, q: float) -> float:
        """The ``q``-th percentile of the latencies, in milliseconds (nearest rank)."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return 1000 * ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]

    def summary(self) -> dict:
        return {"requests": self.requests, "failed": self.failures, "seconds": round(self.seconds, 3),
                "requests_per_s": round(self.requests / self.seconds, 1) if self.seconds else None,
                "p50_ms": round(self.percentile(50), 3), "p99_ms": round(self.percentile(99), 3),
                "statuses": {str(k): v for k, v in sorted(self.statuses.items())}}


def request_bytes(url: str, path: str, body: dict | bytes | None = None, method: str = "POST") -> bytes:
    """One HTTP/1.1 request, kept alive."""
    host = urlsplit(url).netloc
    payload = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else b""
    head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n")
    return head.encode() + payload


async def read_answer(reader) -> tuple[int, bytes]:
    """``(status, body)`` of one answer with a ``Content-Length`` (every JSON answer of the server has one)."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection")
    status = int(status_line.split()[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    return status, await reader.readexactly(length)


async def _client(url, requests, result, timeout):
    parts = urlsplit(url)
    reader = writer = None
    for raw in requests:
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
            writer.write(raw)
            status, _ = await asyncio.wait_for(read_answer(reader), timeout)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
            status = 0
            if writer is not None:
                writer.close()
            reader = writer = None
        result.requests += 1
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if status == 200:
            result.latencies.append(time.perf_counter() - started)
        else:
            result.failures += 1
    if writer is not None:
        writer.close()


def run_load(url: str, bodies, clients: int = 16, path: str = "/v1/classify", timeout: float = 30.0) -> LoadResult:
    """Send every body of ``bodies`` (a list) to ``path``, spread over ``clients`` concurrent connections."""
    raw = [request_bytes(url, path, b) for b in bodies]
    result = LoadResult()

    async def main():
        started = time.perf_counter()
        await asyncio.gather(*(_client(url, raw[i::clients], result, timeout) for i in range(clients)))
        result.seconds = time.perf_counter() - started

    asyncio.run(main())
    return result
