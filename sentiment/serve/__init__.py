"""``sentiment serve``: a local HTTP service over the Python API, and a page that explains a score.

:mod:`.app` builds the Starlette application (routes, error replies); :mod:`.limits` reads a request's
body within its limits and checks what it holds; :mod:`.answers` turns a checked request into what the
Python API and ``explain --json`` give; :mod:`.files` scores an uploaded table as ``sentiment classify``
does, streamed; :mod:`.openapi` is the API's description; :mod:`.page` the web page (``page.html``,
``page.css``, ``page.js`` beside it); :mod:`.server` the listening socket and uvicorn. Nothing here is
imported unless the ``serve`` command runs, and only :mod:`.app` and :mod:`.server` import starlette or
uvicorn (the ``[serve]`` extra).
"""
