"""The API's OpenAPI 3.1 document (``GET /openapi.json``), written by hand from what the routes take and give.

The request schemas are the checks of :mod:`.limits` and :mod:`.answers` (the tests generate requests
from them and hold every answer to the response schemas), with the server's own limits filled in.
"""

from __future__ import annotations

from sentiment.serve.limits import Limits

__all__ = ["openapi_document"]

_NUMBER_OR_PER_CLASS = {"oneOf": [{"type": "number"},
                                  {"type": "object", "additionalProperties": {"type": "number"}}],
                        "description": "one number for a two-class model; one per class (z of each class) otherwise"}

_ERROR = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "string", "description": "what is wrong, in one line"},
                   "limit": {"type": "string", "description": "the limit passed, e.g. max_texts"},
                   "value": {"type": "integer", "description": "that limit's value"}},
}

_ROW = {
    "type": "object",
    "description": "One row of sentiment.classify: text, label, probability, p_<class>…, score; error "
                   "(\"no text\") on a flagged row; document, sentence, start, end with by = \"sentence\". "
                   "With a prefix every answer's name starts with it.",
    "additionalProperties": {"type": ["string", "number", "integer", "null"]},
}

_SENTENCE = {
    "type": "object", "required": ["sentence", "start", "end", "text", "label", "probability"],
    "properties": {"sentence": {"type": "integer"}, "start": {"type": "integer"}, "end": {"type": "integer"},
                   "text": {"type": "string"}, "label": {"type": "string"}, "probability": {"type": "number"},
                   "score": {"type": "number"}},
    "additionalProperties": {"type": ["string", "number"]},
}

_EXPLANATION = {
    "type": "object", "required": ["text", "predicted", "probabilities", "features", "bias", "z"],
    "properties": {
        "text": {"type": "string"},
        "predicted": {"type": "string"},
        "probabilities": {"type": "object", "additionalProperties": {"type": "number"}},
        "features": {"type": "array", "items": {
            "type": "object", "required": ["name", "value", "weight", "contribution"],
            "properties": {"name": {"type": "string"}, "value": {"type": "number"},
                           "weight": _NUMBER_OR_PER_CLASS, "contribution": _NUMBER_OR_PER_CLASS}}},
        "bias": _NUMBER_OR_PER_CLASS,
        "z": _NUMBER_OR_PER_CLASS,
        "ngram_contribution": _NUMBER_OR_PER_CLASS,
        "ending_contribution": _NUMBER_OR_PER_CLASS,
        "matches": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "sentences": {"type": "array", "items": _SENTENCE,
                      "description": "a text of several sentences: each one's span and answer"},
        "html": {"type": "string", "description": "with html = true: the section explain --html draws"},
    },
}


def _texts(most: int, chars: int) -> dict:
    return {"type": "array", "maxItems": most,
            "items": {"type": ["string", "null"], "maxLength": chars},
            "description": f"the texts, at most {most}, each at most {chars} characters; null is a row with no text"}


def _json_body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _answer(description: str, schema: dict, media: str = "application/json") -> dict:
    return {"description": description, "content": {media: {"schema": schema}}}


def _errors(*statuses: int) -> dict:
    meaning = {400: "the body is not JSON (or not UTF-8, or nested too deeply)",
               413: "a limit passed: the body's bytes, the texts, a text's characters (named in the answer)",
               422: "well-formed JSON that is not a valid request (a field's type or value, an unknown field)"}
    return {str(s): _answer(meaning[s], {"$ref": "#/components/schemas/Error"}) for s in statuses}


