"""The ticket note: the transcript as Markdown and JSON files, written atomically.

The note can be written in a language other than the conversation's (talk in
Japanese, write the ticket in English) and with personal data redacted. Files
are named after the session, language and redaction, so exporting twice with
the same choices replaces the earlier note instead of piling up copies.
Plain Python, no Textual.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from guide.engine.session import Session
from guide.engine.store import write_atomic


@dataclass(frozen=True, slots=True)
class TicketNote:
    """A written ticket note."""

    markdown: str
    """The Markdown text (also what goes on the clipboard)."""
    data: dict
    """The JSON document."""
    markdown_path: Path
    """Where the Markdown was written."""
    json_path: Path
    """Where the JSON was written."""


def ticket_name(session: Session, lang: str, redacted: bool) -> str:
    """The file stem of a note: ``ticket-<session>-<lang>[-redacted]``."""
    return f"ticket-{session.id}-{lang}" + ("-redacted" if redacted else "")


def render_note(session: Session, lang: str, redacted: bool) -> tuple[str, dict]:
    """The note as (Markdown, JSON document) without writing anything."""
    from guide.engine.transcript import transcript_json, transcript_markdown

    return (transcript_markdown(session, lang, redacted=redacted),
            transcript_json(session, lang, redacted=redacted))


def write_note(session: Session, lang: str, redacted: bool, folder: Path) -> TicketNote:
    """Write the note's Markdown and JSON into `folder` (each atomically) and return it."""
    markdown, data = render_note(session, lang, redacted)
    stem = ticket_name(session, lang, redacted)
    md_path = write_atomic(Path(folder) / f"{stem}.md", markdown)
    json_path = write_atomic(Path(folder) / f"{stem}.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return TicketNote(markdown, data, md_path, json_path)
