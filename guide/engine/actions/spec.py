"""The declarative shapes of the action registry.

An action is data: its id, who does it (`audience`), whether it changes
anything (`effect`), its typed parameters, and a `Body` of bilingual steps and
command templates. Templates name parameters as ``{{name}}``; rendering fills
them with validated values only (or with a visible placeholder when a value
is not known), so no text from evidence or content is ever spliced in
unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping, Union

from guide.engine.catalog import LANGS
from guide.engine.words import Words

AUDIENCES = ("user", "agent", "admin")
"""Who an action is for: anyone, a first-line support agent, a tenant or server administrator."""

EFFECTS = ("read-only", "changes-state")
"""Whether an action only gathers or explains (read-only) or alters something."""

SHELLS = ("cmd", "powershell", "sh")
"""Where a command is typed: Windows Command Prompt, Windows PowerShell, a macOS terminal."""

EVERYONE = frozenset(AUDIENCES)
"""The readers of a step or command shown to every audience."""

STAFF = frozenset(("agent", "admin"))
"""The readers of technical notes an end user does not need."""


EMPTY_TEXT = Words("", "")
"""No words, in either language."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of an action, shown to some audiences."""

    text: Words
    """What to do; may name parameters as ``{{name}}``."""
    who: frozenset[str] = EVERYONE
    """The audiences that see this step."""


@dataclass(frozen=True, slots=True)
class Cmd:
    """A command template: the exact text to type, and what `run_action` may execute."""

    shell: str
    """One of `SHELLS`."""
    text: str
    """The command as typed; may name parameters as ``{{name}}``."""
    argv: tuple[str, ...] | None = None
    """The argument list to execute without a shell, or None when it is only shown to copy."""
    label: Words | None = None
    """A short caption when an action shows several commands (e.g. which Teams client)."""
    who: frozenset[str] = EVERYONE
    """The audiences that see this command."""


@dataclass(frozen=True, slots=True)
class Body:
    """What rendering an action produces, before parameters are filled in."""

    steps: tuple[Step, ...]
    """The steps for the action's own audience (and, filtered by `Step.who`, for the others)."""
    commands: tuple[Cmd, ...] = ()
    """Exact commands, in the order they are used."""
    request: Words | None = None
    """For actions an end user cannot do: what to ask IT to change, and why."""
    user_steps: tuple[Step, ...] = ()
    """For actions an end user cannot do: what they can still do themselves."""


Values = Mapping[str, str]
"""Validated parameter values by name (absent when not known)."""

BodySource = Union[Body, Callable[[Values], Body]]
"""A fixed body, or a function choosing one from the parameter values."""


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """One typed parameter of an action."""

    name: str
    """Parameter name as written in trees and findings (``target``, ``group_sid``)."""
    kind: str
    """Value kind: upn, object-id, credential-target, group-sid, policy-name or enum."""
    description: Mapping[str, str]
    """Language → what the value is."""
    placeholder: Mapping[str, str]
    """Language → what commands show when the value is not known, e.g. ``<policy name>``."""
    required: bool = False
    """Whether every use of the action must give it (otherwise a placeholder stands in)."""
    choices: tuple[str, ...] = ()
    """For ``enum``: the allowed values."""
    applies_when: tuple[str, str] | None = None
    """``(param, value)``: the parameter is only meaningful when that other parameter has that value."""

    def as_json(self) -> dict:
        """The parameter as ``guide actions --json`` describes it."""
        return {"name": self.name, "kind": self.kind, "required": self.required, "choices": list(self.choices),
                "applies_when": dict([self.applies_when]) if self.applies_when else None,
                "description": dict(self.description)}


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """A remediation action in the registry."""

    id: str
    """Action id (taxonomy)."""
    audience: str
    """One of `AUDIENCES`: who carries it out."""
    effect: str
    """One of `EFFECTS`."""
    params: tuple[ParamSpec, ...]
    """Typed parameters, in a fixed order."""
    title: Mapping[str, str]
    """Language → short imperative title."""
    body: BodySource
    """Steps and commands (see `Body`)."""
    self_service: bool
    """Whether an end user can do it; when False a user is given `Body.request` to send to IT."""

    def param(self, name: str) -> ParamSpec | None:
        """The parameter called `name`, if the action has one."""
        return next((p for p in self.params if p.name == name), None)

    def body_for(self, values: Values) -> Body:
        """The body for these (validated) values."""
        return self.body(values) if callable(self.body) else self.body


def action(action_id: str, audience: str, effect: str, title: Words, body: BodySource, *,
           params: tuple[ParamSpec, ...] = (), self_service: bool | None = None) -> ActionSpec:
    """Declare an action (self-service defaults to ``audience == "user"``)."""
    if audience not in AUDIENCES or effect not in EFFECTS:
        raise ValueError(f"{action_id}: bad audience {audience!r} or effect {effect!r}")
    self_service = audience == "user" if self_service is None else self_service
    if not self_service and isinstance(body, Body) and body.request is None:
        raise ValueError(f"{action_id}: an action users cannot do needs a request to IT")
    return ActionSpec(action_id, audience, effect, params, MappingProxyType(title.as_dict()), body, self_service)


def steps(*texts: Words, who: frozenset[str] = EVERYONE) -> tuple[Step, ...]:
    """Steps for the same readers, in order."""
    return tuple(Step(text, who) for text in texts)
