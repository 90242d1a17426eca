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

import contextlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

from guide.engine.catalog import LANGS, LANGUAGE_NAMES, fallback, known_language, other_language
from guide.engine.conversation import LEFT, MODES, Conversation
from guide.engine.errors import ContentError, GuideError, UsageError
from guide.engine.model import ESCALATE, ESCALATION, QUESTION, RESOLUTION, ActionRef, ContentSet, NodeRef
from guide.engine.session import EVIDENCE, USER, HeldFact, Session, WalkError
from guide.engine.texts import Texts
from guide.engine.view import RAN, Card, ConversationView, Line, Option, PathEntry, Proposal

if TYPE_CHECKING:
    from guide.engine.actions import RenderedAction, RunResult
    from guide.engine.evidence.base import CheckReport, Evidence, Finding
    from guide.engine.router import Router, Routing

_LAZY = {"RenderedAction": "guide.engine.actions", "RunResult": "guide.engine.actions",
         "Command": "guide.engine.actions", "Routing": "guide.engine.router", "Candidate": "guide.engine.router",
         "Evidence": "guide.engine.evidence.base", "Finding": "guide.engine.evidence.base",
         "CheckReport": "guide.engine.evidence.base", "TicketNote": "guide.engine.transcript"}
"""Plain data types re-exported here but imported only when asked for (they pull in larger modules)."""


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Guide", "Conversation", "default_store_url", "state_dir", "write_atomic", "check_evidence",
    "action_registry", "open_store", "ConversationView", "Card", "Line", "Option", "PathEntry", "Proposal", "Symptom",
    "NodeRef", "ContentSet", "HeldFact", "GuideError", "ContentError", "UsageError", "WalkError",
    "LANGS", "LANGUAGE_NAMES", "MODES", "ESCALATE", "QUESTION", "EVIDENCE", "USER", "fallback", "known_language",
    "other_language", "ui", "ui_or", *_LAZY, "Prepared", "RAN", "LEFT", "RESOLUTION", "ESCALATION",
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


ADMIN_PREFIX = "admin-"
"""Symptoms whose id starts so are administrators' topics (listed after the people's own)."""


def _never(*args: object, **kwargs: object) -> object:
    """The process runner of a preparation: nothing may run before the person confirms."""
    raise RuntimeError("nothing runs before confirmation")


def open_store(db: str | None):
    """The session store `db` names (a URL: `guide.engine.sessionstore`), else ``$GUIDE_DB``, else the JSON
    files of the state folder."""
    url = db or os.environ.get("GUIDE_DB")
    if url:
        from guide.engine.sessionstore import open_store as open_database

        return DatabaseStore(open_database(url))
    from guide.engine.store import JsonSessionStore

    return JsonSessionStore()


def default_store_url() -> str:
    """Where conversations go when no URL is given: ``$GUIDE_DB``, else SQLite in the state folder."""
    from guide.engine.sessionstore import default_url

    return default_url()


class WriterTurns:
    """Writers to one SQLite file take turns through a lock the operating system hands over at once.

    SQLite makes a second writer retry in its busy handler, which sleeps up to 100 ms between
    tries: under a web server's load that sleep, not the work, is the answer time. Here the
    threads of a process queue on a lock, and the processes on an advisory lock of a file beside
    the database (``flock``; where there is none, only the threads queue).
    """

    def __init__(self, database: Path) -> None:
        self.path = Path(f"{database}.writers")
        self.threads = threading.Lock()
        self.handle = None

    @contextlib.contextmanager
    def turn(self):
        """Hold the turn while one write transaction runs."""
        with self.threads:
            try:
                import fcntl
            except ImportError:  # Windows: the threads of this process still queue
                yield
                return
            if self.handle is None or self.handle[1] != os.getpid():  # a forked worker opens its own
                self.handle = (open(self.path, "a+b"), os.getpid())
            fcntl.flock(self.handle[0], fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self.handle[0], fcntl.LOCK_UN)


class DatabaseStore:
    """The facade's store interface (rows, steps and snapshots as dicts) over a `sessionstore.SessionStore`."""

    def __init__(self, store) -> None:
        self.store = store
        self.url = store.url
        """The store's URL (what the report reads)."""
        self.turns = WriterTurns(store.path) if hasattr(store, "path") else None
        """For SQLite: writers take turns here instead of in SQLite's busy handler."""

    def _turn(self):
        return self.turns.turn() if self.turns else contextlib.nullcontext()

    def create(self, row: dict, snapshot: dict) -> None:
        """Store a new conversation."""
        from guide.engine.sessionstore import ConversationRow

        with self._turn():
            self.store.create(ConversationRow(**row), json.dumps(snapshot, ensure_ascii=False))

    def append(self, conversation_id: str, step: dict, snapshot: dict, changes: dict) -> None:
        """Add a step and update the conversation's row and snapshot, in one transaction."""
        from guide.engine.sessionstore import StepRow
        from guide.engine.sessionstore.records import CHANGEABLE

        fields = {**step, "detail": json.loads(step["detail"]) if step.get("detail") else None}
        fields.pop("seq", None)
        with self._turn():
            self.store.append(conversation_id, StepRow(**fields), json.dumps(snapshot, ensure_ascii=False),
                              {key: value for key, value in changes.items() if key in CHANGEABLE})

    @staticmethod
    def _data(found) -> dict | None:
        if found is None:
            return None
        from dataclasses import asdict

        data = json.loads(found.snapshot)
        data["row"] = asdict(found.row)
        return data

    def load(self, conversation_id: str) -> dict | None:
        """The snapshot (with its row) of `conversation_id`, None when there is none."""
        return self._data(self.store.load(conversation_id))

    def latest(self, front: str | None = None, *, unfinished: bool = False) -> dict | None:
        """The most recently updated conversation (still open, with `unfinished`)."""
        return self._data(self.store.latest(front, status="open" if unfinished else None))

    def purge_before(self, epoch: int) -> int:
        """Delete conversations last updated before `epoch`."""
        return self.store.purge_before(epoch)

    def ping(self) -> bool:
        """Whether the store answers."""
        return self.store.ping()

    def close(self) -> None:
        """Release the connections."""
        self.store.close()


