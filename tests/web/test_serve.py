"""`guide serve` without a browser: flags, the loopback warning, the page, limits, idle sessions, tabs.

The server runs for real (a subprocess on a free loopback port, `conftest.serve`);
the browser's side of the socket is played by an aiohttp client speaking
textual-serve's protocol (``["stdin", text]``, ``["resize", {...}]``), so these
tests need no Chromium. What the app processes do is read from what they
record: the session files in ``GUIDE_STATE_DIR``.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import subprocess
import sys
import time
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from serving import wait_until
from guide.cli import build_parser
from guide.web import server as web_server
from guide.web.server import exposure_warning, is_loopback
from guide.web.tab import Order, build_app, read_order, tab_session, tabs_dir
from support import BASIC

aiohttp = pytest.importorskip("aiohttp", reason="textual-serve (the 'web' extra) brings aiohttp")


def get(url: str) -> tuple[int, dict, str]:
    """Status, headers and body (as text; bytes that are not UTF-8 replaced) of a GET, errors included."""
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


class Tab:
    """A browser tab played by a web socket client: keys in, terminal output counted."""

    def __init__(self, session, url: str, tab: str | None = None) -> None:
        self.session = session
        self.url = url.replace("http://", "ws://") + "ws/" + (tab or secrets.token_hex(16))
        self.socket = None
        self.received = 0
        self.closed = asyncio.Event()
        self._reader: asyncio.Task | None = None

    async def open(self) -> "Tab":
        self.socket = await self.session.ws_connect(self.url + "?width=100&height=30")
        self._reader = asyncio.ensure_future(self._read())
        return self

    async def _read(self) -> None:
        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += len(message.data)
        self.closed.set()

    async def drawn(self, timeout: float = 20.0) -> None:
        """Wait until the app has drawn its first screen."""
        deadline = time.monotonic() + timeout
        while self.received < 1000:
            assert time.monotonic() < deadline, "the app drew nothing"
            await asyncio.sleep(0.05)

    async def keys(self, *keys: str, pause: float = 0.4) -> None:
        for key in keys:
            await self.socket.send_str(json.dumps(["stdin", key]))
            await asyncio.sleep(pause)

    async def close(self) -> None:
        await self.socket.close()
        if self._reader is not None:
            await self._reader


# --- flags and addresses -------------------------------------------------------


def test_loopback_addresses_are_told_from_the_others():
    """127.0.0.1, ::1 and localhost reach this machine only; 0.0.0.0 and other addresses do not."""
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("192.0.2.10")
    assert exposure_warning("127.0.0.1") is None
    warning = exposure_warning("0.0.0.0")
    assert warning and "\n" not in warning and "0.0.0.0" in warning and warning.startswith("guide serve: warning:")


def test_serve_flags_and_their_defaults():
    """`guide serve` takes --host, --port, --mode, --max-sessions, --idle-timeout; defaults are loopback, user."""
    args = build_parser().parse_args(["serve"])
    assert (args.command, args.host, args.port, args.mode) == ("serve", "127.0.0.1", 8000, "user")
    assert args.max_sessions == web_server.DEFAULT_MAX_SESSIONS
    assert args.idle_timeout == web_server.DEFAULT_IDLE_TIMEOUT
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000", "--mode", "agent",
                                      "--max-sessions", "3", "--idle-timeout", "60", "--lang", "ja"])
    assert (args.host, args.port, args.mode, args.max_sessions, args.idle_timeout, args.lang) == \
        ("0.0.0.0", 9000, "agent", 3, 60.0, "ja")


@pytest.mark.parametrize("flags, message", [(["--port", "0"], "--port 0"), (["--max-sessions", "0"], "at least 1"),
                                            (["--idle-timeout", "0"], "positive")])
def test_bad_limits_are_one_line_usage_errors(run_guide, flags, message):
    """Nonsense limits stop at once with exit 2 and one line, never a traceback."""
    result = run_guide("serve", *flags)
    assert result.code == 2 and message in result.err and len(result.err.strip().splitlines()) == 1


def test_non_loopback_address_warns_on_stderr(tmp_path):
    """Another address than loopback: a one-line warning first (here the bind then fails: exit 2, one line)."""
    process = subprocess.run([sys.executable, "-m", "guide", "serve", "--host", "192.0.2.10", "--port", "8000"],
                             capture_output=True, text=True, timeout=60, cwd=tmp_path,
                             env={"GUIDE_STATE_DIR": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"})
    lines = process.stderr.strip().splitlines()
    assert process.returncode == 2, process.stderr
    assert lines[0].startswith("guide serve: warning: listening on 192.0.2.10") and "docs/serve.md" in lines[0]
    assert lines[-1].startswith("guide: error: cannot listen on 192.0.2.10:8000") and "Traceback" not in process.stderr


# --- the page --------------------------------------------------------------------


@pytest.mark.parametrize("lang, title", [("ja", "サインイン ガイド"), ("en", "Sign-in guide")])
def test_page_title_in_the_chosen_language_and_nothing_from_other_hosts(serve, lang, title):
    """The page's title and notes are in --lang; every URL in it is relative (no font or script host)."""
    served = serve(lang=lang)
    status, headers, html = get(served.url)
    assert status == 200 and f"<title>{title}</title>" in html and f'<html lang="{lang}">' in html
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html), "the page loads something from another host"
    assert "fonts.googleapis.com" not in html
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Set-Cookie"].startswith("guide_affinity=")  # for a reverse proxy's affinity (docs/serve.md)
    for asset in ("static/js/textual.js", "static/css/xterm.css", "static/fonts/RobotoMono-VariableFont_wght.ttf"):
        assert asset in html
        assert get(served.url + asset)[0] == 200
    assert served.health() == {"sessions": 0, "max_sessions": web_server.DEFAULT_MAX_SESSIONS}


