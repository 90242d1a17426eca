"""The web server of `guide serve`: one page, one app process per browser tab, limits on both.

Run with::

    guide serve                                   # http://127.0.0.1:8000/, Japanese or English from the locale
    guide serve --lang ja --max-sessions 10 --idle-timeout 600
    guide serve --host 0.0.0.0 --port 8080        # other machines too (warns; see docs/serve.md)

Built on textual-serve: its `Server` gives the aiohttp plumbing, the
download route that `App.deliver_text` uses and the terminal's script
(xterm.js); its `AppService` runs one app process and relays it to a web
socket. What this module adds:

- **Its own page** (``templates/page.html``): title and notes in the chosen
  language, the terminal's font served from this server (textual-serve's page
  asks Google Fonts for it; this one makes no request to any other host), and
  URLs relative to the page, so a reverse proxy can serve it under a path.
- **A session per tab.** The page gives its tab a random id kept in
  ``sessionStorage`` and connects to ``ws/<tab id>``; the app process for it
  (`guide.web.tab`) resumes the tab's conversation after a reload. A second
  connection for the same tab (a reload, a duplicated tab) ends the first
  one and takes its place.
- **Processes started ahead.** `SparePool` keeps a few app processes that
  have already imported the UI and loaded the content; a new tab takes one
  and sends it its order (`guide.web.tab.Order`), so the page shows the
  guide in well under the time a cold Python start takes.
- **Limits.** At most ``max_sessions`` app processes at once: a page asked
  for when all are taken is a short "busy" page (HTTP 503, ``Retry-After``).
  A session with no keystroke for ``idle_timeout`` seconds is ended (its
  answers are saved; reloading continues it).
- ``/healthz``: ``{"sessions": N, "max_sessions": M}`` for a proxy's health check,
  and a random ``guide_affinity`` cookie a proxy may hash on to keep a browser
  on one instance (docs/serve.md).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import re
import secrets
import signal
import socket
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guide.engine.service import GuideError

DEFAULT_HOST = "127.0.0.1"
"""Where `guide serve` listens unless told otherwise: this machine only."""

DEFAULT_PORT = 8000
"""The port `guide serve` listens on unless told otherwise."""

DEFAULT_MAX_SESSIONS = 16
"""App processes at once unless told otherwise (see benchmarks/bench_serve.py for what one machine holds)."""

DEFAULT_IDLE_TIMEOUT = 900.0
"""Seconds without a keystroke after which a session is ended, unless told otherwise."""

DEFAULT_SPARES = 2
"""App processes kept ready for the next tabs (each has imported the UI and loaded the content)."""

STOP_GRACE = 5.0
"""Seconds an app process gets to quit before it is killed."""

SLOT_GRACE = 1.5
"""Seconds a page request waits for a slot when all are taken (a reloading tab frees its own)."""

HEARTBEAT = 15.0
"""Seconds between web socket pings; a browser that stops answering is disconnected."""

TAB_ID = re.compile(r"^[0-9a-f]{32}$")
"""A tab id as the page makes it: 128 random bits in hex."""

AFFINITY_COOKIE = "guide_affinity"
"""A random per-browser cookie the page sets, for a reverse proxy to keep one browser on one instance
(``hash $cookie_guide_affinity consistent`` in nginx; see docs/serve.md). Nothing here reads it."""

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""This server's pages."""

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
                                "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
"""Headers on every page: the browser itself refuses anything from another host."""

