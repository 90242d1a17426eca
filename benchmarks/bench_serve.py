"""`guide serve` benchmarks: page open to the first question, memory per session, sessions one machine holds.

Figures printed (none is asserted; see README "Benchmarks"):
- page open to the first question: a headless Chromium (Debian's, through
  Playwright, when both are installed) opens the page until the app has drawn
  its start screen ("What is the problem?"), median of 5 tabs; with the
  default 2 app processes started ahead, and with none (``--spares 0``) for
  comparison (goal: at most 2 s);
- memory per open session: RSS, PSS and private memory of the app processes
  of 4 open sessions (each has walked one question), read from ``/proc``;
- concurrent sessions held: more and more sessions (web socket clients
  speaking textual-serve's protocol, each answering a question, then going
  back, pausing about 1 s between keys, then again about 5 s, a reading
  pace) until the 95th percentile of the time from a key to the app's
  redraw passes 200 ms, or 48 sessions, or the time budget runs out.

Everything runs on loopback against a `guide serve` subprocess over the
built-in content, with a private ``GUIDE_STATE_DIR``; the benchmark's own
client shares the machine's 2 cores with the server.
"""

from __future__ import annotations

import asyncio
import bisect
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ANSWER_GOAL_MS = 200.0
"""The time from a key to the app's redraw that every session should keep (95th percentile)."""

LEVELS = (1, 2, 4, 8, 12, 16, 24, 32, 48)
"""Concurrent session counts tried, in order, until one misses the goal."""

BUDGET = 360.0
"""Seconds the two concurrency sweeps may take together (they stop by themselves)."""

