"""``sentiment serve``'s API in process (Starlette's test client): answers, limits, bad requests, uploads.

The answers are held to what the package gives without the server: ``sentiment.classify``'s rows,
``sentiment explain --json``'s explanations, ``sentiment classify FILE -o scored.csv``'s bytes.
"""

import asyncio
import json
import math
import os
import tempfile

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.testclient import TestClient  # noqa: E402

import sentiment  # noqa: E402
from sentiment.cli.main import cli  # noqa: E402
from sentiment.serve.app import create_app  # noqa: E402
from sentiment.serve.limits import Limits  # noqa: E402

TEXTS = ["A stirring, funny and finally transporting film.", "A dull, tedious mess.", "The meeting is at 3pm.",
         "Great food. Slow service, though!", "not bad at all :)"]
SMALL = Limits(max_texts=20, max_explain_texts=3, max_chars=200, max_body_bytes=4_000, max_upload_bytes=3_000)


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app("default")) as c:
        yield c


@pytest.fixture(scope="module")
def small():
    """A server with small limits, to pass each of them."""
    with TestClient(create_app("six", SMALL)) as c:
        yield c


def _same_rows(got, expected):
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert list(g) == list(e)
        for k in e:
            if isinstance(e[k], float) and not math.isnan(e[k]):
                assert g[k] == pytest.approx(e[k], abs=1e-9), k
            else:
                assert g[k] == (None if isinstance(e[k], float) or e[k] is None or str(e[k]) == "<NA>" else e[k]), k


def _records(frame):
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@pytest.mark.parametrize("options", [{}, {"neutral": False}, {"by": "sentence"}, {"prefix": "pred_"},
                                     {"on_error": "skip"}])
def test_classify_gives_the_python_apis_rows(client, options):
    texts = TEXTS + [None, "   "]
    r = client.post("/v1/classify", json={"texts": texts, **options})
    assert r.status_code == 200, r.text
    assert r.json()["model"] == "default"
    _same_rows(r.json()["rows"], _records(sentiment.classify(texts, **options)))


@pytest.mark.parametrize("texts", [TEXTS[:1], TEXTS[1:5]])
@pytest.mark.parametrize("neutral", [True, False])
def test_a_handful_of_texts_quickly_is_the_batch_paths_answer(client, texts, neutral):
    r = client.post("/v1/classify", json={"texts": texts, "neutral": neutral, "prefix": "p."})
    _same_rows(r.json()["rows"], _records(sentiment.classify(texts, neutral=neutral, prefix="p.")))


def test_on_error_fail_names_the_row(client):
    r = client.post("/v1/classify", json={"texts": ["fine", None], "on_error": "fail"})
    assert r.status_code == 422 and "row 1" in r.json()["error"]


def test_explain_gives_explain_json(client, runner):
    texts = ["It's hokey, but the cast is great!", "No surprises. A dull film."]
    r = client.post("/v1/explain", json={"texts": texts})
    cli_json = runner.invoke(cli, ["explain", "--json", *texts])
    assert cli_json.exit_code == 0, cli_json.output
    assert r.json()["explanations"] == json.loads(cli_json.output)
    with_html = client.post("/v1/explain", json={"texts": texts[:1], "html": True}).json()["explanations"][0]
    assert 'class="tok lex-negative"' in with_html["html"] and "hokey" in with_html["html"]


def test_explain_html_escapes_and_isolates_the_text(client):
    text = "<script>alert(1)</script> \u202egreat"
    html = client.post("/v1/explain", json={"texts": [text], "html": True}).json()["explanations"][0]["html"]
    assert "<script" not in html and "&lt;" in html and "alert" in html and "<bdi>" in html


def test_models_healthz_and_the_openapi_document(client):
    models = client.get("/v1/models").json()
    served = [m for m in models["models"] if m["served"]]
    assert models["served"] == "default" and [m["name"] for m in served] == ["general"]
    assert served[0]["classes"] == ["neg", "neutral", "pos"] and served[0]["card"].startswith("# general")
    assert models["limits"]["max_texts"] == Limits().max_texts
    assert client.get("/healthz").json() == {"status": "ok", "model": "default"}
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1") and {"/v1/classify", "/v1/explain", "/v1/models", "/healthz",
                                                   "/v1/classify/file"} <= set(doc["paths"])
    texts = doc["components"]["schemas"]["ClassifyRequest"]["properties"]["texts"]
    assert texts["maxItems"] == Limits().max_texts and texts["items"]["maxLength"] == Limits().max_chars


def test_ten_thousand_texts_in_one_request(client):
    texts = [f"{TEXTS[i % len(TEXTS)]} #{i}" for i in range(10_000)]
    r = client.post("/v1/classify", json={"texts": texts})
    rows = r.json()["rows"]
    assert r.status_code == 200 and len(rows) == 10_000
    assert [row["text"] for row in rows] == texts
    assert rows[1]["label"] == "neg" and rows[0]["label"] == "pos"


