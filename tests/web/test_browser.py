"""`guide serve` in a real browser: Debian's Chromium driven by Playwright, offline, at phone width.

One server (`servers.Server`, the built-in content, its own SQLite store) for
the module; each test gets a fresh browser context (360 px wide, touch, Japanese
unless it says otherwise) that may reach loopback only: any other request is
aborted and fails the test. Every wait is on an event (a navigation, a
download, an element's text), never on a clock; Playwright's deadlines only
turn a hang into a failure. The accessibility check injects axe-core (npm,
installed into ``.ci/node`` for the tests only) and fails on any serious or
critical violation. Screenshots of the 360 px start and resolution pages are
taken on every run; with ``GUIDE_SCREENSHOTS=docs/screenshots`` they are kept
there (the committed ones docs/serve.md shows), else in the test's own folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from guide.engine.service import Guide
from servers import Server
from support import FIXTURES, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's Chromium (Playwright cannot download its own browser here)."""

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
"""Runs as root in a container, with no calls home (refused on a closed network)."""

AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core, installed by .ci/run (or by `axe_source` below) for the test browser only."""

SCREENSHOTS = os.environ.get("GUIDE_SCREENSHOTS")
"""Where to keep the phone-width screenshots (`docs/screenshots` renews the committed ones); unset: a test folder."""

LOOPBACK = {"127.0.0.1", "localhost"}
"""The only hosts the page may reach."""

FREE_TEXT = "Teams で毎回サインインを求められる"
"""What a person types on the start page."""

WALK = ("loop", "not-fixed", "windows")
"""Answers from where the router starts that text to a resolution whose fix has a command."""


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script; installed from npm into the test-only folder when .ci/run has not done it yet."""
    if not AXE.exists():
        npm = shutil.which("npm")
        assert npm, "axe-core is missing and npm is not installed: apt-get install npm, then run .ci/run"
        subprocess.run([npm, "install", "--prefix", str(ROOT / ".ci" / "node"), "--no-save", "--no-audit",
                        "--no-fund", "--silent", "axe-core@4"], check=True)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One `guide serve` over the built-in content for the module."""
    folder = tmp_path_factory.mktemp("serve")
    with Server(folder, "--helpdesk", "it-help@example.com", "--lang", "en") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


class Phone:
    """A browser context at 360 px with touch, reaching loopback only."""

    def __init__(self, browser, locale: str = "ja-JP", script: bool = True) -> None:
        self.blocked: list[str] = []
        self.context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1,
                                           is_mobile=True, has_touch=True, locale=locale, accept_downloads=True,
                                           java_script_enabled=script)
        self.context.route("**/*", self._loopback_only)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)

    def _loopback_only(self, route) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def tap(self, name: str) -> None:
        """Tap the button (or link) named `name` and wait for the page it leads to."""
        target = self.page.get_by_role("button", name=name, exact=True)
        if target.count() == 0:
            target = self.page.get_by_role("link", name=name, exact=True)
        with self.page.expect_navigation():
            target.first.tap()

    def no_horizontal_scroll(self) -> None:
        """The page fits 360 px: nothing is wider than the viewport."""
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{self.page.url} is {width} px wide"

    def close(self) -> None:
        self.context.close()
        assert not self.blocked, f"the page tried to reach other hosts: {self.blocked}"


@pytest.fixture
def phone(browser):
    """A Japanese phone."""
    opened = Phone(browser)
    yield opened
    opened.close()


def labels_along(server: Server, text: str | None, keys: tuple[str, ...], lang: str, tree: str | None = None
                 ) -> list[str]:
    """The button labels a person taps for `keys` (from free `text`, or in `tree`, whose title comes first),
    read from the facade over the same content."""
    guide = Guide.open(db=f"sqlite:///{server.folder / 'labels.db'}")
    try:
        conversation = guide.start(tree, text=text, lang=lang, front="cli")
        labels = [] if tree is None else [next(s.title for s in guide.symptoms(lang) if s.tree == tree)]
        for key in keys:
            labels.append(next(option.label for option in conversation.view(lang).options if option.key == key))
            conversation.answer(key)
        return labels
    finally:
        guide.close()


def stored(server: Server, conversation_id: str):
    """The conversation as the server's store holds it (another facade on the same database)."""
    guide = Guide.open(db=server.db)
    try:
        return guide.conversation(conversation_id)
    finally:
        guide.close()


def conversation_id(phone: Phone) -> str:
    """The id in the browser's conversation cookie."""
    return next(cookie["value"] for cookie in phone.context.cookies() if cookie["name"] == "guide_conversation")