REDRAW_BYTES = 600
"""A frame at least this big is a redraw (the cursor's blink sends about 300 bytes twice a second)."""

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Serve:
    """A `guide serve` subprocess on a free loopback port, stopped on exit."""

    def __init__(self, *args: str) -> None:
        self.args = args
        self.folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
        self.lost = 0
        """Sessions whose connection ended during a measurement (the log is then kept)."""

    def __enter__(self) -> "Serve":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "GUIDE_STATE_DIR": str(self.folder / "state")}
        self.log = open(self.folder / "serve.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "guide", "serve", "--port", str(self.port), "--lang", "ja", *self.args],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            assert self.process.poll() is None, (self.folder / "serve.log").read_text()
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            assert time.monotonic() < deadline, "guide serve did not start"
            time.sleep(0.1)
        self.url = f"http://127.0.0.1:{self.port}/"
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        if exc[0] is None and not self.lost:
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            print(f"  (server log kept: {self.folder / 'serve.log'})", file=sys.stderr)

    def app_processes(self) -> list[int]:
        """The app processes serving a tab (spares, which run one thread, left out)."""
        found = []
        for pid in _children(self.process.pid):
            status = _status(pid)
            if status.get("Threads", "1") != "1":
                found.append(pid)
        return found

    def warm(self, spares: int = 2, timeout: float = 30.0) -> None:
        """Wait until `spares` app processes wait, ready (idle), for a tab."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            waiting = [pid for pid in _children(self.process.pid) if _status(pid).get("Threads") == "1"]
            if len(waiting) >= spares and all(_cpu_idle(pid) for pid in waiting):
                return
            time.sleep(0.2)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _status(pid: int) -> dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def _cpu_idle(pid: int, span: float = 0.2) -> bool:
    """Whether `pid` used (almost) no CPU over `span` seconds (done starting up)."""
    def ticks() -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    try:
        before = ticks()
        time.sleep(span)
        return ticks() - before <= 1
    except OSError:
        return False


def _memory(pid: int) -> tuple[int, int, int]:
    """(RSS, PSS, private) of `pid` in kB, from /proc/PID/smaps_rollup."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, rest = line.partition(":")
        values[key] = int(rest.split()[0])
    return values["Rss"], values["Pss"], values["Private_Clean"] + values["Private_Dirty"]


# --- a tab as a web socket client -----------------------------------------------------------------------------


class Tab:
    """One session: keys in, the times of the app's redraws out."""

    def __init__(self, client, url: str) -> None:
        self.client = client
        self.url = url.replace("http://", "ws://") + "ws/" + secrets.token_hex(16) + "?width=120&height=36"
        self.redraws: list[float] = []
        self.closed = False
        self.started = False
        """Whether this session has started a guide (the start screen's "1")."""
        self.forward = True
        """Whether the next key answers the question ("1") rather than undoing the answer (ctrl+z)."""

    async def open(self) -> "Tab":
        self.socket = await self.client.ws_connect(self.url, max_msg_size=0)
        self.reader = asyncio.ensure_future(self._read())
        await self.wait_redraw(since=0.0, timeout=60)
        await self.quiet()
        return self

    async def _read(self) -> None:
        import aiohttp

        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                if len(message.data) >= REDRAW_BYTES:
                    self.redraws.append(time.perf_counter())
        self.closed = True

    async def wait_redraw(self, since: float, timeout: float = 10.0) -> float | None:
        """The time of the first redraw after `since`, or None after `timeout` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and not self.closed:
            after = bisect.bisect_right(self.redraws, since)
            if after < len(self.redraws):
                return self.redraws[after]
            await asyncio.sleep(0.005)
        return None

    async def quiet(self, gap: float = 0.15, timeout: float = 10.0) -> None:
        """Wait until no redraw came for `gap` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            last = self.redraws[-1] if self.redraws else 0.0
            if time.perf_counter() - last >= gap:
                return
            await asyncio.sleep(0.02)

    async def key(self, data: str) -> float | None:
        """Send `data` as typed; the milliseconds until the app's redraw began (None: none came)."""
        sent = time.perf_counter()
        try:
            await self.socket.send_str(json.dumps(["stdin", data]))
        except ConnectionError:
            self.closed = True
            return None
        drawn = await self.wait_redraw(sent)
        return None if drawn is None else (drawn - sent) * 1000

    async def close(self) -> None:
        await self.socket.close()
        await self.reader


async def _open_tabs(client, url: str, count: int) -> list[Tab]:
    tabs = []
    for _ in range(count):  # one after another, as people arrive; each takes a ready app process
        tabs.append(await Tab(client, url).open())
    return tabs


async def _walk_loop(tab: Tab, until: float, think: float, answers: list[float], backs: list[float],
                     misses: list[int]) -> None:
    """Answer the question ("1"), go back (ctrl+z), again and again, pausing about `think` s, until `until`."""
    await asyncio.sleep(random.uniform(0, think))
    while time.perf_counter() < until and not tab.closed:
        took = await tab.key("1" if tab.forward else "\x1a")
        if took is None:
            misses.append(1)
        else:
            (answers if tab.forward else backs).append(took)
        tab.forward = not tab.forward  # kept across levels, so the walk never drifts off the question
        await asyncio.sleep(random.uniform(0.5 * think, 1.5 * think))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else float("nan")


async def _capacity(served: Serve, think: float, window: float, budget: float,
                    first: int = 1) -> tuple[list[tuple[str, str, str]], int]:
    """Rows for each level tried from `first` on, then the most sessions that kept the goal."""
    import aiohttp

    began = time.perf_counter()
    levels = []
    held = 0
    async with aiohttp.ClientSession() as client:
        tabs: list[Tab] = []
        try:
            for level in [n for n in LEVELS if n >= first]:
                if time.perf_counter() - began > budget:
                    break
                tabs += await _open_tabs(client, served.url, level - len(tabs))
                # every session starts the first guide (those opened before are already in it)
                for tab in tabs:
                    if not tab.started:
                        await tab.key("1")
                        await tab.quiet()
                        tab.started = True
                await asyncio.to_thread(served.warm)  # the processes started to replace those taken are ready
                answers, backs, misses = [], [], []
                until = time.perf_counter() + window
                await asyncio.gather(*(_walk_loop(tab, until, think, answers, backs, misses) for tab in tabs))
                await asyncio.gather(*(tab.quiet() for tab in tabs))
                lost = sum(tab.closed for tab in tabs)
                if lost:
                    served.lost += lost
                    misses.append(lost)
                keys = answers + backs
                p95, worst = _p95(keys), max(keys) if keys else float("nan")
                levels.append((level, p95, worst, _p95(answers), _p95(backs), len(keys), len(misses)))
                if p95 > ANSWER_GOAL_MS or misses:
                    break
                held = level
        finally:
            await asyncio.gather(*(tab.close() for tab in tabs), return_exceptions=True)
    rows = [(f"{level:>2} sessions, a key every ~{think:g} s: key p95", f"{p95:.0f} ms",
             f"{count} keys, max {worst:.0f} ms; answer p95 {answer:.0f} ms, back p95 {back:.0f} ms"
             + (f"; {missed} keys not redrawn within 10 s or sessions lost" if missed else ""))
            for level, p95, worst, answer, back, count, missed in levels]
    last = levels[-1][0] if levels else 0
    stopped = "missed the goal" if held < last else ("the largest level tried" if last == LEVELS[-1]
                                                     else "the time budget ran out")
    rows.append((f"sessions held, a key every ~{think:g} s, p95 < 200 ms", f"{held}",
                 f"keys answered (\"1\") and undone (ctrl+z) in turn; next level {stopped}"))
    return rows, held


async def _memory_rows(served: Serve) -> list[tuple[str, str, str]]:
    import aiohttp

    async with aiohttp.ClientSession() as client:
        tabs = await _open_tabs(client, served.url, 4)
        for tab in tabs:
            await tab.key("1")
            await tab.quiet()
            await tab.key("1")
            await tab.quiet()
        await asyncio.sleep(1.0)
        pids = served.app_processes()
        measured = [_memory(pid) for pid in pids]
        server = _memory(served.process.pid)
        for tab in tabs:
            await tab.close()
    rss = statistics.median(m[0] for m in measured) / 1024
    pss = statistics.median(m[1] for m in measured) / 1024
    private = statistics.median(m[2] for m in measured) / 1024
    return [("memory per open session (RSS, median of 4)", f"{rss:.0f} MiB",
             f"PSS {pss:.0f} MiB, private {private:.0f} MiB; server itself RSS {server[0] / 1024:.0f} MiB; "
             f"{len(pids)} app processes seen")]


def _page_open(url: str, tabs: int = 5, warm=None) -> list[float] | None:
    """Seconds from page open to the app's first screen in Chromium, per tab; None without a browser."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for number in range(tabs + 1):
                if warm is not None:
                    warm()
                context = browser.new_context(viewport={"width": 1100, "height": 700})
                context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url
                              else route.abort())
                page = context.new_page()
                began = time.perf_counter()
                page.goto(url)
                page.wait_for_selector("body.-first-byte", timeout=60_000)
                if number:  # the first opening warms the browser's own caches; not counted
                    timings.append(time.perf_counter() - began)
                context.close()
        finally:
            browser.close()
    return timings


def main() -> list[tuple[str, str, str]]:
    rows = []
    with Serve("--max-sessions", "64") as served:
        served.warm()
        warm_opens = _page_open(served.url, warm=served.warm)
        if warm_opens is None:
            rows.append(("page open -> first question", "n/a", "needs Playwright and Chromium"))
        else:
            rows.append(("page open -> first question (2 ready)", f"{statistics.median(warm_opens):.2f} s",
                         f"median of {len(warm_opens)} tabs, max {max(warm_opens):.2f} s  goal <= 2 s"))
        served.warm()
        rows += asyncio.run(_memory_rows(served))
        held = 1
        for think, window in ((1.0, 10.0), (5.0, 20.0)):
            served.warm()
            capacity, held = asyncio.run(_capacity(served, think, window, BUDGET / 2, first=held))
            rows += capacity
    if warm_opens is not None:
        with Serve("--spares", "0") as cold:
            time.sleep(1.0)
            cold_opens = _page_open(cold.url) or []
            rows.append(("page open -> first question (--spares 0)", f"{statistics.median(cold_opens):.2f} s",
                         f"median of {len(cold_opens)} tabs: Python starts per tab  goal <= 2 s"))
    return rows


if __name__ == "__main__":
    for row in main():
        print("  ".join(row))