@pytest.mark.parametrize("body, limit, value", [
    ({"texts": ["x"] * 21}, "max_texts", 20),
    ({"texts": ["x" * 201]}, "max_chars", 200),
    ({"texts": ["a text of words"] * 4, "html": True}, "max_explain_texts", 3),
])
def test_a_limit_passed_is_a_413_naming_it(small, body, limit, value):
    path = "/v1/explain" if limit == "max_explain_texts" else "/v1/classify"
    if "html" in body and path == "/v1/classify":
        body.pop("html")
    r = small.post(path, json=body)
    assert r.status_code == 413
    assert r.json()["limit"] == limit and r.json()["value"] == value and f"{limit} = {value}" in r.json()["error"]


def test_a_body_past_its_limit_is_refused_whether_declared_or_streamed(small):
    big = json.dumps({"texts": ["word " * 30] * 30}).encode()
    assert len(big) > SMALL.max_body_bytes
    declared = small.post("/v1/classify", content=big, headers={"Content-Type": "application/json"})
    assert declared.status_code == 413 and declared.json()["limit"] == "max_body_bytes"

    def chunks():  # no Content-Length: the limit is applied while reading
        for i in range(0, len(big), 500):
            yield big[i:i + 500]

    streamed = small.post("/v1/classify", content=chunks())
    assert streamed.status_code == 413 and streamed.json()["value"] == SMALL.max_body_bytes


