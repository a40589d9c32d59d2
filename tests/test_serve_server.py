"""``sentiment serve`` as users run it: a real server process on a free loopback port.

Driven by a load of small requests, one request of 10 000 texts, a client that sends its body slowly, a
client that goes away mid-upload, and headless Chromium (over the DevTools protocol) typing into the page
and uploading a file. The server's log must never show a traceback.
"""

import json
import re
import signal
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from _serve_client import ServeProcess, read_answer, request_bytes, run_load  # noqa: E402
from devtools import Browser  # noqa: E402

import sentiment  # noqa: E402

class Server(ServeProcess):
    """The server process, with the checks these tests make of its log."""

    def assert_no_traceback(self):
        log = self.log.read_text(errors="replace")
        assert "Traceback" not in log and "ERROR" not in log, log[-3000:]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("serve"), "--workers", "2", "--max-upload", "200000")
    yield s
    s.stop()


def _connect(server):
    return socket.create_connection(server.address, timeout=30)


def _reply(sock):
    """``(status line, JSON body)`` of one answer with a Content-Length, read from a plain socket."""
    reply = b""
    while b"\r\n\r\n" not in reply:
        part = sock.recv(65536)
        assert part, f"the connection closed after {reply!r}"
        reply += part
    head, body = reply.split(b"\r\n\r\n", 1)
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(body) < length:
        part = sock.recv(65536)
        assert part, f"the connection closed after {reply!r}"
        body += part
    return head.split(b"\r\n", 1)[0], json.loads(body)


def test_a_load_of_small_requests_fails_none(server):
    bodies = [{"texts": [f"A fine, warm film, number {i}."]} for i in range(2_000)]
    result = run_load(server.url, bodies, clients=16)
    assert result.requests == 2_000 and result.failures == 0, result.summary()
    assert result.statuses == {200: 2_000}
    server.assert_no_traceback()


def test_one_request_of_ten_thousand_texts(server):
    texts = [f"Great fun, number {i}." if i % 2 else f"A dull mess, number {i}." for i in range(10_000)]
    started = time.perf_counter()
    rows = server.post("/v1/classify", {"texts": texts})["rows"]
    took = time.perf_counter() - started
    assert [r["text"] for r in rows] == texts
    assert {r["label"] for r in rows[1::2]} == {"pos"} and {r["label"] for r in rows[::2]} == {"neg"}
    assert took < 20, f"10 000 texts took {took:.1f} s"  # the benchmark measures it; this only bounds it


def test_a_slow_client_holds_up_no_one(server):
    """A body sent a few bytes at a time over about 1.5 s: other clients are answered meanwhile."""
    raw = request_bytes(server.url, "/v1/classify", {"texts": ["A slow, but lovely, film."]})
    head, body = raw.split(b"\r\n\r\n", 1)
    answer = {}

    def drip():
        with _connect(server) as sock:
            sock.sendall(head + b"\r\n\r\n")
            for i in range(0, len(body), 3):
                sock.sendall(body[i:i + 3])
                time.sleep(1.5 / (len(body) / 3))
            answer["reply"] = _reply(sock)

    slow = threading.Thread(target=drip)
    slow.start()
    time.sleep(0.2)
    others = run_load(server.url, [{"texts": ["Quick and fine."]}] * 200, clients=4)
    still_dripping = slow.is_alive()
    slow.join(30)
    assert others.failures == 0 and still_dripping, others.summary()
    assert others.percentile(99) < 1000  # none of them waited for the slow one
    status, payload = answer["reply"]
    assert b" 200 " in status and payload["rows"][0]["label"] == "pos"


def test_a_client_that_disconnects_mid_upload_leaves_nothing(server):
    head = (f"POST /v1/classify/file?format=csv HTTP/1.1\r\nHost: x\r\nContent-Length: 150000\r\n\r\n").encode()
    with _connect(server) as sock:
        sock.sendall(head + b"id,text\n" + b"7,a good film\n" * 3_000)  # 42 000 of the 150 000 bytes promised
        time.sleep(0.3)
    deadline = time.monotonic() + 10
    while server.spooled() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.spooled() == []
    assert server.get("/healthz")["status"] == "ok"
    server.assert_no_traceback()


