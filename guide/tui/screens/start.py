"""The start screen: choose the symptom (a tree) by number, or describe it in words.

Each loaded tree is listed with its number; `0` continues a conversation in
progress. Free text goes to the facade's router (`Guide.route`): a clear match
starts that tree, close ones are listed to choose from. Either way the
conversation records the person's words (redacted by the facade) and the tree
the router chose, as the web page does, for `guide report`'s misroutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from guide.engine.service import Guide, NodeRef, Option, ui
from guide.tui.bindings import LocalizedBindings, bind
from guide.tui.commands import JumpProvider
from guide.tui.messages import ContinueRequested, LanguageRequested, StartRequested
from guide.tui.widgets.answers import AnswerInput, AnswerList, narrow_answers, number_width
from guide.tui.widgets.prose import Prose

if TYPE_CHECKING:
    from guide.engine.service import Conversation

CONTINUE = "<continue>"
"""The list key of "continue the conversation in progress" (never a tree id: ids are kebab-case)."""

START_SCORE = 0.8
"""How well free text must fit one tree (by the router) to start it at once."""


class StartScreen(LocalizedBindings, Screen):
    """Choose what to troubleshoot."""

    COMMANDS = {JumpProvider}
    """Palette provider: start at any question or guide by typing its title."""

    BINDINGS = [
        *(bind(str(n), f"choose({n})", "start.choose", show=n == 1, group=True, key_display="0-9")
          for n in range(0, 10)),
        *(bind(str(n), f"digit({n})", "start.choose-two", show=n == 0, group=True, key_display="00-99")
          for n in range(0, 10)),
        bind("f2,ctrl+t", "language", "walk.language"),
        bind("up", "move(-1)", "walk.move", show=False),
        bind("down", "move(1)", "walk.move", show=False),
    ]
    """
    | Key | Does |
    | :- | :- |
    | 0-9 | Start the guide with that number (0 continues the conversation in progress). |
    | 00-99 | The same with two digits, when the list has ten entries or more; other text narrows the list. |
    | f2 / ctrl+t | Japanese / English. |
    | up / down, Enter | Highlight and choose. |
    """

    def __init__(self, guide: Guide, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        """The facade (the trees, their titles, the router)."""
        self.lang = lang
        """The language shown (set by the app through `relabel`)."""
        self.conversation: Conversation | None = None
        """The conversation in progress, offered to continue (set by the app)."""
        self.narrowed_by: str | None = None
        """The free text the list shows the close guides for (None: the whole list)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer one-digit or two-digit choosing, whichever the list is numbered with."""
        if action in ("choose", "digit"):
            width = number_width(self.query_one("#trees", AnswerList).numbers) if self.is_mounted else 1
            return (action == "digit") == (width == 2)
        return True

    def compose(self) -> ComposeResult:
        """Heading, hint, the numbered symptoms, the text box, keys."""
        yield Header()
        yield Prose(id="start-heading")
        yield Prose(id="start-hint")
        yield AnswerList(id="trees")
        yield AnswerInput(id="start-input")
        yield Footer(show_command_palette=False)

    async def on_mount(self) -> None:
        """Focus the text box (the trees are listed when the screen is first shown: `on_screen_resume`)."""
        self.query_one("#start-input", AnswerInput).focus()

    def on_screen_resume(self) -> None:
        """Shown first, or again coming back from a conversation: list the trees (the "continue" entry may
        have changed)."""
        self.redraw()

    def relabel(self, lang: str) -> None:
        """Show the screen in `lang`."""
        super().relabel(lang)
        self.redraw()

    def tree_ids(self) -> list[str]:
        """The trees a conversation can start in: those for a symptom first, then sub-flows."""
        return [item.tree for item in self.guide.symptoms(self.lang, sub_flows=True)]

    def redraw(self, only: list[str] | None = None, heading: str | None = None) -> None:
        """List the trees (or `only` these, under `heading`) in the current language."""
        lang = self.lang
        self.narrowed_by = None
        listed = {item.tree: item.title for item in self.guide.symptoms(lang, sub_flows=True)}
        trees = list(listed) if only is None else only
        options = [Option(tree, listed.get(tree) or self.guide.words.title(tree, lang)) for tree in trees]
        first = 1
        conversation = self.conversation
        if conversation is not None and conversation.status in ("open", "left") and only is None:
            words = self.guide.words
            options.insert(0, Option(CONTINUE, ui("start.continue", lang,
                                                  tree=words.title(conversation.session.tree, lang),
                                                  node=words.title(conversation.position, lang))))
            first = 0
        trees_list = self.query_one("#trees", AnswerList)
        trees_list.show(options, first=first)
        self.query_one("#start-input", AnswerInput).numbers = trees_list.numbers
        self.refresh_bindings()
        self.query_one("#start-heading", Prose).update(Content.styled(heading or ui("start.heading", lang), "bold"))
        hint = ui("start.hint", lang) if trees else ui("start.no-trees", lang)
        self.query_one("#start-hint", Prose).update(Content(hint))
        self.query_one("#start-input", AnswerInput).placeholder = ui("start.input", lang)

    # --- choosing ----------------------------------------------------------

    def choose_key(self, key: str | None) -> None:
        """Start (or continue) what the list entry `key` stands for.

        A guide chosen from the list free text narrowed starts at its start, as
        from the whole list, and the conversation records that text."""
        if key == CONTINUE:
            self.post_message(ContinueRequested())
        elif key and self.narrowed_by:
            start = NodeRef(key, self.guide.content.trees[key].start or "")
            self.post_message(StartRequested(key, start, text=self.narrowed_by))
        elif key:
            self.post_message(StartRequested(key))

    def action_choose(self, number: int) -> None:
        """Choose the entry with `number`."""
        key = self.query_one("#trees", AnswerList).key_for(number)
        if key is None:
            self.notify(ui("walk.no-number", self.lang, number=number), severity="warning", markup=False)
            return
        self.choose_key(key)

    def action_digit(self, digit: int) -> None:
        """A digit of a two-digit number pressed outside the text box: typed into it as if there."""
        number = self.query_one("#start-input", AnswerInput).press_digit(digit)
        if number is not None:
            self.action_choose(number)

    @on(AnswerInput.Number)
    def _number_typed(self, event: AnswerInput.Number) -> None:
        self.action_choose(event.number)

    @on(Input.Changed, "#start-input")
    def _typed(self, event: Input.Changed) -> None:
        """Narrow the list to the entries the text names."""
        narrow_answers(self.query_one("#trees", AnswerList), event.value)

    @on(AnswerInput.Back)
    def _back_typed(self, event: AnswerInput.Back) -> None:
        self.redraw()

    @on(AnswerList.Chosen)
    def _clicked(self, event: AnswerList.Chosen) -> None:
        self.choose_key(event.key)

    @on(Input.Submitted, "#start-input")
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter: the highlighted entry when the box is empty, else route the text."""
        text = event.value.strip()
        event.input.clear()
        if not text:
            self.choose_key(self.query_one("#trees", AnswerList).highlighted_key)
            return
        self.route(text)

    def route(self, text: str) -> None:
        """Start the tree `text` clearly names, or list the close ones."""
        lang = self.lang
        trees = self.tree_ids()
        candidates = [c for c in self.guide.route(text, lang).candidates if c.tree in trees and c.score > 0]
        if not candidates:
            self.notify(ui("start.no-match", lang, text=text), severity="warning", markup=False)
            return
        best = candidates[0]
        clear = best.score >= START_SCORE and (len(candidates) == 1 or candidates[1].score < best.score)
        if clear:
            self.post_message(StartRequested(best.tree, best.node, text=text))
            return
        self.redraw(only=list(dict.fromkeys(c.tree for c in candidates)), heading=ui("start.filtered", lang, text=text))
        self.narrowed_by = text

    def action_move(self, delta: int) -> None:
        """Move the highlighted entry."""
        trees = self.query_one("#trees", AnswerList)
        trees.action_cursor_up() if delta < 0 else trees.action_cursor_down()

    def action_language(self) -> None:
        """Switch Japanese and English."""
        self.post_message(LanguageRequested())