log = logging.getLogger("guide.serve")


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How `guide serve` runs."""

    host: str = DEFAULT_HOST
    """The address to listen on."""
    port: int = DEFAULT_PORT
    """The port to listen on."""
    lang: str = "en"
    """The language of the page and of a new tab's guide (``ja`` or ``en``)."""
    mode: str = "user"
    """Whose wording a new tab's guide uses (``user`` or ``agent``)."""
    trees: str | None = None
    """Folder of tree files (None: the built-in trees)."""
    content: str | None = None
    """Folder holding ``ja/`` and ``en/`` (None: the built-in words)."""
    max_sessions: int = DEFAULT_MAX_SESSIONS
    """App processes at once; more tabs get the busy page."""
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    """Seconds without a keystroke after which a session is ended."""
    spares: int = DEFAULT_SPARES
    """App processes kept started and waiting, so that a new tab does not wait for Python to start."""

    def url(self) -> str:
        """The address to open in a browser."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) reaches this machine only; unresolvable names are not."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def exposure_warning(host: str) -> str | None:
    """The one-line warning for a `host` that other machines can reach, or None for loopback."""
    if is_loopback(host):
        return None
    return (f"guide serve: warning: listening on {host}, which other machines can reach; anyone who can "
            "connect can use the guide and start sessions. Put it behind a reverse proxy with TLS and "
            "sign-in (docs/serve.md), or use the default --host 127.0.0.1")


@dataclass(eq=False)
class Live:
    """One tab's running app process and its web socket."""

    tab: str
    """The tab's id."""
    service: Any
    """The textual-serve `AppService` running the tab's app."""
    websocket: Any
    """The aiohttp web socket to the browser."""
    started: float = field(default_factory=time.monotonic)
    """When the session started (monotonic seconds)."""
    last_input: float = field(default_factory=time.monotonic)
    """When the browser last sent a keystroke or a resize (monotonic seconds)."""
    ending: asyncio.Task | None = None
    """The task ending this session, once it is being ended."""

    def touch(self) -> None:
        """Note activity now."""
        self.last_input = time.monotonic()


class SparePool:
    """App processes started ahead of need, each waiting for its order on standard input."""

    def __init__(self, argv: list[str], env: dict[str, str], size: int) -> None:
        self.argv = argv
        """The command that starts one waiting app process."""
        self.env = env
        """Its environment (what textual-serve's app processes get: the web driver, true colour)."""
        self.size = size
        """How many processes to keep waiting."""
        self.waiting: list[asyncio.subprocess.Process] = []
        """Started processes not yet given a tab, oldest first."""
        self._filling: asyncio.Task | None = None
        self._failures = 0
        self.closed = False

    async def spawn(self) -> asyncio.subprocess.Process:
        """Start one app process (it gets ready, then waits for its order)."""
        return await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self.env)

    async def take(self) -> asyncio.subprocess.Process:
        """A waiting process (a new one when none is left); the pool is topped up behind it."""
        process = None
        while self.waiting and process is None:
            candidate = self.waiting.pop(0)
            if candidate.returncode is None:
                process = candidate
            else:
                await self._report_death(candidate)
        if process is None:
            process = await self.spawn()
        self.fill()
        return process

    def fill(self) -> None:
        """Top the pool up in the background (once at a time)."""
        if not self.closed and self.size > 0 and (self._filling is None or self._filling.done()):
            self._filling = asyncio.ensure_future(self._fill())

    async def _fill(self) -> None:
        while not self.closed and len(self.waiting) < self.size:
            if self._failures:
                await asyncio.sleep(min(2.0 ** self._failures, 60.0))
            process = await self.spawn()
            self.waiting.append(process)
            await asyncio.sleep(0.5)
            if process.returncode is not None and process in self.waiting:
                self.waiting.remove(process)
                await self._report_death(process)

    async def _report_death(self, process: asyncio.subprocess.Process) -> None:
        """Log why a waiting process ended before it was needed (bad content, say) and slow down."""
        self._failures += 1
        error = b""
        if process.stderr is not None:
            with suppress(Exception):
                error = await asyncio.wait_for(process.stderr.read(2000), 1.0)
        log.error("an app process ended before use (exit %s): %s", process.returncode,
                  error.decode("utf-8", "replace").strip() or "no message")

    async def close(self) -> None:
        """Stop every waiting process (closing its standard input is its signal to leave)."""
        self.closed = True
        if self._filling is not None:
            self._filling.cancel()
        waiting, self.waiting = self.waiting, []
        for process in waiting:
            if process.stdin is not None:
                process.stdin.close()
        for process in waiting:
            try:
                await asyncio.wait_for(process.wait(), STOP_GRACE)
            except asyncio.TimeoutError:
                with suppress(ProcessLookupError):
                    process.kill()


