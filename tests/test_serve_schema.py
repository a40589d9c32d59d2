"""``sentiment serve`` against its own OpenAPI document, with hypothesis (derandomized: tests/conftest.py).

Requests are generated from the document's request schemas (:func:`from_schema`, for the part of JSON
Schema the document uses): every valid one is answered 200 with a body its response schema accepts. Then any JSON at all, and any bytes, are sent to
each POST route: the answer is 200 or a 4xx with ``{"error": ...}``, never a server error.
"""

import functools
import json
import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")
jsonschema = pytest.importorskip("jsonschema")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from sentiment.serve.app import create_app  # noqa: E402
from sentiment.serve.limits import Limits  # noqa: E402

LIMITS = Limits(max_texts=12, max_explain_texts=3, max_chars=120, max_body_bytes=20_000, max_upload_bytes=20_000)
EXAMPLES = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@functools.cache
def _client(model: str) -> TestClient:
    """A server of ``model`` with the small :data:`LIMITS`, built on first use (not when tests are collected)."""
    return TestClient(create_app(model, LIMITS), raise_server_exceptions=False)


@functools.cache
def _document() -> dict:
    return _client("default").get("/openapi.json").json()


def _resolved(node):
    """``node`` with every ``$ref`` of the document replaced by what it points at."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = _document()
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return _resolved(target)
        return {k: _resolved(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolved(v) for v in node]
    return node


def _schema(path, status="200", method="post"):
    operation = _document()["paths"][path][method]
    if status == "request":
        return _resolved(operation["requestBody"]["content"]["application/json"]["schema"])
    return _resolved(operation["responses"][status]["content"]["application/json"]["schema"])


def from_schema(schema, longest=40, most=8):
    """A hypothesis strategy for the values ``schema`` allows (enum, const, oneOf, types, lengths, pattern,
    objects' required and optional properties); strings and lists are kept short, within the schema's bounds."""
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    if "oneOf" in schema:
        return st.one_of([from_schema(s) for s in schema["oneOf"]])
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    if len(kinds) > 1:
        return st.one_of([from_schema({**schema, "type": k}) for k in kinds])
    kind = kinds[0]
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        text = st.text(max_size=min(schema.get("maxLength", longest), longest))
        return text.filter(lambda t: re.search(schema["pattern"], t)) if "pattern" in schema else text
    if kind == "array":
        return st.lists(from_schema(schema["items"]), max_size=min(schema.get("maxItems", most), most))
    if kind == "object":
        properties = {k: from_schema(v) for k, v in schema.get("properties", {}).items()}
        required = set(schema.get("required", []))
        return st.fixed_dictionaries({k: v for k, v in properties.items() if k in required},
                                     optional={k: v for k, v in properties.items() if k not in required})
    raise NotImplementedError(f"a schema of type {kind}")


def _check(schema, value):
    jsonschema.Draft202012Validator(schema).validate(value)


def _answer_fits_the_document(path, response):
    """A 200 fits the route's response schema; anything else is a documented 4xx with the error schema."""
    documented = _document()["paths"][path]["post"]["responses"]
    assert str(response.status_code) in documented, (response.status_code, response.text)
    _check(_schema(path, str(response.status_code)), response.json())


# An explanation by the default model takes ~60 ms (its 60 000 n-grams): fewer examples of it, more with six's.
@pytest.mark.parametrize("path, model, examples", [("/v1/classify", "default", 60), ("/v1/classify", "six", 30),
                                                  ("/v1/explain", "default", 10), ("/v1/explain", "six", 40)])
def test_every_request_the_document_allows_is_answered_as_it_says(path, model, examples):
    client = _client(model)

    @settings(EXAMPLES, max_examples=examples)
    @given(from_schema(_schema(path, "request")))
    def run(body):
        r = client.post(path, json=body)
        if r.status_code == 422 and path == "/v1/classify" and body.get("on_error") == "fail":
            assert "no text" in r.json()["error"]  # a null or blank text refused, as asked
            return
        assert r.status_code == 200, (body, r.text)
        _answer_fits_the_document(path, r)
        key = "rows" if path == "/v1/classify" else "explanations"
        texts = body["texts"]
        if path == "/v1/classify" and body.get("on_error") == "skip":
            texts = [t for t in texts if t is not None and t.strip()]
        if path == "/v1/explain" or body.get("by", "document") == "document":
            assert len(r.json()[key]) == len(texts)

    run()


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
                    max_leaves=20)
FIELDS = st.sampled_from(["texts", "neutral", "by", "prefix", "on_error", "html"])
NEAR_MISSES = st.fixed_dictionaries({"texts": JSON}, optional={"neutral": JSON, "by": JSON, "prefix": JSON,
                                                              "on_error": JSON, "html": JSON})


@pytest.mark.parametrize("path", ["/v1/classify", "/v1/explain"])
def test_no_json_or_bytes_at_all_makes_a_server_error(path):
    @EXAMPLES
    @given(st.one_of(JSON.map(json.dumps), NEAR_MISSES.map(json.dumps), st.dictionaries(FIELDS, JSON).map(json.dumps),
                     st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
    def run(body):
        r = _client("default").post(path, content=body.encode("latin-1", errors="replace") if not body.startswith(("{", "[", '"'))
                         else body.encode("utf-8", errors="surrogatepass"))
        assert r.status_code < 500, (body, r.text)
        _answer_fits_the_document(path, r)

    run()


def test_no_query_or_upload_makes_a_server_error():
    params = st.dictionaries(st.sampled_from(["format", "text_column", "neutral", "by", "prefix", "encoding", "x"]),
                             st.text(max_size=12))
    content = st.binary(max_size=300) | st.text(max_size=300).map(lambda t: ("text\n" + t).encode("utf-8", "replace"))

    @EXAMPLES
    @given(params, content)
    def run(query, body):
        r = _client("default").post("/v1/classify/file", params=query, content=body)
        assert r.status_code in (200, 413, 422), (query, body, r.text)
        if r.status_code != 200:
            _check(_resolved(_document()["components"]["schemas"]["Error"]), r.json())

    run()


def test_the_get_routes_fit_the_document():
    for path in ("/v1/models", "/healthz"):
        r = _client("default").get(path)
        assert r.status_code == 200
        _check(_resolved(_document()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]),
               r.json())
