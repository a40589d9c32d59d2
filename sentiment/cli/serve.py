"""``sentiment serve``: the HTTP service and its page (the ``[serve]`` extra: Starlette on uvicorn)."""

from __future__ import annotations

import click

from sentiment.cli.options import CONTEXT, handle_errors

#: What to install when the extra is missing, said in the one error line.
INSTALL = "pip install 'sentiment[serve]'"


def _limit(name: str, default: int, what: str):
    return click.option(f"--{name}", type=click.IntRange(1), default=default, show_default=True, help=what)


@click.command(context_settings=CONTEXT)
@click.option("-m", "--model", default="default", show_default=True, metavar="NAME|PATH",
              help="The model to serve: a shipped model (default = general, six, extended) or a model file.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Loopback by default; any other address is reachable from other "
                   "machines, with no authentication (a warning says so).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, envvar="SENTIMENT_PORT",
              help="Port to listen on (also $SENTIMENT_PORT); 0 picks a free one, printed at start.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (uvicorn's workers), each with its own copy of the model.")
@_limit("max-texts", 10_000, "Most texts in one classify request.")
@_limit("max-explain-texts", 100, "Most texts in one explain request.")
@_limit("max-chars", 100_000, "Most characters in one text.")
@_limit("max-body", 10_000_000, "Most bytes in one JSON request body.")
@_limit("max-upload", 100_000_000, "Most bytes in one uploaded file (spooled to disk, not memory).")
@click.option("--access-log", is_flag=True, help="Log every request on standard output.")
@click.option("--check", is_flag=True,
              help="Load the model, check the options and the address, say where it would serve, and exit.")
@handle_errors
def serve(model, host, port, workers, max_texts, max_explain_texts, max_chars, max_body, max_upload, access_log,
          check):
    """Serve the model over HTTP, with a page that explains each score.

    \b
    The page at / scores and explains a text as you type it (each word tinted
    by its share of z, as explain --html draws it) and scores an uploaded CSV,
    TSV or JSON-lines file. The API: POST /v1/classify {"texts": [...]} gives
    sentiment.classify's rows; POST /v1/explain gives explain --json's
    explanations; POST /v1/classify/file scores a table; GET /v1/models,
    GET /healthz, GET /openapi.json. Limits are answered with 413 naming
    the limit. Ctrl-C stops it.

    \b
    Examples:
      sentiment serve                               # http://127.0.0.1:8000/ until Ctrl-C
      sentiment serve --model six --workers 2       # two server processes, until Ctrl-C
      sentiment serve --port 0 --max-texts 1000 --check   # check the model and the port, say where, exit
      sentiment serve --host 0.0.0.0 --check        # reachable from other machines: a warning says so
    """
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        from sentiment.errors import InputError

        raise InputError(f"sentiment serve needs the [serve] extra ({exc.name} is missing): {INSTALL}") from None
    from sentiment.serve.limits import Limits
    from sentiment.serve.server import listening_socket, run

    limits = Limits(max_texts=max_texts, max_explain_texts=max_explain_texts, max_chars=max_chars,
                    max_body_bytes=max_body, max_upload_bytes=max_upload)
    from sentiment.api import get_model

    get_model(model)  # a model that does not load is one error line now, not one per worker
    sock, url, loopback = listening_socket(host, port)
    if not loopback:
        click.echo(f"warning: listening on {host}, which other machines can reach; the service has no "
                   "authentication (use --host 127.0.0.1 to keep it on this machine)", err=True)
    if check:
        sock.close()
        click.echo(f"sentiment serve: would serve the model {model} on {url} with {workers} worker(s)")
        return
    click.echo(f"sentiment serve: the model {model} on {url} ({workers} worker(s); Ctrl-C stops)", err=True)
    run(sock, model, limits, workers, access_log)
