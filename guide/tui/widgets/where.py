"""The "where am I" panel: the current guide and the path taken through it."""

from __future__ import annotations

from typing import Sequence

from textual.content import Content

from guide.engine.service import PathEntry, ui
from guide.tui.widgets.prose import Prose
from guide.tui.widgets.scroll import CellScroll


def path_content(entries: Sequence[PathEntry], lang: str) -> Content:
    """The path as text: the guide's title, then each node with the answer given there."""
    parts: list = [(ui("where.heading", lang), "bold")]
    tree = None
    for number, entry in enumerate(entries, 1):
        if entry.tree != tree:
            tree = entry.tree
            parts += ["\n\n", (ui("where.tree", lang, tree=tree), "bold underline"), "\n"]
        style = "bold reverse" if entry.current else ""
        parts += ["\n", (f"{number:>2}. ", "dim"), (entry.title, style)]
        if entry.answer:
            parts += ["\n    > ", (entry.answer, "italic")]
        if entry.current:
            parts += ["  ", (f"({ui('where.here', lang)})", "dim")]
    return Content.assemble(*parts)


class WherePanel(CellScroll, can_focus=False):
    """A side panel listing the path taken, the current node highlighted."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Prose(id="where-text")

    def compose(self):
        """The one text block."""
        yield self._text

    def show(self, entries: Sequence[PathEntry], lang: str) -> None:
        """Draw the path `entries` in `lang` (the screen calls it while the panel is shown, and as it opens)."""
        self._text.update(path_content(entries, lang))
        self.scroll_end(animate=False)
