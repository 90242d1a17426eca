"""The evidence page: paste diagnostic output or upload a file; see what it shows; let it answer questions.

`POST /evidence` is read in memory only (python-multipart's form parser with
its in-memory file limit above the upload limit, so nothing is ever written
to disk) and within `--max-upload` bytes (`guide.web.security.Guarded`
refuses a larger body; a file past the limit gets a clear message on this
page). The facade's checks read it; the findings are shown, and the facts
are held by the conversation, where they propose answers with their reason.
"""

from __future__ import annotations

from python_multipart import FormParser
from python_multipart.multipart import parse_options_header
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from guide.web.forms import endpoint
from guide.web.render import committed
from guide.web.security import CSRF_COOKIE, CSRF_FIELD, token_matches

FIELDS = ("csrf", "text", "file")
"""The fields the evidence form has."""


def _state(request: Request):
    state = request.app.state
    return state.guide, state.pages, state.options


async def read_upload(request: Request, limit: int) -> tuple[dict[str, str], list[tuple[str, bytes]]]:
    """The form's text fields and its files as (name, bytes), read in memory; 400 when it is not a form."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise HTTPException(400)
    fields: dict[str, str] = {}
    files: list[tuple[str, bytes]] = []

    def on_field(field) -> None:
        name = (field.field_name or b"").decode("utf-8", "replace")
        if name in FIELDS and field.value is not None:
            fields[name] = field.value.decode("utf-8", "replace")

    def on_file(file) -> None:
        if file.size:
            file.file_object.seek(0)
            files.append(((file.file_name or b"upload").decode("utf-8", "replace"), file.file_object.read()))
        file.close()

    parser = FormParser("multipart/form-data", on_field, on_file, boundary=params[b"boundary"],
                        config={"MAX_MEMORY_FILE_SIZE": limit + 1, "MAX_BODY_SIZE": limit + 64_000,
                                "MAX_FIELDS": len(FIELDS) + 2})
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except HTTPException:
        raise
    except Exception:  # noqa: BLE001 - a malformed upload, whatever the parser's complaint: one clear refusal
        raise HTTPException(400) from None
    return fields, files


@endpoint()
def evidence_page(request: Request, visitor, form) -> Response:
    """The form: paste or upload."""
    guide, pages, options = _state(request)
    return pages.page(request, visitor, "evidence.html", report=None, error="",
                      limit=pages.size(options.max_upload, visitor.lang), has_conversation=bool(visitor.conversation))


def too_big(request: Request) -> Response:
    """The evidence page saying the upload passed `--max-upload` (413)."""
    guide, pages, options = _state(request)
    visitor = pages.visitor(request)
    limit = pages.size(options.max_upload, visitor.lang)
    return pages.page(request, visitor, "evidence.html", 413, report=None, limit=limit,
                      error=pages.w(visitor.lang, "evidence.too-big", limit=limit),
                      has_conversation=bool(visitor.conversation))


async def check_evidence(request: Request) -> Response:
    """Read what was pasted or uploaded, show what it shows, and give its facts to the conversation."""
    guide, pages, options = _state(request)
    visitor = pages.visitor(request)
    fields, files = await read_upload(request, options.max_upload)
    if not token_matches(request.cookies.get(CSRF_COOKIE), fields.get(CSRF_FIELD)):
        raise HTTPException(403)
    limit = pages.size(options.max_upload, visitor.lang)
    sources = list(files)
    if fields.get("text", "").strip():
        sources.append((pages.w(visitor.lang, "evidence.pasted"), fields["text"].encode("utf-8")))
    if any(len(data) > options.max_upload for _, data in sources):
        return too_big(request)
    if not sources:
        return pages.page(request, visitor, "evidence.html", 400, report=None,
                          error=pages.w(visitor.lang, "evidence.empty"),
                          limit=limit, has_conversation=bool(visitor.conversation))
    return await run_in_threadpool(_check, request, visitor, sources, limit)


def _check(request: Request, visitor, sources: list[tuple[str, bytes]], limit: str) -> Response:
    """Check the evidence, hand its facts to the conversation (committed), and show the findings."""
    guide, pages, _ = _state(request)
    report = guide.check(sources)
    conversation = guide.conversation(visitor.conversation) if visitor.conversation else None
    if conversation is not None:
        conversation.hold(guide.facts(report.evidence))
        committed(conversation)
    return pages.page(request, visitor, "evidence.html", report=report, error="", limit=limit,
                      has_conversation=conversation is not None)
