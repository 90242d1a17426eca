"""Command palette providers: jump anywhere by typing, and the walk's commands.

`JumpProvider` finds any node or tree by its title in Japanese or English
(widths and case folded, so ｻｲﾝｲﾝ and サインイン meet); choosing a hit jumps
the walk there. `WalkCommands` offers what the keys do (restart, back,
language, audience, ticket, ...) in the UI language. Titles are shown as
plain `Content` and help texts are escaped: neither is ever read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from guide.engine.compiler import start_ref
from guide.engine.model import NodeRef
from guide.tui.matching import normalise
from guide.tui.strings import LANGS, t
from guide.tui.view import node_title, tree_title

if TYPE_CHECKING:
    from guide.tui.app import GuideApp


@dataclass(frozen=True, slots=True)
class Place:
    """A place the walk can jump to, with every name it goes by."""

    ref: NodeRef
    """The node (a tree's start for a tree)."""
    is_tree: bool
    """Whether this entry stands for a whole tree."""
    names: tuple[str, ...]
    """Its titles in every language, normalised for matching."""


def places(app: "GuideApp") -> Iterator[Place]:
    """Every tree and every node a person can land on (links are passed through, so left out)."""
    content = app.content
    for tree_id in sorted(content.trees):
        start = start_ref(content, tree_id)
        if start is None:
            continue
        yield Place(start, True, tuple(normalise(tree_title(content, tree_id, lang)) for lang in LANGS))
        for node_id, node in content.trees[tree_id].nodes.items():
            if node.is_passage:
                continue
            ref = NodeRef(tree_id, node_id)
            yield Place(ref, False, tuple(normalise(node_title(content, ref, lang)) for lang in LANGS))


class JumpProvider(Provider):
    """Jump to any node or tree by typing its title in either language."""

    @property
    def guide(self) -> "GuideApp":
        """The application (typed)."""
        return self.app  # type: ignore[return-value]

    def _display(self, place: Place) -> tuple[Content, str]:
        """What a hit shows (title in the UI language, the other language dimmed) and its help text."""
        app, lang = self.guide, self.guide.lang
        other = LANGS[1] if lang == LANGS[0] else LANGS[0]
        if place.is_tree:
            title, second = (tree_title(app.content, place.ref.tree, language) for language in (lang, other))
            help_text = t(lang, "palette.tree.help")
        else:
            title, second = (node_title(app.content, place.ref, language) for language in (lang, other))
            help_text = t(lang, "palette.jump.help", tree=tree_title(app.content, place.ref.tree, lang))
        shown = Content.styled(title, "bold" if place.is_tree else "")
        if second != title:
            shown = Content.assemble(shown, "  ", (second, "dim"))
        return shown, escape(help_text)

    def _jump(self, ref: NodeRef) -> Callable[[], None]:
        return partial(self.guide.jump_to, ref)

    async def discover(self) -> Hits:
        """Every tree, to jump to its first question."""
        for place in places(self.guide):
            if place.is_tree:
                shown, help_text = self._display(place)
                yield DiscoveryHit(shown, self._jump(place.ref), text=shown.plain, help=help_text)

    async def search(self, query: str) -> Hits:
        """Trees and nodes whose title (in either language) matches `query`."""
        wanted = normalise(query)
        if not wanted:
            return
        matcher = self.matcher(wanted)
        for place in places(self.guide):
            score = max((matcher.match(name) for name in place.names if name), default=0)
            if score > 0:
                shown, help_text = self._display(place)
                yield Hit(score, shown, self._jump(place.ref), text=shown.plain, help=help_text)


class WalkCommands(Provider):
    """The conversation's own commands (what the keys do), in the UI language."""

    def _commands(self) -> list[tuple[str, Callable[[], object]]]:
        """(title, callback) for each command that fits where the walk stands."""
        screen = self.screen
        lang = self.app.lang  # type: ignore[attr-defined]
        commands = []
        for key, action in (("palette.back", "back"), ("palette.restart", "restart"),
                            ("palette.language", "language"), ("palette.export", "export"),
                            ("palette.where", "where"), ("palette.copy", "copy"), ("palette.run", "run"),
                            ("palette.home", "home")):
            method = getattr(screen, f"action_{action}", None)
            if method is not None:
                commands.append((t(lang, key), method))
        commands.append((t(lang, "palette.evidence"), self.app.action_evidence))  # type: ignore[attr-defined]
        mode = getattr(screen, "action_mode", None)
        if mode is not None:
            other = "agent" if self.app.audience == "user" else "user"  # type: ignore[attr-defined]
            commands.append((t(lang, f"palette.mode.{other}"), mode))
        return commands

    async def discover(self) -> Hits:
        """All of the commands."""
        for title, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title)

    async def search(self, query: str) -> Hits:
        """The commands whose title matches `query`."""
        matcher = self.matcher(query)
        for title, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, Content(title), callback, text=title)
