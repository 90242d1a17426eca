"""The app process of one browser tab: `guide tui`'s app, resumed per tab, ticket notes sent to the browser.

Started by the web server (`guide.web.server`) ahead of need, never by hand::

    python -m guide.web.tab --lang ja --mode user

It imports Textual and the UI and loads the content first, then waits for the
server's order (one JSON line on standard input: the tab's id and terminal
size, `Order`), so that a tab opening finds a process ready to draw. The rest
of standard input is the terminal stream textual-serve relays.

Each browser tab has a random id (kept in the tab's ``sessionStorage``, so a
reload keeps it and another tab gets its own). The app is built with
`guide.tui.make_app`, as `guide tui` builds it, with these differences:

- A new tab never offers someone else's unfinished conversation: the latest
  saved session on a shared server belongs to whoever saved it.
- Every change stored also records which conversation the tab is in (a pointer
  file ``<state folder>/tabs/<tab id>.txt``, `TabStore`), so a reload continues
  it with the TUI's own resume (``--resume ID``), in the language and wording it
  was left in.
- A ticket note written from the export screen is also delivered to the
  browser as a download (`App.deliver_text`, which textual-serve serves).
- No action's command ever runs: they are meant for the person's own PC, and
  here they would run on the server (`SERVED_PLATFORM`, `never_run`).
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from guide.engine.service import Guide, GuideError, state_dir, write_atomic

TAB_ID = re.compile(r"^[0-9a-f]{32}$")
"""What a tab id looks like: 128 random bits in hex, made by the page."""


SERVED_PLATFORM = "web"
"""The platform a served app reports to the action registry: not ``win32``, so no command ever runs.

An action's commands are meant for the person's own PC; in a browser session they would run on the
server, so they are shown (and can be copied) but never run."""


def never_run(*args: object, **kwargs: object) -> object:
    """The process runner of a served app: refuses, should the registry ever try to run anything."""
    raise PermissionError("guide serve never runs commands on the server")


def tabs_dir() -> Path:
    """Where each tab's pointer to its conversation is kept (inside the session folder)."""
    return state_dir() / "tabs"


def tickets_dir(tab: str) -> Path:
    """Where the ticket notes written in tab `tab` are kept on the server."""
    return state_dir() / "tickets" / tab


def tab_session(tab: str) -> str | None:
    """The id of the conversation tab `tab` was last in, or None (a new tab, or nothing saved yet)."""
    try:
        session_id = (tabs_dir() / f"{tab}.txt").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return session_id if session_id.replace("-", "").isalnum() else None


class TabStore:
    """The session store as a tab uses it: every conversation it writes also points the tab at itself."""

    def __init__(self, store, tab: str) -> None:
        self.store = store
        """The store conversations are kept in."""
        self.pointer = tabs_dir() / f"{tab}.txt"
        """The tab's pointer file."""

    def _point(self, conversation_id: str) -> None:
        if not self.pointer.is_file() or self.pointer.read_text(encoding="utf-8").strip() != conversation_id:
            write_atomic(self.pointer, conversation_id)

    def create(self, row, snapshot: str, steps=(), **options) -> bool:
        """Point the tab at a new conversation, then store it (a pointer to a conversation not stored
        is read as none, so the tab is never left pointing at an older one)."""
        self._point(row.id)
        return self.store.create(row, snapshot, steps, **options)

    def append(self, conversation_id: str, step, snapshot: str, changes=None) -> int:
        """Point the tab at its conversation, then record the step."""
        self._point(conversation_id)
        return self.store.append(conversation_id, step, snapshot, changes)

    def __getattr__(self, name: str):
        return getattr(self.store, name)  # load, latest, steps, purge_before, ping, close, notices


@functools.cache
def _served_app_class():
    """`ServedGuideApp`, defined on first use so that importing this module does not load Textual."""
    from guide.engine.service import ui
    from guide.tui import ExportScreen, GuideApp

    class ServedGuideApp(GuideApp):
        """`GuideApp` as served to a browser: a written ticket note is also downloaded by the browser.

        It adds behaviour only (no state, keys or styles), so `build_app` can give an app made by
        `make_app` this class.
        """

        def push_screen(self, screen, callback=None, wait_for_dismiss=False, **options):  # type: ignore[override]
            """Push `screen`; the export screen's result (the note written) is delivered to the browser."""
            if isinstance(screen, ExportScreen) and callback is None and not wait_for_dismiss:
                callback = self.deliver_note
            return super().push_screen(screen, callback, wait_for_dismiss, **options)

        def deliver_note(self, note) -> None:
            """Send the ticket note's Markdown to the browser as a download (nothing when none was written)."""
            if note is None:
                return
            name = note.markdown_path.name
            self.deliver_text(io.StringIO(note.markdown), save_filename=name, mime_type="text/markdown",
                              encoding="utf-8")
            self.say(ui("ticket.sent", self.lang, name=name))

    return ServedGuideApp


