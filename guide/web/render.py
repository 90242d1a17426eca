"""Drawing pages: the Jinja2 environment, what every page knows, cookies, and the error pages.

`Pages` is built once per process with the options; each handler asks it for
the request's `Visitor` (language, CSRF token, conversation id, all from the
request alone) and renders a template through `Pages.page`, which sets the
cookies a new visitor needs. Templates are autoescaped: text typed by a person
or read from evidence comes back inert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from guide.web.language import LANG_COOKIE, choose
from guide.web.options import ServeOptions
from guide.web.security import CSRF_COOKIE, CSRF_FIELD, new_token
from guide.engine.service import LANGS

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
"""The page templates."""
STATIC = HERE / "static"
"""The stylesheet and the little script, served from this server only."""

CONVERSATION_COOKIE = "guide_conversation"
"""The cookie holding the conversation id (32 hex digits: 128 random bits)."""

CONVERSATION_ID = re.compile(r"^[0-9a-f]{32}$")
"""What a conversation id the page made looks like; anything else in the cookie is ignored."""

CONVERSATION_AGE = 30 * 24 * 3600
"""Seconds a browser keeps its conversation cookie (coming back days later continues)."""

LANG_AGE = 365 * 24 * 3600
"""Seconds a browser keeps the language it switched to."""


class NoConversation(Exception):
    """The request needs a conversation and the browser has none that is stored (the app redirects to the start)."""


def current_conversation(request: Request, visitor: "Visitor"):
    """The visitor's stored conversation (through the facade); raises `NoConversation` when there is none."""
    conversation = request.app.state.guide.conversation(visitor.conversation) if visitor.conversation else None
    if conversation is None:
        raise NoConversation
    return conversation


def committed(conversation) -> None:
    """Raise 503 when the conversation's last change could not be stored (the page must not pretend it was)."""
    if getattr(conversation, "save_error", None):
        from starlette.exceptions import HTTPException

        raise HTTPException(503)


@dataclass(slots=True)
class Visitor:
    """What a request says about the person: language, CSRF token, conversation."""

    lang: str
    """The page language."""
    csrf: str
    """The browser's CSRF token (a new one when it had none)."""
    new_csrf: bool
    """Whether the token is new (the answer must set its cookie)."""
    conversation: str | None
    """The conversation id from the cookie, when it is well-formed."""
    secure: bool
    """Whether the page was reached over HTTPS (cookies are then marked Secure)."""

    @property
    def other(self) -> str:
        """The language the switch offers."""
        return LANGS[1] if self.lang == LANGS[0] else LANGS[0]


class Pages:
    """Templates and cookies for one server process."""

    def __init__(self, options: ServeOptions, words) -> None:
        self.options = options
        self.words = words
        """The facade's text service (`Guide.words`): page words are its ``web.`` entries."""
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
        self.env.globals.update(CSRF_FIELD=CSRF_FIELD)

    def w(self, lang: str, key: str, **values: object) -> str:
        """The page word ``web.<key>`` in `lang`, filled with `values`."""
        return self.words.ui(f"web.{key}", lang, **values)

    def size(self, size: int, lang: str) -> str:
        """A byte count as people read it: ``5 MB``, ``512 KB`` (decimal units, as browsers show file sizes)."""
        if size >= 1_000_000:
            return f"{size / 1_000_000:g} MB"
        if size >= 1_000:
            return f"{size / 1_000:g} KB"
        return self.w(lang, "size.bytes", size=size)

    def visitor(self, request: Request) -> Visitor:
        """The request's person: language from the switch's cookie, `Accept-Language`, else `--lang`."""
        cookies = request.cookies
        token = cookies.get(CSRF_COOKIE, "")
        fresh = not re.fullmatch(r"[0-9a-f]{32}", token)
        conversation = cookies.get(CONVERSATION_COOKIE, "")
        return Visitor(choose(cookies.get(LANG_COOKIE), request.headers.get("accept-language"), self.options.lang),
                       new_token() if fresh else token, fresh,
                       conversation if CONVERSATION_ID.fullmatch(conversation) else None,
                       request.url.scheme == "https")

    def html(self, visitor: Visitor, template: str, status: int = 200, root: str = "", here: str = "/",
             **context: object) -> HTMLResponse:
        """`template` drawn for `visitor`, with the cookies it needs."""
        lang = visitor.lang
        text = self.env.get_template(template).render(
            lang=lang, other=visitor.other, csrf=visitor.csrf, root=root, here=here, options=self.options,
            w=lambda key, **values: self.w(lang, key, **values), **context)
        response = HTMLResponse(text, status_code=status)
        self.cookies(visitor, response)
        return response

    def page(self, request: Request, visitor: Visitor, template: str, status: int = 200,
             **context: object) -> HTMLResponse:
        """`template` for a request (its root path and address are known to the page)."""
        return self.html(visitor, template, status, request.scope.get("root_path", ""),
                         request.url.path, **context)

    def cookies(self, visitor: Visitor, response: Response) -> None:
        """Set the CSRF cookie on `response` when the visitor has a new token."""
        if visitor.new_csrf:
            response.set_cookie(CSRF_COOKIE, visitor.csrf, httponly=True, samesite="strict", secure=visitor.secure,
                                path="/")

    def redirect(self, request: Request, visitor: Visitor, path: str) -> RedirectResponse:
        """303 See Other to `path` under the root (so a reload never sends a form again)."""
        response = RedirectResponse(request.scope.get("root_path", "") + path, status_code=303)
        self.cookies(visitor, response)
        return response

    def error(self, request: Request, status: int, **fields: object) -> HTMLResponse:
        """The page for a refused or failed request, in the person's language, with a way back."""
        visitor = self.visitor(request)
        text = self.w(visitor.lang, f"error.{status}", **{k: self.size(v, visitor.lang) if k == "limit" else v
                                                      for k, v in fields.items()})
        response = self.page(request, visitor, "error.html", status, code=status, message=text)
        if status == 429:
            response.headers["Retry-After"] = "60"
        return response


def remember_conversation(response: Response, visitor: Visitor, conversation_id: str) -> None:
    """Set the conversation cookie: HttpOnly, SameSite=Lax, Secure over HTTPS."""
    response.set_cookie(CONVERSATION_COOKIE, conversation_id, max_age=CONVERSATION_AGE, httponly=True,
                        samesite="lax", secure=visitor.secure, path="/")


def remember_lang(response: Response, visitor: Visitor, lang: str) -> None:
    """Set the language the person switched to."""
    response.set_cookie(LANG_COOKIE, lang, max_age=LANG_AGE, httponly=True, samesite="lax", secure=visitor.secure,
                        path="/")
