"""Rebuild the README's pictures of the HTML pages with headless Chromium.

    .venv/bin/python docs/screenshots.py [DATA]      # DATA: ../shared/data by default

Writes docs/explain.png (``sentiment explain --html``) and docs/report.png
(``sentiment evaluate --html`` of the shipped default model on the SST test set).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from sentiment.reports.browser import screenshot

HERE = Path(__file__).resolve().parent
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
print("wrote", HERE / "explain.png", HERE / "report.png")
