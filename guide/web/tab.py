"""The app process of one browser tab: `guide tui`'s app, resumed per tab, ticket notes sent to the browser.

Started by the web server (`guide.web.server`) ahead of need, never by hand::

    python -m guide.web.tab --lang ja --mode user

It imports Textual and the UI and loads the content first, then waits for the
server's order (one JSON line on standard input: the tab's id and terminal
size, `Order`), so that a tab opening finds a process ready to draw. The rest
of standard input is the terminal stream textual-serve relays.

Each browser tab has a random id (kept in the tab's ``sessionStorage``, so a
reload keeps it and another tab gets its own). The app is built with
`guide.tui.app.make_app`, as `guide tui` builds it, with these differences:

- A new tab never offers someone else's unfinished conversation: the latest
  saved session on a shared server belongs to whoever saved it.
- Every save also records which conversation the tab is in (a pointer file
  ``<session folder>/tabs/<tab id>.txt``), so a reload continues it with the
  TUI's own resume (``--resume ID``), in the language and wording it was left in.
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

from guide.engine.errors import GuideError
from guide.engine.store import load_session, save_session, sessions_dir, write_atomic

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
    return sessions_dir() / "tabs"


def tickets_dir(tab: str) -> Path:
    """Where the ticket notes written in tab `tab` are kept on the server."""
    return sessions_dir() / "tickets" / tab


def tab_session(tab: str) -> str | None:
    """The id of the conversation tab `tab` was last in, or None (a new tab, or nothing saved yet)."""
    try:
        session_id = (tabs_dir() / f"{tab}.txt").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return session_id if session_id.replace("-", "").isalnum() else None


def tab_saver(tab: str):
    """A saver that saves the session as the TUI does and points tab `tab` at it."""
    pointer = tabs_dir() / f"{tab}.txt"

    def save(data: dict) -> Path:
        path = save_session(data)
        if not pointer.is_file() or pointer.read_text(encoding="utf-8").strip() != data["id"]:
            write_atomic(pointer, data["id"])
        return path

    return save


@functools.cache
def _served_app_class():
    """`ServedGuideApp`, defined on first use so that importing this module does not load Textual."""
    from guide.tui.app import GuideApp
    from guide.tui.screens.export import ExportScreen
    from guide.web.words import w

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
            self.say(w(self.lang, "ticket.sent", name=name))

    return ServedGuideApp


def build_app(tab: str, *, lang: str, mode: str, trees: str | None = None, content: str | None = None,
              content_set=None, router=None):
    """The app for tab `tab`: its saved conversation when it has one, else a new start screen.

    Args:
        tab: The tab's id (32 hex digits).
        lang: The language of a new conversation (a resumed one keeps its own).
        mode: The wording of a new conversation (a resumed one keeps its own).
        trees: Folder of tree files (None: the built-in trees).
        content: Folder holding ``ja/`` and ``en/`` (None: the built-in words).
        content_set: The content already loaded (instead of `trees` and `content`).
        router: Free text to where to start (None: the app's default).

    Raises:
        GuideError: When `tab` is not a tab id or the content cannot be loaded.
    """
    from guide.tui.app import make_app
    from guide.web.words import w

    if not TAB_ID.fullmatch(tab):
        raise GuideError(f"{tab!r} is not a tab id (32 hex digits)")
    options = dict(trees=trees, content=content, content_set=content_set, router=router, offer_resume=False,
                   saver=tab_saver(tab), export_dir=tickets_dir(tab), platform=SERVED_PLATFORM, runner=never_run)
    session_id = tab_session(tab)
    app = None
    if session_id is not None:
        try:
            saved = load_session(session_id)
            app = make_app(lang=saved.get("lang") or lang, mode=saved.get("audience") or mode,
                           resume=session_id, **options)
        except GuideError as exc:
            app = make_app(lang=lang, mode=mode, **options)
            app.notes.append(w(lang, "resume.failed", detail=str(exc)))
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
        import guide.tui.app  # noqa: F401 - the slow part of starting, done before a tab waits for it
        from guide.engine.cache import load_content_cached
        from guide.tui.routing import default_router

        _served_app_class()
        content_set = load_content_cached(args.trees, args.content)
        router = default_router((args.trees, args.content))  # its index read from the cache on first use
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
        app = build_app(order.tab, lang=args.lang, mode=args.mode, content_set=content_set, router=router)
    except GuideError as exc:
        print(f"guide serve: error: {exc}", file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
