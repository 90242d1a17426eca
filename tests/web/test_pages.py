"""`guide serve`'s pages in-process (Starlette's TestClient) over the fixture content and a real SQLite store.

Each test plays a person: it reads the page's text, presses its buttons (POSTs
with the page's CSRF token) and checks what the session store holds
afterwards, through a second facade opened on the same database, as another
server instance would see it.
"""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from guide.web.render import CONVERSATION_COOKIE
from pages import Browser, app_for, open_guide
from support import FIXTURES


@pytest.fixture
def guide(tmp_path):
    """The facade over the fixture content, with a SQLite store in the test's folder."""
    opened = open_guide(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def other_instance(tmp_path, guide):
    """A second facade on the same database: what another server instance reads."""
    opened = open_guide(tmp_path)
    yield opened
    opened.close()


def start_demo(person: Browser) -> str:
    """Open the start page, choose the demo guide; returns the conversation id."""
    person.get("/")
    response = person.post("/start", {"tree": "demo"})
    assert response.status_code == 200 and response.url.path == "/walk"
    return person.cookie(CONVERSATION_COOKIE)


def test_start_page_speaks_the_browsers_language(guide):
    """Accept-Language decides: Japanese for ja-JP, English for en-GB; <html lang> follows."""
    japanese = Browser(app_for(guide, lang="en"), lang="ja-JP,ja;q=0.9,en;q=0.8")
    page = japanese.get("/")
    assert page.status_code == 200 and '<html lang="ja">' in page.text
    assert "どのようなことでお困りですか?" in japanese.text() and "デモ" in japanese.text()
    english = Browser(app_for(guide, lang="ja"), lang="en-GB,en;q=0.9")
    english.get("/")
    assert '<html lang="en">' in english.last.text and "What is happening?" in english.text()
    nothing = Browser(app_for(guide, lang="en"), lang="")
    nothing.get("/")
    assert '<html lang="en">' in nothing.last.text


def test_every_answer_has_its_security_headers(guide):
    """CSP default-src 'self' without inline script, nosniff, no referrer, framing as configured."""
    person = Browser(app_for(guide, frame_ancestors="'self' https://portal.example.com"))
    for path in ("/", "/static/guide.css", "/no-such-page", "/healthz"):
        headers = person.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy, path
        assert policy.endswith("frame-ancestors 'self' https://portal.example.com"), path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in person.get("/").text  # the only script is the file the page links to


def test_a_walk_to_a_resolution_is_stored_after_every_answer(guide, other_instance):
    """Each answer is in the store before the next page: another instance sees the same position."""
    person = Browser(app_for(guide))
    conversation_id = start_demo(person)
    assert re.fullmatch(r"[0-9a-f]{32}", conversation_id)
    cookie = person.last.history[0].headers["set-cookie"] if person.last.history else ""
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "最初の質問" in person.text() and "ゲストですか?" in person.text()
    assert other_instance.conversation(conversation_id).position.node == "q-first"
    person.post("/walk/answer", {"at": "demo/q-first", "answer": "no"})
    assert "設定がオフ" in person.text() and "解決しましたか?" in person.text()
    stored = other_instance.conversation(conversation_id)
    assert stored.position.node == "r-option" and stored.front == "web"


def test_an_answer_from_an_old_page_is_not_applied_to_the_next_question(guide, other_instance):
    """A double tap or a second tab sends the old question's answer again: it is refused (409), not applied."""
    person = Browser(app_for(guide))
    conversation_id = start_demo(person)
    person.post("/walk/answer", {"at": "demo/q-first", "answer": "no"})
    again = person.post("/walk/answer", {"at": "demo/q-first", "answer": "no"})
    assert again.status_code == 409 and "すでに回答済み" in person.text()
    assert other_instance.conversation(conversation_id).position.node == "r-option"
    wrong = person.post("/walk/answer", {"at": "demo/r-option", "answer": "no-such-answer"})
    assert wrong.status_code == 400 and "その回答はこの質問にはありません" in person.text()


def test_back_restart_leave_and_where_am_i(guide, other_instance):
    """Back undoes one answer, start over returns to the first question, leaving shows the list again."""
    person = Browser(app_for(guide))
    conversation_id = start_demo(person)
    person.post("/walk/answer", {"at": "demo/q-first", "answer": "no"})
    person.get("/walk/path")
    assert "ここまでの経路" in person.text() and "回答: いいえ" in person.text() and "現在地" in person.text()
    person.get("/walk")
    person.post("/walk/back")
    assert "ゲストですか?" in person.text()
    assert other_instance.conversation(conversation_id).position.node == "q-first"
    person.post("/walk/answer", {"at": "demo/q-first", "answer": "no"})
    person.post("/walk/restart")
    assert "ゲストですか?" in person.text()
    person.post("/walk/leave")
    assert person.last.url.path == "/" and "前回の続きから再開する" in person.text()


def test_language_switch_keeps_the_conversation(guide, other_instance):
    """Switching to English mid-walk shows the same question in English and records the language."""
    person = Browser(app_for(guide))
    conversation_id = start_demo(person)
    person.post("/lang", {"lang": "en", "next": "/walk"})
    assert person.last.url.path == "/walk" and '<html lang="en">' in person.last.text
    assert "Are you a guest?" in person.text()
    assert other_instance.conversation(conversation_id).lang == "en"
    person.post("/lang", {"lang": "ja", "next": "https://evil.example/"})
    assert person.last.url.path == "/" and '<html lang="ja">' in person.last.text


def test_agent_wording_on_request(guide):
    """The wording switch shows the support agent's text of the same question."""
    person = Browser(app_for(guide))
    start_demo(person)
    person.post("/walk/mode", {"mode": "agent"})
    assert "お客様にゲストかどうか確認してください。" in person.text()


def test_a_form_without_the_csrf_token_is_refused(guide):
    """A POST whose token does not repeat the cookie gets 403 and a page in the person's language."""
    person = Browser(app_for(guide))
    person.get("/")
    for token in ("", "0" * 32):
        response = person.post("/start", {"tree": "demo"}, csrf=token)
        assert response.status_code == 403 and "有効期限が切れました" in person.text()
    fresh = Browser(app_for(guide), lang="en")
    response = fresh.client.post("/start", data={"tree": "demo", "csrf": "a" * 32})
    assert response.status_code == 403 and "This page has expired" in response.text


def test_evidence_upload_proposes_an_answer_with_its_reason(guide, other_instance):
    """A sign-in log naming a guest answers "Are you a guest?": the page says so and why; accepting records it."""
    person = Browser(app_for(guide))
    conversation_id = start_demo(person)
    person.get("/evidence")
    log = (FIXTURES / "evidence" / "signinlogs-guest.jsonl").read_bytes()
    person.post("/evidence", files={"file": ("signinlogs.jsonl", log, "application/json")},
                data={"text": ""})
    assert person.last.status_code == 200 and "signinlogs.jsonl" in person.text()
    person.get("/walk")
    assert "診断結果からの回答候補: 「はい」" in person.text() and "signinlogs.jsonl" in person.text()
    person.post("/walk/answer", {"at": "demo/q-first", "answer": "yes", "by": "evidence"})
    stored = other_instance.conversation(conversation_id)
    assert stored.position.node == "r-guest"
    assert stored.session.steps[-1].by == "evidence"


def test_pasted_evidence_and_the_size_limit(guide):
    """Pasted text is read like a file; past --max-upload the page says so in the person's language."""
    person = Browser(app_for(guide, max_upload=1000))
    person.get("/evidence")
    person.post("/evidence", data={"text": "AzureAdPrt : NO\nDomainJoined : YES\n"},
                files={"file": ("", b"", "application/octet-stream")})
    assert person.last.status_code == 200 and "貼り付けたテキスト" in person.text()
    person.get("/evidence")
    big = person.post("/evidence", files={"file": ("big.txt", b"x" * 70_000, "text/plain")})
    assert big.status_code == 413 and "1 KB" in person.text()
    person.get("/evidence")
    empty = person.post("/evidence", files={"file": ("", b"", "application/octet-stream")})
    assert empty.status_code == 400 and "貼り付けるか、ファイルを選んでください" in person.text()


def test_request_to_it_mail_link_and_download(guide):
    """At a conclusion the request to IT has a mailto: link with subject and body, and a Markdown download."""
    person = Browser(app_for(guide, helpdesk="it-help@example.com"))
    start_demo(person)
    person.post("/walk/answer", {"at": "demo/q-first", "answer": "no"})
    page = person.get("/request")
    assert "IT 部門への依頼" in person.text()
    link = re.search(r'href="(mailto:[^"]+)"', page.text).group(1)
    assert link.startswith("mailto:it-help@example.com?subject=")
    assert "%E3%82%B5%E3%82%A4%E3%83%B3%E3%82%A4%E3%83%B3" in link  # 「サインイン」 in the subject
    download = person.get("/request.md?redact=1")
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["content-type"].startswith("text/markdown") and "設定がオフ" in download.text


def test_typed_markup_comes_back_inert(guide):
    """A typed <script> is shown as text, never as markup: echoed in the box, and on the first question."""
    person = Browser(app_for(guide, max_text=40))
    person.get("/")
    person.post("/start", {"text": "<script>alert(1)</script> が動かない" * 2})
    assert person.last.status_code == 400
    assert "<script>alert" not in person.last.text and "&lt;script&gt;alert" in person.last.text
    person.post("/start", {"text": "<script>alert(1)</script> ゲスト"})
    assert person.last.url.path == "/walk" and "<script>alert" not in person.last.text
    assert "「<script>alert(1)</script> ゲスト」から" in person.text()


def test_new_conversations_per_address_are_limited_with_a_429_page(guide):
    """Past --new-per-minute from one address: 429 with Retry-After and a page in its language."""
    app = app_for(guide, new_per_minute=2)
    person = Browser(app)
    for _ in range(2):
        start_demo(person)
    person.get("/")
    response = person.post("/start", {"tree": "demo"})
    assert response.status_code == 429 and response.headers["retry-after"] == "60"
    assert "1 分ほど待ってから" in person.text()
    elsewhere = Browser(app, client=("198.51.100.8", 50000))
    assert start_demo(elsewhere)


@pytest.mark.parametrize("path, status", [
    ("/" + "a" * 300, 414),
    ("/walk/answer", 405),
    ("/no-such-page", 404),
    ("/%00", 404),
])
def test_bad_addresses_get_a_clear_page(guide, path, status):
    """Long, unknown or wrong-method addresses: the status and a page in the person's language, never a 500."""
    person = Browser(app_for(guide))
    response = person.get(path)
    assert response.status_code == status
    assert "<h1>エラー" in response.text and "最初のページへ" in response.text


def test_bad_bodies_get_a_clear_status(guide):
    """100,000 nested brackets, negative and nonsense sizes, broken forms: 4xx pages, never a 500."""
    person = Browser(app_for(guide))
    person.get("/")
    token = person.token()
    nested = person.client.post("/start", data={"csrf": token, "text": "[" * 100_000})
    assert nested.status_code == 413 and "大きすぎます" in nested.text
    person.get("/evidence")
    deep = person.post("/evidence", data={"text": "[" * 50_000 + "]" * 50_000},
                       files={"file": ("", b"", "application/octet-stream")})
    assert deep.status_code == 200
    for length in ("-1", "abc", "1e9"):
        response = person.client.post("/start", content=b"csrf=" + token.encode(),
                                      headers={"Content-Length": length,
                                               "Content-Type": "application/x-www-form-urlencoded"})
        assert response.status_code in (400, 413), length
    broken = person.client.post("/evidence", content=b"--x\r\nnot a part", headers={
        "Content-Type": "multipart/form-data; boundary=x"})
    assert broken.status_code in (400, 403)
    not_a_form = person.client.post("/evidence", content=b"{}", headers={"Content-Type": "application/json"})
    assert not_a_form.status_code == 400


def test_no_conversation_goes_back_to_the_start(guide):
    """An unknown or malformed conversation cookie leads to the start page, not an error."""
    person = Browser(app_for(guide))
    person.client.cookies.set(CONVERSATION_COOKIE, "f" * 32)
    assert person.get("/walk").url.path == "/"
    person.client.cookies.set(CONVERSATION_COOKIE, "../../etc/passwd")
    assert person.get("/walk/path").url.path == "/"


def test_health_check_answers_when_the_store_does(guide):
    """/healthz is 200 while the store answers."""
    response = Browser(app_for(guide)).get("/healthz")
    assert response.status_code == 200 and response.text == "ok\n"


def test_report_needs_its_token(guide):
    """/report exists only with --report-token, and answers only requests bearing it."""
    assert Browser(app_for(guide)).get("/report").status_code == 404
    token = "t" * 32
    person = Browser(app_for(guide, report_token=token))
    start_demo(person)
    assert person.get("/report").status_code == 401
    assert person.get("/report", headers={"Authorization": "Bearer " + "x" * 32}).status_code == 401
    page = person.get("/report", headers={"Authorization": f"Bearer {token}"})
    assert page.status_code == 200 and "<html" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    bad = person.get("/report?since=yesterday", headers={"Authorization": f"Bearer {token}"})
    assert bad.status_code == 400


def test_a_worker_loads_the_router_and_templates_before_it_takes_requests(guide):
    app = app_for(guide)
    assert guide._router is None
    with TestClient(app):  # runs the app's lifespan, as uvicorn does before accepting connections
        assert guide._router is not None
        assert app.app.state.pages.env.cache, "the templates were compiled"