def test_a_client_that_disconnects_mid_body_is_no_error(server):
    with _connect(server) as sock:
        sock.sendall(b"POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + b'{"texts": ["a')
        time.sleep(0.2)
    assert server.get("/healthz")["status"] == "ok"
    time.sleep(0.2)
    server.assert_no_traceback()


def test_an_upload_past_its_limit_is_refused_while_it_arrives(server):
    head = b"POST /v1/classify/file?format=csv HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    chunk = b"id,text\n" + b"7,a good film\n" * 1_000
    with _connect(server) as sock:
        sock.sendall(head)
        try:
            for _ in range(100):  # 1.4 MB offered, 0.2 MB allowed: the answer comes before the end
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the server answered and closed: the rest of the body is not read
        status, payload = _reply(sock)
    assert b" 413 " in status and payload["limit"] == "max_upload_bytes" and payload["value"] == 200_000
    deadline = time.monotonic() + 10
    while server.spooled() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.spooled() == []


def test_keep_alive_answers_in_order(server):
    """Requests pipelined on one connection come back one answer each, in order."""
    with _connect(server) as sock:
        texts = ["A gem.", "A dull mess.", "Superb!"]
        sock.sendall(b"".join(request_bytes(server.url, "/v1/classify", {"texts": [t]}) for t in texts))
        import asyncio

        async def answers():
            reader, writer = await asyncio.open_connection(sock=sock)
            got = [await read_answer(reader) for _ in texts]
            writer.close()
            return got

        got = asyncio.run(answers())
    assert [json.loads(b)["rows"][0]["text"] for _, b in got] == texts


def test_ctrl_c_stops_it_with_one_line(tmp_path):
    s = Server(tmp_path, "--model", "six")
    assert s.get("/healthz")["model"] == "six"
    assert s.stop(signal.SIGINT) == 130
    log = s.log.read_text()
    assert log.splitlines()[-1] == "interrupted" and "Traceback" not in log


# --- the page in a real browser ----------------------------------------------------------------------------

def test_typing_a_text_shows_its_label_and_tinted_words(server, chromium, tmp_path):
    text = "It's hokey, but the cast is great!"
    with Browser(width=1000, height=900) as page:
        page.open(server.url)
        page.type("#text", text)
        # The page answers as you type: wait for the answer to the whole text (its last token, "!", shown).
        label = page.wait_for("!document.getElementById('answer').hidden && [...document.querySelectorAll("
                              "'#explanation span.tok')].some(s => s.textContent === '!') && "
                              "document.getElementById('label').textContent")
        words = page.evaluate("[...document.querySelectorAll('#explanation span.tok[data-wx]')]"
                              ".map(s => [s.textContent, s.className, getComputedStyle(s).backgroundColor])")
        shown = page.evaluate("[document.getElementById('probability').textContent, "
                              "document.getElementById('score').textContent]")
        page.screenshot(tmp_path / "page.png")
    expected = sentiment.score(text)
    assert label == expected["label"] == "pos"
    assert shown == [f"P = {expected['probability']:.3f}", f"+{expected['score']:.3f}"]
    tint = {w: (cls, colour) for w, cls, colour in words}
    assert [w for w, _, _ in words][:6] == ["It's", "hokey", ",", "but", "the", "cast"]
    assert "lex-negative" in tint["hokey"][0] and tint["hokey"][1].startswith("rgba(220, 50, 60")
    assert "lex-positive" in tint["great"][0] and tint["great"][1].startswith("rgba(26, 160, 70")
    alpha = lambda colour: float(colour.rstrip(")").split(",")[-1])  # noqa: E731
    assert alpha(tint["great"][1]) > alpha(tint["cast"][1]) > 0  # the strongest word, the deepest green


def test_the_page_on_a_phone_uploads_a_file_and_offers_the_scored_one(server, chromium, tmp_path, runner):
    from sentiment.cli.main import cli
    table = tmp_path / "reviews.csv"
    table.write_text('id,body\n1,"Great fun, truly."\n2,"A dull, tedious mess."\n3,\n', encoding="utf-8")
    expected = tmp_path / "scored.csv"
    assert runner.invoke(cli, ["classify", str(table), "--text-column", "body", "-q", "-o", str(expected)]).exit_code == 0
    with Browser(width=390, height=800) as page:
        page.open(server.url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        page.set_files("#file", [table])
        page.evaluate("document.getElementById('column').value = 'body'")
        page.evaluate("document.getElementById('score-file').focus()")
        page.press("Enter")  # by keyboard
        page.wait_for("!document.getElementById('download').hidden")
        preview = page.evaluate("[...document.querySelectorAll('#preview tr')].map(r => [...r.cells].map(c => c.textContent))")
        scored = page.evaluate("fetch(document.getElementById('download').href).then(r => r.text())")
        name = page.evaluate("document.getElementById('download').download")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert scored == expected.read_text(encoding="utf-8") and name == "reviews-scored.csv"
    assert preview[0][:3] == ["id", "body", "label"] and [row[2] for row in preview[1:]] == ["pos", "neg", ""]
    server.assert_no_traceback()
