"""The chat transcript: the guide's words and the person's answers, oldest first.

`ChatLog` draws a list of `guide.engine.service.Line`s and, when asked again with a
new list, removes only the lines after the first difference and appends the
rest, so answering a question on a long walk redraws one or two lines, not the
whole conversation. Once the transcript is taller than its window it is
anchored to its end, so new lines arrive already scrolled into view, in the
same frame. Every line is plain text (`Content`), never markup.
"""

from __future__ import annotations

from typing import Sequence

from textual.content import Content

from guide.engine.service import Line
from guide.tui.widgets.prose import Prose
from guide.tui.widgets.scroll import CellScroll


def line_content(line: Line) -> Content:
    """A transcript line as styled plain text: a bold title over the words."""
    if line.title and line.text:
        return Content.assemble((line.title, "bold"), "\n", line.text)
    if line.title:
        return Content.styled(line.title, "bold")
    return Content(line.text)


class ChatLine(Prose):
    """One line of the transcript (its speaker is a CSS class: ``-guide``, ``-person`` or ``-note``)."""

    def __init__(self, line: Line) -> None:
        super().__init__(line_content(line), classes=f"-{line.speaker}")
        self.line = line
        """The view line drawn here."""


class ChatLog(CellScroll, can_focus=False):
    """The scrolling transcript; the current node's card sits at its end (see `ConversationScreen`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[Line] = []

    def on_resize(self) -> None:
        """Anchor to the end only while the transcript overflows (an anchored short one would sink to the bottom)."""
        overflowing = self.virtual_size.height > self.scrollable_content_region.height
        if overflowing != self.is_anchored:
            self.anchor(overflowing)

    @property
    def lines(self) -> tuple[Line, ...]:
        """The lines currently drawn."""
        return tuple(self._shown)

    async def show(self, lines: Sequence[Line], before: object | None = None) -> None:
        """Draw `lines`, keeping the drawn prefix they share with what is shown.

        Args:
            lines: The whole transcript.
            before: A child widget new lines are mounted before (the current node's card).
        """
        keep = 0
        for old, new in zip(self._shown, lines):
            if old.key != new.key:
                break
            keep += 1
        stale = list(self.query_children(ChatLine))[keep:]
        if stale:
            await self.remove_children(stale)
        fresh = [ChatLine(line) for line in lines[keep:]]
        if fresh:
            await self.mount_all(fresh, before=before)
        self._shown = list(lines)
