"""What the copy key can put on the clipboard (the commands and requests to IT of the actions shown), and
whether a copy sent to the terminal is known to arrive.

Plain Python, no Textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

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


OSC52_TERMINALS = frozenset({"iTerm.app", "WezTerm", "vscode", "ghostty"})
"""``$TERM_PROGRAM`` of terminals that put an OSC 52 copy on the clipboard without being configured to."""


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
