"""The rows the session store keeps: one `ConversationRow` per conversation, one `StepRow` per step.

Field names are the column names of docs/architecture.md. Times are UTC epoch
seconds, so the same SQL runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, fields
from typing import Any, Mapping

from guide.engine.errors import GuideError

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")
"""What a conversation id may look like (web: 32 hex digits; terminal: 12)."""
STATUSES = ("open", "resolved", "escalated", "left")
"""A conversation's status; resolved and escalated set `finished_at`."""
KINDS = ("start", "answer", "back", "restart", "jump", "leave", "action", "lang", "mode", "evidence")
"""What a step did."""


class StoreError(GuideError):
    """The session store cannot be opened, read or written; the message is one line saying what to do."""


def epoch() -> int:
    """Now, in UTC epoch seconds."""
    return int(time.time())


@dataclass(frozen=True, slots=True)
class ConversationRow:
    """A conversation as the `conversations` table keeps it (its snapshot travels beside it)."""

    id: str
    created_at: int
    front: str
    """'tui' | 'web' | 'cli'."""
    tree: str
    """The tree the walk started in."""
    lang: str
    mode: str
    version: str
    """The content fingerprint at the start."""
    position_tree: str
    position_node: str
    updated_at: int = 0
    """Time of the last step; the creation time when 0."""
    symptom: str | None = None
    entry_text: str | None = None
    """Free text that started the conversation; redacted by the store before it is written."""
    routed_tree: str | None = None
    status: str = "open"
    finished_at: int | None = None
    answers: int = 0
    """Answer steps taken (back does not subtract)."""

    def check(self) -> None:
        """Raise `StoreError` when the row could not be stored as it is."""
        if not isinstance(self.id, str) or not ID.match(self.id):
            raise StoreError(f"{self.id!r} is not a conversation id (letters, digits, '-' and '_', at most 128)")
        if self.status not in STATUSES:
            raise StoreError(f"status {self.status!r} is not one of {', '.join(STATUSES)}")


CHANGEABLE = frozenset({"updated_at", "symptom", "routed_tree", "lang", "mode", "position_tree", "position_node",
                        "status", "finished_at", "answers"})
"""Columns `SessionStore.append` may change; the others are fixed when the conversation is created."""
CONVERSATION_COLUMNS = tuple(f.name for f in fields(ConversationRow))


@dataclass(frozen=True, slots=True)
class StepRow:
    """One step as the `steps` table keeps it; `seq` is given by the store when it is appended."""

    kind: str
    version: str
    lang: str
    mode: str
    at: int = 0
    """When it was taken; now when 0."""
    tree: str | None = None
    node: str | None = None
    answer: str | None = None
    """Answer key (answer), action id (action)."""
    by: str | None = None
    """'user' | 'evidence'."""
    to_tree: str | None = None
    to_node: str | None = None
    detail: Mapping[str, Any] | None = None
    """Stored as JSON text."""
    seq: int = 0

    def check(self) -> None:
        """Raise `StoreError` when the step could not be stored as it is."""
        if self.kind not in KINDS:
            raise StoreError(f"step kind {self.kind!r} is not one of {', '.join(KINDS)}")


STEP_COLUMNS = tuple(f.name for f in fields(StepRow))


def detail_text(detail: Mapping[str, Any] | None) -> str | None:
    """A step's detail as the JSON text stored."""
    return None if detail is None else json.dumps(dict(detail), ensure_ascii=False, sort_keys=True)


def detail_value(text: str | None) -> Mapping[str, Any] | None:
    """A stored detail read back."""
    return None if text is None else json.loads(text)


@dataclass(frozen=True, slots=True)
class StoredConversation:
    """A conversation read back: its row and the snapshot to resume it from (``Session.to_json()`` text)."""

    row: ConversationRow
    snapshot: str
