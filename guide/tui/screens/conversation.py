"""The conversation: the guide asks, the person answers, the transcript scrolls.

Layout, top to bottom: the chat transcript with the current node's card at
its end (and the "where am I" panel beside it when shown), the evidence's
proposal when there is one, the numbered answers, and the text box, which
always has focus. Everything shown is the conversation's `view()` (plain data
from the engine); this screen only turns keys into conversation operations and
draws. What belongs to the app (dialogs, language, audience, going home) it
asks for with a message (`guide.tui.messages`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Input

from guide.engine.service import (ESCALATE, EVIDENCE, QUESTION, USER, Conversation, ConversationView, Guide, NodeRef,
                                  Option, WalkError, ui)
from guide.tui.bindings import LocalizedBindings, bind
from guide.tui.commands import JumpProvider, WalkCommands
from guide.tui.copying import copyables
from guide.tui.matching import Choice, match_label
from guide.tui.messages import CopyRequested, ExportRequested, HomeRequested, LanguageRequested, ModeRequested, RunRequested
from guide.tui.widgets.answers import AnswerInput, AnswerList, narrow_answers, number_width
from guide.tui.widgets.chat import ChatLog, Transcript
from guide.tui.widgets.node_card import NodeCard
from guide.tui.widgets.keybar import KeyBar
from guide.tui.widgets.where import WherePanel
from guide.tui.widgets.prose import Prose

JUMP_SCORE = 0.8
"""How well free text must fit a place (by the router) to jump there when it names no answer."""

INSTEAD = "instead:"
"""The key prefix of an entry that takes another guide the router offered (`Conversation.switch_to`)."""


def choices(view: ConversationView) -> tuple[Option, ...]:
    """The numbered entries: the answers, then the other guides the router offered for the caller's words."""
    return view.options + tuple(Option(INSTEAD + other.tree, ui("walk.instead-entry", view.lang, title=other.title),
                                       (other.title,)) for other in view.alternatives)