def app_environment(columns: int = 80, rows: int = 24) -> dict[str, str]:
    """The environment of an app process: this one's, plus what Textual's web driver needs."""
    from importlib.metadata import version

    env = dict(os.environ)
    env.update({"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "TEXTUAL_FPS": "60",
                "TEXTUAL_COLOR_SYSTEM": "truecolor", "TERM_PROGRAM": "textual",
                "TERM_PROGRAM_VERSION": version("textual-serve"), "COLUMNS": str(columns), "ROWS": str(rows)})
    return env


def _textual_serve():
    """textual-serve's modules, or a `GuideError` saying how to install them."""
    try:
        import aiohttp_jinja2
        import jinja2
        from aiohttp import WSMsgType, web
        from textual_serve.app_service import AppService
        from textual_serve.server import Server
    except ImportError as exc:
        raise GuideError(f"`guide serve` needs textual-serve ({exc.name} is missing): "
                         "pip install 'guide[web]'") from None
    return aiohttp_jinja2, jinja2, web, WSMsgType, AppService, Server


def _terminal_text(text: str) -> bytes:
    """`text` as terminal output on a cleared screen (for a session refused before any app runs)."""
    return ("\x1b[2J\x1b[H\r\n  " + text + "\r\n").encode("utf-8")


def build_server(options: ServeOptions):
    """The server for `options` (not yet listening). Raises `GuideError` when textual-serve is missing."""
    aiohttp_jinja2, jinja2, web, WSMsgType, AppService, Server = _textual_serve()
    from guide.engine.service import ui
    from guide.web.tab import Order

    class TabAppService(AppService):
        """An `AppService` whose app process comes ready from the pool and closes the socket when it ends."""

        def __init__(self, tab: str, pool: SparePool, **options: Any) -> None:
            super().__init__("guide.web.tab", **options)
            self.tab = tab
            """The tab served."""
            self.pool = pool
            """Where the app process comes from."""

        async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
            """Take a waiting app process and give it this tab (textual-serve would start a new one here)."""
            process = await self.pool.take()
            assert process.stdin is not None
            process.stdin.write(Order(self.tab, width, height).encode())
            await process.stdin.drain()
            self._process, self._stdin = process, process.stdin
            return process

        async def run(self) -> None:
            """Relay the app's output until it ends, then close the browser's socket."""
            try:
                await super().run()
            finally:
                with suppress(Exception):
                    await self.remote_close()

    class GuideServer(Server):
        """textual-serve's server with the guide's page, a session per tab, and limits."""

        def __init__(self, options: ServeOptions) -> None:
            super().__init__(command="guide serve", host=options.host, port=options.port,
                             title=ui("app.title", options.lang), templates_path=TEMPLATES)
            self.options = options
            """How this server runs."""
            self.sessions: dict[str, Live] = {}
            """The running sessions by tab id."""
            self.pool = SparePool(self.app_argv(), app_environment(), options.spares)
            """App processes started ahead."""
            self._sweeper: asyncio.Task | None = None

        # --- the aiohttp application ----------------------------------------

        async def _make_app(self) -> web.Application:
            """Routes: the page, each tab's socket, downloads, the terminal's static files, health."""
            app = web.Application()
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path),
                                 autoescape=jinja2.select_autoescape(["html"]))
            app.add_routes([
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{tab}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.get("/healthz", self.handle_health, name="health"),
                web.static("/static", self.statics_path, name="static"),
            ])
            app.on_shutdown.append(self.on_shutdown)
            return app

        def serve(self, debug: bool = False) -> None:
            """Listen until Ctrl+C or SIGTERM (raises `OSError` when the address cannot be listened on)."""
            self.debug = debug
            asyncio.run(self._serve())

        async def _serve(self) -> None:
            runner = web.AppRunner(await self._make_app(), access_log=None, handle_signals=False)
            await runner.setup()
            try:
                await web.TCPSite(runner, self.host, self.port).start()
                self._sweeper = asyncio.create_task(self._sweep_idle())
                self.pool.fill()
                o = self.options
                print(f"guide serve: {o.url()} ({o.lang}, {o.mode} mode; up to {o.max_sessions} sessions, "
                      f"idle ones end after {o.idle_timeout:g} s). Ctrl+C stops.", flush=True)
                stop = asyncio.Event()
                loop = asyncio.get_running_loop()
                for signum in (signal.SIGINT, signal.SIGTERM):
                    with suppress(NotImplementedError):
                        loop.add_signal_handler(signum, stop.set)
                await stop.wait()
                log.info("stopping")
            finally:
                await runner.cleanup()

        async def on_shutdown(self, app: web.Application) -> None:
            """End every session (their answers are already saved) and the waiting app processes."""
            if self._sweeper is not None:
                self._sweeper.cancel()
            await asyncio.gather(*(self.end(live, "server stopping") for live in list(self.sessions.values())),
                                 self.pool.close(), return_exceptions=True)

        # --- pages -----------------------------------------------------------

        def full(self) -> bool:
            """Whether every session slot is taken."""
            return len(self.sessions) >= self.options.max_sessions

        async def handle_index(self, request: web.Request) -> web.Response:
            """The terminal page, or the busy page when every slot stays taken for `SLOT_GRACE` seconds."""
            lang = self.options.lang
            waited = 0.0
            while self.full() and waited < SLOT_GRACE:
                await asyncio.sleep(0.1)
                waited += 0.1
            if self.full():
                limit = self.options.max_sessions
                response = aiohttp_jinja2.render_template("busy.html", request, {
                    "lang": lang, "title": ui("busy.title", lang), "text": ui("busy.text", lang, limit=limit),
                    "retry": ui("busy.retry", lang)}, status=503)
                response.headers["Retry-After"] = "30"
            else:
                response = aiohttp_jinja2.render_template("page.html", request, {
                    "lang": lang, "title": self.title, "font_size": _int(request.query.get("fontsize"), 16, 8, 48),
                    "loading": ui("page.loading", lang), "noscript": ui("page.noscript", lang),
                    "ended": ui("page.ended", lang), "resume": ui("page.resume", lang)})
            response.headers.update(SECURITY_HEADERS)
            if AFFINITY_COOKIE not in request.cookies:
                response.set_cookie(AFFINITY_COOKIE, secrets.token_hex(8), httponly=True, samesite="Strict",
                                    path="/", max_age=30 * 24 * 3600)
            return response

        async def handle_health(self, request: web.Request) -> web.Response:
            """How many sessions run, and how many may."""
            return web.json_response({"sessions": len(self.sessions), "max_sessions": self.options.max_sessions})

        # --- sessions --------------------------------------------------------

        def app_argv(self) -> list[str]:
            """The command of an app process (which then waits for its tab, `guide.web.tab.Order`)."""
            o = self.options
            argv = [sys.executable, "-m", "guide.web.tab", "--lang", o.lang, "--mode", o.mode]
            if o.trees:
                argv += ["--trees", str(Path(o.trees).resolve())]
            if o.content:
                argv += ["--content", str(Path(o.content).resolve())]
            return argv

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            """Run tab `tab`'s app for as long as its browser stays connected (and not idle)."""
            tab = request.match_info["tab"]
            if not TAB_ID.fullmatch(tab):
                raise web.HTTPBadRequest(text="not a tab id")
            width = _int(request.query.get("width"), 80, 10, 1000)
            height = _int(request.query.get("height"), 24, 5, 500)
            websocket = web.WebSocketResponse(heartbeat=HEARTBEAT)
            await websocket.prepare(request)
            previous = self.sessions.get(tab)
            if previous is not None:
                await self.end(previous, "taken over by a new connection of the same tab")
            if self.full():
                log.info("session refused: all %d slots taken", self.options.max_sessions)
                with suppress(Exception):
                    await websocket.send_bytes(_terminal_text(ui("busy.terminal", self.options.lang)))
                    await websocket.close(code=1013, message=b"busy")
                return websocket
            service = TabAppService(tab, self.pool, write_bytes=websocket.send_bytes,
                                    write_str=websocket.send_str, close=websocket.close,
                                    download_manager=self.download_manager, debug=self.debug)
            live = Live(tab, service, websocket)
            self.sessions[tab] = live
            log.info("session %s… started (%d/%d)", tab[:6], len(self.sessions), self.options.max_sessions)
            try:
                await service.start(width, height)
                await self._relay(websocket, live)
            except asyncio.CancelledError:
                pass
            except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the server
                log.exception("session %s… failed: %s", tab[:6], error)
            finally:
                await self.end(live, "disconnected")
            return websocket

        async def _relay(self, websocket: web.WebSocketResponse, live: Live) -> None:
            """Pass the browser's keys, size and focus to the app; answer its pings."""
            service = live.service
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    kind, *rest = json.loads(message.data)
                    if kind == "stdin":
                        live.touch()
                        await service.send_bytes(str(rest[0]).encode("utf-8"))
                    elif kind == "resize":
                        live.touch()
                        await service.set_terminal_size(int(rest[0]["width"]), int(rest[0]["height"]))
                    elif kind == "ping":
                        await websocket.send_json(["pong", rest[0]])
                    elif kind == "focus":
                        await service.focus()
                    elif kind == "blur":
                        await service.blur()
                except (ValueError, TypeError, KeyError, IndexError):
                    continue

        async def end(self, live: Live, why: str) -> None:
            """End `live`'s session (once, however often asked): stop its app, close its socket."""
            if self.sessions.get(live.tab) is live:
                del self.sessions[live.tab]
            if live.ending is None:
                live.ending = asyncio.ensure_future(self._stop(live, why))
            await asyncio.shield(live.ending)

        async def _stop(self, live: Live, why: str) -> None:
            try:
                await asyncio.wait_for(asyncio.shield(live.service.stop()), STOP_GRACE)
            except (asyncio.TimeoutError, Exception):  # noqa: BLE001 - make sure the process is gone
                process = getattr(live.service, "_process", None)
                if process is not None and process.returncode is None:
                    with suppress(ProcessLookupError):
                        process.kill()
            with suppress(Exception):
                await live.websocket.close()
            log.info("session %s… ended (%s) after %.0f s; %d running", live.tab[:6], why,
                     time.monotonic() - live.started, len(self.sessions))

        async def _sweep_idle(self) -> None:
            """End sessions idle longer than the idle timeout, checking a few times per timeout."""
            timeout = self.options.idle_timeout
            interval = min(max(timeout / 4, 0.25), 30.0)
            while True:
                await asyncio.sleep(interval)
                now = time.monotonic()
                for live in list(self.sessions.values()):
                    if now - live.last_input > timeout:
                        asyncio.ensure_future(self.end(live, f"idle for {timeout:g} s"))

    return GuideServer(options)


def _int(value: str | None, default: int, low: int, high: int) -> int:
    """`value` as an int within [low, high], or `default` when it is not a number."""
    try:
        return min(max(int(value), low), high)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def run(options: ServeOptions) -> int:
    """Serve until stopped (what `guide serve` calls); returns the exit code.

    Raises:
        GuideError: textual-serve is missing, or the address cannot be listened on.
    """
    if options.max_sessions < 1:
        raise GuideError("--max-sessions must be at least 1")
    if options.idle_timeout <= 0:
        raise GuideError("--idle-timeout must be a positive number of seconds")
    if options.spares < 0:
        raise GuideError("--spares must be 0 or more")
    from guide.engine.service import Guide

    Guide.open(options.trees, options.content)  # bad content: one clear error now, not in every tab
    server = build_server(options)
    warning = exposure_warning(options.host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    logging.basicConfig(level=logging.INFO, format="guide serve: %(message)s", stream=sys.stderr)
    try:
        server.serve()
    except OSError as exc:
        raise GuideError(f"cannot listen on {options.host}:{options.port} ({exc.strerror or exc}); "
                         "choose another --port or --host") from None
    return 0
