"""Messages the screens send up to the application (screens never call the app, nor import it).

The app owns the conversation, the dialogs and the language; a screen that
wants one of them changed posts one of these and the app's handler does it.
What the screens draw comes down to them as attributes (the facade, the
conversation, the language).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from textual.message import Message

from guide.engine.service import NodeRef


@dataclass
class StartRequested(Message):
    """Start a new conversation in a tree (from the start screen or the palette)."""

    tree: str
    """The tree id."""
    node: NodeRef | None = None
    """Where to begin (None: the tree's start)."""
    text: str | None = None
    """The person's own words that led here (recorded, redacted, for the report's misroutes)."""


@dataclass
class JumpRequested(Message):
    """Continue the conversation at a node (starting one in its tree when none is open)."""

    ref: NodeRef


class ContinueRequested(Message):
    """Show the conversation in progress again."""


class HomeRequested(Message):
    """Back to the list of guides (the conversation stays, and can be continued)."""


@dataclass
class LanguageRequested(Message):
    """Switch the language (None: to the other language)."""

    lang: str | None = None
    """The language wanted."""


class ModeRequested(Message):
    """Switch between self-service and support-agent wording."""


@dataclass
class ExportRequested(Message):
    """Open the ticket note of the conversation in progress."""

    escalate: bool = False
    """Whether it is opened to hand the case over."""


@dataclass
class CopyRequested(Message):
    """Put one of `items` on the clipboard (ask which when there are several)."""

    items: Sequence[object]


@dataclass
class RunRequested(Message):
    """Run one of `actions` (ask which when there are several), after confirmation."""

    actions: Sequence[object]


class EvidenceAdded(Message):
    """Evidence was read: give the conversation its facts and draw again."""
