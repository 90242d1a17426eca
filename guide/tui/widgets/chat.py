"""The chat transcript: the guide's words and the person's answers, oldest first.

The whole transcript is one widget, `Transcript`, that draws its own lines
(Textual's line API, as its `Log` does), so the screen's layout holds the same
few widgets after eighty answers as after one: a widget per entry made every
key press lay out, style and place every earlier entry again. Each entry is
wrapped and styled once for a width and kept; answering appends the new
entries' lines (entries after the first difference are drawn again, so back,
restart, a language or audience switch show exactly what a fresh screen
would); only the lines in view are painted.

How an entry looks comes from the stylesheet, as for any widget: the
component classes ``transcript--guide``, ``transcript--person`` and
``transcript--note`` give its background, colour, text style, margin (between
entries, the larger of the two margins applies, as between widgets), padding
and text alignment. Every line is plain text (`Content`), never markup. Text
can be selected with the mouse as in any other widget.

`ChatLog` is the scrolling container: the transcript, then the current node's
card (see `ConversationScreen`). Once taller than its window it is anchored to
its end, so new lines arrive already scrolled into view, in the same frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Sequence

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions
from textual.widget import Widget

from guide.engine.service import Line
from guide.tui.widgets.prose import wrap_content
from guide.tui.widgets.scroll import CellScroll


def line_content(line: Line) -> Content:
    """A transcript line as styled plain text: a bold title over the words."""
    if line.title and line.text:
        return Content.assemble((line.title, "bold"), "\n", line.text)
    if line.title:
        return Content.styled(line.title, "bold")
    return Content(line.text)


def _parse_style(style: Style | str) -> Style:
    """The style a `Content` span names (ours are plain names such as ``bold``)."""
    return style if isinstance(style, Style) else Style.parse(style)


@dataclass(frozen=True)
class _Drawn:
    """One entry drawn at one width."""

    top: int
    """Its top margin (rows)."""
    bottom: int
    """Its bottom margin (rows)."""
    rows: list[Strip]
    """Its rows, padding and side margins included."""
    text: list[str]
    """The words on each row ("" on padding rows): what a selection on that row picks from."""


WIDTHS_KEPT = 3
"""Widths the entries are kept drawn at (a resize beyond them draws them again)."""


class Transcript(Widget, can_focus=False):
    """Every entry of the conversation so far, drawn as lines; see the module docstring."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"transcript--guide", "transcript--person", "transcript--note"}

    DEFAULT_CSS = """
    Transcript {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Line] = []
        self._drawn: dict[int, list[_Drawn | None]] = {}
        """Per width (the layout asks at more than one, with and without a scrollbar), each entry as drawn
        at it (None: not yet)."""
        self._joined: dict[int, tuple[list[Strip], list[str]]] = {}
        """Per width, every row of the transcript (margins between entries included) and its words."""

    @property
    def lines(self) -> tuple[Line, ...]:
        """The entries shown."""
        return tuple(self._lines)

    @property
    def text(self) -> str:
        """Everything the transcript says, one entry after another (the words only)."""
        return "\n".join(line_content(line).plain for line in self._lines)

    def show(self, lines: Sequence[Line]) -> None:
        """Show `lines`, keeping what is drawn of the entries they share with those shown (by key)."""
        keep = 0
        for old, new in zip(self._lines, lines):
            if old.key != new.key:
                break
            keep += 1
        if keep == len(self._lines) == len(lines):
            return
        self._lines = list(lines)
        for width, drawn in self._drawn.items():
            self._drawn[width] = drawn[:keep] + [None] * (len(lines) - keep)
        self._joined.clear()  # the rows are joined again (only the new entries are wrapped and styled)
        self.refresh(layout=True)

    def notify_style_update(self) -> None:
        """The stylesheet or theme changed: draw every entry again."""
        super().notify_style_update()
        self._drawn.clear()
        self._joined.clear()

    # --- drawing -----------------------------------------------------------

    def _draw_entry(self, line: Line, width: int, first_row: int) -> _Drawn:
        """`line` as rows `width` cells wide, styled as its speaker's component class says; its words
        start at row `first_row` of the transcript (their position, for text selection)."""
        name = f"transcript--{line.speaker}"
        styles = self.get_component_styles(name)
        style = self.get_visual_style(name)
        margin_top, margin_right, margin_bottom, margin_left = styles.margin
        pad_top, pad_right, pad_bottom, pad_left = styles.padding
        box = max(width - margin_left - margin_right, 0)
        inner_width = max(box - pad_left - pad_right, 0)
        outside = self._outside_style()
        inside = Style(background=style.background).rich_style
        words = wrap_content(line_content(line), inner_width)
        strips = words.render_strips(inner_width, None, style,
                                     RenderOptions(_parse_style, {"text_align": styles.text_align})) if inner_width else []
        left = [Segment(" " * margin_left, outside)] if margin_left else []
        right = [Segment(" " * margin_right, outside)] if margin_right else []
        blank = Strip([*left, Segment(" " * box, inside), *right], width) if box else Strip.blank(width, outside)
        rows = [blank] * pad_top
        for y, strip in enumerate(strips, first_row + pad_top):
            strip = strip.adjust_cell_length(inner_width, inside)
            body = ([Segment(" " * pad_left, inside)] if pad_left else []) + _placed(strip, y)
            body += [Segment(" " * pad_right, inside)] if pad_right else []
            rows.append(Strip([*left, *body, *right], width))
        rows += [blank] * pad_bottom
        text = [""] * pad_top + words.plain.split("\n")[:len(strips)] + [""] * pad_bottom
        return _Drawn(margin_top, margin_bottom, rows, text)

    def _outside_style(self) -> RichStyle:
        """Cells outside every entry (margins): the background behind the transcript."""
        return RichStyle.from_color(bgcolor=self.background_colors[1].rich_color)

    def _layout(self, width: int) -> list[Strip]:
        """Every row at `width` (drawing the entries not yet drawn at it)."""
        joined = self._joined.get(width)
        if joined is not None:
            return joined[0]
        if width not in self._drawn:
            if len(self._drawn) >= WIDTHS_KEPT:
                self._drawn.clear()
            self._drawn[width] = [None] * len(self._lines)
        drawn_here = self._drawn[width]
        gap_row = Strip.blank(width, self._outside_style())
        rows: list[Strip] = []
        texts: list[str] = []
        previous_bottom: int | None = None
        for index, line in enumerate(self._lines):
            drawn = drawn_here[index]
            gap = drawn.top if drawn is not None else self.get_component_styles(f"transcript--{line.speaker}").margin.top
            gap = gap if previous_bottom is None else max(previous_bottom, gap)
            rows += [gap_row] * gap
            texts += [""] * gap
            if drawn is None:
                drawn = drawn_here[index] = self._draw_entry(line, width, len(rows))
            rows += drawn.rows
            texts += drawn.text
            previous_bottom = drawn.bottom
        self._joined[width] = (rows, texts)
        return rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """How many rows the transcript takes at `width`."""
        return len(self._layout(width)) if width else 0

    def render_line(self, y: int) -> Strip:
        """Row `y`, the selection (if any) shown on it."""
        width = self.size.width
        rows = self._layout(width)
        if not 0 <= y < len(rows):
            return Strip.blank(width, self._outside_style())
        selection = self.text_selection
        span = selection.get_span(y) if selection is not None else None
        if span is None:
            return rows[y]
        start, end = span
        end = len(self._joined[width][1][y]) if end == -1 else end
        return _selected(rows[y], start, end, self.screen.get_component_rich_style("screen--selection"))

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The words under `selection`, row by row as wrapped."""
        self._layout(self.size.width)
        self._layout(self.size.width)
        return selection.extract("\n".join(self._joined[self.size.width][1])), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        """Paint the selection."""
        self.refresh()


