"""`Guide`: the one way into the engine for the CLI, the terminal UI and the web front end.

Built once per process from a content set (`Guide.open`), it owns:

- the content (read through the content cache) and its `version` (fingerprint);
- `words`, the one bilingual text service (`guide.engine.texts.Texts`);
- the one router (`route`, `place`, `match_answer`), kept under the content's
  fingerprint (`guide.engine.cache.load_router_cached`);
- checks over evidence (`check`, `read_pasted`) and the one evidence-to-facts
  builder (`facts`);
- actions rendered (`action`, `actions_of`) and run after confirmation
  (`prepare_run`, `run_action`, `decline_action`);
- conversations (`start`, `conversation`, `latest`), each change committed to
  the session store before the call returns.

Front ends import nothing else from the engine but the plain data types this
module re-exports (see `__all__`); import-linter holds them to it
(pyproject.toml). See docs/architecture.md.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

from guide.engine.catalog import LANGS, LANGUAGE_NAMES, fallback, known_language, other_language
from guide.engine.errors import ContentError, GuideError, UsageError
from guide.engine.refs import ESCALATE, ESCALATION, MODES, QUESTION, RESOLUTION, NodeRef
from guide.engine.startlist import StartEntry
from guide.engine.texts import Texts

if TYPE_CHECKING:
    from guide.engine.model import ActionRef, ContentSet
    from guide.engine.actions import RenderedAction, RunResult
    from guide.engine.conversation import Conversation
    from guide.engine.evidence.base import CheckReport, Evidence, Finding
    from guide.engine.router import Router, Routing
    from guide.engine.session import HeldFact

_LAZY = {"RenderedAction": "guide.engine.actions", "RunResult": "guide.engine.actions",
         "Command": "guide.engine.actions", "Routing": "guide.engine.router", "Candidate": "guide.engine.router",
         "Evidence": "guide.engine.evidence.base", "Finding": "guide.engine.evidence.base",
         "CheckReport": "guide.engine.evidence.base", "TicketNote": "guide.engine.transcript",
         "Conversation": "guide.engine.conversation",
         "OPEN": "guide.engine.conversation", "LEFT": "guide.engine.conversation",
         "HeldFact": "guide.engine.session", "WalkError": "guide.engine.session", "EVIDENCE": "guide.engine.session",
         "USER": "guide.engine.session", "ConversationView": "guide.engine.view", "Card": "guide.engine.view",
         "Line": "guide.engine.view", "Alternative": "guide.engine.view", "Option": "guide.engine.choices",
         "PathEntry": "guide.engine.view", "Proposal": "guide.engine.view", "RAN": "guide.engine.view",
         "local_time": "guide.engine.view", "ContentSet": "guide.engine.model", "ActionRef": "guide.engine.model"}
"""Names re-exported here but imported only when asked for, so that a command which needs only the
router (``guide route``) does not load conversations, sessions and views."""


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Guide", "Symptom", "Prepared", "state_dir", "tickets_dir", "write_atomic", "check_evidence", "action_registry", "open_store",
    "NodeRef", "ContentSet", "GuideError", "ContentError", "UsageError", "LANGS", "LANGUAGE_NAMES", "ESCALATE", "MODES",
    "ESCALATION", "QUESTION", "RESOLUTION", "fallback", "known_language", "other_language", "ui", "ui_or", *_LAZY,
]

ui = Texts.ui
"""The program's own words: ``ui(key, lang, **fields)`` (the same lookup as `Guide.words.ui`)."""
ui_or = Texts.ui_or
"""``ui_or(key, lang, default)``: the program's own words, or `default` when the catalog has no `key`."""


