"""The prompt at start: continue the last unfinished conversation, or start new."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

from guide.engine.service import ui
from guide.tui.bindings import LocalizedBindings, bind
from guide.tui.widgets.prose import Prose


class ResumeScreen(LocalizedBindings, ModalScreen[bool]):
    """Ask whether to continue a saved conversation; dismisses with True to continue."""

    BINDINGS = [
        bind("enter,y", "answer(True)", "resume.yes"),
        bind("n,escape", "answer(False)", "resume.no"),
    ]
    """
    | Key | Does |
    | :- | :- |
    | Enter / y | Continue the saved conversation. |
    | n / escape | Start a new one (the saved one is kept). |
    """

    def __init__(self, lang: str, tree: str, node: str, when: str) -> None:
        super().__init__()
        self.lang = lang
        """The language of the prompt."""
        self.summary = ui("resume.body", lang, tree=tree, node=node, when=when)
        """Which conversation, where it stopped and when (content words are plain text)."""

    def compose(self) -> ComposeResult:
        """Heading, summary, keys."""
        with Vertical(id="resume-box", classes="dialog"):
            yield Prose(Content.styled(ui("resume.heading", self.lang), "bold"), classes="dialog-title")
            yield Prose(Content(self.summary), id="resume-summary")
            yield Prose(Content.styled(ui("resume.hint", self.lang), "dim"), classes="dialog-hint")

    def action_answer(self, resume: bool) -> None:
        """Close the prompt with the choice."""
        self.dismiss(resume)
