"""The `guide` terminal UI: the application, its factory, and the entry point the CLI calls.

Run with::

    guide                      # or: guide tui --lang ja --mode agent
    guide --resume             # continue the latest saved conversation
    guide --evidence dsregcmd.txt

`make_app` builds the application for the CLI, the tests and (later) `guide
serve`; `run(args)` is what `guide tui` calls. The app owns the walk (an
engine session, saved after every step), the UI language and audience; the
screens draw them. A language switch is announced on `GuideApp.language_changed`
(a typed `Signal`) so every screen, the keys and the palette follow at once.
Actions run only through `GuideApp.actions` (an `ActionRunner` whose platform
and process runner `make_app` can replace), after the person confirms.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.screen import Screen
from textual.signal import Signal

from guide.engine.errors import GuideError
from guide.engine.cache import load_content_cached
from guide.engine.model import ContentSet, NodeRef
from guide.engine.session import Session, WalkError
from guide.engine.store import load_session, save_session
from guide.tui import view
from guide.tui.actions import ActionRunner, ActionView, Copyable
from guide.tui.evidence import EvidenceBook
from guide.tui.bindings import bind, localize
from guide.tui.messages import StartRequested
from guide.tui.routing import AnswerMatcher, Router, default_answer_matcher, default_router
from guide.tui.screens.start import StartScreen
from guide.tui.strings import LANGS, other_language, t
from guide.tui.walk import SavedSession, Saver, Walk, latest_unfinished

if TYPE_CHECKING:
    from guide.engine.actions import RunResult

ARROW_KEYS = {"up": "Up", "down": "Down", "left": "Left", "right": "Right"}
"""Arrow keys shown in words (Textual's arrow glyphs are East Asian ambiguous-width)."""

AUDIENCES = ("user", "agent")
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

    def __init__(self, content: ContentSet, *, lang: str = "en", audience: str = "user", walk: Walk | None = None,
                 offer: SavedSession | None = None, book: EvidenceBook | None = None,
                 export_dir: Path | None = None, router: Router | None = None, saver: Saver | None = save_session,
                 notes: Sequence[str] = (), actions: ActionRunner | None = None,
                 origin: tuple[str | Path | None, str | Path | None] | None = None) -> None:
        """Build the app; prefer `make_app`, which also loads content and saved sessions.

        Args:
            content: The loaded content set.
            lang: The UI language (``ja`` or ``en``).
            audience: ``user`` or ``agent`` wording.
            walk: A walk to open at once (a resumed session).
            offer: A saved unfinished session to offer to continue.
            book: Evidence already read (``--evidence``); its facts are held by every walk started here.
            export_dir: Where ticket notes are written (default: the current folder).
            router: Free text to where to start (default: `guide.tui.routing.default_router`).
            saver: Where sessions are saved after every step (None: not saved).
            notes: Messages to show once the UI is up (e.g. dropped steps of a resumed session).
            actions: Runs confirmed actions (default: this machine's platform and `subprocess.run`).
            origin: The (trees, content) folders `content` was read from, when known: the router's
                index is then read from the cache (`guide.engine.cache`) in the background once
                the first screen is up, so the first free text is answered at once; when it is
                not cached yet, the first free text builds it and caches it for next time.
        """
        super().__init__()
        self.content = content
        """The content set walked."""
        self.lang = lang if lang in LANGS else "en"
        """The UI language."""
        self.audience = audience if audience in AUDIENCES else "user"
        """Whose wording is shown: ``user`` or ``agent``."""
        self.walk = walk
        """The conversation in progress (None before one starts)."""
        self.offer = offer
        """A saved unfinished session to offer at start."""
        self.book = book or EvidenceBook()
        """The evidence read so far and its findings."""
        self.export_dir = Path(export_dir) if export_dir else Path.cwd()
        """Where ticket notes are written."""
        self.router: Router = router or default_router(origin)
        """Free text to where a conversation should start."""
        self.answer_matcher: AnswerMatcher = default_answer_matcher()
        """A reply in the person's own words to the answer it means (after the labels themselves)."""
        self.saver = saver
        """How sessions are saved (None: never)."""
        self.notes = list(notes)
        """Messages shown once the UI is up."""
        self.origin = origin
        """The (trees, content) folders the content came from (None: given as a content set)."""
        self.actions = actions or ActionRunner()
        """Runs actions through the registry (platform and process runner injectable)."""
        self.freeze_gc = False
        """Whether to move everything alive once the first screen is drawn out of the collector's way (`run`)."""
        self.notices: list[tuple[str, str]] = []
        """Every (severity, message) shown, newest last: what tests read, since `run_test` hides toasts."""
        self.language_changed: Signal[str] = Signal(self, "language-changed")
        """Published with the new language whenever it changes."""
        self.title = t(self.lang, "app.title")

    # --- screens -----------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The start screen (choose a symptom)."""
        return StartScreen(id="start")

    def on_mount(self) -> None:
        """Localize the keys, then open the resumed walk or offer to resume one."""
        localize(self, self.lang)
        self._subtitle()
        if self.walk is not None:
            from guide.tui.screens.conversation import ConversationScreen

            self.push_screen(ConversationScreen(id="conversation"))
            self.say(t(self.lang, "resume.done"))
        elif self.offer is not None:
            self._offer_resume(self.offer)
        for note in self.notes:
            self.say(note, severity="warning")

    def on_ready(self) -> None:
        """Once the first screen is drawn, import what conclusions need, so the first one does not wait.

        When `freeze_gc` is set (the process is ours), what exists now lives as long as the UI:
        `gc.freeze` keeps full collections from scanning it again and again (each such scan of a
        large content set and the widget tree pauses the UI for tens of milliseconds).
        """
        if self.freeze_gc:
            gc.freeze()
        self.run_worker(partial(_warm_up, self.content, self.origin), thread=True, group="warm-up",
                        exit_on_error=False)

    def _offer_resume(self, offer: SavedSession) -> None:
        """Ask whether to continue `offer`; continue it when the answer is yes."""
        from guide.tui.screens.resume import ResumeScreen

        try:
            session, dropped = Session.from_json(self.content, offer.data)
        except GuideError:
            return
        lang = self.lang
        tree = view.tree_title(self.content, session.tree, lang)
        node = view.node_title(self.content, session.position, lang)

        def answered(resume: bool | None) -> None:
            if resume:
                self.open_walk(session, dropped)

        self.push_screen(ResumeScreen(lang, tree, node, offer.updated.replace("T", " ")), answered)

    def open_walk(self, session: Session, dropped: Iterable[str] = ()) -> None:
        """Make `session` the conversation and show it (in this UI's language and audience)."""
        from guide.tui.screens.conversation import ConversationScreen

        session.lang, session.audience = self.lang, self.audience
        self.walk = Walk(session, saver=self.saver)
        self.walk.save()
        for problem in dropped:
            self.say(t(self.lang, "resume.dropped", detail=problem), severity="warning")
        self.push_screen(ConversationScreen(id="conversation"))

    def on_start_requested(self, message: StartRequested) -> None:
        """Start a new walk in the tree asked for."""
        try:
            session = Session(self.content, message.tree, lang=self.lang, audience=self.audience)
            session.hold(self.book.facts())
            if message.node is not None:
                session.jump(message.node)
        except WalkError as exc:
            self.say(str(exc), severity="error")
            return
        self.open_walk(session)

    def continue_walk(self) -> None:
        """Show the conversation in progress again."""
        from guide.tui.screens.conversation import ConversationScreen

        if self.walk is not None:
            self.push_screen(ConversationScreen(id="conversation"))

    def go_home(self) -> None:
        """Back to the start screen (the walk stays saved and can be continued)."""
        from guide.tui.screens.conversation import ConversationScreen

        if isinstance(self.screen, ConversationScreen):
            self.pop_screen()

    async def jump_to(self, ref: NodeRef) -> None:
        """Continue the walk at `ref` (starting one in its tree when none is open)."""
        from guide.tui.screens.conversation import ConversationScreen

        screen = self.screen
        if isinstance(screen, ConversationScreen):
            if screen.jump(ref):
                await screen.redraw()
            return
        self.post_message(StartRequested(ref.tree, ref))

    # --- language and audience ---------------------------------------------

    def switch_language(self, lang: str | None = None) -> None:
        """Switch the UI (and the conversation's recorded language) to `lang`, or to the other language."""
        self.lang = lang if lang in LANGS else other_language(self.lang)
        self.title = t(self.lang, "app.title")
        self._subtitle()
        localize(self, self.lang)
        if self.walk is not None:
            self.walk.set_lang(self.lang)
        self.language_changed.publish(self.lang)
        self.say(t(self.lang, "walk.language"))

    def switch_audience(self) -> None:
        """Switch between self-service and support-agent wording."""
        self.audience = "agent" if self.audience == "user" else "user"
        self._subtitle()
        if self.walk is not None:
            self.walk.set_audience(self.audience)
        self.say(t(self.lang, "walk.mode", mode=t(self.lang, f"mode.{self.audience}")))

    def _subtitle(self) -> None:
        self.sub_title = t(self.lang, f"app.subtitle.{self.audience}")

    def get_key_display(self, binding: Binding) -> str:
        """How a key is shown; arrow keys in words, since the arrow glyphs are ambiguous-width."""
        if binding.key in ARROW_KEYS and not binding.key_display:
            return ARROW_KEYS[binding.key]
        return super().get_key_display(binding)

    def format_title(self, title: str, sub_title: str) -> Content:
        """Title and subtitle, separated by an unambiguous-width bar."""
        parts = [Content(title)]
        if sub_title:
            parts += [Content.styled(" | ", "dim"), Content.styled(sub_title, "dim")]
        return Content.assemble(*parts)

    # --- dialogs and notices -----------------------------------------------

    def say(self, message: str, *, severity: str = "information") -> None:
        """Show a notice (plain text, never markup) and remember it in `notices`."""
        self.notices.append((severity, message))
        self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]

    def copy(self, item: Copyable) -> None:
        """Put `item` on the clipboard and say so."""
        self.copy_to_clipboard(item.text)
        self.say(t(self.lang, "walk.copied", what=item.label))

    def choose_copy(self, items: Sequence[Copyable]) -> None:
        """Ask which of `items` to copy, then copy it."""
        from guide.tui.screens.copy import CopyScreen

        def chosen(item: Copyable | None) -> None:
            if item is not None:
                self.copy(item)

        self.push_screen(CopyScreen(items, self.lang), chosen)

    def open_export(self, *, escalate: bool = False) -> None:
        """Open the ticket note for the walk in progress."""
        from guide.tui.screens.export import ExportScreen

        if self.walk is not None:
            self.push_screen(ExportScreen(self.export_dir, escalate=escalate))

    # --- running actions -----------------------------------------------------

    def choose_run(self, actions: Sequence[ActionView]) -> None:
        """Run one of `actions` (ask which first when there are several)."""
        from guide.tui.screens.run import RunChoiceScreen

        if len(actions) == 1:
            self.start_run(actions[0])
            return

        def chosen(action: ActionView | None) -> None:
            if action is not None:
                self.start_run(action)

        self.push_screen(RunChoiceScreen(actions, self.lang), chosen)

    def start_run(self, action: ActionView) -> None:
        """Run `action` through the registry: confirm its exact commands first; record the outcome either way.

        Where nothing can run (not Windows, no runnable command, invalid parameters)
        the registry's outcome is recorded at once and explained; otherwise the
        confirmation dialog shows exactly what the registry asked to confirm.
        """
        from guide.tui.screens.run import RunScreen

        if self.walk is None:
            return
        lang, audience = self.lang, self.audience
        prepared = self.actions.prepare(action, lang, audience)
        if prepared.rendered is None:
            self.finish_run(action, prepared.result)
            return
        rendered = prepared.rendered
        dialog = RunScreen(action, rendered, lang,
                           execute=partial(self.actions.run, action, rendered, lang, audience),
                           refuse=partial(self.actions.decline, action, lang, audience))
        self.push_screen(dialog, partial(self.finish_run, action))

    def finish_run(self, action: ActionView, result: "RunResult | None") -> None:
        """Record `result` for `action` where the walk stands, save, say what happened and redraw."""
        from guide.tui.screens.conversation import ConversationScreen

        if result is None or self.walk is None:
            return
        self.walk.record_run(action.id, result.status)
        lang, title, status = self.lang, action.title, result.status
        if self.walk.save_error:
            self.say(t(lang, "walk.saved-failed", error=self.walk.save_error), severity="error")
        if status == "ran" and result.returncode:
            self.say(t(lang, "run.said.exit", title=title, code=result.returncode), severity="warning")
        elif status in ("ran", "declined"):
            self.say(t(lang, f"run.said.{status}", title=title))
        elif status in ("not-runnable", "unsupported-platform"):
            self.say(t(lang, f"run.said.{status}", title=title), severity="warning")
        else:
            detail = (result.output.strip().splitlines() or [status])[-1]
            key = f"run.said.{status}" if status == "invalid" else "run.said.failed"
            self.say(t(lang, key, title=title, detail=detail), severity="error")
        for screen in self.screen_stack:
            if isinstance(screen, ConversationScreen):
                self.call_later(screen.redraw)

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

        async def chosen(ref: NodeRef | None) -> None:
            if ref is not None:
                await self.jump_to(ref)

        self.push_screen(EvidenceScreen(), chosen)

    def evidence_added(self) -> None:
        """Give the walk in progress every fact read so far (and redraw it when it is shown)."""
        from guide.tui.screens.conversation import ConversationScreen

        if self.walk is not None:
            self.walk.hold(self.book.facts())
        for screen in self.screen_stack:
            if isinstance(screen, ConversationScreen):
                self.call_later(screen.redraw)

    def action_help(self) -> None:
        """Explain the keys of the current screen, in the UI language."""
        from guide.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, self.lang))

    def action_command_palette(self) -> None:
        """Open the command palette with a prompt in the UI language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t(self.lang, "palette.placeholder"),
                                            id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands, in the UI language (Textual's own are English only)."""
        lang = self.lang
        yield SystemCommand(t(lang, "system.theme"), t(lang, "system.theme.help"), self.action_change_theme)
        yield SystemCommand(t(lang, "system.quit"), t(lang, "system.quit.help"), self.action_quit)
        yield SystemCommand(t(lang, "system.keys"), t(lang, "system.keys.help"), self.action_help)
        yield SystemCommand(t(lang, "system.screenshot"), t(lang, "system.screenshot.help"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))


