"""Node references and the walk's own words (node types, answer keys, modes): what every part shares,
kept apart from the content's model (`guide.engine.model`, which re-exports all of it) so that a front
end's first screen, which lists the guides before the content is read, does not build the model's classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

QUESTION, INFO, RESOLUTION, ESCALATION, LINK, RETURN = (
    "question", "info", "resolution", "escalation", "link", "return")

NEXT = "next"
"""The answer key of the single way on from an info or link node."""

NOT_FIXED = "not-fixed"
"""The answer key that leaves a resolution for its `next` node."""

FIXED = "fixed"
"""The answer key that closes a resolution as resolved."""

ESCALATE = "escalate"
"""The answer key that closes a resolution as handed over to someone else."""

CLOSING = {FIXED: "resolved", ESCALATE: "escalated"}
"""Answers that end a walk where it stands, and the outcome each records."""

MODES = ("user", "agent")
"""Whose wording a conversation is shown in: self-service or support agent."""

EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True, slots=True, order=True)
class NodeRef:
    """A node somewhere in the content set."""

    tree: str
    """Tree id."""
    node: str
    """Node id within that tree."""

    def show(self, home: str | None = None) -> str:
        """``node`` inside the `home` tree, ``tree/node`` elsewhere."""
        return self.node if self.tree == home else f"{self.tree}/{self.node}"
