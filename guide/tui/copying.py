"""What the copy key can put on the clipboard: the commands and requests to IT of the actions shown.

Plain Python, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from guide.engine.service import RenderedAction


@dataclass(frozen=True, slots=True)
class Copyable:
    """Something the copy key can put on the clipboard."""

    label: str
    """What it is, for the chooser and the notification."""
    text: str
    """The text copied."""


def copyables(actions: Iterable["RenderedAction"], request_label: str) -> list[Copyable]:
    """Every command (and request to IT) of the actions, in the order shown."""
    found = []
    for action in actions:
        for command in action.commands:
            caption = " / ".join(part for part in (action.title, command.label, command.shell) if part)
            found.append(Copyable(caption, command.text))
        if action.request_to_it:
            found.append(Copyable(f"{action.title} / {request_label}", action.request_to_it))
    return found
