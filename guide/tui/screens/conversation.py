"""The conversation: the guide asks, the person answers, the transcript scrolls.

Layout, top to bottom: the chat transcript with the current node's card at
its end (and the "where am I" panel beside it when shown), the evidence's
proposal when there is one, the numbered answers, and the text box, which
always has focus. Everything shown is computed from the session by
`guide.tui.view`; this screen only turns keys into walk operations and draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from guide.engine.model import QUESTION, NodeRef
from guide.engine.session import EVIDENCE, USER, WalkError
from guide.tui import view
from guide.tui.actions import ActionView, copyables, to_run
from guide.tui.bindings import bind, localize
from guide.tui.commands import JumpProvider, WalkCommands
from guide.tui.matching import match_answer
from guide.tui.strings import t
from guide.tui.widgets.answers import AnswerInput, AnswerList, narrow_answers, number_width
from guide.tui.widgets.chat import ChatLog
from guide.tui.widgets.node_card import NodeCard
from guide.tui.widgets.where import WherePanel
from guide.tui.widgets.prose import Prose

if TYPE_CHECKING:
    from guide.tui.app import GuideApp

JUMP_SCORE = 0.8
"""How well free text must fit a place (by the router) to jump there when it names no answer."""


class ConversationScreen(Screen):
    """Walk a tree as a chat: numbered answers, free text, back, restart, jump."""

    COMMANDS = {JumpProvider, WalkCommands}
    """Palette providers on this screen: jump by title, and the walk's commands."""

    BINDINGS = [
        *(bind(str(n), f"answer({n})", "walk.answer", show=n == 1, group=True, key_display="1-9")
          for n in range(1, 10)),
        *(bind(str(n), f"digit({n})", "walk.answer-two", show=n == 0, group=True, key_display="01-99")
          for n in range(0, 10)),
        bind("ctrl+z", "back", "walk.back"),
        bind("ctrl+r", "restart", "walk.restart"),
        bind("f2,ctrl+t", "language", "walk.language"),
        bind("f3", "mode", "walk.mode", show=False),
        bind("f4,ctrl+g", "where", "walk.where"),
        bind("ctrl+s", "export", "walk.export"),
        bind("ctrl+y", "copy", "walk.copy"),
        bind("f6,ctrl+o", "run", "walk.run"),
        bind("escape", "home", "walk.home", show=False),
        bind("up", "move(-1)", "walk.move", show=False),
        bind("down", "move(1)", "walk.move", show=False),
        bind("pageup", "scroll(-1)", "walk.scroll", show=False),
        bind("pagedown", "scroll(1)", "walk.scroll", show=False),
    ]
    """
    | Key | Does |
    | :- | :- |
    | 1-9 | Answer with that number (while the text box is empty; lists of up to nine). |
    | 01-99 | Answer with that two-digit number (lists of ten or more); other text narrows the list. |
    | Backspace | Back (while the text box is empty). |
    | ctrl+z | Back one step (a restart, right after it). |
    | ctrl+r | Restart the guide. |
    | f2 / ctrl+t | Japanese / English. |
    | f3 | Self-service / support-agent wording. |
    | f4 / ctrl+g | Where am I. |
    | ctrl+s | Ticket note. |
    | ctrl+y | Copy a command. |
    | f6 / ctrl+o | Run an action's command (Windows only; shows the command and asks first). |
    | escape | Close the where panel; else back to the list of symptoms. |
    | up / down | Move the highlighted answer (Enter chooses it). |
    """

    show_where: reactive[bool] = reactive(False)
    """Whether the "where am I" panel is shown."""

    _offered: tuple[bool, bool, int] | None = None
    """Whether the copy and run keys were offered, and the digits per number, at the last redraw (the footer is
    rebuilt only when they change)."""

    @property
    def guide(self) -> "GuideApp":
        """The application (typed)."""
        return self.app  # type: ignore[return-value]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the copy key only where there is something to copy, the run key where something can run."""
        if action == "copy":
            return bool(self._copyables())
        if action == "run":
            return bool(self._runnable())
        if action in ("answer", "digit"):
            return (action == "digit") == (self._number_width() == 2)
        return True

    def _number_width(self) -> int:
        """Digits per answer number in the list shown (1, or 2 from ten answers on)."""
        return number_width(self.query_one("#answers", AnswerList).numbers) if self.is_mounted else 1

    def compose(self) -> ComposeResult:
        """Transcript (+ where panel), proposal, answers, text box, keys."""
        yield Header()
        with Horizontal(id="walk-body"):
            with ChatLog(id="chat"):
                yield NodeCard(id="current")
            yield WherePanel(id="where")
        yield Prose(id="proposal")
        yield AnswerList(id="answers")
        yield AnswerInput(id="answer-input")
        yield Footer(show_command_palette=False)

    async def on_mount(self) -> None:
        """Localize, subscribe to language changes, draw, and focus the text box."""
        self.guide.language_changed.subscribe(self, self._language_changed)
        localize(self, self.guide.lang)
        self.query_one("#answer-input", AnswerInput).focus()
        await self.redraw()

    async def _language_changed(self, lang: str) -> None:
        localize(self, lang)
        await self.redraw()

    # --- drawing -----------------------------------------------------------

    async def redraw(self) -> None:
        """Draw everything from the session, in the current language and for the current audience."""
        walk = self.guide.walk
        if walk is None:
            return
        with self.app.batch_update():  # one frame for the whole change, not one per widget
            await self._draw(walk)

    async def _draw(self, walk) -> None:
        session, lang, audience = walk.session, self.guide.lang, self.guide.audience
        chat = self.query_one("#chat", ChatLog)
        card = self.query_one("#current", NodeCard)
        await chat.show(view.transcript(session, lang, audience), before=card)
        await card.show(view.card(session, lang, audience, platform=self.guide.actions.platform), lang)
        proposal = session.proposal()
        proposed = proposal.answer if proposal else None
        options = view.options(session, lang)
        self.query_one("#answers", AnswerList).show(
            options, proposed, f"({t(lang, 'walk.by-evidence', reason=proposal.reason)})" if proposal else "")
        bar = self.query_one("#proposal", Prose)
        if proposal:
            label = view.answer_label(session.content, session.position, proposal.answer, lang)
            bar.update(Content(t(lang, "walk.proposal", answer=label, reason=proposal.reason)))
        bar.display = proposal is not None
        box = self.query_one("#answer-input", AnswerInput)
        box.numbers = self.query_one("#answers", AnswerList).numbers
        box.placeholder = t(lang, "walk.input") if len(options) < 10 else t(lang, "walk.input.long", last=len(options))
        self.query_one("#where", WherePanel).show(view.path_taken(session, lang), lang)
        self.sub_title = view.tree_title(session.content, session.position.tree, lang)
        offered = (bool(self._copyables()), bool(self._runnable()), self._number_width())
        if offered != self._offered:
            # Refreshing the bindings rebuilds the whole footer: only when a key comes or goes.
            self._offered = offered
            self.refresh_bindings()
        chat.scroll_end(animate=False)

    def watch_show_where(self, shown: bool) -> None:
        """Show or hide the where panel (a class on the screen; the stylesheet does the rest)."""
        self.set_class(shown, "-show-where")

    # --- answering ---------------------------------------------------------

    async def choose(self, key: str) -> None:
        """Give answer `key` at the current node (escalate also opens the ticket note)."""
        walk = self.guide.walk
        proposal = walk.session.proposal()
        by, reason = (EVIDENCE, proposal.reason) if proposal and proposal.answer == key else (USER, "")
        try:
            walk.answer(key, by=by, reason=reason)
        except WalkError as exc:
            self.guide.say(str(exc), severity="warning")
            return
        await self._after_step()
        if key == view.ESCALATE:
            self.guide.open_export(escalate=True)

    async def _after_step(self) -> None:
        """Report a failed save and draw the new state."""
        if self.guide.walk.save_error:
            self.guide.say(t(self.guide.lang, "walk.saved-failed", error=self.guide.walk.save_error),
                           severity="error")
        await self.redraw()

    async def action_answer(self, number: int) -> None:
        """Choose the answer with `number` (1-based)."""
        options = view.options(self.guide.walk.session, self.guide.lang)
        if not 1 <= number <= len(options):
            self.guide.say(t(self.guide.lang, "walk.no-number", number=number), severity="warning")
            return
        await self.choose(options[number - 1].key)

    async def action_digit(self, digit: int) -> None:
        """A digit of a two-digit number pressed outside the text box: typed into it as if there."""
        number = self.query_one("#answer-input", AnswerInput).press_digit(digit)
        if number is not None:
            await self.action_answer(number)

    @on(AnswerInput.Number)
    async def _number_typed(self, event: AnswerInput.Number) -> None:
        await self.action_answer(event.number)

    @on(Input.Changed, "#answer-input")
    def _typed(self, event: Input.Changed) -> None:
        """Narrow the answers to those the text names (a first digit of a two-digit number narrows nothing)."""
        narrow_answers(self.query_one("#answers", AnswerList), event.value)

    @on(AnswerInput.Back)
    async def _back_typed(self, event: AnswerInput.Back) -> None:
        await self.action_back()

    @on(AnswerList.Chosen)
    async def _clicked(self, event: AnswerList.Chosen) -> None:
        await self.choose(event.key)
        self.query_one("#answer-input", AnswerInput).focus()

    @on(Input.Submitted, "#answer-input")
    async def _submitted(self, event: Input.Submitted) -> None:
        """Enter: the highlighted answer when the box is empty, else the answer the text names."""
        text = event.value.strip()
        answers = self.query_one("#answers", AnswerList)
        only = answers.narrowed_to
        event.input.clear()
        if not text or only:
            key = only or answers.highlighted_key
            if key:
                await self.choose(key)
            return
        await self.answer_text(text)

    async def answer_text(self, text: str) -> None:
        """Answer with free text: a label, number or key; else the answer the words clearly mean
        (the engine's answer matching); else ask the router where the text points."""
        session = self.guide.walk.session
        key = match_answer(text, view.choices(session))
        if key is None and session.node.type == QUESTION:
            key = self.guide.answer_matcher(session.content, session.position, text)
        if key:
            await self.choose(key)
            return
        candidates = self.guide.router(session.content, text, self.guide.lang)
        if candidates and candidates[0].score >= JUMP_SCORE:
            best = candidates[0]
            self.jump(best.node or NodeRef(best.tree, session.content.trees[best.tree].start or ""))
            await self.redraw()
            return
        self.guide.say(t(self.guide.lang, "walk.no-match", text=text), severity="warning")

    # --- navigation --------------------------------------------------------

    async def action_back(self) -> None:
        """Undo the last step (or the last restart)."""
        walk = self.guide.walk
        undoing_restart = walk.can_undo_restart
        if not walk.back():
            self.guide.say(t(self.guide.lang, "walk.at-start"))
            return
        if undoing_restart:
            self.guide.say(t(self.guide.lang, "walk.restart-undone"))
        await self._after_step()

    async def action_restart(self) -> None:
        """Start the guide again (Back right after undoes it)."""
        self.guide.walk.restart()
        self.guide.say(t(self.guide.lang, "walk.restarted"))
        await self._after_step()

    def jump(self, ref: NodeRef) -> bool:
        """Continue the walk at `ref`; False (with a notice) when the content does not allow it."""
        try:
            self.guide.walk.jump(ref)
        except WalkError as exc:
            self.guide.say(str(exc), severity="warning")
            return False
        self.guide.say(t(self.guide.lang, "walk.jumped",
                         title=view.node_title(self.guide.content, self.guide.walk.session.position,
                                               self.guide.lang)))
        return True

    def action_language(self) -> None:
        """Switch Japanese and English, transcript included."""
        self.guide.switch_language()

    async def action_mode(self) -> None:
        """Switch self-service and support-agent wording."""
        self.guide.switch_audience()
        await self.redraw()

    def action_where(self) -> None:
        """Show or hide the "where am I" panel."""
        self.show_where = not self.show_where

    def action_export(self) -> None:
        """Open the ticket note."""
        self.guide.open_export()

    def action_home(self) -> None:
        """Close the "where am I" panel when it is open; else back to the list of symptoms (the walk stays saved)."""
        if self.show_where:
            self.show_where = False
            return
        self.guide.go_home()

    def action_move(self, delta: int) -> None:
        """Move the highlighted answer up or down."""
        answers = self.query_one("#answers", AnswerList)
        if delta < 0:
            answers.action_cursor_up()
        else:
            answers.action_cursor_down()

    def action_scroll(self, pages: int) -> None:
        """Scroll the transcript a page up or down."""
        chat = self.query_one("#chat", ChatLog)
        if pages < 0:
            chat.scroll_page_up()
        else:
            chat.scroll_page_down()

    def _copyables(self) -> list:
        """What the copy key can copy where the walk stands."""
        walk = self.guide.walk
        if walk is None or not walk.session.node.is_conclusion:
            return []
        card = self.query_one("#current", NodeCard).card
        return copyables(card.actions if card else (), t(self.guide.lang, "walk.request"))

    def _runnable(self) -> list[ActionView]:
        """The actions of the current conclusion that can still be run here (none ran at this node yet)."""
        walk = self.guide.walk
        if walk is None or not walk.session.node.is_conclusion:
            return []
        card = self.query_one("#current", NodeCard).card
        return to_run(card.actions if card else ())

    def action_run(self) -> None:
        """Run an action's command: always through a confirmation showing it; never one that already ran here."""
        lang = self.guide.lang
        found = self._runnable()
        if found:
            self.guide.choose_run(found)
            return
        card = self.query_one("#current", NodeCard).card
        actions = card.actions if card and self.guide.walk.session.node.is_conclusion else ()
        if any(action.runnable and action.done for action in actions):
            self.guide.say(t(lang, "walk.all-run"))
        else:
            self.guide.say(t(lang, "walk.nothing-to-run"))

    def action_copy(self) -> None:
        """Copy a command of the current conclusion (ask which when there are several)."""
        lang = self.guide.lang
        found = self._copyables()
        if not found:
            self.guide.say(t(lang, "walk.nothing-to-copy"))
        elif len(found) == 1:
            self.guide.copy(found[0])
        else:
            self.guide.choose_copy(found)
