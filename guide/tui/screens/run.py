"""Running an action: choose which (when several can run), confirm the exact commands, see the outcome.

`RunScreen` shows the rendering the registry passed to its confirmation step
(`guide.engine.service.Guide.prepare_run`): the action's title, whether it
only reads or changes something, and every command that will run, exactly as
typed. Only Enter or ``y`` runs it; ``n`` or Escape records a refusal. The
commands run in a thread (a command may take a while), the keys are held
meanwhile, and the outcome and output are shown until the person closes the
dialog, which dismisses with the registry's `RunResult` for the session log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

from guide.engine.service import Option, ui, ui_or
from guide.tui.bindings import LocalizedBindings, bind
from guide.tui.widgets.answers import AnswerList
from guide.tui.widgets.node_card import CommandText
from guide.tui.widgets.prose import Prose
from guide.tui.widgets.scroll import CellScroll

if TYPE_CHECKING:
    from guide.engine.service import RenderedAction, RunResult

ASK, RUNNING, DONE = "ask", "running", "done"
"""The dialog's states: asking for confirmation, commands running, outcome shown."""


def status_words(status: str, lang: str) -> str:
    """A run status (``ran``, ``declined``, ...) in plain words."""
    return ui_or(f"run.status.{status}", lang, status)


class RunScreen(LocalizedBindings, ModalScreen["RunResult | None"]):
    """Confirm and run one action; dismisses with the registry's outcome (declined when refused)."""

    BINDINGS = [
        bind("enter,y", "confirm", "run.yes"),
        bind("n,escape", "refuse", "run.no"),
        bind("enter,escape", "close", "run.close"),
    ]
    """
    | Key | Does |
    | :- | :- |
    | Enter / y | Run the commands shown (while asking). |
    | n / escape | Do not run them (while asking). |
    | Enter / escape | Close the outcome (once it ran). |
    """

    def __init__(self, action: "RenderedAction", rendered: "RenderedAction", lang: str, *,
                 execute: Callable[[], "RunResult"], refuse: Callable[[], "RunResult"]) -> None:
        """A confirmation for `rendered`.

        Args:
            action: The action as the card shows it.
            rendered: What the registry will run, exactly as it asked to confirm it.
            lang: The language of the dialog.
            execute: Runs the confirmed commands (called in a thread) and returns the outcome.
            refuse: The outcome of saying no.
        """
        super().__init__()
        self.action_view = action
        """The action as the card shows it."""
        self.rendered = rendered
        """The registry's rendering: the commands with an argument list are the ones that run."""
        self.lang = lang
        """The language of the dialog."""
        self._execute = execute
        self._refuse = refuse
        self.state = ASK
        """`ASK`, `RUNNING` or `DONE`."""
        self.result: "RunResult | None" = None
        """The outcome, once there is one."""

    @property
    def holds_app_keys(self) -> bool:
        """Whether the app's own keys (palette, evidence, help) wait: while the commands run."""
        return self.state == RUNNING

    @property
    def commands(self) -> list[str]:
        """The commands that will run, exactly as typed, in order."""
        return [command.text for command in self.rendered.commands if command.argv is not None]

    def compose(self) -> ComposeResult:
        """Heading, action, effect, the exact commands, the outcome (later), keys."""
        lang = self.lang
        with Vertical(id="run-box", classes="dialog"):
            yield Prose(Content.styled(ui("run.heading", lang), "bold"), classes="dialog-title")
            yield Prose(Content.styled(self.rendered.title, "bold"), id="run-title")
            effect = ui_or(f"run.effect.{self.rendered.effect}", lang, "")
            if effect:
                yield Prose(Content(effect), id="run-effect")
            yield Prose(Content(ui("run.commands", lang)), id="run-commands-title")
            for text in self.commands:
                yield CommandText(text, "")
            with CellScroll(id="run-output"):
                yield Prose(id="run-output-text")
            yield Prose(Content.styled(ui("run.ask-hint", lang), "dim"), classes="dialog-hint", id="run-hint")

    def on_mount(self) -> None:
        """Describe the keys in the dialog's language; the outcome area stays hidden until there is one."""
        self.query_one("#run-output").display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Confirm and refuse while asking, close once done, nothing while the commands run."""
        if action in ("confirm", "refuse"):
            return self.state == ASK
        if action == "close":
            return self.state == DONE
        return True

    def action_confirm(self) -> None:
        """Run the commands shown."""
        if self.state != ASK:
            return
        self.state = RUNNING
        self.query_one("#run-hint", Prose).update(Content.styled(ui("run.running", self.lang), "dim"))
        self.refresh_bindings()
        self._run()

    @work(thread=True, exclusive=True, group="run-action")
    def _run(self) -> None:
        """Run in a thread (a command may take a while), then show the outcome."""
        result = self._execute()
        self.app.call_from_thread(self._finished, result)

    def _finished(self, result: "RunResult") -> None:
        """Show the outcome and the commands' output; Enter or Escape closes."""
        self.result = result
        self.state = DONE
        lang = self.lang
        if result.status == "ran":
            summary = ui("run.finished", lang, code=result.returncode)
        else:
            summary = ui("run.not-run", lang, status=status_words(result.status, lang))
        output = result.output.strip() or ui("run.no-output", lang)
        self.query_one("#run-output-text", Prose).update(
            Content.assemble((summary, "bold"), "\n\n", (ui("run.output", lang), "bold"), "\n", output))
        self.query_one("#run-output").display = True
        self.query_one("#run-hint", Prose).update(Content.styled(ui("run.close-hint", lang), "dim"))
        self.refresh_bindings()

    def action_refuse(self) -> None:
        """Do not run anything; close with the registry's outcome for a refusal."""
        if self.state == ASK:
            self.dismiss(self._refuse())

    def action_close(self) -> None:
        """Close the outcome."""
        if self.state == DONE:
            self.dismiss(self.result)


class RunChoiceScreen(LocalizedBindings, ModalScreen["RenderedAction | None"]):
    """A numbered list of the actions that can run here; dismisses with the one chosen (None when closed)."""

    BINDINGS = [
        *(bind(str(n), f"pick({n})", "run.pick", show=n == 1, group=True, key_display="1-9")
          for n in range(1, 10)),
        bind("escape", "pick(0)", "dialog.cancel"),
    ]
    """
    | Key | Does |
    | :- | :- |
    | 1-9 | Choose that action (its commands are shown to confirm next). |
    | escape | Close without running anything. |
    """

    def __init__(self, actions: Sequence["RenderedAction"], lang: str) -> None:
        super().__init__()
        self.actions = list(actions)
        """The actions that can run, in the order shown."""
        self.lang = lang
        """The language of the dialog."""

    def compose(self) -> ComposeResult:
        """Heading and the numbered list."""
        with Vertical(id="run-choice-box", classes="dialog"):
            yield Prose(Content.styled(ui("run.choose-heading", self.lang), "bold"), classes="dialog-title")
            yield AnswerList(id="run-list")

    def on_mount(self) -> None:
        """List the actions: title, then the commands they show."""
        self.query_one(AnswerList).show([
            Option(str(index), "\n".join([action.title, *(command.text for command in action.commands)]))
            for index, action in enumerate(self.actions)])

    def action_pick(self, number: int) -> None:
        """Close with action `number` (0 or an unknown number: nothing)."""
        self.dismiss(self.actions[number - 1] if 1 <= number <= len(self.actions) else None)

    @on(AnswerList.Chosen)
    def _clicked(self, event: AnswerList.Chosen) -> None:
        self.dismiss(self.actions[int(event.key)])
