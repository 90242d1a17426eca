"""Reading a POSTed form safely: the CSRF check, field limits, and refusals as HTTP errors.

`endpoint` makes a route of a plain function ``(request, visitor, form)``:
the form (for a POST) is read first, within limits, and refused (403) unless
its CSRF field repeats the browser's cookie; the function then runs on the
event loop itself. A page's work is a millisecond or two of CPU and at most
one commit; handing it to a thread cost more than it saved (measured: p95
answer time 76 ms in the thread pool, 30 ms on the loop, at 100
conversations in one process), since every handoff waits for the GIL.
Parallelism comes from `--workers`; only the heavy, rare pages (evidence
checks, the report) go to a thread.
Refusals are `HTTPException`s, which the app draws as pages in the person's
language.
"""

from __future__ import annotations

from typing import Callable

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from guide.web.options import FORM_LIMIT
from guide.web.security import CSRF_COOKIE, CSRF_FIELD, token_matches

MAX_FIELDS = 20
"""Fields any form of the guide has at most."""


async def posted(request: Request, *, max_part: int = FORM_LIMIT, max_files: int = 0) -> FormData:
    """The form of a POST, its CSRF token checked; 400 when it cannot be read, 403 when the token is wrong."""
    try:
        form = await request.form(max_files=max_files, max_fields=MAX_FIELDS, max_part_size=max_part)
    except HTTPException:
        raise
    except Exception:  # noqa: BLE001 - a malformed body, whatever the parser's complaint: one clear refusal
        raise HTTPException(400) from None
    if not token_matches(request.cookies.get(CSRF_COOKIE), form.get(CSRF_FIELD)):
        raise HTTPException(403)
    return form


def text_field(form: FormData, name: str) -> str:
    """A text field (empty when missing, or when a file was sent in its place)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


Handler = Callable[[Request, object, FormData | None], Response]
"""A page's work: (request, visitor, form or None) -> response; runs on the event loop."""


def endpoint(*, form: bool = False) -> Callable[[Handler], Callable]:
    """Make a route of `handler`; with `form`, the POSTed form is read and its CSRF token checked first."""

    def wrap(handler: Handler) -> Callable:
        async def route(request: Request) -> Response:
            visitor = request.app.state.pages.visitor(request)
            fields = await posted(request) if form else None
            return handler(request, visitor, fields)

        route.__name__, route.__doc__ = handler.__name__, handler.__doc__
        return route

    return wrap