def openapi_document(limits: Limits, model_name: str, version: str) -> dict:
    """The document, with ``limits``' values in its schemas."""
    classify_request = {
        "type": "object", "required": ["texts"], "additionalProperties": False,
        "properties": {
            "texts": _texts(limits.max_texts, limits.max_chars),
            "neutral": {"type": "boolean", "default": True,
                        "description": "false: negative or positive only, p_neg and p_pos renormalised"},
            "by": {"enum": ["document", "sentence"], "default": "document",
                   "description": "sentence: after each text's row, a row per sentence"},
            "prefix": {"type": "string", "maxLength": 64, "default": "",
                       "description": "put before every answer column's name"},
            "on_error": {"enum": ["flag", "skip", "fail"], "default": "flag",
                         "description": "a null or blank text: keep it flagged, leave it out, or refuse the request"},
        },
    }
    explain_request = {
        "type": "object", "required": ["texts"], "additionalProperties": False,
        "properties": {
            "texts": {**_texts(limits.max_explain_texts, limits.max_chars),
                      "items": {"type": "string", "maxLength": limits.max_chars, "pattern": r"\S"}},
            "html": {"type": "boolean", "default": False,
                     "description": "also each explanation as the tinted HTML section of explain --html"},
        },
    }
    file_parameters = [
        {"name": "format", "in": "query", "schema": {"enum": ["csv", "tsv", "jsonl"], "default": "csv"},
         "description": "the upload's format, and the answer's"},
        {"name": "text_column", "in": "query", "schema": {"type": "string", "default": "text", "maxLength": 256}},
        {"name": "neutral", "in": "query", "schema": {"enum": ["true", "false"], "default": "true"}},
        {"name": "by", "in": "query", "schema": {"enum": ["document", "sentence"], "default": "document"}},
        {"name": "prefix", "in": "query", "schema": {"type": "string", "default": "", "maxLength": 256}},
        {"name": "encoding", "in": "query", "schema": {"type": "string", "default": "utf-8", "maxLength": 256},
         "description": "the upload's text encoding, e.g. latin-1"},
    ]
    return {
        "openapi": "3.1.0",
        "info": {"title": "sentiment serve", "version": version,
                 "description": f"Sentiment classification with the model {model_name!r}: the rows of "
                                "sentiment.classify, the explanations of sentiment explain --json."},
        "paths": {
            "/v1/classify": {"post": {
                "summary": "Label texts (sentiment.classify)",
                "requestBody": _json_body({"$ref": "#/components/schemas/ClassifyRequest"}),
                "responses": {"200": _answer("one row per text (and per sentence with by = sentence)",
                                             {"$ref": "#/components/schemas/ClassifyResponse"}),
                              **_errors(400, 413, 422)}}},
            "/v1/explain": {"post": {
                "summary": "Explain texts (sentiment explain --json)",
                "requestBody": _json_body({"$ref": "#/components/schemas/ExplainRequest"}),
                "responses": {"200": _answer("one explanation per text",
                                             {"$ref": "#/components/schemas/ExplainResponse"}),
                              **_errors(400, 413, 422)}}},
            "/v1/classify/file": {"post": {
                "summary": "Score a CSV, TSV or JSON-lines table as sentiment classify FILE does; the answer is streamed",
                "parameters": file_parameters,
                "requestBody": {"required": True, "description": f"the file's bytes, at most {limits.max_upload_bytes}",
                                "content": {"application/octet-stream": {"schema": {"type": "string",
                                                                                     "format": "binary"}}}},
                "responses": {"200": {"description": "the scored table: the upload's columns, then the answers",
                                      "content": {m: {"schema": {"type": "string"}}
                                                  for m in ("text/csv", "text/tab-separated-values",
                                                            "application/x-ndjson")}},
                              **_errors(413, 422)}}},
            "/v1/models": {"get": {
                "summary": "The model served and the shipped models, with their cards",
                "responses": {"200": _answer("the models", {"$ref": "#/components/schemas/ModelsResponse"})}}},
            "/healthz": {"get": {
                "summary": "Whether the server is up",
                "responses": {"200": _answer("up", {"type": "object", "required": ["status"],
                                                    "properties": {"status": {"const": "ok"},
                                                                   "model": {"type": "string"}}})}}},
        },
        "components": {"schemas": {
            "ClassifyRequest": classify_request,
            "ClassifyResponse": {"type": "object", "required": ["model", "rows"],
                                 "properties": {"model": {"type": "string"},
                                                "rows": {"type": "array", "items": _ROW}}},
            "ExplainRequest": explain_request,
            "ExplainResponse": {"type": "object", "required": ["model", "explanations"],
                                "properties": {"model": {"type": "string"},
                                               "explanations": {"type": "array", "items": _EXPLANATION}}},
            "ModelsResponse": {"type": "object", "required": ["served", "models", "limits"], "properties": {
                "served": {"type": "string", "description": "the model this server scores with"},
                "models": {"type": "array", "items": {
                    "type": "object", "required": ["name", "served"],
                    "properties": {"name": {"type": "string"}, "served": {"type": "boolean"},
                                   "classes": {"type": "array", "items": {"type": "string"}},
                                   "summary": {"type": "string"}, "card": {"type": ["string", "null"]}}}},
                "limits": {"type": "object", "additionalProperties": {"type": "integer"}}}},
            "Error": _ERROR,
        }},
    }