def state_dir() -> Path:
    """The state folder (``$GUIDE_STATE_DIR``, else ``$XDG_STATE_HOME/guide/sessions``, else
    ``~/.local/state/guide/sessions``): saved conversations, and what a front end keeps beside them."""
    from guide.engine.store import sessions_dir

    return sessions_dir()


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
        self.content = content
        self.version = version or f"unversioned-{os.getpid()}-{id(content):x}"
        self._fingerprinted = version is not None
        self.words = Texts(content)
        self._store = store
        self._db = db
        self.platform = platform
        self.runner = runner or subprocess.run
        self._router: "Router | None" = None
        self._router_lock = threading.Lock()

    @classmethod
    def open(cls, trees: str | Path | None = None, content: str | Path | None = None, *, db: str | None = None,
             platform: str = sys.platform, runner: Callable[..., object] | None = None) -> "Guide":
        """Load the content in `trees` and `content` (None: the built-in ones) through the content cache
        and open the session store (`db` URL, else ``$GUIDE_DB``, else the state folder).

        Raises:
            ContentError: When the content cannot be read (a located one-line message).
            GuideError: When the store cannot be opened.
        """
        from guide.engine.cache import load_content_versioned

        loaded, version = load_content_versioned(trees, content)
        return cls(loaded, version, db=db, platform=platform, runner=runner)

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
        `sub_flows`, the trees without a symptom after them."""
        from guide.engine.compiler import start_ref

        found = []
        for tree_id in sorted(self.content.trees):
            symptom = self.content.trees[tree_id].symptom
            start = start_ref(self.content, tree_id)
            if start is None or not (symptom or sub_flows):
                continue
            title = self.words.title(tree_id, lang)
            if title == tree_id and symptom:
                title = self.words.symptom(symptom, lang) or title
            found.append(Symptom(symptom, tree_id, title, bool(symptom and symptom.startswith(ADMIN_PREFIX)), start))
        return sorted(found, key=lambda item: (item.symptom is None, item.admin))

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

        return load_router_cached(self.content, self.version if self._fingerprinted else None, build=build)

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
    def facts(evidence: Iterable["Evidence"]) -> dict[str, HeldFact]:
        """Every fact of `evidence`, later evidence winning, as a conversation holds them."""
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
            GuideError: When the conversations are not in a database (JSON files only).
        """
        from guide.engine import report

        url = getattr(self.store, "url", None)
        if url is None:
            raise GuideError("the report needs the conversations in a database: give --db or $GUIDE_DB")
        if tree is not None and tree not in self.content.trees:
            raise UsageError(f"tree {tree!r}: no such tree")
        filters = report.Filters(since=report.parse_date("since", since) if since else None,
                                 until=report.parse_date("until", until, end_of_day=True) if until else None,
                                 tree=tree)
        with report.Database(url) as db:
            return report.report_html(db, filters, self.content, known_language(lang))

    # --- conversations -----------------------------------------------------------------

    def start(self, tree: str | None = None, *, text: str | None = None, lang: str = "en", mode: str = "user",
              front: str = "tui", node: NodeRef | None = None, conversation_id: str | None = None,
              facts: Mapping[str, HeldFact] | None = None, keep: bool = True) -> Conversation:
        """A new conversation in `tree` (at `node` when given). With `text`, the router picks the tree
        (when none is given) and the entry node, and the redacted text is recorded; the conversation is
        then stored at once, else at its first change. With `keep` False it is never stored.

        Raises:
            WalkError: When the tree or node does not exist.
        """
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
            conversation.jump(node)
        elif entry is not None:
            conversation.store_now()
        return conversation

    def resume(self, data: Mapping, *, front: str | None = None) -> tuple[Conversation, list[str]]:
        """A conversation rebuilt from its stored snapshot, and the steps that no longer fit the content."""
        session, dropped = Session.from_json(self.content, data)
        row = data.get("row") or {}
        conversation = Conversation(
            self, session, front=front or data.get("front") or row.get("front") or "tui", stored=True,
            entry_text=data.get("entry_text"), routed_tree=data.get("routed_tree"),
            created_at=row.get("created_at"), updated_at=row.get("updated_at"),
            answers=int(data.get("answers") or row.get("answers") or len(session.steps)),
            seq=int(data.get("seq") or len(session.steps) + 1), status=data.get("status") or "open")
        conversation.dropped = dropped
        return conversation, dropped

    def conversation(self, conversation_id: str) -> Conversation | None:
        """The stored conversation `conversation_id`, rebuilt from its snapshot; None when there is none.

        Raises:
            GuideError: When it cannot be read or is not in the expected format.
        """
        data = self.store.load(conversation_id)
        return None if data is None else self.resume(data)[0]

    def latest(self, front: str | None = None, *, unfinished: bool = False) -> Conversation | None:
        """The most recently updated conversation (of `front`), for "resume"; with `unfinished`, the
        latest that has answers and no outcome. None when there is none."""
        data = self.store.latest(front, unfinished=unfinished)
        if data is None:
            return None
        try:
            return self.resume(data)[0]
        except GuideError:
            return None
