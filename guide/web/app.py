"""The web application of `guide serve`: routes, middleware and error pages over one `Guide`.

Why Starlette with Jinja2 under uvicorn: the page is server-rendered HTML
forms (it must work with JavaScript off), so the stack needs routing, forms,
cookies, static files and a test client, and nothing more. Starlette gives
exactly that as a small, well-kept ASGI toolkit (its `TestClient` drives the
app in-process for fast tests); Jinja2 autoescapes every template; uvicorn
runs it with several worker processes. Heavier frameworks would bring an ORM,
sessions and auth the facade and the session store already cover.

`make_app(guide, options)` builds the app; `create()` is the factory uvicorn's
workers call (the options come in `GUIDE_SERVE_OPTIONS`). Routes:

| route | what |
|---|---|
| `GET /` | start page: free text and the symptoms |
| `POST /start`, `POST /lang` | begin a conversation; switch language |
| `GET /walk`, `POST /walk/{answer,back,restart,leave,mode}`, `GET /walk/path` | the conversation |
| `GET,POST /evidence` | paste or upload evidence |
| `GET /request`, `GET /request.md` | the request to IT |
| `GET /healthz` | 200 when the session store answers, else 503 |
| `/static/…` | the stylesheet and the copy-button script |
| `/report` | the report, with `--report-token` only (bearer token) |
"""

from __future__ import annotations

import contextlib
import logging
import os

import anyio

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from guide.web import evidence, helpdesk, start, walk
from guide.web.options import FORM_LIMIT, OPTIONS_VARIABLE, ServeOptions
from guide.web.render import STATIC, NoConversation, Pages
from guide.web.security import Guarded, NewConversations

log = logging.getLogger("guide.serve")


async def healthz(request: Request) -> Response:
    """200 ``ok`` when the session store answers; 503 otherwise (for a load balancer)."""
    try:
        healthy = request.app.state.guide.store.ping() is not False
    except Exception as exc:  # noqa: BLE001 - any failure of the store means "not healthy"
        log.warning("health check: the session store does not answer: %s", exc)
        healthy = False
    if not healthy:
        return PlainTextResponse("store unavailable\n", status_code=503)
    return PlainTextResponse("ok\n")


def _error_handlers(pages: Pages) -> dict:
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return pages.error(request, exc.status_code if exc.status_code in KNOWN_ERRORS else 400)

    async def no_conversation(request: Request, exc: NoConversation) -> Response:
        return pages.redirect(request, pages.visitor(request), "/")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("request %s %s failed", request.method, request.url.path)
        return pages.error(request, 500)

    return {HTTPException: http_error, NoConversation: no_conversation, Exception: server_error}


KNOWN_ERRORS = (400, 403, 404, 405, 413, 414, 429, 500, 503)
"""Statuses that have a page of their own; any other client error is shown as 400."""


def routes() -> list:
    """Every route of the page."""
    return [
        Route("/", start.start_page),
        Route("/start", start.start_conversation, methods=["POST"]),
        Route("/lang", start.switch_language, methods=["POST"]),
        Route("/walk", walk.walk_page),
        Route("/walk/answer", walk.answer, methods=["POST"]),
        Route("/walk/instead", walk.instead, methods=["POST"]),
        Route("/walk/back", walk.back, methods=["POST"]),
        Route("/walk/restart", walk.restart, methods=["POST"]),
        Route("/walk/leave", walk.leave, methods=["POST"]),
        Route("/walk/mode", walk.set_mode, methods=["POST"]),
        Route("/walk/path", walk.path_page),
        Route("/evidence", evidence.evidence_page),
        Route("/evidence", evidence.check_evidence, methods=["POST"]),
        Route("/request", helpdesk.request_page),
        Route("/request.md", helpdesk.request_download),
        Route("/healthz", healthz),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def make_app(guide, options: ServeOptions) -> Starlette:
    """The web app over `guide` (a `guide.engine.service.Guide`), configured by `options`."""
    pages = Pages(options, guide.words)

    def body_limit(path: str) -> int:
        return options.max_upload + FORM_LIMIT if path == "/evidence" else FORM_LIMIT

    async def refuse(scope, status: int, fields: dict):
        request = Request({**scope, "app": app})
        if status == 413 and scope["path"] == "/evidence":
            return evidence.too_big(request)
        return pages.error(request, status, **fields)

    app = Starlette(routes=routes(), exception_handlers=_error_handlers(pages), lifespan=_warmed(guide, pages))
    app.state.guide = guide
    app.state.pages = pages
    app.state.options = options
    app.state.new_conversations = NewConversations(options.new_per_minute)
    if options.report_token:
        from guide.web.report import mount_report

        mount_report(app, guide, options.report_token)
    return Guarded(app, frame_ancestors=options.frame_ancestors, body_limit=body_limit, refuse=refuse)


def _warmed(guide, pages: Pages):
    """A lifespan that loads what the first requests would otherwise wait for (the router, every template)
    before the worker takes connections: each worker's first free-text start was the slowest request."""

    def warm_up() -> None:
        guide.router  # noqa: B018 - loading it is the point
        for name in pages.env.list_templates():
            pages.env.get_template(name)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await anyio.to_thread.run_sync(warm_up)
        yield

    return lifespan


def create():
    """The app for a uvicorn worker: options from `GUIDE_SERVE_OPTIONS`, the guide opened once per process."""
    from guide.engine.service import Guide

    options = ServeOptions.from_json(os.environ[OPTIONS_VARIABLE])
    guide = Guide.open(options.trees, options.content, db=options.db)
    return make_app(guide, options)
