"""Headless Chromium: the DOM a browser builds from a page, and a screenshot of it.

Used by the tests (every HTML page is checked in a real browser) and by
``docs/screenshots.py`` (the pictures of the README and docs/).  Nothing here runs unless
asked; Chromium is Debian's ``chromium`` package (``apt-get install chromium``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["find_chromium", "dump_dom", "screenshot", "render"]

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium():
    """The Chromium executable on PATH (or ``$CHROMIUM``), or None."""
    if os.environ.get("CHROMIUM"):
        return shutil.which(os.environ["CHROMIUM"])
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(page, *flags, width=1100, height=900, timeout=60):
    exe = find_chromium()
    if exe is None:
        raise FileNotFoundError("chromium not found (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="sentiment-chromium-") as profile:
        # A fresh profile per run: parallel runs never share one; --no-sandbox because CI runs as root.
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
               "--disable-extensions", "--disable-background-networking", f"--user-data-dir={profile}",
               f"--window-size={width},{height}", *flags, Path(page).resolve().as_uri()]
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return done.stdout.decode("utf-8", errors="replace")


def render(page, png, width=1100, height=900) -> str:
    """One Chromium run: the DOM of ``page``, and a screenshot written to ``png``."""
    png = Path(png).resolve()
    dom = _run(page, "--dump-dom", f"--screenshot={png}", width=width, height=height)
    if not png.is_file():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
    return dom


def dump_dom(page, **size) -> str:
    """The serialised DOM after Chromium has loaded ``page`` (a file path)."""
    return _run(page, "--dump-dom", **size)


def screenshot(page, png, width=1100, height=900) -> Path:
    """Write a PNG of the first ``width`` × ``height`` pixels of ``page``; return its path."""
    png = Path(png).resolve()
    _run(page, f"--screenshot={png}", width=width, height=height)
    if not png.is_file():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")
    return png
