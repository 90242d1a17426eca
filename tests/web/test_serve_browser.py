"""`guide serve` in a real browser: headless Chromium (Debian's) driven by Playwright, offline.

The server runs as a subprocess on a free loopback port over the fixture
content (`conftest.serve`). The browser may reach loopback only: every other
request (Google Fonts first of all) is aborted and recorded, and the test
fails if the page tried any. The terminal is drawn on a canvas, so the test
asserts on what the app records: the session files in ``GUIDE_STATE_DIR``
and the ticket note the browser downloads. A screenshot is kept under
``test-artifacts/`` and its path printed (``pytest -s`` shows it).

Skipped, with the reason, only when Playwright (Python) or Chromium is
missing; `.ci/run` installs both.
"""

from __future__ import annotations

import shutil
import time
from urllib.parse import urlsplit

import pytest

from serving import ARTIFACTS, wait_until

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright for Python is not installed (pip install -e '.[test]')")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""Debian's Chromium (Playwright's own browser download cannot work offline)."""

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium fonts-noto-cjk; .ci/run does)")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
"""Headless, as root, and without Chromium's own calls home (refused on a closed network)."""

REDRAW_BYTES = 600
"""Terminal output at least this big is a redraw; the cursor's blink sends about 300 bytes twice a second."""

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
"""The only hosts the page may reach."""


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for this module's tests."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Offline:
    """A browser context that reaches loopback only, and remembers what else the page tried."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport={"width": 1100, "height": 700}, accept_downloads=True,
                                           locale="ja-JP")
        self.blocked: list[str] = []
        self.downloads: list = []
        self.context.route("**/fonts.googleapis.com/**", self._block)
        self.context.route("**/*", self._loopback_only)
        self.context.on("page", lambda page: page.on("download", self._downloaded))

    def _downloaded(self, download) -> None:
        self.downloads.append(download)

    def _block(self, route) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def _loopback_only(self, route) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            self._block(route)

    def close(self) -> None:
        self.context.close()


class Terminal:
    """One tab's page: opens the guide, types into xterm, waits for the app's output to settle."""

    def __init__(self, offline: Offline, url: str) -> None:
        self.page = offline.context.new_page()
        self.url = url
        self.frames = 0
        self.last_frame = time.monotonic()
        self.page.on("websocket", lambda socket: socket.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if len(payload) >= REDRAW_BYTES:
            self.frames += 1
            self.last_frame = time.monotonic()

    def open(self, reload: bool = False) -> "Terminal":
        """Open (or reload) the page, wait for the app's first screen, give the terminal the keyboard."""
        began = time.monotonic()
        self.page.reload() if reload else self.page.goto(self.url)
        self.page.wait_for_selector("body.-first-byte", timeout=30_000)
        self.opened_in = time.monotonic() - began
        self.page.focus(".xterm textarea")
        return self.settle(self.frames - 1)

    def settle(self, seen: int, quiet: float = 0.3, timeout: float = 30.0) -> "Terminal":
        """Wait for a redraw after redraw number `seen`, then for `quiet` seconds without one."""
        began = time.monotonic()
        while self.frames <= seen:
            assert time.monotonic() - began < timeout, "the app did not redraw"
            self.page.wait_for_timeout(20)
        while time.monotonic() - self.last_frame < quiet:
            assert time.monotonic() - began < timeout, "the app kept redrawing"
            self.page.wait_for_timeout(20)
        return self

    def type(self, text: str) -> "Terminal":
        """Type `text` (Japanese too) into the terminal, and give xterm a moment to pass it on.

        xterm hands typed text to the app a little after the key events, so a key pressed at once could
        overtake it.
        """
        self.page.keyboard.type(text)
        self.page.wait_for_timeout(300)
        return self

    def press(self, *keys: str) -> "Terminal":
        """Press `keys` one after the other, each once the app has finished redrawing for the last one."""
        for key in keys:
            seen = self.frames
            self.page.keyboard.press(key)
            self.settle(seen)
        return self

    def tab_id(self) -> str:
        return self.page.get_attribute("body", "data-tab")


def keep_failure(page, name: str) -> None:
    """Save what the page shows under test-artifacts/ and say where (for a failed test)."""
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / name))
        print(f"screenshot of the failure: {ARTIFACTS / name}")
    except Exception as error:  # noqa: BLE001 - the failure itself matters more
        print(f"no screenshot of the failure: {error}")