def build_app(tab: str, *, lang: str, mode: str, trees: str | None = None, content: str | None = None,
              guide: Guide | None = None):
    """The app for tab `tab`: its saved conversation when it has one, else a new start screen.

    Args:
        tab: The tab's id (32 hex digits).
        lang: The language of a new conversation (a resumed one keeps its own).
        mode: The wording of a new conversation (a resumed one keeps its own).
        trees: Folder of tree files (None: the built-in trees).
        content: Folder holding ``ja/`` and ``en/`` (None: the built-in words).
        guide: The facade already built (instead of `trees` and `content`).

    Raises:
        GuideError: When `tab` is not a tab id or the content cannot be loaded.
    """
    from guide.engine.service import open_store, ui
    from guide.tui import make_app

    if not TAB_ID.fullmatch(tab):
        raise GuideError(f"{tab!r} is not a tab id (32 hex digits)")
    guide = guide or Guide.open(trees, content, platform=SERVED_PLATFORM, runner=never_run)
    guide.store = TabStore(open_store(), tab)
    options = dict(guide=guide, offer_resume=False, export_dir=tickets_dir(tab))
    session_id = tab_session(tab)
    app = None
    if session_id is not None:
        try:
            saved = guide.conversation(session_id)
            if saved is not None:
                app = make_app(lang=saved.lang, mode=saved.mode, resume=session_id, **options)
        except GuideError as exc:
            app = make_app(lang=lang, mode=mode, **options)
            app.notes.append(ui("resume.failed", lang, detail=str(exc)))
    if app is None:
        app = make_app(lang=lang, mode=mode, **options)
    app.__class__ = _served_app_class()
    return app


@dataclass(frozen=True, slots=True)
class Order:
    """What the server tells a waiting app process: whose tab it serves, at what terminal size."""

    tab: str
    """The tab's id."""
    columns: int = 80
    """The terminal's width in cells."""
    rows: int = 24
    """The terminal's height in cells."""

    def encode(self) -> bytes:
        """The order as the one line the server writes to the process's standard input."""
        return json.dumps({"tab": self.tab, "columns": self.columns, "rows": self.rows}).encode() + b"\n"

    @classmethod
    def decode(cls, line: bytes) -> "Order":
        """The order in `line` (raises `ValueError` when it is not one)."""
        data = json.loads(line)
        tab, columns, rows = str(data["tab"]), int(data["columns"]), int(data["rows"])
        if not TAB_ID.fullmatch(tab):
            raise ValueError(f"{tab!r} is not a tab id")
        return cls(tab, columns, rows)


def read_order(fd: int = 0, limit: int = 4096) -> bytes:
    """The first line of `fd`, read a byte at a time so that nothing after it is taken from the app's driver."""
    line = bytearray()
    while len(line) < limit:
        byte = os.read(fd, 1)
        if not byte or byte == b"\n":
            break
        line += byte
    return bytes(line)


def leave_with_parent(every: float = 2.0) -> None:
    """End this process (SIGTERM, which the app handles by quitting) when the server that started it is gone.

    Closing standard input does not stop a running Textual app, so a server killed outright would
    otherwise leave its tabs' processes behind.
    """
    import signal
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="guide-serve-parent", daemon=True).start()


def main(argv: Sequence[str] | None = None) -> int:
    """Get ready (imports, content), wait for the server's order, then run that tab's app."""
    parser = argparse.ArgumentParser(prog="python -m guide.web.tab", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("ja", "en"), default="en")
    parser.add_argument("--mode", choices=("user", "agent"), default="user")
    parser.add_argument("--trees", metavar="DIR")
    parser.add_argument("--content", metavar="DIR")
    args = parser.parse_args(argv)
    try:
        from guide.tui import GuideApp  # noqa: F401 - the slow part of starting, done before a tab waits for it

        _served_app_class()
        served = Guide.open(args.trees, args.content, platform=SERVED_PLATFORM, runner=never_run)
    except GuideError as exc:
        print(f"guide serve: error: {exc}", file=sys.stderr)
        return 2
    line = read_order()
    if not line:
        return 0  # the server stopped before this process was needed
    try:
        order = Order.decode(line)
    except (ValueError, KeyError, TypeError) as exc:
        print(f"guide serve: error: not an order from the server ({exc})", file=sys.stderr)
        return 2
    os.environ["COLUMNS"], os.environ["ROWS"] = str(order.columns), str(order.rows)
    leave_with_parent()
    try:
        app = build_app(order.tab, lang=args.lang, mode=args.mode, guide=served)
    except GuideError as exc:
        print(f"guide serve: error: {exc}", file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
