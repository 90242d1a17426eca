"""Evidence: paste text or name a file; the findings appear; a number jumps to the fix.

Facts from the evidence are held by the walk, so questions that name a fact
show the evidence's answer with its reason (accept with Enter, or override).
Findings name a cause; choosing one dismisses this screen with the resolution
that concludes that cause, and the app jumps there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from guide.engine.errors import GuideError
from guide.engine.model import NodeRef
from guide.tui import view
from guide.tui.bindings import bind, localize
from guide.tui.evidence import resolution_for
from guide.tui.strings import t
from guide.tui.widgets.answers import AnswerList
from guide.tui.widgets.prose import Prose

if TYPE_CHECKING:
    from guide.tui.app import GuideApp


class EvidenceScreen(ModalScreen[NodeRef | None]):
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

    @property
    def guide(self) -> "GuideApp":
        """The application (typed)."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        """Heading, how to, file path, paste box, what was read, findings, keys."""
        lang = self.guide.lang
        with Vertical(id="evidence-box", classes="dialog"):
            yield Prose(Content.styled(t(lang, "evidence.heading"), "bold"), classes="dialog-title")
            yield Prose(t(lang, "evidence.hint"))
            yield Input(placeholder=t(lang, "evidence.path"), id="evidence-path")
            yield TextArea(id="evidence-text", soft_wrap=True, show_line_numbers=False)
            yield Prose(id="evidence-read")
            yield AnswerList(id="findings")
            yield Prose(Content.styled(t(lang, "evidence.keys"), "dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Keys in the UI language, focus the paste box, show what is already known."""
        localize(self, self.guide.lang)
        self.query_one("#evidence-text", TextArea).focus()
        self.redraw()

    def redraw(self) -> None:
        """List the evidence read and the findings, numbered."""
        lang, book = self.guide.lang, self.guide.book
        lines = [t(lang, "evidence.read") if book.items else t(lang, "evidence.none")]
        for item in book.items:
            lines.append(t(lang, "evidence.item", file=item.file, kind=item.kind, count=len(item.facts)))
            lines += [f"  {problem}" for problem in item.problems]
        lines.append(t(lang, "evidence.findings") if book.findings else t(lang, "evidence.no-findings"))
        self.query_one("#evidence-read", Prose).update(Content("\n".join(lines)))
        options = [view.Option(str(index), t(lang, "evidence.finding",
                                             cause=view.cause_name(finding.cause, lang) or finding.cause,
                                             because=finding.because.get(lang) or finding.because.get("en", ""),
                                             where=finding.evidence))
                   for index, finding in enumerate(book.findings)]
        self.query_one("#findings", AnswerList).show(options)

    def _added(self) -> None:
        """Give the walk the new facts, draw, and free the number keys for the findings."""
        self.guide.evidence_added()
        self.redraw()
        self.set_focus(None)

    def action_read(self) -> None:
        """Read the pasted text as evidence."""
        box = self.query_one("#evidence-text", TextArea)
        if not box.text.strip():
            self.guide.say(t(self.guide.lang, "evidence.empty"), severity="warning")
            return
        self.guide.book.read_pasted(box.text)
        box.clear()
        self._added()

    @on(Input.Submitted, "#evidence-path")
    def _path_given(self, event: Input.Submitted) -> None:
        """Enter in the path box: read that file."""
        path = event.value.strip()
        if not path:
            return
        try:
            self.guide.book.read_files([path], self.guide.lang)
        except GuideError as exc:
            self.guide.say(str(exc), severity="error")
            return
        event.input.clear()
        self._added()

    def action_choose(self, number: int) -> None:
        """Go to the resolution of finding `number`."""
        findings = self.guide.book.findings
        if 1 <= number <= len(findings):
            self.go_to(number - 1)

    @on(AnswerList.Chosen, "#findings")
    def _clicked(self, event: AnswerList.Chosen) -> None:
        self.go_to(int(event.key))

    def go_to(self, index: int) -> None:
        """Close with the resolution that concludes finding `index`'s cause."""
        finding = self.guide.book.findings[index]
        walk = self.guide.walk
        ref = resolution_for(self.guide.content, finding.cause, walk.session.position.tree if walk else None)
        if ref is None:
            self.guide.say(t(self.guide.lang, "evidence.no-resolution", cause=finding.cause), severity="warning")
            return
        self.dismiss(ref)

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)
