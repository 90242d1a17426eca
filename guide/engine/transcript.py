"""The ticket note: a session as Markdown or JSON, in any language, optionally redacted.

The transcript is written from the step log, so it can be produced in a
language other than the one the conversation used (talk in Japanese, write
the ticket in English). Redaction replaces personal data (UPNs and e-mail
addresses, GUIDs, IP addresses, tokens) with placeholders.

`write_note` writes both as files (each atomically), named after the session,
language and redaction, so exporting twice with the same choices replaces the
earlier note instead of piling up copies (`Conversation.export`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from guide.engine.actions import REGISTRY
from guide.engine.catalog import UI
from guide.engine.session import EVIDENCE, Session
from guide.engine.texts import Texts

AREA = "transcript"
"""The catalog area of the note's own words (``transcript.title``, ``transcript.fixed``, ...)."""

_REDACTIONS = (
    (re.compile(r"[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "<user>"),
    (re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"), "<guid>"),
    (re.compile(r"\b(?i:bearer)\s+[A-Za-z0-9._~+/=-]{8,}"), "Bearer <token>"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"), "<token>"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "<ip>"),
    (re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){3,7}[0-9a-fA-F]{1,4}\b"), "<ip>"),
    # compressed IPv6 (2001:db8::1, fe80::1c2a:3f): a "::" between hex groups, so clock times never match
    (re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:)+:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?(?![\w:])"), "<ip>"),
    (re.compile(r"\b[A-Za-z0-9+/]{40,}={0,2}"), "<token>"),
    (re.compile(r"\b[0-9a-fA-F]{32,}\b"), "<token>"),  # correlation ids and secrets written as bare hex
)


def redact(text: str) -> str:
    """`text` with UPNs, e-mail addresses, GUIDs, tokens and IP addresses replaced by placeholders."""
    for pattern, placeholder in _REDACTIONS:
        text = pattern.sub(placeholder, text)
    return text


def transcript_json(session: Session, lang: str | None = None, *, redacted: bool = False) -> dict:
    """The transcript as data: steps, conclusion, actions, outcome."""
    lang = lang or session.lang
    node = session.node
    words = Texts(session.content)
    cause = node.cause if node.is_conclusion else None
    clean = redact if redacted else (lambda text: text)
    return {
        "session": session.id,
        "lang": lang,
        "tree": session.tree,
        "tree_title": words.title(session.tree, lang),
        "steps": [
            {"node": visit.node.show(session.tree), "title": words.title(visit.node, lang),
             "answer": visit.answer, "answer_label": words.answer(visit.node, visit.answer, lang, area=AREA)
             if visit.answer else None, "by": visit.by, "reason": clean(visit.reason)}
            for visit in session.visits
            if not session.content.node(visit.node).is_passage or session.content.text(lang, visit.node)
        ],
        "at": session.position.show(session.tree),
        "finished": session.finished,
        "cause": cause,
        "cause_title": words.cause(cause, lang) if cause else None,
        "actions": [{**action.as_json(), "title": REGISTRY[action.id].title.get(lang, action.id)
                     if action.id in REGISTRY else action.id}
                    for action in (node.actions if node.is_conclusion else ())],
        "runs": [{"node": run.node.show(session.tree), "action": run.action, "status": run.status}
                 for run in session.runs],
        "outcome": session.outcome,
        "redacted": redacted,
    }


def transcript_markdown(session: Session, lang: str | None = None, *, redacted: bool = False) -> str:
    """The transcript as a Markdown ticket note."""
    data = transcript_json(session, lang, redacted=redacted)
    lang = data["lang"]

    def label(key: str) -> str:
        return UI.text(f"{AREA}.{key}", lang)

    lines = [f"## {label('title')}: {data['tree_title']}", "", f"### {label('path')}"]
    for number, step in enumerate(data["steps"], 1):
        entry = f"{number}. {step['title']}"
        if step["answer"] and step["answer"] != "next":
            entry += f": **{step['answer_label']}**"
            if step["by"] == EVIDENCE:
                entry += f" ({label('evidence')}: {step['reason']})"
        lines.append(entry)
    lines += ["", f"### {label('conclusion')}"]
    if data["cause"]:
        lines.append(f"- {label('cause')}: {data['cause_title']} (`{data['cause']}`)")
    if data["actions"]:
        lines.append(f"- {label('actions')}: " + ", ".join(f"{a['title']} (`{a['id']}`)" for a in data["actions"]))
    if not data["cause"] and not data["actions"]:
        lines.append(f"- {label('none')}")
    if data["runs"]:
        lines.append(f"- {label('runs')}: " + ", ".join(f"`{r['action']}` ({r['status']})" for r in data["runs"]))
    lines.append(f"- {label('outcome')}: {label(data['outcome'] or 'open')}")
    return "\n".join(lines) + "\n"


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


def write_note(session: Session, lang: str, redacted: bool, folder: Path) -> TicketNote:
    """Write the note's Markdown and JSON into `folder` (each atomically) and return it."""
    from guide.engine.store import write_atomic

    markdown, data = transcript_markdown(session, lang, redacted=redacted), transcript_json(session, lang,
                                                                                             redacted=redacted)
    stem = ticket_name(session, lang, redacted)
    md_path = write_atomic(Path(folder) / f"{stem}.md", markdown)
    json_path = write_atomic(Path(folder) / f"{stem}.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return TicketNote(markdown, data, md_path, json_path)