@pytest.mark.parametrize("body, status, words", [
    (b"", 400, "empty"),
    (b"{not json", 400, "not valid JSON"),
    (b'{"texts": ["caf\xe9"]}', 400, "not UTF-8"),
    (b'["a"]', 422, "JSON object"),
    (b'{"texts": "A gem."}', 422, "got a string"),
    (b'{"texts": [1]}', 422, '"texts"[0] must be a string'),
    (b'{"texts": ["a"], "neutral": "no"}', 422, '"neutral" must be a boolean'),
    (b'{"texts": ["a"], "by": "word"}', 422, '"by" must be one of'),
    (b'{"texts": ["a"], "model": "x.json"}', 422, "unknown field 'model'"),
    (b'{"text": ["a"]}', 422, "unknown field 'text'"),
    (b'{}', 422, '"texts" is required'),
    (b'{"texts": [], "prefix": "' + b"p" * 65 + b'"}', 422, "prefix"),
])
def test_a_malformed_body_is_a_400_or_422_with_a_message(small, body, status, words):
    r = small.post("/v1/classify", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status and words in r.json()["error"], r.text


def test_deep_nesting_is_a_400(client):
    r = client.post("/v1/classify", content=b'{"texts": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert r.status_code == 400 and "nested too deeply" in r.json()["error"]


def test_a_lone_surrogate_comes_back_as_sent(client):
    r = client.post("/v1/classify", content=b'{"texts": ["good \\ud800 film"]}')
    assert r.status_code == 200 and r.json()["rows"][0]["text"] == "good \ud800 film"


def test_unknown_paths_and_methods_are_json_errors(client):
    assert client.get("/v2/nothing").json() == {"error": "no such path: /v2/nothing"}
    r = client.get("/v1/classify")
    assert r.status_code == 405 and "GET" in r.json()["error"]


def test_a_bug_is_a_500_without_a_traceback(monkeypatch):
    import sentiment.serve.answers as answers

    def broken(*args, **kwargs):
        raise RuntimeError("a secret detail")

    monkeypatch.setattr(answers, "classify_rows", broken)
    with TestClient(create_app("six"), raise_server_exceptions=False) as c:
        r = c.post("/v1/classify", json={"texts": ["a"]})
    assert r.status_code == 500 and r.json() == {"error": "internal error"}
    assert "secret" not in r.text and "Traceback" not in r.text


def test_the_page_works_offline_and_fills_in_the_model(client):
    page = client.get("/")
    assert page.status_code == 200 and "<b id=\"model\">default</b>" in page.text
    assert "http" not in page.text.replace('href="openapi.json"', "")  # nothing from elsewhere
    assert "script-src" not in page.headers["content-security-policy"]  # default-src 'self': its own script only
    assert client.get("/page.js").text.startswith('"use strict"')
    assert ".tok{" in client.get("/page.css").text  # explain --html's own tinting


# --- uploads -------------------------------------------------------------------------------------------------

def _table(tmp_path, fmt):
    rows = [{"id": i, "body": t, "stars": 5 - i} for i, t in enumerate(TEXTS + [""])]
    path = tmp_path / f"reviews.{fmt}"
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    else:
        sep = "," if fmt == "csv" else "\t"
        lines = [sep.join(["id", "body", "stars"])] + [sep.join([str(r["id"]), f'"{r["body"]}"' if sep == ","
                                                                 else r["body"], str(r["stars"])]) for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
@pytest.mark.parametrize("extra, options", [([], {}), (["--by-sentence", "--prefix", "pred_", "--no-neutral"],
                                                         {"by": "sentence", "prefix": "pred_", "neutral": "false"})])
def test_an_upload_comes_back_as_the_command_writes_it(client, runner, tmp_path, fmt, extra, options):
    table = _table(tmp_path, fmt)
    out = tmp_path / f"scored.{fmt}"
    done = runner.invoke(cli, ["classify", str(table), "--text-column", "body", "-q", "-o", str(out), *extra])
    assert done.exit_code == 0, done.output
    query = {"format": fmt, "text_column": "body", **options}
    r = client.post("/v1/classify/file", params=query, content=table.read_bytes())
    assert r.status_code == 200, r.text
    assert r.content == out.read_bytes()
    assert r.headers["x-rows"] == str(len(TEXTS) + 1) and f"scored.{fmt}" in r.headers["content-disposition"]


@pytest.mark.parametrize("query, content, words", [
    ({"text_column": "review"}, b"id,body\n1,good\n", "no column 'review'"),
    ({"format": "xlsx"}, b"id,text\n1,good\n", "format must be one of"),
    ({"colour": "red"}, b"id,text\n1,good\n", "unknown query parameter"),
    ({}, b"id,text\n1,caf\xe9\n", "not valid utf-8 at line 2, byte 0xe9 (offset 13); try encoding latin-1"),
    ({"encoding": "klingon"}, b"id,text\n1,good\n", "unknown encoding"),
    ({}, b"id,text,label\n1,good,pos\n", "label"),
])
def test_a_bad_upload_is_a_422_before_any_row(client, query, content, words):
    r = client.post("/v1/classify/file", params=query, content=content)
    assert r.status_code == 422 and words in r.json()["error"], r.text
    assert tempfile.gettempdir() not in r.text  # the spooled file's name is the server's business


def _spooled():
    return {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("sentiment-serve-")}


def test_an_upload_past_its_limit_is_refused_and_removed(small):
    before = _spooled()
    r = small.post("/v1/classify/file", content=b"id,text\n" + b"1,a good film\n" * 300)
    assert r.status_code == 413 and r.json()["limit"] == "max_upload_bytes" and _spooled() == before


def test_a_client_that_disconnects_mid_upload_leaves_nothing_behind():
    """The upload's first part arrives, then the client is gone: no answer, no spooled file, no error."""
    app = create_app("six")
    before, sent = _spooled(), []
    parts = [{"type": "http.request", "body": b"id,text\n1,a good film\n", "more_body": True},
             {"type": "http.disconnect"}]

    async def receive():
        return parts.pop(0) if parts else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/classify/file", "raw_path": b"/v1/classify/file",
             "query_string": b"format=csv", "headers": [], "http_version": "1.1", "scheme": "http",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 5), "root_path": ""}
    asyncio.run(app(scope, receive, send))
    assert _spooled() == before
    assert all(m.get("status", 400) < 500 for m in sent)


# --- the command -----------------------------------------------------------------------------------------------

def test_serve_check_says_where_and_warns_off_loopback(runner):
    r = runner.invoke(cli, ["serve", "--port", "0", "--check"])
    assert r.exit_code == 0 and "http://127.0.0.1:" in r.output and "warning" not in r.output
    r = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "0", "--check"])
    assert r.exit_code == 0 and r.output.count("warning:") == 1 and "other machines" in r.output


def test_a_port_in_use_and_a_bad_model_are_one_error_line(runner):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        r = runner.invoke(cli, ["serve", "--port", str(taken.getsockname()[1]), "--check"])
    assert r.exit_code == 1 and r.output.startswith("error: cannot listen on 127.0.0.1:")
    r = runner.invoke(cli, ["serve", "--model", "nothing.json", "--check"])
    assert r.exit_code == 1 and r.output.startswith("error:") and "Traceback" not in r.output


def test_without_the_extra_the_command_says_what_to_install(runner, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now fails
    r = runner.invoke(cli, ["serve"])
    assert r.exit_code == 1
    assert r.output == "error: sentiment serve needs the [serve] extra (uvicorn is missing): pip install 'sentiment[serve]'\n"


def test_startup_stays_light():
    """Only serve's own run imports starlette or uvicorn: not loading every command (as `sentiment --help` does)."""
    import subprocess
    import sys

    code = ("import sys; from sentiment.cli.main import cli; [cli.get_command(None, n) for n in cli.list_commands(None)]; "
            "print(sorted(m for m in ('starlette', 'uvicorn', 'sentiment.serve') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
