"""Choose which command (or request to IT) to copy, by number."""

from __future__ import annotations

from typing import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

from guide.engine.service import Option, ui
from guide.tui.bindings import LocalizedBindings, bind
from guide.tui.copying import Copyable
from guide.tui.widgets.answers import AnswerList
from guide.tui.widgets.prose import Prose


class CopyScreen(LocalizedBindings, ModalScreen[Copyable | None]):
    """A numbered list of what can be copied; dismisses with the choice (None when closed)."""

    BINDINGS = [
        *(bind(str(n), f"pick({n})", "copy.pick", show=n == 1, group=True, key_display="1-9")
          for n in range(1, 10)),
        bind("escape", "pick(0)", "dialog.cancel"),
    ]
    """
    | Key | Does |
    | :- | :- |
    | 1-9 | Copy that entry. |
    | escape | Close without copying. |
    """

    def __init__(self, items: Sequence[Copyable], lang: str) -> None:
        super().__init__()
        self.items = list(items)
        """What can be copied, in the order shown."""
        self.lang = lang
        """The language of the dialog."""

    def compose(self) -> ComposeResult:
        """Heading and the numbered list."""
        with Vertical(id="copy-box", classes="dialog"):
            yield Prose(Content.styled(ui("copy.heading", self.lang), "bold"), classes="dialog-title")
            yield AnswerList(id="copy-list")

    def on_mount(self) -> None:
        """List the entries: caption, then the command itself."""
        self.query_one(AnswerList).show([Option(str(index), f"{item.label}\n{item.text}")
                                         for index, item in enumerate(self.items)])

    def action_pick(self, number: int) -> None:
        """Close with entry `number` (0 or an unknown number: nothing)."""
        self.dismiss(self.items[number - 1] if 1 <= number <= len(self.items) else None)

    @on(AnswerList.Chosen)
    def _clicked(self, event: AnswerList.Chosen) -> None:
        self.dismiss(self.items[int(event.key)])
