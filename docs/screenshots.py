"""Rebuild the README's pictures of the HTML pages with headless Chromium.

    .venv/bin/python docs/screenshots.py [DATA]      # DATA: ../shared/data by default

Writes docs/explain.png (``sentiment explain --html``), docs/report.png
(``sentiment evaluate --html`` of the shipped default model on the SST test set) and docs/serve.png
(``sentiment serve``'s page, a text typed into it, over the DevTools protocol).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from sentiment.reports.browser import screenshot

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "benchmarks"), str(HERE.parent / "tools")]
from _serve_client import ServeProcess  # noqa: E402
from devtools import Browser  # noqa: E402
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "data"
SENTIMENT = [sys.executable, "-m", "sentiment"]

with tempfile.TemporaryDirectory() as tmp:
    why, report = Path(tmp) / "why.html", Path(tmp) / "report.html"
    subprocess.run(SENTIMENT + ["explain", "It's hokey, but I was overcome with the urge to start dancing! "
                                "No, you will not regret it.", "--html", str(why)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(SENTIMENT + ["evaluate", "default", "sst/stsa.binary.test", "--label-map", "0=neg,1=pos",
                                "--html", str(report)], check=True, stdout=subprocess.DEVNULL, cwd=DATA / "corpora")
    screenshot(why, HERE / "explain.png", width=1000, height=600)
    screenshot(report, HERE / "report.png", width=1100, height=1450)
    server = ServeProcess(tmp)
    try:
        with Browser(width=900, height=760) as page:
            page.open(server.url)
            page.type("#text", "It's hokey, but I was overcome with the urge to start dancing!")
            page.wait_for("!document.getElementById('answer').hidden")
            page.screenshot(HERE / "serve.png")
        from PIL import Image  # 96 colours: a third of the bytes, no visible change on a page of flat colours

        Image.open(HERE / "serve.png").convert("RGB").quantize(colors=96).save(HERE / "serve.png", optimize=True)
    finally:
        server.stop()
print("wrote", HERE / "explain.png", HERE / "report.png", HERE / "serve.png")