def axe(page, source: str) -> list[dict]:
    """Serious and critical axe-core violations on the page (WCAG 2.0/2.1 A and AA rules)."""
    page.evaluate(source)
    result = page.evaluate("""async () => {
        const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
        const found = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return found.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")
    return [violation for violation in result if violation["impact"] in ("serious", "critical")]


def test_free_text_to_a_resolution_by_tapping_at_360_px(server, phone, tmp_path):
    """Type what is happening in Japanese, tap the answers, reach a fix with a command to copy; all stored."""
    labels = labels_along(server, FREE_TEXT, WALK, "ja")
    page = phone.page
    page.goto(server.url + "/")
    expect(page.locator("h1")).to_have_text("どのようなことでお困りですか?")
    phone.no_horizontal_scroll()
    shots = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "start-360.png"), full_page=True)
    page.get_by_label("どのようなことでお困りですか?").fill(FREE_TEXT)
    phone.tap("続ける")
    for label in labels:
        phone.no_horizontal_scroll()
        phone.tap(label)
    expect(page.get_by_role("heading", name="解決しましたか?")).to_be_visible()
    expect(page.locator("pre code").first).to_contain_text("cmdkey")
    expect(page.get_by_role("button", name="コピー").first).to_be_visible()  # the little script shows it
    phone.no_horizontal_scroll()
    page.screenshot(path=str(shots / "resolution-360.png"), full_page=True)
    assert (shots / "resolution-360.png").stat().st_size > 0
    saved = stored(server, conversation_id(phone))
    assert [step.answer for step in saved.session.steps][-len(WALK):] == list(WALK)
    assert saved.front == "web" and saved.lang == "ja"


def test_a_reload_resumes_and_the_start_page_offers_to_continue(server, phone):
    """A reload shows the same question; a new visit to the start page offers to continue."""
    page = phone.page
    page.goto(server.url + "/")
    page.get_by_label("どのようなことでお困りですか?").fill(FREE_TEXT)
    phone.tap("続ける")
    question = page.locator("h1").inner_text()
    page.reload()
    expect(page.locator("h1")).to_have_text(question)
    page.goto(server.url + "/")
    expect(page.get_by_role("link", name=re.compile("前回の続きから再開する"))).to_be_visible()
    phone.tap(page.get_by_role("link", name=re.compile("前回の続きから再開する")).inner_text())
    expect(page.locator("h1")).to_have_text(question)


def test_evidence_upload_proposes_an_answer(server, phone):
    """Upload dsregcmd output at the device-state question: the question shows the answer it gives, and why."""
    page = phone.page
    page.goto(server.url + "/")
    for label in labels_along(server, None, ("device",), "ja", tree="ca-blocked"):
        phone.tap(label)
    question = page.locator("h1").inner_text()
    phone.tap("診断結果を貼り付ける")
    page.set_input_files("#file", str(FIXTURES / "evidence" / "dsregcmd-not-registered.txt"))
    phone.tap("調べる")
    expect(page.locator("main")).to_contain_text("dsregcmd-not-registered.txt")
    phone.tap("質問に戻る")
    expect(page.locator("h1")).to_have_text(question)
    expect(page.locator(".proposal")).to_contain_text("診断結果からの回答候補")
    expect(page.locator(".proposal .reason")).to_contain_text("dsregcmd-not-registered.txt")
    phone.tap("この回答を使う")
    saved = stored(server, conversation_id(phone))
    assert saved.session.steps[-1].by == "evidence"


def test_the_request_to_it_downloads_and_mails(server, phone):
    """At a conclusion: a mailto: link to the helpdesk with subject and body, and a Markdown download."""
    labels = labels_along(server, FREE_TEXT, WALK, "ja")
    page = phone.page
    page.goto(server.url + "/")
    page.get_by_label("どのようなことでお困りですか?").fill(FREE_TEXT)
    phone.tap("続ける")
    for label in labels:
        phone.tap(label)
    phone.tap("IT 部門への依頼文を作る")
    expect(page.locator("h1")).to_have_text("IT 部門への依頼")
    mail = page.get_by_role("link", name=re.compile("メールで送る"))
    href = mail.get_attribute("href")
    assert href.startswith("mailto:it-help@example.com?subject=")
    assert "サインインの問題" in unquote(href) and labels[-1] in unquote(href)
    with page.expect_download() as waiting:
        page.get_by_role("link", name=re.compile("ダウンロード")).tap()
    download = waiting.value
    text = Path(download.path()).read_text(encoding="utf-8")
    assert download.suggested_filename.endswith(".md") and labels[0] in text


def test_language_switch_mid_conversation(server, phone):
    """Switch to English on a question: the same question in English, the conversation kept."""
    labels = labels_along(server, FREE_TEXT, WALK[:1], "en")
    page = phone.page
    page.goto(server.url + "/")
    page.get_by_label("どのようなことでお困りですか?").fill(FREE_TEXT)
    phone.tap("続ける")
    before = conversation_id(phone)
    phone.tap("Switch to English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name=labels[0], exact=True)).to_be_visible()
    assert conversation_id(phone) == before and stored(server, before).lang == "en"


def test_another_guide_the_router_ranked_next_is_one_tap_away(server, phone):
    """After free text, the other likely guides are buttons under the question: a tap enters the chosen one,
    Back returns to the router's choice, and the store keeps both the router's tree and the walk's."""
    guide = Guide.open(db=f"sqlite:///{server.folder / 'labels.db'}")
    try:
        routing = guide.route(FREE_TEXT, "ja")
        chosen = routing.candidates[1]
        titles = (guide.words.title(routing.best.tree, "ja"), guide.words.title(chosen.tree, "ja"))
    finally:
        guide.close()
    page = phone.page
    page.goto(server.url + "/")
    page.get_by_label("どのようなことでお困りですか?").fill(FREE_TEXT)
    phone.tap("続ける")
    expect(page.locator(".caption")).to_have_text(titles[0])
    offered = page.locator("form.instead")
    expect(offered.get_by_role("heading")).to_have_text("ほかに当てはまりそうなガイド")
    phone.no_horizontal_scroll()
    phone.tap(titles[1])
    expect(page.locator(".caption")).to_have_text(titles[1])
    expect(page.locator("form.instead")).to_have_count(0)
    saved = stored(server, conversation_id(phone))
    assert saved.routed_tree == routing.best.tree and saved.position.tree == chosen.tree
    phone.tap("戻る")
    expect(page.locator(".caption")).to_have_text(titles[0])


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_no_serious_accessibility_violations(server, browser, axe_source, locale):
    """axe-core on the start page, a question, a resolution with commands and the evidence page: none serious."""
    phone = Phone(browser, locale)
    page = phone.page
    lang = locale[:2]
    try:
        labels = labels_along(server, FREE_TEXT, WALK, lang)
        found = {}
        page.goto(server.url + "/")
        found["start"] = axe(page, axe_source)
        page.locator("#text").fill(FREE_TEXT)
        with page.expect_navigation():
            page.locator("form.ask button").tap()
        found["question"] = axe(page, axe_source)
        for label in labels:
            phone.tap(label)
        expect(page.locator("pre code").first).to_be_visible()
        found["resolution"] = axe(page, axe_source)
        page.goto(server.url + "/evidence")
        found["evidence"] = axe(page, axe_source)
        print(json.dumps({lang: {name: len(v) for name, v in found.items()}}))
        assert found == {"start": [], "question": [], "resolution": [], "evidence": []}
    finally:
        phone.close()


def test_a_walk_by_keyboard_alone_with_visible_focus_and_large_targets(server, phone):
    """Tab reaches the answers, Enter answers; the focused control is outlined; every button is >= 44 px tall."""
    labels = labels_along(server, FREE_TEXT, WALK[:1], "ja")
    page = phone.page
    page.goto(server.url + "/")
    page.locator("#text").fill(FREE_TEXT)
    with page.expect_navigation():
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    small = page.evaluate("""() => [...document.querySelectorAll(
        'main button:not([hidden]), .choice, nav.more a, .back a')]
        .filter(e => e.getBoundingClientRect().height < 44).map(e => e.textContent.trim())""")
    assert small == []
    for _ in range(40):  # at most every control of the page once
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => ({text: document.activeElement.textContent.trim(),
            outline: getComputedStyle(document.activeElement).outlineStyle,
            width: parseFloat(getComputedStyle(document.activeElement).outlineWidth)})""")
        assert focused["outline"] != "none" and focused["width"] >= 2, focused
        if focused["text"] == labels[0]:
            break
    else:
        raise AssertionError(f"Tab never reached the answer {labels[0]!r}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="解決しましたか?")).to_be_visible()


def test_the_whole_walk_works_with_javascript_off(server, browser):
    """No script at all: choose from the list, answer, go back, reach the fix; copy buttons stay hidden."""
    phone = Phone(browser, script=False)
    page = phone.page
    try:
        labels = labels_along(server, None, ("loop", "not-fixed", "windows"), "ja", tree="reauth-loop")
        page.goto(server.url + "/")
        phone.tap(labels[0])
        phone.tap(labels[1])
        phone.tap("戻る")
        for label in labels[1:]:
            phone.tap(label)
        expect(page.get_by_role("heading", name="解決しましたか?")).to_be_visible()
        expect(page.locator("pre code").first).to_contain_text("cmdkey")
        expect(page.locator("button.copy").first).to_be_hidden()
    finally:
        phone.close()
