"""Listening and serving: the socket ``sentiment serve`` binds itself, and uvicorn running the application on it.

The socket is bound before uvicorn starts so that an address in use is one error line (not uvicorn's log
and exit), and so that ``--port 0`` can say which port it got. With ``--workers N`` uvicorn's supervisor
starts N processes that share the socket; each builds the application from the settings in
:data:`sentiment.serve.app.SETTINGS_VARIABLE`.
"""

from __future__ import annotations

import ipaddress
import os
import socket

from sentiment.errors import InputError

__all__ = ["listening_socket", "run", "is_loopback"]


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: loopback only if every address it names is
        try:
            infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except OSError:
            return False
        return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def listening_socket(host: str, port: int):
    """``(socket, url, loopback)``: a socket bound to ``host``:``port`` and listening; :class:`InputError` if it
    cannot be (an address in use, a host that does not resolve)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except OSError as exc:
        raise InputError(f"--host {host}: {exc.strerror or exc}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart need not wait for TIME_WAIT
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)  # the worker processes serve on it
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return sock, f"http://{shown}:{bound}/", is_loopback(host)


def run(sock, model: str, limits, workers: int = 1, access_log: bool = False) -> None:
    """Serve on ``sock`` until stopped (Ctrl-C, SIGTERM)."""
    import uvicorn

    from sentiment.serve.app import SETTINGS_VARIABLE, app_from_environment, create_app, settings_json

    options = dict(log_level="warning", access_log=access_log, lifespan="off", server_header=False)
    if workers == 1:
        config = uvicorn.Config(create_app(model, limits), **options)
        uvicorn.Server(config).run(sockets=[sock])
        return
    from uvicorn.supervisors import Multiprocess

    os.environ[SETTINGS_VARIABLE] = settings_json(model, limits)
    target = f"{app_from_environment.__module__}:{app_from_environment.__name__}"
    config = uvicorn.Config(target, factory=True, workers=workers, **options)
    Multiprocess(config, sockets=[sock]).run()
