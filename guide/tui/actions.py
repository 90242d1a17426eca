"""The actions of a conclusion, as the UI shows them (plain Python, no Textual).

The action registry (`guide.engine.actions`) renders each action's title,
steps and exact commands in a language for an audience. This module adapts
its result to what the resolution card draws, together with what was already
run at the node; an action the registry refuses is still listed by its id, so
a walk never breaks on it.

`ActionRunner` runs the actions the registry marks runnable, always through
`guide.engine.actions.run_action`: `prepare` asks it what the person would be
asked to confirm (or why nothing can run here), `run` runs exactly what was
confirmed, `decline` records the refusal. The platform and the process runner
are injected, so tests run "Windows" commands anywhere without running any.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from guide.engine.model import ActionRef

if TYPE_CHECKING:
    from guide.engine.actions import Command, RenderedAction, RunResult
    from guide.engine.session import ActionRun

RAN = "ran"
"""The status of a run that executed (an action run at a node is "done" there)."""


@dataclass(frozen=True, slots=True)
class ActionView:
    """One action of a conclusion, rendered for a language and an audience."""

    id: str
    """Action id in the registry."""
    title: str
    """Short imperative title."""
    steps: tuple[str, ...] = ()
    """What to do, in order."""
    commands: tuple["Command", ...] = ()
    """Exact commands, in the order they are used."""
    request: str = ""
    """For an end user who cannot do it: the ready-made request to their IT department."""
    known: bool = True
    """False when the registry could not render it (only the id is shown)."""
    params: tuple[tuple[str, str], ...] = ()
    """The parameter values it was rendered with (what a run is given)."""
    runnable: bool = False
    """Whether the registry can run one of its commands (on Windows, after confirmation)."""
    effect: str = ""
    """``read-only`` or ``changes-state``."""
    status: str | None = None
    """The outcome recorded at this node (``ran`` wins over later attempts), None when never tried."""

    @property
    def done(self) -> bool:
        """Whether it has already run at this node (it is then never offered to run again)."""
        return self.status == RAN


def render_action(ref: ActionRef, lang: str, audience: str, status: str | None = None) -> ActionView:
    """`ref` rendered by the registry, or a bare entry naming its id when it cannot be.

    An action the registry refuses (an unknown id or invalid parameters, which
    `guide lint` reports) is listed by its id so the conversation never breaks.

    Args:
        ref: The action and its parameters.
        lang: The language.
        audience: Who reads it.
        status: The outcome already recorded for it where the walk stands.
    """
    from guide.engine.actions import ActionError, render

    params = tuple(sorted((str(k), str(v)) for k, v in dict(ref.params).items()))
    try:
        rendered = render(ref.id, dict(ref.params), lang, audience)
    except ActionError:
        return ActionView(ref.id, ref.id, known=False, params=params, status=status)
    return ActionView(ref.id, rendered.title or ref.id, tuple(rendered.steps), tuple(rendered.commands), rendered.request_to_it or "",
                      params=params, runnable=rendered.runnable, effect=rendered.effect, status=status)


def render_actions(refs: Iterable[ActionRef], lang: str, audience: str,
                   statuses: Mapping[str, str] | None = None) -> list[ActionView]:
    """Every action of a conclusion, rendered in order, with the outcome recorded for each (`statuses`)."""
    statuses = statuses or {}
    return [render_action(ref, lang, audience, statuses.get(ref.id)) for ref in refs]


def run_statuses(runs: Iterable["ActionRun"]) -> dict[str, str]:
    """Action id → its outcome from `Session.runs_at(...)`: ``ran`` once it ran, else the latest attempt."""
    found: dict[str, str] = {}
    for run in runs:
        if found.get(run.action) != RAN:
            found[run.action] = run.status
    return found


def to_run(actions: Iterable[ActionView]) -> list[ActionView]:
    """The actions the run key offers: runnable and not yet run at this node."""
    return [action for action in actions if action.runnable and not action.done]


@dataclass(frozen=True, slots=True)
class Prepared:
    """What pressing the run key leads to: a confirmation to ask, or an outcome at once."""

    rendered: "RenderedAction | None" = None
    """The exact action the registry would run, to show for confirmation (None: nothing to confirm)."""
    result: "RunResult | None" = None
    """The outcome when nothing can be confirmed here (not runnable, not Windows, invalid)."""


def _never(*args: object, **kwargs: object) -> object:
    """The process runner of a preparation: nothing may run before the person confirms."""
    raise RuntimeError("nothing runs before confirmation")


class ActionRunner:
    """Runs actions through the registry's `run_action`, only what the person confirmed.

    Attributes:
        platform: ``sys.platform`` of this machine (tests pass ``win32`` or ``linux``).
        runner: ``subprocess.run`` or a stand-in with its signature.
    """

    def __init__(self, platform: str = sys.platform, runner: Callable[..., object] | None = None) -> None:
        self.platform = platform
        self.runner = runner or subprocess.run

    @property
    def can_run_here(self) -> bool:
        """Whether commands can run on this platform at all (Windows only)."""
        return self.platform == "win32"

    def _call(self, action: ActionView, confirm: Callable[["RenderedAction"], bool], lang: str, audience: str,
              runner: Callable[..., object]) -> "RunResult":
        from guide.engine.actions import run_action

        return run_action(action.id, dict(action.params), confirm=confirm, platform=self.platform, runner=runner,
                          lang=lang, audience=audience)

    def prepare(self, action: ActionView, lang: str, audience: str) -> Prepared:
        """Ask the registry what it would run (captured at its confirmation) or why it runs nothing here."""
        shown: list["RenderedAction"] = []

        def ask(rendered: "RenderedAction") -> bool:
            shown.append(rendered)
            return False

        result = self._call(action, ask, lang, audience, _never)
        if shown and result.status == "declined":
            return Prepared(rendered=shown[0])
        return Prepared(result=result)

    def run(self, action: ActionView, confirmed: "RenderedAction", lang: str, audience: str) -> "RunResult":
        """Run `action`, confirming only the very rendering the person was shown (`confirmed`)."""
        return self._call(action, lambda rendered: rendered == confirmed, lang, audience, self.runner)

    def decline(self, action: ActionView, lang: str, audience: str) -> "RunResult":
        """The person said no: the registry's outcome for a refusal (nothing runs)."""
        return self._call(action, lambda rendered: False, lang, audience, _never)


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
