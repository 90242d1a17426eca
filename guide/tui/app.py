"""The `guide` terminal UI: the application, its factory, and the entry point the CLI calls.

Run with::

    guide                      # or: guide tui --lang ja --mode agent
    guide --resume             # continue the latest saved conversation
    guide --evidence dsregcmd.txt

`make_app` builds the application for the CLI, the tests and `guide serve`;
`run(args)` is what `guide tui` calls. Everything the engine does is reached
through the facade (`guide.engine.service.Guide`, the app's `guide`); the app
owns the conversation in progress (a `Conversation`, stored after every step),
the dialogs and the language: the conversation's language when there is one.

Messages up, attributes down: screens never call the app. They post the
messages of `guide.tui.messages`, which the app handles here, and the app gives
them what they draw as attributes (the facade, the conversation, the language
through `relabel`). Actions run only through the facade, after the person
confirms.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from rich.cells import cell_len
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from guide.engine.service import LANGS, MODES, Guide, GuideError, NodeRef, other_language, tickets_dir, ui
from guide.tui.bindings import bind
from guide.tui.copying import Copyable, clipboard_confirmed
from guide.tui.evidence import EvidenceBook
from guide.tui.messages import (ContinueRequested, CopyRequested, EvidenceAdded, ExportRequested, HomeRequested,
                                JumpRequested, LanguageRequested, ModeRequested, RunRequested,
                                StartRequested)
from guide.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from guide.engine.service import ContentSet, Conversation, RenderedAction, RunResult

ARROW_KEYS = {"up": "Up", "down": "Down", "left": "Left", "right": "Right"}
"""Arrow keys shown in words (Textual's arrow glyphs are East Asian ambiguous-width)."""

HEADER_MARGIN = 12
"""Cells of the header row the title cannot use (the clock's space on the right, and padding)."""

ELLIPSIS = "..."
"""Marks a shortened title: three full stops, since the ellipsis glyph is ambiguous-width."""


def shorten(text: str, cells: int) -> str:
    """`text` cut to `cells` terminal cells (Japanese counts two), ending in "..." when cut."""
    if cell_len(text) <= cells:
        return text
    if cells <= len(ELLIPSIS):
        return ELLIPSIS[:max(cells, 0)]
    kept, used = [], 0
    for char in text:
        width = cell_len(char)
        if used + width > cells - len(ELLIPSIS):
            break
        kept.append(char)
        used += width
    return "".join(kept).rstrip() + ELLIPSIS


AUDIENCES = MODES
"""The wordings the UI offers (``--mode``)."""

WARM_MODULES = ("guide.tui.screens.conversation", "guide.engine.router", "guide.engine.actions",
                "guide.engine.transcript", "guide.tui.screens.run", "guide.tui.screens.export")
"""Modules first needed after the start screen, imported in the background once it is drawn.

The app imports every screen but the start screen where it first shows it, so
the start screen comes up without waiting for them.
"""


class GuideApp(App):
    """Troubleshooting conversations for Entra ID and Teams sign-in, in Japanese and English."""

    CSS_PATH = ["guide.tcss"]
    """The stylesheet (variables on top)."""

    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        bind("ctrl+q", "quit", "app.quit", priority=True, show=False),
        bind("ctrl+p", "command_palette", "walk.palette"),
        bind("f1", "help", "app.help"),
        bind("f5", "evidence", "app.evidence"),
    ]
    """
    | Key | Does |
    | :- | :- |
    | ctrl+q | Quit (the conversation is already saved). |
    | ctrl+p | Jump to a question or guide by typing, or run a command. |
    | f1 | The keys of this screen, explained. |
    | f5 | Evidence: paste or open a file, see the findings, jump to a fix. |
    """

    def __init__(self, guide: Guide, *, lang: str = "en", audience: str = "user",
                 conversation: Conversation | None = None, offer: Conversation | None = None,
                 book: EvidenceBook | None = None, export_dir: Path | None = None, notes: Sequence[str] = (),
                 offer_latest: bool = False) -> None:
        """Build the app; prefer `make_app`, which also loads content, evidence and saved conversations.

        Args:
            guide: The facade over the content (router, checks, actions, conversations).
            lang: The language until a conversation has its own (``ja`` or ``en``).
            audience: ``user`` or ``agent`` wording for new conversations.
            conversation: A conversation to open at once (a resumed one).
            offer: A saved unfinished conversation to offer to continue.
            book: Evidence already read (``--evidence``); its facts are held by every conversation started here.
            export_dir: Where ticket notes are written (default: `tickets_dir()`, in the state folder).
            notes: Messages to show once the UI is up (e.g. dropped steps of a resumed conversation).
            offer_latest: Whether to look for the latest unfinished conversation to offer (when neither
                `conversation` nor `offer` is given) once the first screen is drawn: opening the session
                store is not in the way of the first screen.
        """
        super().__init__()
        self.guide = guide
        """The facade: content, words, router, checks, actions, conversations."""
        self.conversation = conversation
        """The conversation in progress (None before one starts)."""
        self._lang = lang if lang in LANGS else "en"
        self._audience = audience if audience in AUDIENCES else "user"
        self.offer = offer
        """A saved unfinished conversation to offer at start."""
        self.book = book or EvidenceBook(guide)
        """The evidence read so far and its findings."""
        self.export_dir = Path(export_dir) if export_dir else tickets_dir()
        """Where ticket notes are written."""
        self.notes = list(notes)
        """Messages shown once the UI is up."""
        self.freeze_gc = False
        """Whether to move everything alive once the first screen is drawn out of the collector's way (`run`)."""
        self.offer_latest = offer_latest and conversation is None and offer is None
        """Whether `on_ready` still looks for a conversation to offer."""
        self.failure: str | None = None
        """Why the UI stopped (the session store could not be opened), for `run` to report as one line."""
        self.error: GuideError | None = None
        """The content could not be read (read once the first screen is drawn): `run` raises it, located."""
        self.notices: list[tuple[str, str]] = []
        """Every (severity, message) shown, newest last: what tests read, since `run_test` hides toasts."""
        self.title = ui("app.title", self.lang)

    @property
    def lang(self) -> str:
        """The language shown: the conversation's when there is one (the one source of truth)."""
        return self.conversation.lang if self.conversation is not None else self._lang

    @property
    def audience(self) -> str:
        """Whose wording is shown: the conversation's when there is one."""
        return self.conversation.mode if self.conversation is not None else self._audience

    # --- screens -----------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The start screen (choose a symptom)."""
        return StartScreen(self.guide, self.lang, id="start")

    def on_mount(self) -> None:
        """Open the resumed conversation or offer to resume one."""
        self._subtitle()
        if self.conversation is not None:
            self.screen_stack[0].conversation = self.conversation
            self._show_conversation()
            self.say(ui("resume.done", self.lang))
        elif self.offer is not None:
            self._offer_resume(self.offer)
        for note in self.notes:
            self.say(note, severity="warning")

    def on_ready(self) -> None:
        """Once the first screen is drawn, offer the latest unfinished conversation (`offer_latest`), then
        import what conclusions need and read the router's index, so the first of them does not wait.

        When `freeze_gc` is set (the process is ours), what exists now lives as long as the UI:
        `gc.freeze` keeps full collections from scanning it again and again (each such scan of a
        large content set and the widget tree pauses the UI for tens of milliseconds).
        """
        if self.offer_latest:
            self.offer_latest = False
            try:
                self.offer = self.guide.latest(unfinished=True)
            except GuideError as exc:
                self.failure = str(exc)
                self.exit(return_code=2)
                return
            if self.offer is not None:
                self._offer_resume(self.offer)
        if self.freeze_gc:
            gc.freeze()
        self.run_worker(partial(_warm_up, self), thread=True, group="warm-up", exit_on_error=False)

    def content_read(self, listed_again: bool) -> None:
        """The content has been read (`_warm_up`): list the guides again when the content's list is not the
        one shown (a file that does not load was listed from a first look at the files)."""
        if listed_again:
            for screen in self.screen_stack:
                if isinstance(screen, StartScreen) and screen.is_mounted and screen.narrowed_by is None:
                    screen.redraw()

    def content_failed(self, error: GuideError) -> None:
        """The content could not be read: end the UI; `run` reports `error` as the one located line."""
        self.error = error
        self.exit(return_code=2)

    def _offer_resume(self, offer: Conversation) -> None:
        """Ask whether to continue `offer`; continue it when the answer is yes."""
        from guide.engine.service import local_time
        from guide.tui.screens.resume import ResumeScreen

        lang, words = self.lang, self.guide.words

        def answered(resume: bool | None) -> None:
            if resume:
                self.open_conversation(offer)

        self.push_screen(ResumeScreen(lang, words.title(offer.session.tree, lang), words.title(offer.position, lang),
                                      local_time(offer.updated_at, lang)), answered)

    def open_conversation(self, conversation: Conversation) -> None:
        """Make `conversation` the one in progress and show it (in this UI's language and audience)."""
        lang, audience = self.lang, self.audience
        self.conversation = conversation
        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                screen.conversation = conversation  # offered to continue from the list
        conversation.set_lang(lang)
        conversation.set_mode(audience)
        for problem in conversation.dropped:
            self.say(ui("resume.dropped", lang, detail=problem), severity="warning")
        self._show_conversation()

    def _show_conversation(self) -> None:
        from guide.tui.screens.conversation import ConversationScreen

        self.push_screen(ConversationScreen(self.guide, self.conversation, id="conversation"))

    def on_start_requested(self, message: StartRequested) -> None:
        """Start a new conversation in the tree asked for."""
        from guide.engine.service import WalkError

        try:
            conversation = self.guide.start(message.tree, text=message.text, lang=self.lang, mode=self.audience,
                                            front="tui", node=message.node, facts=self.book.facts())
        except WalkError as exc:
            self.say(str(exc), severity="error")
            return
        self.open_conversation(conversation)

    def on_continue_requested(self, message: ContinueRequested) -> None:
        """Show the conversation in progress again."""
        if self.conversation is not None:
            self._show_conversation()

    def on_home_requested(self, message: HomeRequested) -> None:
        """Back to the start screen (the conversation stays stored and can be continued)."""
        from guide.tui.screens.conversation import ConversationScreen

        if isinstance(self.screen, ConversationScreen):
            if self.conversation is not None:
                self.conversation.leave()
            self.pop_screen()

    async def on_jump_requested(self, message: JumpRequested) -> None:
        """Continue the conversation at the node asked for (starting one in its tree when none is shown)."""
        from guide.tui.screens.conversation import ConversationScreen

        screen = self.screen
        if isinstance(screen, ConversationScreen) and self.conversation is not None:
            if screen.jump(message.ref):
                await screen.redraw()
            return
        self.post_message(StartRequested(message.ref.tree, message.ref))

    # --- language and audience ---------------------------------------------

    def on_language_requested(self, message: LanguageRequested) -> None:
        """Switch to the language asked for, or to the other language."""
        self.switch_language(message.lang)

    def switch_language(self, lang: str | None = None) -> None:
        """Switch the UI (and the conversation's recorded language) to `lang`, or to the other language."""
        lang = lang if lang in LANGS else other_language(self.lang)
        self._lang = lang
        if self.conversation is not None:
            self.conversation.set_lang(lang)
        self.title = ui("app.title", lang)
        self._subtitle()
        self.refresh_bindings()
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                relabel(lang)
        self.say(ui("walk.language", lang))

    def on_mode_requested(self, message: ModeRequested) -> None:
        """Switch between self-service and support-agent wording."""
        self._audience = "agent" if self.audience == "user" else "user"
        if self.conversation is not None:
            self.conversation.set_mode(self._audience)
        self._subtitle()
        self.say(ui("walk.mode", self.lang, mode=ui(f"mode.{self.audience}", self.lang)))
        self._redraw_conversation()

    def _subtitle(self) -> None:
        self.sub_title = ui(f"app.subtitle.{self.audience}", self.lang)

    def get_key_display(self, binding: Binding) -> str:
        """How a key is shown; arrow keys in words, since the arrow glyphs are ambiguous-width."""
        if binding.key in ARROW_KEYS and not binding.key_display:
            return ARROW_KEYS[binding.key]
        return super().get_key_display(binding)

    def format_title(self, title: str, sub_title: str) -> Content:
        """Title and subtitle, separated by an unambiguous-width bar, shortened with "..." to fit the header."""
        room = max(self.size.width - HEADER_MARGIN, 8)
        separator = " | " if sub_title else ""
        title = shorten(title, room)
        sub_title = shorten(sub_title, room - cell_len(title) - len(separator)) if sub_title else ""
        parts = [Content(title)]
        if sub_title:
            parts += [Content.styled(separator, "dim"), Content.styled(sub_title, "dim")]
        return Content.assemble(*parts)

    def on_resize(self) -> None:
        """Shorten the header's title again for the new width."""
        for header in self.screen.query(Header):
            for title in header.query("HeaderTitle").results(Static):  # none yet while the header is composed
                title.update(header.format_title())

    # --- dialogs and notices -----------------------------------------------

    def notify(self, message: str, *, title: str = "", severity: str = "information",  # type: ignore[override]
               timeout: float | None = None, markup: bool = True) -> None:
        """Show a notice and remember it in `notices` (every screen's `notify` ends here)."""
        self.notices.append((severity, message))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)  # type: ignore[arg-type]

    def say(self, message: str, *, severity: str = "information") -> None:
        """Show a notice (plain text, never markup)."""
        self.notify(message, severity=severity, markup=False)

    def copy(self, item: Copyable) -> None:
        """Send `item` to the terminal's clipboard; say it was copied only where that is known to work."""
        self.copy_to_clipboard(item.text)
        known = self.is_web or clipboard_confirmed()
        self.say(ui("walk.copied" if known else "walk.copy-unconfirmed", self.lang, what=item.label, text=item.text))

    def on_copy_requested(self, message: CopyRequested) -> None:
        """Copy the one item, or ask which of several."""
        from guide.tui.screens.copy import CopyScreen

        items = list(message.items)
        if len(items) == 1:
            self.copy(items[0])
            return

        def chosen(item: Copyable | None) -> None:
            if item is not None:
                self.copy(item)

        self.push_screen(CopyScreen(items, self.lang), chosen)

    def on_export_requested(self, message: ExportRequested) -> None:
        """Open the ticket note for the conversation in progress."""
        self.open_export(escalate=message.escalate)

    def open_export(self, *, escalate: bool = False) -> None:
        """Open the ticket note for the conversation in progress."""
        from guide.tui.screens.export import ExportScreen

        if self.conversation is not None:
            self.push_screen(ExportScreen(self.conversation, self.export_dir, self.lang, escalate=escalate))

    # --- running actions -----------------------------------------------------

    def on_run_requested(self, message: RunRequested) -> None:
        """Run one of the actions (ask which first when there are several)."""
        from guide.tui.screens.run import RunChoiceScreen

        actions = list(message.actions)
        if len(actions) == 1:
            self.start_run(actions[0])
            return

        def chosen(action: "RenderedAction | None") -> None:
            if action is not None:
                self.start_run(action)

        self.push_screen(RunChoiceScreen(actions, self.lang), chosen)

    def start_run(self, action: "RenderedAction") -> None:
        """Run `action` through the registry: confirm its exact commands first; record the outcome either way.

        Where nothing can run (not Windows, no runnable command, invalid parameters)
        the registry's outcome is recorded at once and explained; otherwise the
        confirmation dialog shows exactly what the registry asked to confirm.
        """
        from guide.tui.screens.run import RunScreen

        if self.conversation is None:
            return
        lang, audience, guide = self.lang, self.audience, self.guide
        prepared = guide.prepare_run(action, lang, audience)
        if prepared.rendered is None:
            self.finish_run(action, prepared.result)
            return
        rendered = prepared.rendered
        dialog = RunScreen(action, rendered, lang, execute=partial(guide.run_action, action, rendered, lang, audience),
                           refuse=partial(guide.decline_action, action, lang, audience))
        self.push_screen(dialog, partial(self.finish_run, action))

    def finish_run(self, action: "RenderedAction", result: "RunResult | None") -> None:
        """Record `result` for `action` where the conversation stands, say what happened and redraw."""
        if result is None or self.conversation is None:
            return
        self.conversation.record_run(action.id, result.status)
        lang, title, status = self.lang, action.title, result.status
        if self.conversation.save_error:
            self.say(ui("walk.saved-failed", lang, error=self.conversation.save_error), severity="error")
        if status == "ran" and result.returncode:
            self.say(ui("run.said.exit", lang, title=title, code=result.returncode), severity="warning")
        elif status in ("ran", "declined"):
            self.say(ui(f"run.said.{status}", lang, title=title))
        elif status in ("not-runnable", "unsupported-platform"):
            self.say(ui(f"run.said.{status}", lang, title=title), severity="warning")
        else:
            detail = (result.output.strip().splitlines() or [status])[-1]
            key = f"run.said.{status}" if status == "invalid" else "run.said.failed"
            self.say(ui(key, lang, title=title, detail=detail), severity="error")
        self._redraw_conversation()

    def _redraw_conversation(self) -> None:
        """Draw every conversation screen on the stack again (after a change the app made)."""
        for screen in self.screen_stack:
            redraw = getattr(screen, "redraw", None)
            if redraw is not None and getattr(screen, "conversation", None) is not None:
                self.call_later(redraw)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hold the palette, evidence and help while an action's commands are running."""
        if action in ("command_palette", "evidence", "help") and getattr(self.screen, "holds_app_keys", False):
            return False
        return super().check_action(action, parameters)

    def action_evidence(self) -> None:
        """Open the evidence screen; a finding chosen there jumps to its resolution."""
        from guide.tui.screens.evidence import EvidenceScreen

        if isinstance(self.screen, EvidenceScreen):
            return

        def chosen(ref: NodeRef | None) -> None:
            if ref is not None:
                self.post_message(JumpRequested(ref))

        tree = self.conversation.position.tree if self.conversation is not None else None
        self.push_screen(EvidenceScreen(self.guide, self.book, self.lang, tree), chosen)

    def on_evidence_added(self, message: EvidenceAdded) -> None:
        """Give the conversation in progress every fact read so far (and redraw it)."""
        if self.conversation is not None:
            self.conversation.hold(self.book.facts())
        self._redraw_conversation()

    def action_help(self) -> None:
        """Explain the keys of the current screen, in the UI language."""
        from guide.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, self.lang))

    def action_command_palette(self) -> None:
        """Open the command palette with a prompt in the UI language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=ui("palette.placeholder", self.lang), id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands, in the UI language (Textual's own are English only)."""
        lang = self.lang
        yield SystemCommand(ui("system.theme", lang), ui("system.theme.help", lang), self.action_change_theme)
        yield SystemCommand(ui("system.quit", lang), ui("system.quit.help", lang), self.action_quit)
        yield SystemCommand(ui("system.keys", lang), ui("system.keys.help", lang), self.action_help)
        yield SystemCommand(ui("system.screenshot", lang), ui("system.screenshot.help", lang),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))