# --- sessions, limits, idle ----------------------------------------------------------


async def test_tabs_have_their_own_sessions_and_the_limit_shows_a_busy_page(serve):
    """Two tabs walk separately (two session files); a third page is the 'busy' page (503) in Japanese."""
    served = serve("--max-sessions", "2")
    async with aiohttp.ClientSession() as client:
        first, second = await Tab(client, served.url).open(), await Tab(client, served.url).open()
        await asyncio.gather(first.drawn(), second.drawn())
        await first.keys("1", "2")   # demo: "no" -> r-option
        await second.keys("1", "1")  # demo: "yes" -> the guest resolution
        sessions = wait_until(lambda: len(served.sessions()) == 2 and served.sessions(), what="two sessions")
        assert sorted(s["steps"][0]["answer"] for s in sessions) == ["no", "yes"]
        assert len(list((served.state / "tabs").glob("*.txt"))) == 2
        assert served.health()["sessions"] == 2

        status, headers, html = await asyncio.to_thread(get, served.url)
        assert status == 503 and headers["Retry-After"] == "30"
        assert "ただいま混み合っています" in html and "2 人" in html

        refused = await Tab(client, served.url).open()  # a socket that still tries is told so, then closed
        await asyncio.wait_for(refused.closed.wait(), 10)
        assert refused.received > 0 and served.health()["sessions"] == 2

        await first.close()
        wait_until(lambda: served.health()["sessions"] == 1, what="the closed tab's session to end")
        assert (await asyncio.to_thread(get, served.url))[0] == 200
        await second.close()


async def test_reload_resumes_the_tab_and_idle_sessions_end(serve):
    """An idle session is ended (its socket closed); the same tab reconnecting continues the same conversation."""
    served = serve("--idle-timeout", "2")
    tab_id = secrets.token_hex(16)
    async with aiohttp.ClientSession() as client:
        tab = await Tab(client, served.url, tab_id).open()
        await tab.drawn()
        await tab.keys("1", "2")
        [saved] = wait_until(served.sessions, what="the session file")
        began = time.monotonic()
        await asyncio.wait_for(tab.closed.wait(), 15)
        assert 1.5 < time.monotonic() - began < 10
        wait_until(lambda: served.health()["sessions"] == 0, what="the idle session to end")
        wait_until(lambda: "idle for 2 s" in served.log(), what="the server to log why it ended the session")

        again = await Tab(client, served.url, tab_id).open()
        await again.drawn()
        await again.keys("1")  # "it is fixed" at the resolution the first connection reached
        [resumed] = wait_until(lambda: [s for s in served.sessions() if s["outcome"]], what="the resolved session")
        assert resumed["id"] == saved["id"] and resumed["outcome"] == "resolved"
        assert [step["answer"] for step in resumed["steps"]] == ["no", "fixed"]
        await again.close()


# --- the tab's app process ------------------------------------------------------------


def test_order_round_trip_and_read_one_line_only(tmp_path):
    """The server's order is one JSON line; reading it leaves the terminal stream after it untouched."""
    import os

    order = Order("ab" * 16, 120, 40)
    assert Order.decode(order.encode().rstrip(b"\n")) == order
    with pytest.raises(ValueError):
        Order.decode(b'{"tab": "../etc", "columns": 1, "rows": 1}')
    read, write = os.pipe()
    os.write(write, order.encode() + b"D\x00\x00\x00\x01x")
    os.close(write)
    assert read_order(read) == order.encode().rstrip(b"\n")
    assert os.read(read, 100) == b"D\x00\x00\x00\x01x"
    os.close(read)


def test_tab_app_resumes_the_tab_and_delivers_the_ticket(tmp_path, monkeypatch):
    """A tab's store points the tab at its conversation; the next app for that tab resumes it; no command can run."""
    monkeypatch.setenv("GUIDE_STATE_DIR", str(tmp_path))
    tab = "cd" * 16
    trees, content = str(BASIC / "trees"), str(BASIC / "content")
    app = build_app(tab, lang="ja", mode="user", trees=trees, content=content)
    assert app.conversation is None and app.offer is None and not app.guide.can_run_here
    assert tab_session(tab) is None

    from guide.engine.session import Session

    session = Session(app.guide.content, "demo", lang="en", audience="agent")
    session.answer("no")
    app.guide.keep(session.to_json(), front="web")
    assert (tabs_dir() / f"{tab}.txt").read_text() == session.id
    resumed = build_app(tab, lang="ja", mode="user", trees=trees, content=content)
    assert resumed.conversation.session.id == session.id
    assert (resumed.lang, resumed.audience) == ("en", "agent")  # as the tab left it

    delivered = []
    monkeypatch.setattr(resumed, "deliver_text", lambda file, **kw: delivered.append((file.read(), kw)))

    note = resumed.conversation.export(tmp_path / "tickets", "ja", False)
    resumed.say = lambda *a, **k: None
    resumed.deliver_note(note)
    [(markdown, options)] = delivered
    assert markdown == note.markdown and options["save_filename"] == f"ticket-{session.id}-ja.md"