def _warm_up(content: ContentSet, origin: tuple | None) -> None:
    """Import `WARM_MODULES`, and read the router's index from the cache when the content's folders
    are known (in a thread, while the person reads the first screen)."""
    for name in WARM_MODULES:
        importlib.import_module(name)
    if origin is not None:  # only read back, never built here: building would slow the UI for seconds
        from guide.engine.cache import _folders, fingerprint, load_router_cached

        load_router_cached(content, fingerprint(*_folders(*origin)), build=False)


def _load_evidence(paths: Sequence[str], lang: str) -> tuple[EvidenceBook, list[str]]:
    """The evidence files read and checked, and plain-words problems met reading them."""
    book = EvidenceBook()
    if not paths:
        return book, []
    read = book.read_files(paths, lang)
    problems = [f"{item.file}: {problem}" for item in read for problem in item.problems]
    if book.items:
        problems.append(t(lang, "walk.evidence-loaded", count=len(book.facts())))
    return book, problems


def make_app(*, lang: str = "en", mode: str = "user", evidence: Sequence[str] = (), resume: str | None = None,
             trees: str | Path | None = None, content: str | Path | None = None,
             content_set: ContentSet | None = None, offer_resume: bool = True, export_dir: Path | None = None,
             router: Router | None = None, saver: Saver | None = save_session, platform: str = sys.platform,
             runner: Callable[..., object] | None = None) -> GuideApp:
    """Build the app the way `guide tui` does: load content, evidence and any saved session.

    Args:
        lang: UI language, ``ja`` or ``en``.
        mode: ``user`` (self-service) or ``agent`` wording.
        evidence: Evidence files whose facts answer questions.
        resume: None for a new conversation; ``""`` for the latest saved one; or a session id.
        trees: Folder of tree files (None: the built-in trees).
        content: Folder holding ``ja/`` and ``en/`` (None: the built-in words).
        content_set: An already loaded content set (instead of `trees` and `content`).
        offer_resume: Whether to offer the latest unfinished session when `resume` is None.
        export_dir: Where ticket notes are written (default: the current folder).
        router: Free text to where to start (default: the built-in title matcher).
        saver: Where sessions are saved after every step (None: never).
        platform: Where actions would run (``sys.platform``; only ``win32`` runs them).
        runner: Runs a confirmed command (``subprocess.run`` or a stand-in with its signature).

    Raises:
        GuideError: When the session to resume cannot be read or no longer fits the content.
    """
    loaded = content_set if content_set is not None else load_content_cached(trees, content)
    book, notes = _load_evidence(evidence, lang)
    walk = None
    offer = None
    if resume is not None:
        session, dropped = Session.from_json(loaded, load_session(resume or None))
        session.lang, session.audience = lang, mode if mode in AUDIENCES else "user"
        session.hold(book.facts())
        walk = Walk(session, saver=saver)
        notes += [t(lang, "resume.dropped", detail=problem) for problem in dropped]
    elif offer_resume and saver is not None:
        offer = latest_unfinished()
    origin = None if content_set is not None else (trees, content)
    return GuideApp(loaded, lang=lang, audience=mode, walk=walk, offer=offer, book=book,
                    export_dir=export_dir, router=router, saver=saver, notes=notes,
                    actions=ActionRunner(platform, runner), origin=origin)


def run(args: argparse.Namespace) -> int:
    """Run the UI for `guide` / `guide tui` with the CLI's parsed arguments; returns the exit code."""
    app = make_app(lang=args.lang, mode=args.mode, evidence=args.evidence or (), resume=args.resume,
                   trees=getattr(args, "trees", None), content=getattr(args, "content", None))
    app.freeze_gc = True
    app.run()
    return app.return_code or 0
