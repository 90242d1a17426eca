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

from guide.tui.bindings import bind, localize
from guide.tui.strings import t
from guide.tui.widgets.prose import Prose
from guide.tui.widgets.scroll import CellScroll


def key_rows(screen: Screen, lang: str) -> list[tuple[str, str, str]]:
    """(keys, description, tooltip) for each of our bindings on `screen` and the app, grouped by binding id.

    The screen's and the app's own bindings are read (not the focused text box's),
    leaving out actions that do not apply where the screen stands.
    """
    rows: dict[str, tuple[list[str], str, str]] = {}
    app = screen.app
    for node in (screen, app):
        for _, binding in node._bindings:  # noqa: SLF001 - see guide.tui.bindings.localize
            if binding.id and "." in binding.id and node.check_action(binding.action, ()) is not False:
                _add(rows, binding, binding.key_display or app.get_key_display(binding))
    table = [(" / ".join(keys), description, tooltip) for keys, description, tooltip in rows.values()]
    return [*table, ("Backspace", t(lang, "binding.walk.back"), t(lang, "help.backspace"))]


def _add(rows: dict[str, tuple[list[str], str, str]], binding, shown: str) -> None:
    """Add one key of `binding` to its row."""
    keys, _, _ = rows.setdefault(binding.id, ([], binding.description, binding.tooltip))
    if shown not in keys:
        keys.append(shown)


class HelpScreen(ModalScreen[None]):
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
            yield Prose(Content.styled(t(self.lang, "help.heading"), "bold"), classes="dialog-title")
            yield Prose(Content(t(self.lang, "help.intro")))
            with CellScroll(id="help-keys"):
                for keys, description, tooltip in self.rows:
                    yield Prose(Content.assemble((keys, "bold"), "  ", (description, "bold"), "\n", tooltip),
                                classes="help-row")
            yield Prose(Content.styled(t(self.lang, "help.close"), "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Describe the close key in the help's language."""
        localize(self, self.lang)

    def action_close(self) -> None:
        """Back to the screen below."""
        self.dismiss(None)
