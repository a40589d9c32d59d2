"""Headless Chromium driven over the DevTools protocol: open a page, type, click, read the DOM, take a picture.

:mod:`sentiment.reports.browser` renders a file once (``--dump-dom``); a page that answers as you type
(``sentiment serve``'s) needs a browser that stays open and is told what to do. This speaks the DevTools
protocol over ``--remote-debugging-pipe`` (JSON messages, each ended by a NUL byte, on file descriptors 3
and 4 of the browser), so it needs no WebSocket library and no port. Used by the tests and by
``docs/screenshots.py``, so it lives beside the development tools, outside the wheel; Chromium is Debian's
``chromium`` package.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from sentiment.reports.browser import find_chromium

__all__ = ["Browser", "DevToolsError"]

# The browser reads commands on its descriptor 3 and writes answers on its 4: the shell puts the two pipes there.
_PIPES_AT_3_AND_4 = 'exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null'


class DevToolsError(RuntimeError):
    """The browser answered a command with an error, went away, or did not answer in time."""


class Browser:
    """One headless Chromium with one page (a tab), for as long as the ``with`` block lasts.

    Examples
    --------
    ``with Browser(width=390, height=800) as b: b.open(url); b.type("#text", "A gem."); b.wait_for("...")``
    """

    def __init__(self, width: int = 1100, height: int = 900, timeout: float = 30.0):
        exe = find_chromium()
        if exe is None:
            raise FileNotFoundError("chromium not found (Debian: apt-get install chromium)")
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="sentiment-chromium-")
        command_read, self._commands = os.pipe()
        self._answers, answer_write = os.pipe()
        # A fresh profile per browser; --no-sandbox because CI runs as root.
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--remote-debugging-pipe",
                f"--user-data-dir={self._profile.name}", f"--window-size={width},{height}", "about:blank"]
        self._process = subprocess.Popen(["sh", "-c", _PIPES_AT_3_AND_4, *args], stdin=command_read,
                                         stdout=answer_write, stderr=subprocess.DEVNULL,
                                         start_new_session=True)  # its own group: close() stops every helper
        os.close(command_read)
        os.close(answer_write)
        self._buffer, self._next_id, self._events = b"", 0, []
        try:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            self.send("Page.enable")
            self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                      mobile=width < 600)
        except BaseException:
            self.close()
            raise

    # -- the protocol -------------------------------------------------------------------------------------

    def call(self, method: str, session: str | None = None, **params) -> dict:
        """Send one command (to the browser, or to ``session``'s page) and return its result."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise DevToolsError(f"{method}: {answer['error'].get('message')}")
                return answer.get("result", {})
            self._events.append(answer)

    def send(self, method: str, **params) -> dict:
        """A command to the page."""
        return self.call(method, self._session, **params)

    def _read(self, deadline) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise DevToolsError(f"chromium did not answer within {self.timeout} s")
            data = os.read(self._answers, 1 << 20)
            if not data:
                raise DevToolsError("chromium went away")
            self._buffer += data
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    # -- what a test does with a page ---------------------------------------------------------------------

    def open(self, url: str) -> None:
        """Load ``url`` and wait until the page and its script have loaded."""
        self.send("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise DevToolsError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float | None = None):
        """Evaluate ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise DevToolsError(f"still false after {timeout or self.timeout} s: {expression}")
            time.sleep(0.05)

    def type(self, selector: str, text: str) -> None:
        """Focus ``selector`` and type ``text`` into it, one key event per character, as a person types."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        for char in text:
            self.send("Input.dispatchKeyEvent", type="keyDown", text=char, unmodifiedText=char, key=char)
            self.send("Input.dispatchKeyEvent", type="keyUp", key=char)

    def press(self, key: str) -> None:
        """Press a named key (``Tab``, ``Enter``)."""
        codes, texts = {"Tab": 9, "Enter": 13}, {"Enter": "\r"}
        down = {"type": "keyDown", "text": texts[key]} if key in texts else {"type": "rawKeyDown"}  # a key that types
        for event in (down, {"type": "keyUp"}):
            self.send("Input.dispatchKeyEvent", key=key, code=key, windowsVirtualKeyCode=codes[key], **event)

    def set_files(self, selector: str, paths) -> None:
        """Choose ``paths`` in the file input ``selector``, as the file dialog would."""
        document = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", nodeId=document, selector=selector)["nodeId"]
        self.send("DOM.setFileInputFiles", nodeId=node, files=[str(Path(p).resolve()) for p in paths])
        self.evaluate(f"document.querySelector({json.dumps(selector)}).dispatchEvent(new Event('change'))")

    def screenshot(self, png) -> Path:
        """Write a PNG of what the window shows; return its path."""
        data = self.send("Page.captureScreenshot", format="png")["data"]
        png = Path(png)
        png.write_bytes(base64.b64decode(data))
        return png

    # -- the end ------------------------------------------------------------------------------------------

    def close(self) -> None:
        for fd in (self._commands, self._answers):
            try:
                os.close(fd)
            except OSError:
                pass
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        # Chromium's helpers (renderer, crash handler) outlive the browser process for a moment and keep
        # writing into the profile: stop the whole group, then remove the profile, retrying while they let go.
        import signal

        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except OSError:  # the group is gone already
            pass
        for attempt in range(20):
            try:
                shutil.rmtree(self._profile.name)
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.1)
        self._profile.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
