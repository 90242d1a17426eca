"""The start page: what is happening, in the person's words or from the list; and the language switch.

`GET /` asks the one question of the page ("What is happening?") with a
free-text box the router reads and the symptoms as buttons, administrators'
topics last under their own heading; a person with an open conversation is
offered to continue it. `POST /start` begins a conversation (at most
`--new-per-minute` per client address and minute: more get the 429 page) and
sends the browser to it. `POST /lang` switches the language of the pages
and of the conversation, and returns to the page it was pressed on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from guide.engine.service import LANGS
from guide.web.forms import endpoint, text_field
from guide.web.render import committed, remember_conversation, remember_lang
from guide.web.security import new_token

RESUMABLE = ("open", "left")
"""Conversations the start page offers to continue (not those that ended resolved or escalated)."""

RETURN_PATHS = ("/", "/walk", "/walk/path", "/evidence", "/request")
"""Pages the language switch may return to (anything else returns to the start page)."""


def _state(request: Request):
    state = request.app.state
    return state.guide, state.pages, state.options


def _resumable(guide, conversation_id: str | None, lang: str):
    """The visitor's open conversation and its guide's title, or None."""
    if not conversation_id:
        return None
    conversation = guide.conversation(conversation_id)
    if conversation is None or conversation.status not in RESUMABLE:
        return None
    return conversation.view(lang)


@endpoint()
def start_page(request: Request, visitor, form) -> Response:
    """The start page."""
    return _draw_start(request, visitor)


def _draw_start(request: Request, visitor, status: int = 200, error: str = "", text: str = "") -> Response:
    guide, pages, options = _state(request)
    symptoms = guide.symptoms(visitor.lang)
    return pages.page(request, visitor, "start.html", status,
                      everyday=[s for s in symptoms if not s.admin], admin=[s for s in symptoms if s.admin],
                      resume=_resumable(guide, visitor.conversation, visitor.lang), error=error, text=text)


@endpoint(form=True)
def start_conversation(request: Request, visitor, form) -> Response:
    """Begin a conversation from free text or a chosen guide, then show its first question."""
    guide, pages, options = _state(request)
    text = text_field(form, "text").strip()
    tree = text_field(form, "tree")
    if len(text) > options.max_text:
        return _draw_start(request, visitor, 400, pages.w(visitor.lang, "start.too-long", limit=options.max_text,
                                                    length=len(text)), text[:options.max_text])
    if not text and not tree:
        return _draw_start(request, visitor, 400, pages.w(visitor.lang, "start.empty"))
    if tree and tree not in {s.tree for s in guide.symptoms(visitor.lang)}:
        raise HTTPException(400)
    address = request.client.host if request.client else "unknown"
    if not request.app.state.new_conversations.allow(address):
        raise HTTPException(429)
    conversation = guide.start(None if text else tree, text=text or None, lang=visitor.lang, mode=options.mode,
                               front="web", conversation_id=new_token())
    conversation.store_now()
    committed(conversation)
    response = pages.redirect(request, visitor, "/walk")
    remember_conversation(response, visitor, conversation.id)
    return response


def return_path(target: str) -> str:
    """Where the language switch returns: one of the guide's own pages, never another site."""
    path = urlsplit(target).path if target.startswith("/") and not target.startswith("//") else "/"
    return path if path in RETURN_PATHS else "/"


@endpoint(form=True)
def switch_language(request: Request, visitor, form) -> Response:
    """Switch the pages (and the conversation, when there is one) to the other language."""
    guide, pages, options = _state(request)
    lang = text_field(form, "lang")
    if lang not in LANGS:
        raise HTTPException(400)
    if visitor.conversation and (conversation := guide.conversation(visitor.conversation)) is not None:
        conversation.set_lang(lang)
        committed(conversation)
    response = pages.redirect(request, visitor, return_path(text_field(form, "next")))
    remember_lang(response, visitor, lang)
    return response
