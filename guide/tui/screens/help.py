"""Help: the keys of the screen underneath, in the UI language, with what each one does.

Textual's own key panel lists every binding of the focused widget (the text
box's cursor keys included) in English only; this screen lists ours, with the
catalog's descriptions and tooltips, plus the keys the text box gives meaning
to (numbers and Backspace while it is empty).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen

from guide.engine.service import ui
from guide.tui.bindings import LocalizedBindings, bind, declared
from guide.tui.widgets.prose import Prose
from guide.tui.widgets.scroll import CellScroll


def key_rows(screen: Screen, lang: str) -> list[tuple[str, str, str]]:
    """(keys, description, tooltip) for each of our bindings on `screen` and the app, grouped by binding id.

    The bindings the screen's and the app's classes declare (`BINDINGS`) are read, not the focused
    text box's, leaving out actions that do not apply where the screen stands.
    """
    rows: dict[str, tuple[list[str], str, str]] = {}
    app = screen.app
    for node in (screen, app):
        for binding in declared(type(node).BINDINGS, lang):
            if node.check_action(binding.action, ()) is not False:
                _add(rows, binding, binding.key_display or app.get_key_display(binding))
    table = [(" / ".join(keys), description, tooltip) for keys, description, tooltip in rows.values()]
    return [*table, ("Backspace", ui("binding.walk.back", lang), ui("help.backspace", lang))]


def _add(rows: dict[str, tuple[list[str], str, str]], binding, shown: str) -> None:
    """Add one key of `binding` to its row."""
    keys, _, _ = rows.setdefault(binding.id, ([], binding.description, binding.tooltip))
    if shown not in keys:
        keys.append(shown)


class HelpScreen(LocalizedBindings, ModalScreen[None]):
    """The keys of the screen below, explained; any of the close keys returns to it."""

    BINDINGS = [bind("escape,f1,q", "close", "dialog.cancel")]
    """
    | Key | Does |
    | :- | :- |
    | escape / f1 / q | Close the help. |
    """

    def __init__(self, below: Screen, lang: str) -> None:
        super().__init__()
        self.rows = key_rows(below, lang)
        """(keys, description, tooltip) of the screen below."""
        self.lang = lang
        """The language of the help."""

    def compose(self) -> ComposeResult:
        """Heading, the keys, and how to close."""
        with Vertical(id="help-box", classes="dialog"):
            yield Prose(Content.styled(ui("help.heading", self.lang), "bold"), classes="dialog-title")
            yield Prose(Content(ui("help.intro", self.lang)))
            with CellScroll(id="help-keys"):
                for keys, description, tooltip in self.rows:
                    yield Prose(Content.assemble((keys, "bold"), "  ", (description, "bold"), "\n", tooltip),
                                classes="help-row")
            yield Prose(Content.styled(ui("help.close", self.lang), "dim"), classes="dialog-hint")

    def action_close(self) -> None:
        """Back to the screen below."""
        self.dismiss(None)
