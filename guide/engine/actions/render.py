"""Rendering an action for a reader: its title, steps and exact commands in one language.

Parameters are validated before anything is filled in, and only validated
values replace ``{{name}}``; an unknown value shows as the parameter's
placeholder (``<policy name>`` / ``<ポリシー名>``), and a command holding a
placeholder is never runnable. An end user is never shown an action they
cannot do as if they could: they get what they can do themselves and a
ready-to-send request to their IT department.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from guide.engine.actions.params import check_params
from guide.engine.actions.registry import ActionError, lookup
from guide.engine.actions.spec import (
    AUDIENCES,
    EMPTY_TEXT,
    LANGS,
    ActionSpec,
    Cmd,
    Step,
)
from guide.engine.words import Words

_MARKER = re.compile(r"\{\{([a-z_]+)\}\}")

ASK_IT = Words(
    "この対処はご自身ではできないため、IT 部門 (ヘルプデスク) に依頼します。下の依頼文をコピーして送ってください。",
    "You cannot do this yourself, so ask your IT department (help desk): copy the request below and send it.")

_REQUEST = Words(
    "件名: 【ご依頼】{title}\n\nIT 部門 ご担当者様\n\n{body}\n\n"
    "発生した日時:\n使っているアプリ:\n表示されたエラーコード (あれば):\n\nよろしくお願いいたします。",
    "Subject: Request: {title}\n\nHello IT team,\n\n{body}\n\n"
    "When it happened:\nApp I was using:\nError code shown (if any):\n\nThank you.")
"""The frame of every request to IT; the person fills in the three lines."""


@dataclass(frozen=True, slots=True)
class Command:
    """One exact command, ready to copy (and, with `argv`, to run)."""

    shell: str
    """``cmd``, ``powershell`` or ``sh``: where to type it."""
    text: str
    """The command as typed."""
    argv: tuple[str, ...] | None = None
    """What `run_action` executes, without a shell; None when the command is only shown."""
    label: str | None = None
    """A short caption when an action shows several commands."""


@dataclass(frozen=True, slots=True)
class RenderedAction:
    """An action as one reader sees it, in one language."""

    id: str
    title: str
    steps: tuple[str, ...]
    """What to do, in order."""
    commands: tuple[Command, ...]
    """Exact commands the steps refer to (none when the reader is to ask IT)."""
    audience: str
    """The action's audience: user, agent or admin."""
    effect: str
    """read-only or changes-state."""
    runnable: bool
    """Whether some command can be run here (has an argument list)."""
    request_to_it: str | None
    """For an end user and an action they cannot do: the request to send to IT."""
    reader: str = "user"
    """Who it was rendered for."""
    lang: str = "en"
    params: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """The validated parameter values it was rendered with."""
    known: bool = True
    """False for a stand-in naming an action the registry cannot render (`unrendered`)."""


def unrendered(action_id: str, params: Mapping[str, str], lang: str = "en") -> RenderedAction:
    """A stand-in for an action the registry refuses (unknown id, invalid parameters, which `guide
    lint` reports): listed by its id, with nothing to do or run, so a conversation never breaks on it."""
    return RenderedAction(action_id, action_id, (), (), "", "", False, None, "user", lang,
                          MappingProxyType({str(k): str(v) for k, v in params.items()}), known=False)


def render(action_id: str, params: Mapping[str, str], lang: str, audience: str = "user") -> RenderedAction:
    """Render an action for a reader.

    Args:
        action_id: Registry id.
        params: Parameter values (validated here; unknown ones show as placeholders).
        lang: ``ja`` or ``en``.
        audience: Who reads it: ``user`` (self-service), ``agent`` or ``admin``.

    Raises:
        ActionError: For an unknown action, language or audience, or invalid parameters.
    """
    spec = lookup(action_id)
    problems = check_params(spec, params)
    if lang not in LANGS:
        problems.append(f"unknown language {lang!r} (expected: {', '.join(LANGS)})")
    if audience not in AUDIENCES:
        problems.append(f"unknown audience {audience!r} (expected: {', '.join(AUDIENCES)})")
    if problems:
        raise ActionError(problems)
    values = MappingProxyType(dict(params))
    body = spec.body_for(values)
    fill = _Filler(spec, values, lang)
    title = spec.title[lang]
    if audience == "user" and not spec.self_service:
        texts = tuple(fill(step.text) for step in body.user_steps) + (ASK_IT.get(lang),)
        frame = _REQUEST.get(lang)
        request = frame.format(title=title, body=fill(body.request or EMPTY_TEXT))
        return RenderedAction(spec.id, title, texts, (), spec.audience, spec.effect, False, request,
                              audience, lang, values)
    texts = tuple(fill(step.text) for step in _visible(body.steps, audience))
    commands = tuple(fill.command(cmd) for cmd in _visible(body.commands, audience))
    return RenderedAction(spec.id, title, texts, commands, spec.audience, spec.effect,
                          any(cmd.argv for cmd in commands), None, audience, lang, values)


def _visible(items: tuple[Step, ...] | tuple[Cmd, ...], audience: str) -> tuple:
    return tuple(item for item in items if audience in item.who)


class _Filler:
    """Fills ``{{name}}`` markers with validated values or placeholders, in one language."""

    def __init__(self, spec: ActionSpec, values: Mapping[str, str], lang: str) -> None:
        self.spec, self.values, self.lang = spec, values, lang

    def _value(self, match: re.Match) -> str:
        name = match.group(1)
        if name in self.values:
            return self.values[name]
        param = self.spec.param(name)
        if param is None:
            raise KeyError(f"action {self.spec.id!r} names an undeclared parameter {name!r}")
        return param.placeholder[self.lang]

    def text(self, template: str) -> str:
        """`template` with every marker filled."""
        return _MARKER.sub(self._value, template)

    def __call__(self, text: Words) -> str:
        return self.text(text.get(self.lang))

    def command(self, cmd: Cmd) -> Command:
        """The command filled in; runnable only when every marker of its argv has a value."""
        argv = None
        if cmd.argv is not None and all(name in self.values for arg in cmd.argv for name in _MARKER.findall(arg)):
            argv = tuple(self.text(arg) for arg in cmd.argv)
        return Command(cmd.shell, self.text(cmd.text), argv, cmd.label.get(self.lang) if cmd.label else None)