def _warm_up(app: GuideApp) -> None:
    """Read the content (from its cache, or compiled after an edit), import `WARM_MODULES` and read the
    router's index from the cache (in a thread, while the person reads the first screen; the index is
    never built here: building would slow the UI for seconds). What is alive once the content is read
    lives as long as the UI (`GuideApp.freeze_gc`)."""
    guide = app.guide
    try:
        listed_again = guide.read_content()
    except GuideError as error:
        app.call_later(app.content_failed, error)  # thread-safe, and never waits for an app that is ending
        return
    if app.freeze_gc:
        gc.freeze()
    app.call_later(app.content_read, listed_again)
    for name in WARM_MODULES:
        importlib.import_module(name)
    guide.warm_router()


def _load_evidence(book: EvidenceBook, paths: Sequence[str], lang: str) -> list[str]:
    """Read and check the evidence files into `book`; plain-words problems met reading them."""
    if not paths:
        return []
    read = book.read_files(paths)
    problems = [f"{item.file}: {problem}" for item in read for problem in item.problems]
    if book.items:
        problems.append(ui("walk.evidence-loaded", lang, count=len(book.facts())))
    return problems


def make_app(*, lang: str = "en", mode: str = "user", evidence: Sequence[str] = (), resume: str | None = None,
             trees: str | Path | None = None, content: str | Path | None = None,
             content_set: ContentSet | None = None, offer_resume: bool = True, export_dir: Path | None = None,
             store=None, db: str | None = None, platform: str = sys.platform,
             runner: Callable[..., object] | None = None, guide: Guide | None = None) -> GuideApp:
    """Build the app the way `guide tui` does: load content, evidence and any saved conversation.

    Args:
        lang: UI language, ``ja`` or ``en``.
        mode: ``user`` (self-service) or ``agent`` wording.
        evidence: Evidence files whose facts answer questions.
        resume: None for a new conversation; ``""`` for the latest saved one; or a conversation id.
        trees: Folder of tree files (None: the built-in trees).
        content: Folder holding ``ja/`` and ``en/`` (None: the built-in words).
        content_set: An already loaded content set (instead of `trees` and `content`).
        offer_resume: Whether to offer the latest unfinished conversation when `resume` is None (looked up
            once the first screen is drawn).
        export_dir: Where ticket notes are written (default: `tickets_dir()`, in the state folder).
        store: Where conversations are kept (default: the one `db` or ``$GUIDE_DB`` names, else the state folder).
        db: The session store's URL.
        platform: Where actions would run (``sys.platform``; only ``win32`` runs them).
        runner: Runs a confirmed command (``subprocess.run`` or a stand-in with its signature).
        guide: An already built facade (instead of everything above that builds one).

    Raises:
        GuideError: When the conversation to resume cannot be read or no longer fits the content.
    """
    if guide is None:
        if content_set is not None:
            guide = Guide(content_set, store=store, db=db, platform=platform, runner=runner)
        else:
            guide = Guide.open(trees, content, db=db, platform=platform, runner=runner, background=True)
            if store is not None:
                guide.store = store
    mode = mode if mode in AUDIENCES else "user"
    book = EvidenceBook(guide)
    notes = _load_evidence(book, evidence, lang)
    conversation = None
    if resume is not None:
        conversation = guide.conversation(resume) if resume else guide.latest()
        if conversation is None:
            raise GuideError(f"no saved conversation {resume!r}; `guide --resume` with no id continues the latest"
                             if resume else "no saved conversation to continue; start a new one with `guide`")
        conversation.set_lang(lang)
        conversation.set_mode(mode)
        conversation.hold(book.facts())
        notes += [ui("resume.dropped", lang, detail=problem) for problem in conversation.dropped]
    return GuideApp(guide, lang=lang, audience=mode, conversation=conversation, book=book, export_dir=export_dir,
                    notes=notes, offer_latest=resume is None and offer_resume)


def run(args: argparse.Namespace) -> int:
    """Run the UI for `guide` / `guide tui` with the CLI's parsed arguments; returns the exit code."""
    app = make_app(lang=args.lang, mode=args.mode, evidence=args.evidence or (), resume=args.resume,
                   trees=getattr(args, "trees", None), content=getattr(args, "content", None))
    app.freeze_gc = True
    app.run()
    if app.error is not None:
        raise app.error
    app.guide.keep_start_list()  # ended before its first screen was drawn: what the next start reads
    if app.failure:
        raise GuideError(app.failure)
    return app.return_code or 0
