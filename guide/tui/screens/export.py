"""The ticket note: preview, choose its language and redaction, write it and copy it.

The note is the conversation's transcript (`Conversation.transcript`),
in the chosen language (independent of the screen's), optionally with
personal data redacted. Enter writes Markdown and JSON next to each other
(atomically) and puts the Markdown on the clipboard.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen

from guide.engine.service import LANGUAGE_NAMES, Conversation, other_language, ui
from guide.tui.bindings import LocalizedBindings, bind
from guide.tui.widgets.prose import Prose
from guide.tui.widgets.scroll import CellScroll

if TYPE_CHECKING:
    from guide.engine.service import TicketNote


class ExportScreen(LocalizedBindings, ModalScreen["TicketNote | None"]):
    """Preview and write the ticket note; dismisses with the note written (None when closed)."""

    BINDINGS = [
        bind("enter,ctrl+s", "export", "dialog.confirm"),
        bind("f2,ctrl+t", "language", "export.language"),
        bind("f3", "redact", "export.redact"),
        bind("escape", "close", "dialog.cancel"),
    ]
    """
    | Key | Does |
    | :- | :- |
    | Enter / ctrl+s | Write the files and copy the Markdown. |
    | f2 / ctrl+t | Switch the ticket's language. |
    | f3 | Redact personal data, or not. |
    | escape | Close without writing. |
    """

    ticket_lang: reactive[str] = reactive("en", init=False)
    """The language the note is written in."""

    redacted: reactive[bool] = reactive(False, init=False)
    """Whether personal data is replaced by placeholders."""

    def __init__(self, conversation: Conversation, folder: Path, lang: str, *, escalate: bool = False) -> None:
        super().__init__()
        self.conversation = conversation
        """The conversation whose note it is."""
        self.lang = lang
        """The language of the dialog (the note's own is `ticket_lang`)."""
        self.folder = folder
        """Where the files are written."""
        self.escalate = escalate
        """Whether the note is opened to hand the case over."""

    def compose(self) -> ComposeResult:
        """Heading, settings, preview, keys."""
        with Vertical(id="export-box", classes="dialog"):
            yield Prose(classes="dialog-title", id="export-title")
            yield Prose(id="export-settings")
            with CellScroll(id="export-preview"):
                yield Prose(id="export-text")
            yield Prose(classes="dialog-hint", id="export-hint")

    def on_mount(self) -> None:
        """Start in the screen's language, unredacted, and draw."""
        self.set_reactive(ExportScreen.ticket_lang, self.lang)
        self.query_one("#export-preview").focus()
        self.redraw()

    def watch_ticket_lang(self) -> None:
        """Draw again in the new language."""
        self.redraw()

    def watch_redacted(self) -> None:
        """Draw again with or without redaction."""
        self.redraw()

    def redraw(self) -> None:
        """Settings and preview of the note as it would be written."""
        lang = self.lang
        heading = "export.escalate-heading" if self.escalate else "export.heading"
        self.query_one("#export-title", Prose).update(Content.styled(ui(heading, lang), "bold"))
        settings = [ui("export.language", lang, language=LANGUAGE_NAMES[self.ticket_lang]),
                    ui("export.redact-on" if self.redacted else "export.redact-off", lang),
                    ui("export.folder", lang, folder=str(self.folder))]
        self.query_one("#export-settings", Prose).update(Content("\n".join(settings)))
        self.query_one("#export-hint", Prose).update(Content.styled(ui("export.hint", lang), "dim"))
        try:
            preview = self.conversation.transcript(self.ticket_lang, self.redacted)
        except Exception as exc:  # noqa: BLE001 - e.g. the engine's transcript is not importable yet
            preview = ui("export.unavailable", lang, error=f"{type(exc).__name__}: {exc}")
        self.query_one("#export-text", Prose).update(Content(preview))

    def action_language(self) -> None:
        """Write the note in the other language."""
        self.ticket_lang = other_language(self.ticket_lang)

    def action_redact(self) -> None:
        """Redact personal data, or stop redacting it."""
        self.redacted = not self.redacted

    def action_export(self) -> None:
        """Write Markdown and JSON, copy the Markdown, and close."""
        lang = self.lang
        try:
            note = self.conversation.export(self.folder, self.ticket_lang, self.redacted)
        except Exception as exc:  # noqa: BLE001 - a full disk or a missing engine part: say so, keep the app
            self.notify(ui("export.failed", lang, error=f"{type(exc).__name__}: {exc}"), severity="error",
                        markup=False)
            return
        self.app.copy_to_clipboard(note.markdown)
        if not self.app.is_web:  # in a browser the note is downloaded instead; the server's folder means nothing there
            self.notify(ui("export.done", lang, path=str(note.markdown_path)), markup=False)
        self.dismiss(note)

    def action_close(self) -> None:
        """Close without writing."""
        self.dismiss(None)