class ConversationScreen(LocalizedBindings, Screen):
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

    def __init__(self, guide: Guide, conversation: Conversation, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        """The facade (words, router, actions)."""
        self.conversation = conversation
        """The conversation shown: its language and audience are the screen's."""
        self.lang = conversation.lang
        self.view: ConversationView | None = None
        """What was drawn last."""

    def say(self, message: str, severity: str = "information") -> None:
        """A notice, plain text."""
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the copy key only where there is something to copy, the run key where something can run
        (every key while the key bar lays them out)."""
        if self.every_key:
            return True
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
                yield Transcript(id="transcript")
                yield NodeCard(id="current")
            yield WherePanel(id="where")
        yield Prose(id="proposal")
        yield AnswerList(id="answers")
        yield AnswerInput(id="answer-input")
        yield KeyBar(show_command_palette=False)

    async def on_mount(self) -> None:
        """Focus the text box and draw."""
        self.query_one("#answer-input", AnswerInput).focus()
        await self.redraw()

    def relabel(self, lang: str) -> None:
        """Show the conversation in `lang` (the app switched it)."""
        super().relabel(lang)
        self.call_later(self.redraw)

    # --- drawing -----------------------------------------------------------

    async def redraw(self) -> None:
        """Draw everything from the conversation's view, in its language and for its audience."""
        with self.app.batch_update():  # one frame for the whole change, not one per widget
            await self._draw(self.conversation.view())

    async def _draw(self, view: ConversationView) -> None:
        self.view, lang = view, view.lang
        if self.lang != lang:
            super().relabel(lang)
        chat = self.query_one("#chat", ChatLog)
        chat.transcript.show(view.lines)
        await self.query_one("#current", NodeCard).show(view.card, lang)
        proposal = view.proposal
        options = choices(view)
        self.query_one("#answers", AnswerList).show(
            options, proposal.key if proposal else None,
            f"({ui('walk.by-evidence', lang, reason=proposal.reason)})" if proposal else "")
        bar = self.query_one("#proposal", Prose)
        if proposal:
            bar.update(Content(ui("walk.proposal", lang, answer=proposal.label, reason=proposal.reason)))
        bar.display = proposal is not None
        box = self.query_one("#answer-input", AnswerInput)
        box.numbers = self.query_one("#answers", AnswerList).numbers
        box.placeholder = (ui("walk.input", lang) if len(options) < 10
                           else ui("walk.input.long", lang, last=len(options)))
        if self.show_where:  # a hidden panel is drawn as it opens (`watch_show_where`), not at every step
            self.query_one("#where", WherePanel).show(view.path, lang)
        self.sub_title = view.tree
        offered = (bool(self._copyables()), bool(self._runnable()), self._number_width())
        if offered != self._offered:
            # The key bar shows or hides the keys that come and go in place, in this frame.
            self._offered = offered
            self.refresh_bindings()
        chat.scroll_end(animate=False)

    def watch_show_where(self, shown: bool) -> None:
        """Show or hide the where panel (a class on the screen; the stylesheet does the rest); it is drawn as
        it opens."""
        if shown and self.view is not None:
            self.query_one("#where", WherePanel).show(self.view.path, self.view.lang)
        self.set_class(shown, "-show-where")

    # --- answering ---------------------------------------------------------

    async def choose(self, key: str) -> None:
        """Give answer `key` where the conversation stands (escalate also opens the ticket note), or take
        the other guide an `INSTEAD` entry names."""
        if key.startswith(INSTEAD):
            await self._take_instead(key.removeprefix(INSTEAD))
            return
        reason = self.conversation.proposal_reason(key)
        by, reason = (EVIDENCE, reason) if reason is not None else (USER, "")
        try:
            self.conversation.answer(key, by=by, reason=reason)
        except WalkError as exc:
            self.say(str(exc), severity="warning")
            return
        await self._after_step()
        if key == ESCALATE:
            self.post_message(ExportRequested(escalate=True))

    async def _take_instead(self, tree: str) -> None:
        """Continue in another guide the router offered (Back returns to its first choice)."""
        try:
            self.conversation.switch_to(tree)
        except WalkError as exc:
            self.say(str(exc), severity="warning")
            return
        self.say(ui("walk.jumped", self.lang, title=self.guide.words.title(tree, self.lang)))
        await self._after_step()

    async def _after_step(self) -> None:
        """Report a failed save and draw the new state."""
        if self.conversation.save_error:
            self.say(ui("walk.saved-failed", self.lang, error=self.conversation.save_error), severity="error")
        await self.redraw()

    async def action_answer(self, number: int) -> None:
        """Choose the answer with `number` (1-based)."""
        options = choices(self.view or self.conversation.view())
        if not 1 <= number <= len(options):
            self.say(ui("walk.no-number", self.lang, number=number), severity="warning")
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
        conversation = self.conversation
        view = self.view or conversation.view()
        key = match_label(text, [Choice(option.key, option.labels) for option in choices(view)])
        if key is None and conversation.session.node.type == QUESTION:
            key = self.guide.match_answer(conversation.position, text)
        if key:
            await self.choose(key)
            return
        candidates = self.guide.route(text, self.lang).candidates
        if candidates and candidates[0].score >= JUMP_SCORE:
            best = candidates[0]
            self.jump(best.node or NodeRef(best.tree, self.guide.content.trees[best.tree].start or ""))
            await self.redraw()
            return
        self.say(ui("walk.no-match", self.lang, text=text), severity="warning")

    # --- navigation --------------------------------------------------------

    async def action_back(self) -> None:
        """Undo the last step (or the last restart)."""
        conversation = self.conversation
        undoing_restart = conversation.can_undo_restart
        if not conversation.back():
            self.say(ui("walk.at-start", self.lang))
            return
        if undoing_restart:
            self.say(ui("walk.restart-undone", self.lang))
        await self._after_step()

    async def action_restart(self) -> None:
        """Start the guide again (Back right after undoes it)."""
        self.conversation.restart()
        self.say(ui("walk.restarted", self.lang))
        await self._after_step()

    def jump(self, ref: NodeRef) -> bool:
        """Continue the conversation at `ref`; False (with a notice) when the content does not allow it."""
        try:
            self.conversation.jump(ref)
        except WalkError as exc:
            self.say(str(exc), severity="warning")
            return False
        self.say(ui("walk.jumped", self.lang, title=self.guide.words.title(self.conversation.position, self.lang)))
        return True

    def action_language(self) -> None:
        """Switch Japanese and English, transcript included."""
        self.post_message(LanguageRequested())

    def action_mode(self) -> None:
        """Switch self-service and support-agent wording."""
        self.post_message(ModeRequested())

    def action_where(self) -> None:
        """Show or hide the "where am I" panel."""
        self.show_where = not self.show_where

    def action_export(self) -> None:
        """Open the ticket note."""
        self.post_message(ExportRequested())

    def action_home(self) -> None:
        """Close the "where am I" panel when it is open; else back to the list of symptoms (the conversation
        stays saved)."""
        if self.show_where:
            self.show_where = False
            return
        self.post_message(HomeRequested())

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

    def _card(self):
        """The card drawn last, when the conversation stands at a conclusion."""
        if self.view is None or not self.conversation.session.node.is_conclusion:
            return None
        return self.view.card

    def _copyables(self) -> list:
        """What the copy key can copy where the conversation stands."""
        card = self._card()
        return copyables(card.actions, ui("walk.request", self.lang)) if card else []

    def _runnable(self) -> tuple:
        """The actions of the current conclusion that can still be run here (none ran at this node yet)."""
        card = self._card()
        return card.to_run() if card else ()

    def action_run(self) -> None:
        """Run an action's command: always through a confirmation showing it; never one that already ran here."""
        found = self._runnable()
        if found:
            self.post_message(RunRequested(found))
            return
        card = self._card()
        if card and any(action.runnable and card.done(action) for action in card.actions):
            self.say(ui("walk.all-run", self.lang))
        else:
            self.say(ui("walk.nothing-to-run", self.lang))

    def action_copy(self) -> None:
        """Copy a command of the current conclusion (ask which when there are several)."""
        found = self._copyables()
        if not found:
            self.say(ui("walk.nothing-to-copy", self.lang))
        else:
            self.post_message(CopyRequested(found))
