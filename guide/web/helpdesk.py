"""The request to IT: the conversation as a note the person sends to their helpdesk.

`GET /request` shows the note (the facade's transcript in the page's
language, personal data hidden when ``redact=1``), a `mailto:` link to the
`--helpdesk` address with subject and body filled in, and a download of the
same note as Markdown (`GET /request.md`). Reading the note changes nothing.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from guide.web.forms import endpoint
from guide.web.render import current_conversation

MAILTO_BODY = 1_800
"""Characters of the note put into a mailto: link (mail programs cut long links); the download has it all."""


def _state(request: Request):
    state = request.app.state
    return state.guide, state.pages, state.options


def _note(request: Request, visitor):
    """(conversation, its view, the note, whether it is redacted)."""
    conversation = current_conversation(request, visitor)
    redacted = request.query_params.get("redact") == "1"
    return (conversation, conversation.view(visitor.lang),
            conversation.transcript(visitor.lang, redacted, "markdown"), redacted)


def mailto(address: str, subject: str, body: str) -> str:
    """A `mailto:` link with subject and body (percent-encoded, the body cut to `MAILTO_BODY`)."""
    if len(body) > MAILTO_BODY:
        body = body[:MAILTO_BODY].rstrip() + "\n…"
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject)}&body={quote(body)}"


@endpoint()
def request_page(request: Request, visitor, form) -> Response:
    """The note, the mail link and the download."""
    _, pages, options = _state(request)
    conversation, view, note, redacted = _note(request, visitor)
    subject = pages.w(visitor.lang, "request.subject", title=view.tree)
    link = mailto(options.helpdesk, subject, note) if options.helpdesk else ""
    return pages.page(request, visitor, "request.html", view=view, note=note, redacted=redacted, mailto=link)


@endpoint()
def request_download(request: Request, visitor, form) -> Response:
    """The note as a Markdown file."""
    _, pages, _ = _state(request)
    conversation, _, note, _ = _note(request, visitor)
    response = Response(note, media_type="text/markdown; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="guide-request-{conversation.id[:8]}.md"'})
    pages.cookies(visitor, response)
    return response
