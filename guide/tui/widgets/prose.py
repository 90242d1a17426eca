"""Text that wraps well in Japanese: the base of every widget that shows content words.

`Prose` holds a `Content` (plain text with styles, never markup) and breaks it
into lines itself with `guide.tui.wrap`, between any two wide characters as
well as at spaces, so mixed Japanese and English fills the width instead of
leaving short ragged lines. Textual then draws lines that already fit.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from guide.tui.wrap import break_offsets


def wrap_content(content: Content, width: int) -> Content:
    """`content` with a newline wherever a line must break to fit `width` cells (styles kept)."""
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        offsets = break_offsets(line.plain, width)
        if not offsets:
            lines.append(line)
            continue
        pieces = line.divide(offsets)
        lines += [piece.rstrip() for piece in pieces[:-1]] + [pieces[-1]]
    return Content("\n").join(lines)


class Prose(Widget):
    """A block of plain text (a `Content`, or a string taken literally) that wraps Japanese well."""

    DEFAULT_CSS = """
    Prose {
        height: auto;
    }
    """

    def __init__(self, content: Content | str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Content(content) if isinstance(content, str) else content
        self._wrap_cache: tuple[int, Content] | None = None
        """The text last wrapped and the width it was wrapped for (layout asks several times per frame)."""

    @property
    def content(self) -> Content:
        """The text shown (unwrapped)."""
        return self._content

    def update(self, content: Content | str) -> None:
        """Show `content` instead (a string is taken literally, never as markup); the same text in the
        same styles changes nothing (no layout, no repaint)."""
        content = Content(content) if isinstance(content, str) else content
        if content.plain == self._content.plain and content.spans == self._content.spans:
            return
        self._content = content
        self._wrap_cache = None
        self.refresh(layout=True)

    def _wrapped(self, width: int) -> Content:
        cached = self._wrap_cache
        if cached is not None and cached[0] == width:
            return cached[1]
        wrapped = wrap_content(self._content, width)
        self._wrap_cache = (width, wrapped)
        return wrapped

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The widest line at the container's width."""
        return max((line.cell_length for line in self._wrapped(container.width).split("\n")), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """How many lines the text takes at `width`."""
        if not width:
            return 0
        return len(self._wrapped(width).split("\n", allow_blank=True))

    def render(self) -> Content:
        """The text, broken into lines that fit."""
        return self._wrapped(self.content_size.width or self.size.width)
