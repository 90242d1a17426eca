"""`Option`: one numbered entry a front end lists for the person to choose (an answer where a
conversation stands, a guide on the start list, an item of a dialog).

Kept apart from the conversation's view (`guide.engine.view`, which uses it) so that a first screen
listing the guides does not import everything a conversation is drawn with.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Option:
    """A numbered answer to the current node (or any entry of a numbered list)."""

    key: str
    """The answer key given to `Conversation.answer` (or ``escalate``); a list's own key elsewhere."""
    label: str
    """The label in the view's language."""
    labels: tuple[str, ...] = ()
    """The label in every language (what typed text is matched against)."""
