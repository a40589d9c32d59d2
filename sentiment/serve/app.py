"""The Starlette application of ``sentiment serve``: its routes, and an error reply for everything that fails.

Every answer is JSON (the page, its script and style, and a scored upload aside); every error is
``{"error": "<one line>"}`` (with ``limit`` and ``value`` when a limit was passed) and a 4xx status; a
bug is a 500 with ``{"error": "internal error"}``, its traceback in the server's log and never in the
answer. Scoring runs in a worker thread, so one long request does not hold the others up.

The settings (the model, the limits) come as arguments, or, in each process that ``--workers N`` starts,
from the environment variable :data:`SETTINGS_VARIABLE` (:func:`app_from_environment`).
"""

from __future__ import annotations

import json
import logging
import os

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from sentiment.serve.limits import ApiError, Limits, parse_json, read_body

__all__ = ["create_app", "app_from_environment", "SETTINGS_VARIABLE"]

#: The environment variable that hands the settings to the processes of ``--workers N`` (JSON).
SETTINGS_VARIABLE = "SENTIMENT_SERVE_SETTINGS"
#: A body at most this long is parsed on the event loop; a longer one in a worker thread.
_SMALL_BODY = 64 * 1024
#: A classify request at most this long is answered on the event loop: a few thousand characters score in
#: about a millisecond (sentiment.quick), less than the hop to a worker thread and back costs under load.
_INLINE_BODY = 4 * 1024
_log = logging.getLogger("sentiment.serve")


def json_response(obj, status: int = 200) -> Response:
    """``obj`` as JSON. ASCII-escaped: a lone surrogate a client sent (``"\\ud800"``) comes back as it went,
    where UTF-8 could not encode it."""
    return Response(json.dumps(obj, separators=(",", ":"), allow_nan=False), status_code=status,
                    media_type="application/json")


def _error(status: int, message: str) -> Response:
    return json_response({"error": message}, status)


async def _api_error(request, exc: ApiError) -> Response:
    return json_response(exc.body(), exc.status)


async def _http_error(request, exc: HTTPException) -> Response:
    messages = {404: f"no such path: {request.url.path}", 405: f"{request.method} is not allowed on {request.url.path}"}
    return _error(exc.status_code, messages.get(exc.status_code, str(exc.detail)))


async def _client_gone(request, exc: ClientDisconnect) -> Response:
    # The client went away before its body was read: there is no one to answer, and nothing went wrong here.
    return Response(status_code=400)


async def _internal_error(request, exc: Exception) -> Response:
    # Starlette logs the traceback (on the server's stderr) after this answer is sent.
    return _error(500, "internal error")


