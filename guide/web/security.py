"""What makes the page safe to put in front of people: headers, body limits, CSRF tokens, a rate limit.

- `Guarded` (ASGI middleware) puts the security headers on every answer
  (`Content-Security-Policy` with ``default-src 'self'`` and no inline script,
  `X-Content-Type-Options`, `Referrer-Policy`, a configurable
  ``frame-ancestors``), refuses a body past its limit before reading it when
  the length is declared and while reading it otherwise, and refuses
  addresses (and query strings) longer than any page has; the refusals are pages in the
  person's language, drawn by the app's `refuse` callback.
- CSRF: every browser gets a random token in an HttpOnly, SameSite=Strict
  cookie; every form carries the same token in a hidden field, and a POST
  whose field does not match the cookie is refused (a page on another site
  can make the browser send the cookie at most, never read it to fill the
  field). The check needs nothing shared between server instances.
- `NewConversations`: how many conversations one client address started in
  the current minute, per server process (a fixed window, so memory is
  bounded by the addresses seen in one minute).
"""

from __future__ import annotations

import secrets
import threading
import time
from typing import Awaitable, Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "guide_csrf"
"""The cookie holding the browser's CSRF token."""

CSRF_FIELD = "csrf"
"""The hidden form field that must repeat it."""

MAX_PATH = 256
"""Characters of a request path; every page's address is far shorter (a longer one gets 414)."""

MAX_QUERY = 2_048
"""Bytes of a query string (the only one the page uses is ``redact=1``; a longer one gets 414)."""

Refuse = Callable[[Scope, int, dict], Awaitable[Callable[[Scope, Receive, Send], Awaitable[None]]]]
"""Draws the page for a refused request: (scope, status, fields) -> an ASGI response."""


def content_security_policy(frame_ancestors: str) -> str:
    """The page's CSP: everything from this server only, no inline script or style, framing as configured."""
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; "
            f"frame-ancestors {frame_ancestors}")


def valid_frame_ancestors(value: str) -> bool:
    """Whether `value` is a plain list of CSP sources (no `;`, quotes only around keywords, no line breaks)."""
    sources = value.split()
    keywords = {"'none'", "'self'"}
    if not value.isprintable():
        return False
    return bool(sources) and all(
        source in keywords or not any(c in source for c in ";,'\"\\")
        for source in sources)


class BodyTooLarge(Exception):
    """Raised inside the app when a streamed body passes its limit."""


class Guarded:
    """ASGI middleware: security headers on every answer, limits on addresses and bodies."""

    def __init__(self, app: ASGIApp, *, frame_ancestors: str, body_limit: Callable[[str], int],
                 refuse: Refuse) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", content_security_policy(frame_ancestors).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]
        self.body_limit = body_limit
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    if name.decode() not in headers:  # a page with a stricter policy of its own keeps it
                        headers.append(name.decode(), value.decode())
                if "cache-control" not in headers:
                    headers.append("cache-control", "no-store")
            await send(message)

        limit = self.body_limit(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        problem = None
        if len(scope.get("raw_path") or scope["path"]) > MAX_PATH or len(scope.get("query_string", b"")) > MAX_QUERY:
            problem = (414, {})
        elif declared is not None and (not declared.isdigit() or int(declared) > limit):
            problem = (413, {"limit": limit}) if declared.isdigit() else (400, {})
        if problem:
            response = await self.refuse(scope, *problem)
            await response(scope, receive, send_guarded)
            return
        seen = 0

        async def receive_limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, receive_limited, send_guarded)
        except BodyTooLarge:
            if started:
                raise
            response = await self.refuse(scope, 413, {"limit": limit})
            await response(scope, receive, send_guarded)


def new_token() -> str:
    """A fresh random token (128 bits, hex)."""
    return secrets.token_hex(16)


def token_matches(cookie: str | None, field: object) -> bool:
    """Whether a form's CSRF field repeats the browser's cookie (compared in constant time)."""
    return bool(cookie) and isinstance(field, str) and secrets.compare_digest(cookie, field)


class NewConversations:
    """A per-process count of new conversations per client address in the current minute."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.lock = threading.Lock()
        self.minute = -1
        self.counts: dict[str, int] = {}

    def allow(self, address: str) -> bool:
        """Count one new conversation for `address`; False when it is past the limit this minute."""
        if self.per_minute <= 0:
            return True
        with self.lock:  # pages run in the thread pool
            minute = int(self.clock() // 60)
            if minute != self.minute:
                self.minute, self.counts = minute, {}
            count = self.counts.get(address, 0) + 1
            self.counts[address] = count
        return count <= self.per_minute
