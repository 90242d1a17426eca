"""Reading a POSTed form safely: the CSRF check, field limits, and refusals as HTTP errors.

`endpoint` makes a route of a plain function ``(request, visitor, form)``:
the form (for a POST) is read first, within limits, and refused (403) unless
its CSRF field repeats the browser's cookie. A page that only reads (GET)
runs on the event loop itself: its work is a millisecond or two of CPU, and
handing it to a thread costs a GIL handoff. A POST commits a step, and a
commit waits for the disk (milliseconds, more when the machine is busy): on
the loop, that wait stopped every other request of the process, and the
commits of a process went one after the other. So a POST runs in the thread
pool, where the waits of concurrent answers overlap and the session store
commits them together (`guide.engine.sessionstore.group`); each POST is
still answered only after its own step is committed. Parallelism of the CPU
work comes from `--workers`.
Refusals are `HTTPException`s, which the app draws as pages in the person's
language.
"""

from __future__ import annotations

from typing import Callable

from starlette.concurrency import run_in_threadpool
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
"""A page's work: (request, visitor, form or None) -> response; on the event loop (GET) or in a thread (POST)."""


def endpoint(*, form: bool = False) -> Callable[[Handler], Callable]:
    """Make a route of `handler`; with `form`, the POSTed form is read and its CSRF token checked first, and
    the handler (which commits) runs in the thread pool."""

    def wrap(handler: Handler) -> Callable:
        async def route(request: Request) -> Response:
            visitor = request.app.state.pages.visitor(request)
            if not form:
                return handler(request, visitor, None)
            fields = await posted(request)
            return await run_in_threadpool(handler, request, visitor, fields)

        route.__name__, route.__doc__ = handler.__name__, handler.__doc__
        return route

    return wrap
