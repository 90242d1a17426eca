"""The card for the node the walk stands at: a question, or a conclusion with its actions.

For a resolution it shows the cause in plain words, the node's words for the
audience, and each action with its steps, exact commands (Ctrl+Y copies) and,
for an end user, the ready-made request to IT; an action already run (or
tried) at this node says so; then how to run what can run (F6, or off Windows
that the command is for copying) and "Did this fix it?". Every text is plain
`Content`, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content

from guide.engine.service import Card, ui, ui_or
from guide.tui.widgets.prose import Prose

if TYPE_CHECKING:
    from guide.engine.service import RenderedAction


class CardText(Prose):
    """A piece of text on the card (its role is a CSS class)."""

    def __init__(self, content: Content | str, role: str) -> None:
        super().__init__(Content(content) if isinstance(content, str) else content, classes=role)


class StepNumber(Prose):
    """The number of a step, in its own column so the step's text wraps under itself."""


class StepText(Prose):
    """The words of a step."""


class StepRow(Horizontal):
    """One numbered step: ``number | text`` (Japanese wraps anywhere, so a hanging indent matters)."""

    def __init__(self, number: int, text: str) -> None:
        super().__init__()
        self.number = number
        """The step's number."""
        self.text = text
        """The step's words (plain text)."""

    def compose(self) -> ComposeResult:
        """Number, then words."""
        yield StepNumber(Content.styled(f"{self.number}.", "bold"))
        yield StepText(Content(self.text))


class CommandText(Prose):
    """One exact command, drawn as code."""

    def __init__(self, text: str, caption: str) -> None:
        parts = [(caption + "\n", "dim")] if caption else []
        super().__init__(Content.assemble(*parts, text))
        self.command = text
        """The command exactly as it is copied."""


class ActionBox(Vertical):
    """One action: its title, numbered steps, commands and request to IT."""

    def __init__(self, action: "RenderedAction", lang: str, status: str | None = None, done: bool = False) -> None:
        super().__init__()
        self.action = action
        """The rendered action."""
        self.status = status
        """The outcome recorded for it where the conversation stands (None: never tried)."""
        self.done = done
        """Whether it already ran there."""
        self.lang = lang
        """The language of the captions."""

    def compose(self) -> ComposeResult:
        """Title, steps, commands, request."""
        action = self.action
        yield CardText(Content.styled(action.title, "bold"), "action-title")
        if self.status:
            status = ui_or(f"run.status.{self.status}", self.lang, self.status)
            key = "walk.run-done" if self.done else "walk.run-last"
            yield CardText(ui(key, self.lang, status=status), "run-done" if self.done else "run-last")
        if not action.known:
            yield CardText(ui("walk.actions-missing", self.lang), "hint")
        for number, step in enumerate(action.steps, 1):
            yield StepRow(number, step)
        for command in action.commands:
            yield CommandText(command.text, " ".join(part for part in (command.label, command.shell) if part))
        if action.request_to_it:
            yield CardText(Content.styled(ui("walk.request", self.lang), "bold"), "request-title")
            yield CardText(action.request_to_it, "request")


class NodeCard(Vertical):
    """The current node, drawn from the conversation view's `Card`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.card: Card | None = None
        """What is drawn (None: nothing yet)."""
        self.lang = "en"
        """The language of the captions."""

    async def show(self, card: Card, lang: str) -> None:
        """Draw `card` (captions in `lang`).

        The texts shown are kept for the new card's texts in the same places (their role and words
        changed in place); only the parts after the first that is not a text on both (an action, say)
        are replaced. Both show the same as composing the card again: replacing widgets costs a key
        press styling and mounting them again.
        """
        if card == self.card and lang == self.lang:
            return
        self.card, self.lang = card, lang
        if not self.has_class(f"-{card.kind}") or len(self.classes) != 1:
            self.set_classes(f"-{card.kind}")
        shown = list(self.children)
        parts = list(self.compose())
        kept = 0
        while kept < min(len(shown), len(parts)) and type(shown[kept]) is CardText is type(parts[kept]):
            old, new = shown[kept], parts[kept]
            if old.classes != new.classes:
                old.set_classes(new.classes)
            old.update(new.content)
            kept += 1
        if kept < len(shown):
            await self.remove_children(shown[kept:])
        if kept < len(parts):
            await self.mount_all(parts[kept:])

    def compose(self) -> ComposeResult:
        """The card's parts, in reading order."""
        card = self.card
        if card is None:
            return
        yield CardText(Content.styled(card.title, "bold"), "title")
        if card.cause:
            yield CardText(Content.assemble((ui("walk.cause", self.lang) + ": ", "bold"), card.cause), "cause")
        if card.text:
            yield CardText(card.text, "body")
        if card.actions:
            yield CardText(Content.styled(ui("walk.actions", self.lang), "bold"), "actions-title")
            for action in card.actions:
                yield ActionBox(action, self.lang, card.status(action), card.done(action))
            if any(action.commands or action.request_to_it for action in card.actions):
                yield CardText(ui("walk.copy-hint", self.lang), "hint")
            if card.run_hint:
                yield CardText(card.run_hint, "hint run-hint")
        if card.prompt:
            yield CardText(Content.styled(card.prompt, "bold"), "prompt")
        if card.hint:
            yield CardText(card.hint, "hint")