def _placed(strip: Strip, y: int) -> list[Segment]:
    """`strip`'s segments with their text position (``offset`` meta, which text selection reads) moved to row `y`."""
    segments = []
    for segment in strip:
        style = segment.style
        offset = style.meta.get("offset") if style is not None else None
        if offset is not None:
            style = style + RichStyle.from_meta({"offset": (offset[0], y)})
        segments.append(Segment(segment.text, style))
    return segments


def _selected(row: Strip, start: int, end: int, chosen: RichStyle) -> Strip:
    """`row` with the characters `start` to `end` of its words (by ``offset`` meta) in the style `chosen`."""
    segments = []
    for segment in row:
        style = segment.style
        offset = style.meta.get("offset") if style is not None else None
        if offset is None:
            segments.append(segment)
            continue
        first, text = offset[0], segment.text
        cut_start, cut_end = min(max(start - first, 0), len(text)), min(max(end - first, 0), len(text))
        for piece, selected in ((text[:cut_start], False), (text[cut_start:cut_end], True), (text[cut_end:], False)):
            if piece:
                segments.append(Segment(piece, style + chosen if selected else style))
    return Strip(segments, row.cell_length)


class ChatLog(CellScroll, can_focus=False):
    """The scrolling transcript; the current node's card sits at its end (see `ConversationScreen`)."""

    def on_resize(self) -> None:
        """The window changed: anchor or not (see `_follow`)."""
        self._follow()

    def watch_virtual_size(self) -> None:
        """The transcript or card grew or shrank: anchor or not (a Resize event comes only when the window
        changes, so the step that first overflows would otherwise stop a row or two short of the end)."""
        self._follow()

    def _follow(self) -> None:
        """Anchor to the end only while the transcript overflows (an anchored short one would sink to the bottom)."""
        overflowing = self.virtual_size.height > self.scrollable_content_region.height
        if overflowing != self.is_anchored:
            self.anchor(overflowing)

    @property
    def transcript(self) -> Transcript:
        """The conversation so far (the first child; see `ConversationScreen.compose`)."""
        return self.query_one(Transcript)
