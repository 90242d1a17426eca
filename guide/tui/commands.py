"""Command palette providers: jump anywhere by typing, and the walk's commands.

`JumpProvider` finds any node or tree by its title in Japanese or English
(widths and case folded, so ｻｲﾝｲﾝ and サインイン meet); choosing a hit asks the
app to jump there (`JumpRequested`). `WalkCommands` offers what the keys do (restart, back,
language, audience, ticket, ...) in the UI language. Titles are shown as
plain `Content` and help texts are escaped: neither is ever read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from guide.engine.service import LANGS, Guide, NodeRef, other_language, ui
from guide.tui.matching import normalise
from guide.tui.messages import JumpRequested, ModeRequested


@dataclass(frozen=True, slots=True)
class Place:
    """A place the walk can jump to, with every name it goes by."""

    ref: NodeRef
    """The node (a tree's start for a tree)."""
    is_tree: bool
    """Whether this entry stands for a whole tree."""
    names: tuple[str, ...]
    """Its titles in every language, normalised for matching."""


def places(guide: Guide) -> Iterator[Place]:
    """Every tree and every node a person can land on (links are passed through, so left out)."""
    content, words = guide.content, guide.words
    for item in guide.symptoms(LANGS[0], sub_flows=True):
        yield Place(item.start, True, tuple(normalise(words.title(item.tree, lang)) for lang in LANGS))
        for node_id, node in content.trees[item.tree].nodes.items():
            if node.is_passage:
                continue
            ref = NodeRef(item.tree, node_id)
            yield Place(ref, False, tuple(normalise(words.title(ref, lang)) for lang in LANGS))


class JumpProvider(Provider):
    """Jump to any node or tree by typing its title in either language."""

    @property
    def guide(self) -> Guide:
        """The facade of the screen the palette was opened on."""
        return self.screen.guide  # type: ignore[attr-defined]

    def _display(self, place: Place) -> tuple[Content, str]:
        """What a hit shows (title in the screen's language, the other language dimmed) and its help text."""
        lang, words = self.screen.lang, self.guide.words  # type: ignore[attr-defined]
        other = other_language(lang)
        if place.is_tree:
            title, second = (words.title(place.ref.tree, language) for language in (lang, other))
            help_text = ui("palette.tree.help", lang)
        else:
            title, second = (words.title(place.ref, language) for language in (lang, other))
            help_text = ui("palette.jump.help", lang, tree=words.title(place.ref.tree, lang))
        shown = Content.styled(title, "bold" if place.is_tree else "")
        if second != title:
            shown = Content.assemble(shown, "  ", (second, "dim"))
        return shown, escape(help_text)

    def _jump(self, ref: NodeRef) -> Callable[[], None]:
        return partial(self.screen.post_message, JumpRequested(ref))

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
        lang = screen.lang  # type: ignore[attr-defined]
        commands = []
        for key, action in (("palette.back", "back"), ("palette.restart", "restart"),
                            ("palette.language", "language"), ("palette.export", "export"),
                            ("palette.where", "where"), ("palette.copy", "copy"), ("palette.run", "run"),
                            ("palette.home", "home")):
            method = getattr(screen, f"action_{action}", None)
            if method is not None:
                commands.append((ui(key, lang), method))
        commands.append((ui("palette.evidence", lang), partial(self.app.run_action, "evidence")))
        conversation = getattr(screen, "conversation", None)
        if conversation is not None:
            other = "agent" if conversation.mode == "user" else "user"
            commands.append((ui(f"palette.mode.{other}", lang), partial(screen.post_message, ModeRequested())))
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
