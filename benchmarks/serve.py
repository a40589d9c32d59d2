"""``sentiment serve`` under load, on loopback: latency and throughput of single-text requests, and one
request of 10 000 texts.

Usage: python benchmarks/serve.py [--requests 20000] [--clients 16] [--workers 2] [--out FILE]

One run: a server (``sentiment serve --workers 2``) in its own processes, the clients (16 kept-alive
connections on asyncio, ``benchmarks/_serve_client.py``) in this one, all on the same 2-core machine, so
the clients take their share of the CPU. Texts are MR's film sentences (``rt-polarity.all``, one
per request, none repeated before all 10 662 have been sent). Measured: p50 and p99 latency (send to
last byte of the answer) and requests a second over ``--requests`` single-text requests after 2 000 of
warm-up; the same with one client (latency without queueing); one request of 10 000 texts (the client's
wall time, JSON both ways included: median of 5); failed requests (any answer but 200, or none).
By Little's law, 16 clients that are always waiting see a mean latency of 16 / (requests a second).
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import ROOT, data_root  # noqa: E402
from _serve_client import ServeProcess, run_load  # noqa: E402


def short_texts():
    path = data_root() / "corpora" / "sentence-polarity-v1.0" / "rt-polarity.all"
    texts = [line.strip() for line in path.read_text(encoding="latin-1").splitlines() if line.strip()]
    return [t.split(" ", 1)[1] if t[:2] in ("0 ", "1 ") else t for t in texts]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=20_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "serve.json"))
    args = ap.parse_args()

    texts = short_texts()
    single = [{"texts": [texts[i % len(texts)]]} for i in range(args.requests)]
    batch = (texts * (10_000 // len(texts) + 1))[:10_000]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="sentiment-bench-serve-") as folder:
        server = ServeProcess(folder, "--workers", str(args.workers))
        try:
            run_load(server.url, single[:2_000], clients=args.clients)  # warm-up: caches, both workers
            loaded = run_load(server.url, single, clients=args.clients)
            alone = run_load(server.url, single[:2_000], clients=1)
            times = []
            for _ in range(5):
                started = time.perf_counter()
                rows = server.post("/v1/classify", {"texts": batch})["rows"]
                times.append(time.perf_counter() - started)
                assert len(rows) == 10_000
        finally:
            status = server.stop()
    result = {
        "command": f"python benchmarks/serve.py --requests {args.requests} --clients {args.clients} "
                   f"--workers {args.workers}",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "single_text": {"clients": args.clients, "workers": args.workers, **loaded.summary()},
        "single_text_one_client": alone.summary(),
        "ten_thousand_texts_s": {"median": round(statistics.median(times), 3), "best": round(min(times), 3),
                                 "runs": [round(t, 3) for t in times]},
        "failed": loaded.failures + alone.failures,
        "server_exit_status": status,
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
