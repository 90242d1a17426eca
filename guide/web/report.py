"""`/report`: the authors' report over the stored conversations, for requests bearing `--report-token`.

Only mounted when `guide serve --report-token TOKEN` is given; a request
without ``Authorization: Bearer TOKEN`` gets 401 (compared in constant
time). Query parameters `since`, `until` (dates as `guide report` takes them)
and `tree` narrow it. The page is the report's own self-contained HTML
(inline style and pictures), so it carries its own, stricter CSP: nothing
may load at all, and no script runs.
"""

from __future__ import annotations

import secrets

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from guide.engine.service import GuideError, UsageError

REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
              "frame-ancestors 'none'")
"""The report page loads nothing and runs nothing; its style and pictures are inside it."""


def mount_report(app, guide, token: str) -> None:
    """Add `/report` to `app`, answering requests that bear `token`."""
    expected = f"Bearer {token}".encode()

    async def report(request: Request) -> Response:
        given = request.headers.get("authorization", "").encode()
        if not secrets.compare_digest(given, expected):
            return Response("a bearer token is needed (guide serve --report-token)\n", status_code=401,
                            headers={"WWW-Authenticate": 'Bearer realm="guide report"'}, media_type="text/plain")
        visitor = request.app.state.pages.visitor(request)
        query = request.query_params
        try:
            page = await run_in_threadpool(guide.report_html, visitor.lang, since=query.get("since"),
                                           until=query.get("until"), tree=query.get("tree"))
        except UsageError:
            raise HTTPException(400) from None
        except GuideError as exc:  # no database, or the report's drawing library is missing: say which
            return Response(f"{exc}\n", status_code=503, media_type="text/plain")
        return HTMLResponse(page, headers={"Content-Security-Policy": REPORT_CSP})

    app.router.routes.append(Route("/report", report))
