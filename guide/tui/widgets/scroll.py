"""A scrolling container whose scrollbar uses no ambiguous-width glyphs.

Textual draws the ends of a scrollbar thumb with partial blocks (``▁▂▃ ▉▊▋``),
which are East Asian ambiguous-width: a CJK terminal set to draw them wide
shifts the whole line. `CellScroll` draws the thumb in whole cells (colour
only), trading a little precision for lines that stay aligned.
"""

from __future__ import annotations

from typing import ClassVar

from textual.containers import VerticalScroll
from textual.scrollbar import ScrollBarRender


class CellScrollBarRender(ScrollBarRender):
    """A scrollbar drawn with spaces and colour only."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


class CellScroll(VerticalScroll):
    """A `VerticalScroll` whose scrollbars are drawn in whole cells."""

    def on_mount(self) -> None:
        """Swap in the whole-cell scrollbar renderer."""
        self.vertical_scrollbar.renderer = CellScrollBarRender
        self.horizontal_scrollbar.renderer = CellScrollBarRender
