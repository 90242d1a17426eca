"""Messages the screens send to the application."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from guide.engine.model import NodeRef


@dataclass
class StartRequested(Message):
    """Start a new walk through a tree (from the start screen or the palette)."""

    tree: str
    """The tree id."""
    node: NodeRef | None = None
    """Where to begin (None: the tree's start)."""


@dataclass
class LanguageRequested(Message):
    """Switch the UI language (None: to the other language)."""

    lang: str | None = None
    """The language wanted."""
