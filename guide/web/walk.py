"""A conversation's pages: one question per page, answered with buttons; back, start over, where am I.

The conversation is the one the browser's cookie names (none: the start
page), loaded from the session store on every request (no process keeps it between requests, so any
instance can answer). Each POST changes it through the facade, which commits
the step before it returns, then redirects to `GET /walk` (so a reload never
answers twice). An answer form carries the node it was shown at (``at``): an
answer sent from a page that is no longer current (a second tab, a double
tap) is not applied to the question that followed.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from guide.engine.service import WalkError
from guide.web.forms import endpoint, text_field
from guide.web.render import committed, current_conversation

MODES = ("user", "agent")
"""The two wordings: self-service and support agent."""


def _state(request: Request):
    state = request.app.state
    return state.guide, state.pages


def at_key(where) -> str:
    """The node a page was drawn at (of a view, or of a conversation), as its forms carry it."""
    return f"{where.position.tree}/{where.position.node}"


def draw(request: Request, visitor, conversation, status: int = 200, notice: str = "") -> Response:
    """The page for where the conversation stands."""
    _, pages = _state(request)
    view = conversation.view(visitor.lang)
    return pages.page(request, visitor, "walk.html", status, view=view, at=at_key(view), notice=notice,
                      mode=conversation.mode)


@endpoint()
def walk_page(request: Request, visitor, form) -> Response:
    """Where the conversation stands: a question, a resolution, an escalation or the end."""
    return draw(request, visitor, current_conversation(request, visitor))


@endpoint(form=True)
def answer(request: Request, visitor, form) -> Response:
    """Answer the question the page showed (or accept the evidence's proposal)."""
    _, pages = _state(request)
    conversation = current_conversation(request, visitor)
    if text_field(form, "at") != at_key(conversation):  # checked without drawing the page: answers are hot
        return draw(request, visitor, conversation, 409, pages.w(visitor.lang, "walk.answered"))
    key = text_field(form, "answer")
    if text_field(form, "by") == "evidence":
        reason = conversation.proposal_reason(key)
        if reason is None:
            return draw(request, visitor, conversation, 409, pages.w(visitor.lang, "walk.answered"))
        conversation.answer(key, by="evidence", reason=reason)
    elif key in conversation.session.answer_keys():
        conversation.answer(key)
    else:
        return draw(request, visitor, conversation, 400, pages.w(visitor.lang, "walk.unknown-answer"))
    committed(conversation)
    return pages.redirect(request, visitor, "/walk")


@endpoint(form=True)
def instead(request: Request, visitor, form) -> Response:
    """Continue in one of the other guides the router offered for the person's words."""
    _, pages = _state(request)
    conversation = current_conversation(request, visitor)
    if text_field(form, "at") != at_key(conversation):
        return draw(request, visitor, conversation, 409, pages.w(visitor.lang, "walk.answered"))
    try:
        conversation.switch_to(text_field(form, "tree"))
    except WalkError:  # a guide not offered now (changed by hand, or the offer ended in another tab)
        return draw(request, visitor, conversation, 400, pages.w(visitor.lang, "walk.not-offered"))
    committed(conversation)
    return pages.redirect(request, visitor, "/walk")


def _move(operation: str, then: str):
    """A POST handler that applies `operation` (back, restart, leave) and shows `then`."""

    def handler(request: Request, visitor, form) -> Response:
        conversation = current_conversation(request, visitor)
        getattr(conversation, operation)()
        committed(conversation)
        return request.app.state.pages.redirect(request, visitor, then)

    handler.__name__ = operation
    handler.__doc__ = f"{operation.capitalize()} the conversation (one committed step), then show {then}."
    return endpoint(form=True)(handler)


back, restart, leave = _move("back", "/walk"), _move("restart", "/walk"), _move("leave", "/")


@endpoint(form=True)
def set_mode(request: Request, visitor, form) -> Response:
    """Switch between self-service and support-agent wording."""
    _, pages = _state(request)
    mode = text_field(form, "mode")
    if mode not in MODES:
        raise HTTPException(400)
    conversation = current_conversation(request, visitor)
    conversation.set_mode(mode)
    committed(conversation)
    return pages.redirect(request, visitor, "/walk")


@endpoint()
def path_page(request: Request, visitor, form) -> Response:
    """Where am I: the guide, and every question passed with the answer given."""
    _, pages = _state(request)
    view = current_conversation(request, visitor).view(visitor.lang)
    return pages.page(request, visitor, "path.html", view=view)
