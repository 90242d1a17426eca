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
import os
from pathlib import Path
from typing import Mapping

from guide.engine.session import Session
from guide.engine.folders import state_dir
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


def tickets_dir() -> Path:
    """Where the terminal UI writes ticket notes: ``tickets/`` in the guide's state folder, beside its conversations."""
    return state_dir() / "tickets"


def clipboard_confirmed(environ: Mapping[str, str] | None = None) -> bool:
    """Whether a copy sent to the terminal (OSC 52) is known to reach the clipboard.

    Nothing confirms such a copy, so it is taken as known only for terminals
    that accept it by default, run directly: never inside tmux or screen (which
    drop it unless configured) nor over SSH.
    """
    env = os.environ if environ is None else environ
    if env.get("TMUX") or env.get("STY") or env.get("SSH_CONNECTION"):
        return False
    program = env.get("TERM_PROGRAM", "")
    return bool(env.get("WT_SESSION")) or program in OSC52_TERMINALS or "kitty" in env.get("TERM", "")


OSC52_TERMINALS = frozenset({"iTerm.app", "WezTerm", "vscode", "ghostty"})
"""``$TERM_PROGRAM`` of terminals that put an OSC 52 copy on the clipboard without being configured to."""


def write_note(session: Session, lang: str, redacted: bool, folder: Path) -> TicketNote:
    """Write the note's Markdown and JSON into `folder` (each atomically) and return it."""
    markdown, data = render_note(session, lang, redacted)
    stem = ticket_name(session, lang, redacted)
    md_path = write_atomic(Path(folder) / f"{stem}.md", markdown)
    json_path = write_atomic(Path(folder) / f"{stem}.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return TicketNote(markdown, data, md_path, json_path)
