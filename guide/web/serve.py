"""Running `guide serve`: check what can be checked, warn when not loopback, then hand over to uvicorn.

Run with::

    guide serve                                          # http://127.0.0.1:8000/, this machine only
    guide serve --db postgresql://guide@db/guide --workers 4 --host 0.0.0.0   # behind a reverse proxy

The content and the session store are opened here first, so a broken tree
or an unreachable database is one located line and exit 2 before anything
listens. The port is bound here, then handed to uvicorn, so the line saying
so is printed only once connections are accepted. With one worker the app
runs in this process; with more, uvicorn starts them by import string (`guide.web.app:create`) and each opens the guide
itself (options in `GUIDE_SERVE_OPTIONS`). Client addresses come from
`X-Forwarded-For` only when the proxy is on this machine (uvicorn's default
`forwarded_allow_ips`).
"""

from __future__ import annotations

import os
import socket
import sys

from guide.engine.service import GuideError

from guide.web.options import OPTIONS_VARIABLE, ServeOptions, is_loopback


READY = "guide serve: listening on"
"""The line printed once the port accepts connections (tests and scripts wait for it)."""

KEEP_ALIVE = 75
"""Seconds an idle connection stays open (uvicorn's default, 5, is shorter than a person takes to read a
question: every answer then raced the server closing its connection; 75 is nginx's keepalive_timeout)."""

BACKLOG = 2048
"""Connections the kernel queues while every worker is busy."""


def warning_line(host: str) -> str:
    """The one-line warning for an address other machines can reach."""
    return (f"guide serve: warning: listening on {host}, which other machines can reach; "
            "put it behind a reverse proxy with TLS and sign-in (docs/serve.md)")


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on `host:port`, or a one-line `GuideError` (in use, not this machine's address)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        bound = socket.socket(family, kind, proto)
        bound.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        bound.bind(address)
        bound.listen(BACKLOG)
    except OSError as exc:
        raise GuideError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                         "choose another --port or --host") from None
    bound.set_inheritable(True)
    return bound


def run(options: ServeOptions) -> int:
    """Serve until interrupted; returns the exit code."""
    import uvicorn

    from guide.engine.service import Guide
    from guide.web.app import make_app

    guide = Guide.open(options.trees, options.content, db=options.db)
    guide.store.ping()  # open the store now: an unreachable database is one line before anything listens
    if not is_loopback(options.host):
        print(warning_line(options.host), file=sys.stderr, flush=True)
    bound = listen(options.host, options.port)
    shown = f"[{options.host}]" if ":" in options.host else options.host
    print(f"{READY} http://{shown}:{options.port}/ (Ctrl+C stops)", file=sys.stderr, flush=True)
    common = dict(log_level="warning", access_log=False, server_header=False, timeout_graceful_shutdown=5,
                  timeout_keep_alive=KEEP_ALIVE)
    if options.workers == 1:
        uvicorn.Server(uvicorn.Config(make_app(guide, options), **common)).run(sockets=[bound])
        return 0
    guide.close()
    os.environ[OPTIONS_VARIABLE] = options.to_json()
    if sys.platform == "win32":  # uvicorn takes no inherited socket there: it binds again
        bound.close()
        common.update(host=options.host, port=options.port)
    else:
        common.update(fd=bound.fileno())
    uvicorn.run("guide.web.app:create", factory=True, workers=options.workers, **common)
    return 0
