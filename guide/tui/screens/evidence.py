"""Evidence: paste text or name a file; the findings appear; a number jumps to the fix.

Facts from the evidence are held by the walk, so questions that name a fact
show the evidence's answer with its reason (accept with Enter, or override).
Findings name a cause; choosing one dismisses this screen with the resolution
that concludes that cause, and the app jumps there.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from guide.engine.service import Guide, GuideError, NodeRef, Option, ui
from guide.tui.bindings import LocalizedBindings, bind
from guide.tui.evidence import EvidenceBook
from guide.tui.messages import EvidenceAdded
from guide.tui.widgets.answers import AnswerList
from guide.tui.widgets.prose import Prose


class EvidenceScreen(LocalizedBindings, ModalScreen[NodeRef | None]):
    """Add evidence and choose a finding; dismisses with the resolution to jump to (None: stay)."""

    BINDINGS = [
        *(bind(str(n), f"choose({n})", "evidence.choose", show=n == 1, group=True, key_display="1-9")
          for n in range(1, 10)),
        bind("f5", "read", "evidence.read"),
        bind("escape", "close", "dialog.cancel"),
    ]
    """
    | Key | Does |
    | :- | :- |
    | f5 | Read the pasted text. |
    | 1-9 | Go to the resolution of that finding (when no box has focus). |
    | escape | Close. |
    """

    def __init__(self, guide: Guide, book: EvidenceBook, lang: str, tree: str | None = None) -> None:
        super().__init__()
        self.guide = guide
        """The facade (checks, words, where causes are concluded)."""
        self.book = book
        """The evidence read so far (the app's)."""
        self.lang = lang
        """The language shown."""
        self.prefer_tree = tree
        """The tree the conversation stands in (its resolutions are preferred)."""

    def compose(self) -> ComposeResult:
        """Heading, how to, file path, paste box, what was read, findings, keys."""
        lang = self.lang
        with Vertical(id="evidence-box", classes="dialog"):
            yield Prose(Content.styled(ui("evidence.heading", lang), "bold"), classes="dialog-title")
            yield Prose(ui("evidence.hint", lang))
            yield Input(placeholder=ui("evidence.path", lang), id="evidence-path")
            yield TextArea(id="evidence-text", soft_wrap=True, show_line_numbers=False)
            yield Prose(id="evidence-read")
            yield AnswerList(id="findings")
            yield Prose(Content.styled(ui("evidence.keys", lang), "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Keys in the UI language, focus the paste box, show what is already known."""
        self.query_one("#evidence-text", TextArea).focus()
        self.redraw()

    def redraw(self) -> None:
        """List the evidence read and the findings, numbered."""
        lang, book = self.lang, self.book
        lines = [ui("evidence.read", lang) if book.items else ui("evidence.none", lang)]
        for item in book.items:
            lines.append(ui("evidence.item", lang, file=item.file, kind=item.kind, count=len(item.facts)))
            lines += [f"  {problem}" for problem in item.problems]
        lines.append(ui("evidence.findings", lang) if book.findings else ui("evidence.no-findings", lang))
        self.query_one("#evidence-read", Prose).update(Content("\n".join(lines)))
        options = [Option(str(index), ui("evidence.finding", lang,
                                        cause=self.guide.words.cause(finding.cause, lang) or finding.cause,
                                             because=finding.because.get(lang) or finding.because.get("en", ""),
                                             where=finding.evidence))
                   for index, finding in enumerate(book.findings)]
        self.query_one("#findings", AnswerList).show(options)

    def _added(self) -> None:
        """Give the walk the new facts, draw, and free the number keys for the findings."""
        self.post_message(EvidenceAdded())
        self.redraw()
        self.set_focus(None)

    def action_read(self) -> None:
        """Read the pasted text as evidence."""
        box = self.query_one("#evidence-text", TextArea)
        if not box.text.strip():
            self.notify(ui("evidence.empty", self.lang), severity="warning", markup=False)
            return
        self.book.read_pasted(box.text)
        box.clear()
        self._added()

    @on(Input.Submitted, "#evidence-path")
    def _path_given(self, event: Input.Submitted) -> None:
        """Enter in the path box: read that file."""
        path = event.value.strip()
        if not path:
            return
        try:
            self.book.read_files([path])
        except GuideError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        event.input.clear()
        self._added()

    def action_choose(self, number: int) -> None:
        """Go to the resolution of finding `number`."""
        findings = self.book.findings
        if 1 <= number <= len(findings):
            self.go_to(number - 1)

    @on(AnswerList.Chosen, "#findings")
    def _clicked(self, event: AnswerList.Chosen) -> None:
        self.go_to(int(event.key))

    def go_to(self, index: int) -> None:
        """Close with the resolution that concludes finding `index`'s cause."""
        finding = self.book.findings[index]
        ref = self.guide.resolution_for(finding.cause, self.prefer_tree)
        if ref is None:
            self.notify(ui("evidence.no-resolution", self.lang, cause=finding.cause), severity="warning", markup=False)
            return
        self.dismiss(ref)

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)
