"""Running `guide serve`: check what can be checked, warn when not loopback, then hand over to uvicorn.

Run with::

    guide serve                                          # http://127.0.0.1:8000/, this machine only
    guide serve --db postgresql://guide@db/guide --workers 4 --host 0.0.0.0   # behind a reverse proxy

The content and the session store are opened here first, so a broken tree
or an unreachable database is one located line and exit 2 before anything
listens. With one worker the app runs in this process; with more, uvicorn
starts them by import string (`guide.web.app:create`) and each opens the guide
itself (options in `GUIDE_SERVE_OPTIONS`). Client addresses come from
`X-Forwarded-For` only when the proxy is on this machine (uvicorn's default
`forwarded_allow_ips`).
"""

from __future__ import annotations

import os
import socket
import sys

from guide.engine.errors import GuideError

from guide.web.options import OPTIONS_VARIABLE, ServeOptions, is_loopback


def warning_line(host: str) -> str:
    """The one-line warning for an address other machines can reach."""
    return (f"guide serve: warning: listening on {host}, which other machines can reach; "
            "put it behind a reverse proxy with TLS and sign-in (docs/serve.md)")


def check_can_listen(host: str, port: int) -> None:
    """Raise a one-line `GuideError` when `host:port` cannot be listened on (in use, not this machine's)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        raise GuideError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                         "choose another --port or --host") from None


def run(options: ServeOptions) -> int:
    """Serve until interrupted; returns the exit code."""
    import uvicorn

    from guide.engine.service import Guide
    from guide.web.app import make_app

    guide = Guide.open(options.trees, options.content, db=options.db)
    check_can_listen(options.host, options.port)
    if not is_loopback(options.host):
        print(warning_line(options.host), file=sys.stderr, flush=True)
    shown = f"[{options.host}]" if ":" in options.host else options.host
    print(f"guide serve: http://{shown}:{options.port}/ (Ctrl+C stops)", file=sys.stderr, flush=True)
    common = dict(host=options.host, port=options.port, log_level="warning", access_log=False,
                  server_header=False, timeout_graceful_shutdown=5)
    if options.workers > 1:
        guide.close()
        os.environ[OPTIONS_VARIABLE] = options.to_json()
        uvicorn.run("guide.web.app:create", factory=True, workers=options.workers, **common)
    else:
        uvicorn.run(make_app(guide, options), **common)
    return 0