class _Service:
    """The routes' shared state: the model, its name, the limits, the page."""

    def __init__(self, model: str, limits: Limits):
        from sentiment.api import get_model

        self.model, self.limits = model, limits
        self.pipe = get_model(model)
        warm_up = ["A warm-up text, so that the first request does not pay for the caches."]
        self.pipe.predict_proba(warm_up)
        from sentiment.quick import load_quick

        self.quick = load_quick(model)  # the same model file in plain Python, for a handful of texts (or None)
        if self.quick is not None:
            self.quick.answers(warm_up)
        from sentiment import __version__

        from sentiment.serve.openapi import openapi_document
        from sentiment.serve.page import page_parts

        self.openapi = json.dumps(openapi_document(limits, model, __version__), separators=(",", ":"))
        self.page = page_parts(model, limits)

    async def json_body(self, request: Request):
        """``(the body's JSON value, its length in bytes)``."""
        body = await read_body(request, self.limits.max_body_bytes)
        value = parse_json(body) if len(body) <= _SMALL_BODY else await run_in_threadpool(parse_json, body)
        return value, len(body)

    async def classify(self, request: Request) -> Response:
        from sentiment.serve.answers import classify_rows

        body, size = await self.json_body(request)
        if size <= _INLINE_BODY:
            return self._answer(classify_rows, body, "rows", quick=self.quick)
        return await run_in_threadpool(self._answer, classify_rows, body, "rows", quick=self.quick)

    async def explain(self, request: Request) -> Response:
        from sentiment.serve.answers import explain_answers

        body, _ = await self.json_body(request)
        return await run_in_threadpool(self._answer, explain_answers, body, "explanations")

    def _answer(self, compute, body, key, **options) -> Response:
        """``compute``'s answer as a JSON response (serialised here, in the worker thread: 10 000 rows take a while)."""
        return json_response({"model": self.model, key: compute(self.pipe, body, self.limits, **options)})

    async def classify_file(self, request: Request) -> Response:
        from sentiment.serve import files

        opts = files.file_options(request.query_params)
        sink, path = files.spool_file(opts["format"])
        try:
            with sink:
                await read_body(request, self.limits.max_upload_bytes, "max_upload_bytes", sink=sink)
            rows = await run_in_threadpool(files.check_table, self.pipe, path, opts)
        except BaseException:  # a refusal, or a client that went away mid-upload: nothing left behind
            files.remove(path)
            raise
        suffix, media = files.UPLOAD_FORMATS[opts["format"]]
        return StreamingResponse(files.scored_pieces(self.pipe, path, opts), media_type=f"{media}; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="scored{suffix}"',
                                          "X-Rows": str(rows)})

    async def models(self, request: Request) -> Response:
        return json_response(await run_in_threadpool(self._models))

    def _models(self) -> dict:
        from sentiment.models.cards import MODEL_ALIASES, card, shipped_model_names, summary

        served = MODEL_ALIASES.get(self.model, self.model)
        out = []
        for name in shipped_model_names():
            out.append({"name": name, "served": name == served, "summary": summary(name), "card": card(name)})
        if served not in shipped_model_names():  # a model file of the user's
            out.insert(0, {"name": self.model, "served": True, "card": None})
        for m in out:
            if m["served"]:
                m["classes"] = [str(c) for c in self.pipe.classes_]
        return {"served": self.model, "models": out, "limits": self.limits.as_dict()}

    async def healthz(self, request: Request) -> Response:
        return json_response({"status": "ok", "model": self.model})

    async def openapi_json(self, request: Request) -> Response:
        return Response(self.openapi, media_type="application/json")

    async def page_html(self, request: Request) -> Response:
        return self._static("html", "text/html; charset=utf-8")

    async def page_js(self, request: Request) -> Response:
        return self._static("js", "text/javascript; charset=utf-8")

    async def page_css(self, request: Request) -> Response:
        return self._static("css", "text/css; charset=utf-8")

    def _static(self, part: str, media: str) -> Response:
        # The page runs only its own script; the tinted explanations carry inline style attributes.
        policy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' blob:"
        return Response(self.page[part], media_type=media,
                        headers={"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff"})


def create_app(model: str = "default", limits: Limits | None = None) -> Starlette:
    """The application, serving ``model`` (a shipped model's name or a model file) within ``limits``."""
    service = _Service(model, limits or Limits())
    routes = [
        Route("/", service.page_html, methods=["GET"]),
        Route("/page.js", service.page_js, methods=["GET"]),
        Route("/page.css", service.page_css, methods=["GET"]),
        Route("/healthz", service.healthz, methods=["GET"]),
        Route("/openapi.json", service.openapi_json, methods=["GET"]),
        Route("/v1/models", service.models, methods=["GET"]),
        Route("/v1/classify", service.classify, methods=["POST"]),
        Route("/v1/classify/file", service.classify_file, methods=["POST"]),
        Route("/v1/explain", service.explain, methods=["POST"]),
    ]
    handlers = {ApiError: _api_error, HTTPException: _http_error, ClientDisconnect: _client_gone,
                Exception: _internal_error}
    return Starlette(routes=routes, exception_handlers=handlers)


def settings_json(model: str, limits: Limits) -> str:
    """The settings as :func:`app_from_environment` reads them."""
    return json.dumps({"model": model, "limits": limits.as_dict()})


def app_from_environment() -> Starlette:
    """The application from :data:`SETTINGS_VARIABLE` (each process of ``--workers N`` builds its own)."""
    settings = json.loads(os.environ[SETTINGS_VARIABLE])
    return create_app(settings["model"], Limits(**settings["limits"]))
