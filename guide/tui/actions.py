"""The actions of a conclusion, as the UI shows them (plain Python, no Textual).

The action registry (`guide.engine.actions`) renders each action's title,
steps and exact commands in a language for an audience. This module adapts
its result to what the resolution card draws and degrades gracefully: while
the registry (or one action in it) is missing, the action is still listed by
its id, so a walk never breaks on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from guide.engine.model import ActionRef


@dataclass(frozen=True, slots=True)
class CommandView:
    """One exact command to type or copy."""

    shell: str
    """cmd, powershell or sh."""
    text: str
    """The command exactly as typed."""
    label: str = ""
    """A short caption when an action has several commands."""


@dataclass(frozen=True, slots=True)
class ActionView:
    """One action of a conclusion, rendered for a language and an audience."""

    id: str
    """Action id in the registry."""
    title: str
    """Short imperative title."""
    steps: tuple[str, ...] = ()
    """What to do, in order."""
    commands: tuple[CommandView, ...] = ()
    """Exact commands, in the order they are used."""
    request: str = ""
    """For an end user who cannot do it: the ready-made request to their IT department."""
    known: bool = True
    """False when the registry could not render it (only the id is shown)."""


def _text(value: object, lang: str) -> str:
    """A rendered value as text: plain strings, bilingual objects (``.get(lang)``) or mappings."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    getter = getattr(value, "get", None)
    if callable(getter):
        try:
            found = getter(lang)
        except TypeError:
            found = None
        if isinstance(found, str):
            return found
    return str(value)


def _command(raw: object, lang: str) -> CommandView:
    return CommandView(shell=str(getattr(raw, "shell", "") or ""), text=_text(getattr(raw, "text", raw), lang),
                       label=_text(getattr(raw, "label", None), lang))


def render_action(ref: ActionRef, lang: str, audience: str) -> ActionView:
    """`ref` rendered by the registry, or a bare entry naming its id when it cannot be."""
    try:
        from guide.engine.actions import render
    except ImportError:
        return ActionView(ref.id, ref.id, known=False)
    try:
        rendered = render(ref.id, dict(ref.params), lang, audience)
    except Exception:  # noqa: BLE001 - an unrenderable action must not break the conversation
        return ActionView(ref.id, ref.id, known=False)
    steps = tuple(_text(step, lang) for step in getattr(rendered, "steps", ()) or ())
    commands = tuple(_command(raw, lang) for raw in getattr(rendered, "commands", ()) or ())
    return ActionView(ref.id, _text(getattr(rendered, "title", ref.id), lang) or ref.id, steps, commands,
                      _text(getattr(rendered, "request_to_it", None), lang))


def render_actions(refs: Iterable[ActionRef], lang: str, audience: str) -> list[ActionView]:
    """Every action of a conclusion, rendered in order."""
    return [render_action(ref, lang, audience) for ref in refs]


@dataclass(frozen=True, slots=True)
class Copyable:
    """Something the copy key can put on the clipboard."""

    label: str
    """What it is, for the chooser and the notification."""
    text: str
    """The text copied."""


def copyables(actions: Iterable[ActionView], request_label: str) -> list[Copyable]:
    """Every command (and request to IT) of the actions, in the order shown."""
    found = []
    for action in actions:
        for command in action.commands:
            caption = " / ".join(part for part in (action.title, command.label, command.shell) if part)
            found.append(Copyable(caption, command.text))
        if action.request:
            found.append(Copyable(f"{action.title} / {request_label}", action.request))
    return found