@dataclass(frozen=True, slots=True)
class Symptom:
    """One entry of the start list: a symptom and the tree that starts with it."""

    symptom: str | None
    """The taxonomy's symptom id (None for a tree without one)."""
    tree: str
    """The tree id."""
    title: str
    """What the list shows, in the language asked for."""
    admin: bool
    """Whether it is an administrators' topic (listed last)."""
    start: NodeRef
    """Where the tree starts."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """What pressing the run key leads to: a confirmation to ask, or an outcome at once."""

    rendered: "RenderedAction | None" = None
    """The exact action the registry would run, to show for confirmation (None: nothing to confirm)."""
    result: "RunResult | None" = None
    """The outcome when nothing can be confirmed here (not runnable, not Windows, invalid)."""


def _never(*args: object, **kwargs: object) -> object:
    """The process runner of a preparation: nothing may run before the person confirms."""
    raise RuntimeError("nothing runs before confirmation")


def open_store(db: str | None = None):
    """The session store `db` names (``sqlite:///PATH`` or ``postgresql://…``), else ``$GUIDE_DB``, else
    SQLite in the state folder (`guide.engine.sessionstore.open_store`; JSON sessions of earlier
    versions are imported on its first start). Raises `GuideError` with one line saying what to do."""
    from guide.engine.sessionstore import open_store as opened

    return opened(db)


def state_dir() -> Path:
    """The state folder (``$GUIDE_STATE_DIR``, else the platform's): the session store, and what a front
    end keeps beside it."""
    from guide.engine.folders import state_dir as folder

    return folder()


def tickets_dir() -> Path:
    """Where the terminal UI writes ticket notes: ``tickets/`` in the state folder, beside the conversations."""
    return state_dir() / "tickets"


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Replace `path` with `text` in one step (`guide.engine.store.write_atomic`)."""
    from guide.engine.store import write_atomic as write

    return write(path, text)


def check_evidence(sources: Iterable[str | Path | tuple[str, bytes]], *, stdin=None) -> "CheckReport":
    """Evidence (paths, ``-`` for `stdin`, or ``(name, bytes)`` pairs from an upload) read, recognised
    and checked: its kinds, facts and findings (``guide check``). Never raises for a bad file."""
    from guide.engine.evidence.base import CheckReport
    from guide.engine.evidence.runner import check_files, findings_for, read_evidence

    sources = list(sources)
    paths = [str(source) for source in sources if not isinstance(source, tuple)]
    report = check_files(paths, stdin=stdin) if paths else CheckReport()
    uploads = tuple(read_evidence(name, data) for name, data in (s for s in sources if isinstance(s, tuple)))
    if not uploads:
        return report
    return CheckReport(report.evidence + uploads,
                       report.findings + tuple(item for one in uploads for item in findings_for(one)))


def action_registry():
    """The remediation action registry (``guide actions``): id → its spec, and the JSON of all."""
    from guide.engine.actions import REGISTRY, registry_json

    return REGISTRY, registry_json


class Guide:
    """The engine as a front end sees it: content, words, router, checks, actions, conversations.

    Attributes:
        content: The loaded content set.
        version: Its fingerprint (the content version every conversation records).
        words: The one bilingual text service.
        store: Where conversations are kept.
        platform: ``sys.platform`` of the machine actions would run on (only ``win32`` runs them).
        runner: ``subprocess.run`` or a stand-in with its signature (tests run nothing).
    """

    def __init__(self, content: ContentSet, version: str | None = None, *, store=None, db: str | None = None,
                 platform: str = sys.platform, runner: Callable[..., object] | None = None) -> None:
        self._content: ContentSet | None = content
        self._read_content: Callable[[], ContentSet] | None = None
        """Reads the content at first use, when `open` deferred it."""
        self._content_lock = threading.Lock()
        self.version = version or f"unversioned-{os.getpid()}-{id(content):x}"
        self._fingerprinted = version is not None
        self._words: Texts | None = None
        self._store = store
        self._db = db
        self.platform = platform
        self.runner = runner
        """How a confirmed command is run (None: `subprocess.run`)."""
        self._router: "Router | None" = None
        self._router_lock = threading.Lock()
        self._folders: tuple[str | Path | None, str | Path | None] | None = None
        """The folders the content is read from, when `open` deferred reading it (for the start list)."""
        self._start: tuple[StartEntry, ...] | None = None
        """The start list, once asked for."""
        self._start_exact = False
        """Whether `_start` is the content's own (made from it, or kept for its fingerprint), not a first look
        at the files (`guide.engine.startlist`)."""
        self._start_kept = False
        """Whether the cache holds the content's start list (it was read from there, or written)."""

    @classmethod
    def open(cls, trees: str | Path | None = None, content: str | Path | None = None, *, db: str | None = None,
             platform: str = sys.platform, runner: Callable[..., object] | None = None,
             defer: bool = False, background: bool = False) -> "Guide":
        """Load the content in `trees` and `content` (None: the built-in ones) through the content cache
        and open the session store (`db` URL, else ``$GUIDE_DB``, else the state folder). With `defer`
        and a cached copy there, the content is read at first use (`guide route` may never need it).
        With `background`, it is read at first use even with no cached copy (compiled from the files
        then): the terminal UI lists the guides from their start list (`symptoms`) and reads the
        content once its first screen is drawn (`read_content`).

        Raises:
            ContentError: When the content cannot be read (a located one-line message).
            GuideError: When the store cannot be opened.
        """
        from guide.engine.cache import content_later, load_content_versioned

        later = content_later(trees, content, uncached=background) if defer or background else None
        if later is not None:
            guide = cls(None, later[1], db=db, platform=platform, runner=runner)  # type: ignore[arg-type]
            guide._read_content = later[0]
            guide._folders = (trees, content)
            return guide
        loaded, version = load_content_versioned(trees, content)
        return cls(loaded, version, db=db, platform=platform, runner=runner)

    @property
    def content(self) -> ContentSet:
        """The loaded content set (read from the cache at first use when `open` deferred it)."""
        if self._content is None:
            with self._content_lock:
                if self._content is None and self._read_content is not None:
                    self._content = self._read_content()
        return self._content  # type: ignore[return-value]

    def read_content(self) -> bool:
        """Read the content now if `open` deferred it (a front end does so once its first screen is drawn),
        and keep its start list for the next start. True when the start list `symptoms` gave before then
        is not the content's: it came from a first look at the files, and a file that does not load was
        listed (the front end shows the list again).

        Raises:
            ContentError: When the content cannot be read.
        """
        shown = self._start
        self.content  # noqa: B018 - read it (from the cache, or the files) now
        entries = self._start_list()
        if self._fingerprinted and not self._start_kept:
            from guide.engine.cache import keep_start_list

            keep_start_list(self.version, entries)
            self._start_kept = True
        return shown is not None and shown != entries

    def keep_start_list(self) -> None:
        """Make sure the next start finds the start list (and the content) in the cache: when `symptoms`
        gave a list the cache does not hold yet, read the content now (a front end ended before it was read)."""
        if self._start is not None and not self._start_kept:
            self.read_content()

    @property
    def words(self) -> Texts:
        """The one bilingual text service over `content`."""
        if self._words is None:
            self._words = Texts(self.content)
        return self._words

    def title(self, tree: str, lang: str) -> str:
        """A tree's title in `lang` (`words.title`), for showing a routing: a symptom tree's comes from the
        router's index when the content has not been read (`guide route` never reads it)."""
        if self._content is None and self._router is not None:
            return self._router.title(tree, lang)
        return self.words.title(tree, lang)

    @property
    def store(self):
        """Where conversations are kept (opened at first use: commands that keep none never open it)."""
        if self._store is None:
            self._store = open_store(self._db)
        return self._store

    @store.setter
    def store(self, store) -> None:
        self._store = store

    def close(self) -> None:
        """Release the store (when it was opened)."""
        if self._store is not None:
            self._store.close()

    # --- the start list ------------------------------------------------------------

    def symptoms(self, lang: str, *, sub_flows: bool = False) -> list[Symptom]:
        """The start list: every tree with a symptom and a valid start, titles in `lang` (the symptom's
        name when the tree has no words), administrators' topics (symptom ids ``admin-…``) last; with
        `sub_flows`, the trees without a symptom after them. Before a deferred content is read, from the
        start list kept for its fingerprint, else from a first look at the files (`read_content` says
        whether that differed)."""
        return [Symptom(entry.symptom, entry.tree, entry.title(lang), entry.admin, entry.start)
                for entry in self._start_list() if entry.symptom or sub_flows]

    def _start_list(self) -> tuple[StartEntry, ...]:
        """The content's start list once it is read; before then, the one kept for its fingerprint, else a
        first look at the files (`guide.engine.startlist`)."""
        from guide.engine import startlist

        if self._content is not None or self._folders is None:
            if not self._start_exact:
                self._start, self._start_exact = startlist.of_content(self.content), True
        elif self._start is None:
            from guide.engine.cache import start_list

            kept = start_list(self.version) if self._fingerprinted else None
            if kept is not None:
                self._start, self._start_exact, self._start_kept = kept, True, True
            else:
                from guide.engine.cache import content_folders

                self._start = startlist.of_files(*content_folders(*self._folders))
        return self._start  # type: ignore[return-value]

    # --- the router ----------------------------------------------------------------

    @property
    def router(self) -> "Router":
        """The one router of this content (read from the cache, or built and cached, at first use)."""
        with self._router_lock:
            if self._router is None:
                self._router = self._cached_router(build=True)
            return self._router

    def warm_router(self) -> bool:
        """Read the router's index from the cache when it is there (never builds: a front end calls
        this in the background once its first screen is up); True when the router is ready."""
        with self._router_lock:
            if self._router is None:
                self._router = self._cached_router(build=False)
            return self._router is not None

    def _cached_router(self, build: bool) -> "Router | None":
        from guide.engine.cache import load_router_cached

        content = self._content if self._content is not None else (lambda: self.content)
        return load_router_cached(content, self.version if self._fingerprinted else None, build=build)

    def route(self, text: str, lang: str | None = None) -> "Routing":
        """Where a conversation about `text` should start: codes, language and candidates best first."""
        return self.router.route(text, lang)

    def place(self, tree: str, text: str) -> NodeRef:
        """Where in `tree` a conversation about `text` should start."""
        return self.router.place(tree, text)

    def match_answer(self, ref: NodeRef, text: str) -> str | None:
        """The answer free text clearly chooses at the question `ref` (the person's own words), else None."""
        return self.router.match_answer(ref, text)

    # --- checks ----------------------------------------------------------------------

    @staticmethod
    def check(sources: Iterable[str | Path | tuple[str, bytes]], *, stdin=None) -> "CheckReport":
        """`check_evidence` (checks need no content)."""
        return check_evidence(sources, stdin=stdin)

    def read_pasted(self, name: str, text: str) -> tuple["Evidence", list["Finding"]]:
        """Pasted text read as evidence named `name`, and its findings."""
        from guide.engine.evidence.runner import findings_for, read_text

        evidence = read_text(name, text)
        return evidence, findings_for(evidence)

    @staticmethod
    def facts(evidence: Iterable["Evidence"]) -> dict[str, "HeldFact"]:
        """Every fact of `evidence`, later evidence winning, as a conversation holds them."""
        from guide.engine.session import HeldFact

        return {fact_id: HeldFact(fact, item.file) for item in evidence for fact_id, fact in item.facts.items()}

    def resolution_for(self, cause: str, prefer_tree: str | None = None) -> NodeRef | None:
        """A resolution that concludes `cause`: in `prefer_tree` when it has one, else in the first tree that does."""
        for tree in sorted(self.content.trees, key=lambda tree: (tree != prefer_tree, tree)):
            for node_id, node in self.content.trees[tree].nodes.items():
                if node.type == RESOLUTION and node.cause == cause:
                    return NodeRef(tree, node_id)
        return None

    # --- actions ---------------------------------------------------------------------

    @property
    def can_run_here(self) -> bool:
        """Whether commands can run on this machine at all (Windows only)."""
        return self.platform == "win32"

    def action(self, ref: ActionRef | str, params: Mapping[str, str] | None = None, lang: str = "en",
               audience: str = "user") -> "RenderedAction":
        """The action rendered by the registry for `audience` in `lang`; one the registry refuses is a
        stand-in naming its id (`RenderedAction.known` False), so a conversation never breaks on it."""
        from guide.engine.actions import ActionError, render, unrendered

        action_id, values = (ref, dict(params or {})) if isinstance(ref, str) else (ref.id, dict(ref.params))
        values = {str(key): str(value) for key, value in values.items()}
        try:
            return render(action_id, values, lang, audience)
        except ActionError:
            return unrendered(action_id, values, lang)

    def actions_of(self, refs: Iterable[ActionRef], lang: str, audience: str) -> tuple["RenderedAction", ...]:
        """Every action of a conclusion, rendered in order."""
        return tuple(self.action(ref, None, lang, audience) for ref in refs)

    def _run(self, action: "RenderedAction", confirm: Callable[["RenderedAction"], bool], lang: str,
             audience: str, runner: Callable[..., object]) -> "RunResult":
        from guide.engine.actions import run_action

        if runner is None:
            import subprocess

            runner = subprocess.run
        return run_action(action.id, dict(action.params), confirm=confirm, platform=self.platform, runner=runner,
                          lang=lang, audience=audience)

    def prepare_run(self, action: "RenderedAction", lang: str, audience: str) -> Prepared:
        """What the registry would run (captured at its confirmation), or why it runs nothing here."""
        shown: list["RenderedAction"] = []

        def ask(rendered: "RenderedAction") -> bool:
            shown.append(rendered)
            return False

        result = self._run(action, ask, lang, audience, _never)
        if shown and result.status == "declined":
            return Prepared(rendered=shown[0])
        return Prepared(result=result)

    def run_action(self, action: "RenderedAction", confirmed: "RenderedAction", lang: str,
                   audience: str) -> "RunResult":
        """Run `action`, confirming only the very rendering the person was shown (`confirmed`)."""
        return self._run(action, lambda rendered: rendered == confirmed, lang, audience, self.runner)

    def decline_action(self, action: "RenderedAction", lang: str, audience: str) -> "RunResult":
        """The person said no: the registry's outcome for a refusal (nothing runs)."""
        return self._run(action, lambda rendered: False, lang, audience, _never)

    # --- the report ---------------------------------------------------------------------

    def report_html(self, lang: str, *, since: str | None = None, until: str | None = None,
                    tree: str | None = None) -> str:
        """The authors' report over the stored conversations as one self-contained HTML page (`/report`).

        Raises:
            UsageError: When a date cannot be read or the tree does not exist.
            GuideError: When the report cannot be drawn (its drawing library is missing).
        """
        from guide.engine import report

        if tree is not None and tree not in self.content.trees:
            raise UsageError(f"tree {tree!r}: no such tree")
        filters = report.Filters(since=report.parse_date("since", since) if since else None,
                                 until=report.parse_date("until", until, end_of_day=True) if until else None,
                                 tree=tree)
        with report.Database(self.store.url) as db:
            return report.report_html(db, filters, self.content, known_language(lang))

    # --- conversations -----------------------------------------------------------------

    def start(self, tree: str | None = None, *, text: str | None = None, lang: str = "en", mode: str = "user",
              front: str = "tui", node: NodeRef | None = None, conversation_id: str | None = None,
              facts: Mapping[str, "HeldFact"] | None = None, keep: bool = True) -> "Conversation":
        """A new conversation in `tree` (at `node` when given). With `text`, the router picks the tree
        (when none is given) and the entry node, and the redacted text is recorded; the conversation is
        then stored at once, else at its first change. With `keep` False it is never stored.

        Raises:
            WalkError: When the tree or node does not exist.
        """
        from guide.engine.conversation import ROUTER, Conversation
        from guide.engine.session import Session, WalkError

        routed = None
        if text is not None and text.strip():
            routing = self.route(text, lang)
            best = routing.best
            if tree is None:
                if best is None:
                    raise WalkError("no tree has a symptom to route to; see `guide lint`")
                tree, node, routed = best.tree, node or best.node, best.tree
            else:
                node = node or self.place(tree, text)
                routed = best.tree if best else None
        if tree is None:
            raise WalkError("a conversation needs a tree, or text for the router to choose one")
        session = Session(self.content, tree, lang=known_language(lang), audience=mode, session_id=conversation_id)
        if facts:
            session.hold(facts)
        entry = None
        if text is not None and text.strip():
            from guide.engine.transcript import redact

            entry = redact(text)
        conversation = Conversation(self, session, front=front, entry_text=entry, routed_tree=routed, keep=keep)
        if node is not None and node != session.position:
            conversation.jump(node, by=ROUTER if entry is not None else None)
        elif entry is not None:
            conversation.store_now()
        return conversation

    def resume(self, stored, *, front: str | None = None) -> tuple["Conversation", list[str]]:
        """A conversation rebuilt from what the store keeps (`StoredConversation`: its row and snapshot),
        and the steps that no longer fit the content.

        Raises:
            GuideError: When the snapshot is not in the expected format.
        """
        from guide.engine.conversation import LEFT, OPEN, Conversation
        from guide.engine.session import Session

        import json

        row = stored.row
        try:
            data = json.loads(stored.snapshot)
        except ValueError as exc:
            raise GuideError(f"conversation {row.id!r}: its snapshot cannot be read ({exc}); start a new one") \
                from None
        session, dropped = Session.from_json(self.content, {**data, "id": row.id})
        session.lang, session.audience = known_language(row.lang), row.mode if row.mode in MODES else session.audience
        conversation = Conversation(self, session, front=front or row.front, stored=True, entry_text=row.entry_text,
                                    routed_tree=row.routed_tree, created_at=row.created_at,
                                    updated_at=row.updated_at, answers=row.answers,
                                    status=row.status if row.status in (OPEN, LEFT) else OPEN)
        conversation.dropped = dropped
        return conversation, dropped

    def conversation(self, conversation_id: str) -> "Conversation | None":
        """The stored conversation `conversation_id`, rebuilt from its snapshot; None when there is none.

        Raises:
            GuideError: When `conversation_id` is no id, or the conversation cannot be read.
        """
        from guide.engine.sessionstore import StoreError
        from guide.engine.sessionstore.records import ID

        if not isinstance(conversation_id, str) or not ID.match(conversation_id):
            raise StoreError(f"{conversation_id!r} is not a conversation id; `guide --resume` with no id picks "
                             "the latest")
        stored = self.store.load(conversation_id)
        return None if stored is None else self.resume(stored)[0]

    def latest(self, front: str | None = None, *, unfinished: bool = False) -> "Conversation | None":
        """The most recently updated conversation (of `front`), for "resume"; with `unfinished`, the
        latest of those left open (or left for the list of guides) that has answers. None when there is none."""
        from guide.engine.conversation import LEFT, OPEN

        if not unfinished:
            candidates = [self.store.latest(front)]
        else:
            candidates = [self.store.latest(front, status=status) for status in (OPEN, LEFT)]
            candidates = [found for found in candidates if found is not None and found.row.answers]
        found = max((item for item in candidates if item is not None), key=lambda item: item.row.updated_at,
                    default=None)
        if found is None:
            return None
        try:
            return self.resume(found)[0]
        except GuideError:
            return None

    def keep(self, data: Mapping, *, front: str = "tui") -> "Conversation":
        """Store a session's JSON (`Session.to_json()`, e.g. one saved elsewhere) as a conversation."""
        from guide.engine.conversation import Conversation
        from guide.engine.session import Session

        session, _ = Session.from_json(self.content, data)
        conversation = Conversation(self, session, front=front, answers=len(session.steps))
        conversation.store_now()
        return conversation