def session_where(served, predicate, what: str) -> dict:
    """The one saved session for which `predicate` holds, once it is there."""
    found = wait_until(lambda: [s for s in served.sessions() if predicate(s)], timeout=15, what=what)
    assert len(found) == 1, found
    return found[0]


def test_japanese_walk_in_the_browser_resumes_after_reload_and_downloads_the_ticket(serve, browser):
    """Type Japanese, answer, reach a resolution; a second tab is its own session; a reload continues the first.

    What a reviewer should see in the screenshot: the Japanese resolution card
    (the fix only IT can make, with the request to send them), the question
    「これで解決しましたか?」 and the notices that the earlier conversation was
    continued and that the ticket note was sent to the browser.
    """
    served = serve("--max-sessions", "4")
    offline = Offline(browser)
    tab = Terminal(offline, served.url)
    try:
        tab.open()
        print(f"\npage open to first screen: {tab.opened_in:.2f} s")
        assert tab.page.title() == "サインイン ガイド"

        tab.type("デモ").press("Enter")   # free Japanese text: the guides it fits are listed
        tab.press("1")                     # the demo guide starts at its first question
        tab.type("いいえ").press("Enter")  # answered in Japanese words
        first = session_where(served, lambda s: s["steps"], "the first answer to be saved")
        assert (first["tree"], first["lang"], first["audience"]) == ("demo", "ja", "user")
        assert [(s["node"], s["answer"], s["by"]) for s in first["steps"]] == [("q-first", "no", "user")]
        assert first["position"]["node"] == "r-option" and first["outcome"] is None

        other = Terminal(offline, served.url).open()  # another tab: a conversation of its own
        assert other.tab_id() != tab.tab_id()
        other.press("1", "1")
        second = session_where(served, lambda s: s["id"] != first["id"], "the second tab's session")
        assert [s["answer"] for s in second["steps"]] == ["yes"]
        other.page.close()
        wait_until(lambda: served.health()["sessions"] == 1, what="the closed tab's session to end")

        tab.open(reload=True)  # same tab, same id: the conversation continues where it was
        tab.press("Control+s")  # the ticket note, then Enter writes it and the browser downloads it
        tab.press("Enter")
        tickets = served.state / "tickets" / tab.tab_id()
        wait_until(lambda: (tickets / f"ticket-{first['id']}-ja.md").is_file(), timeout=30,
                   what="the ticket note to be written")
        [download] = wait_until(lambda: offline.downloads, timeout=30, what="the ticket note download")
        assert download.suggested_filename == f"ticket-{first['id']}-ja.md"
        ARTIFACTS.mkdir(exist_ok=True)
        note = ARTIFACTS / "serve-browser-ticket.md"
        download.save_as(note)
        markdown = note.read_text(encoding="utf-8")
        assert markdown.startswith("## サインインのトラブルシューティング: デモ") and "**いいえ**" in markdown

        shot = ARTIFACTS / "serve-browser-resolution.png"
        tab.page.screenshot(path=str(shot))
        print(f"screenshot: {shot}")
        print(f"ticket note: {note}")

        tab.press("1")  # 「解決した」: the walk closes as resolved, in the same session as before the reload
        resolved = session_where(served, lambda s: s["outcome"], "the walk to be closed")
        assert resolved["id"] == first["id"] and resolved["outcome"] == "resolved"
        assert [s["answer"] for s in resolved["steps"]] == ["no", "fixed"]
        assert offline.blocked == [], f"the page tried to reach other hosts: {offline.blocked}"
    except BaseException:
        keep_failure(tab.page, "serve-browser-failure.png")
        raise
    finally:
        offline.close()


def test_busy_page_in_the_browser_when_every_session_is_taken(serve, browser):
    """With --max-sessions 1, a second tab gets the Japanese 'busy' page; it works again once the first closes."""
    served = serve("--max-sessions", "1", lang="ja")
    offline = Offline(browser)
    try:
        Terminal(offline, served.url).open()
        busy = offline.context.new_page()
        response = busy.goto(served.url)
        assert response.status == 503 and busy.title() == "ただいま混み合っています"
        assert busy.locator("#busy").is_visible()
        offline.context.pages[0].close()
        wait_until(lambda: served.health()["sessions"] == 0, what="the first tab's session to end")
        busy.click("a")  # 「もう一度試す」
        busy.wait_for_selector("body.-first-byte", timeout=30_000)
        assert offline.blocked == []
    finally:
        offline.close()
