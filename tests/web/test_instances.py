"""Several `guide serve` instances, one PostgreSQL database: any instance answers any request.

Two real servers on two loopback ports share a fresh database (the `pg_database`
fixture of tests/pg.py: ``$GUIDE_TEST_PG``, else a private cluster). One
person walks one conversation, each request going to the other server than
the last, with the same cookies, as a load balancer without affinity would
send them. Also: `--workers 2` on SQLite serves the same walk.
"""

from __future__ import annotations

import re

import httpx

from guide.engine.service import Guide
from servers import Server
from support import BASIC

CONTENT = ("--trees", str(BASIC / "trees"), "--content", str(BASIC / "content"))
"""The fixture content, for every server here."""

TOKEN = re.compile(r'name="csrf" value="([0-9a-f]{32})"')


def walk_alternating(urls: list[str]) -> tuple[str, list[str]]:
    """Walk the demo guide to a resolution, each request to the next of `urls`; (conversation id, pages' h1)."""
    cookies = httpx.Cookies()
    headings: list[str] = []
    turn = iter(range(1_000))

    def client() -> httpx.Client:
        return httpx.Client(base_url=urls[next(turn) % len(urls)], cookies=cookies,
                            headers={"Accept-Language": "ja"}, follow_redirects=False, timeout=60)

    def form(path: str, fields: dict) -> None:
        with client() as first:
            page = first.get("/walk" if path != "/start" else "/")
            cookies.update(first.cookies)
        token = TOKEN.search(page.text).group(1)
        with client() as second:
            answer = second.post(path, data={"csrf": token, **fields})
            cookies.update(second.cookies)
        assert answer.status_code == 303, answer.text
        with client() as third:
            shown = third.get(answer.headers["location"])
        assert shown.status_code == 200
        headings.append(re.search(r"<h1>(.*?)</h1>", shown.text, re.S).group(1).strip())

    form("/start", {"tree": "demo"})
    form("/walk/answer", {"at": "demo/q-first", "answer": "no"})
    form("/walk/back", {})
    form("/walk/answer", {"at": "demo/q-first", "answer": "no"})
    return cookies["guide_conversation"], headings


def test_two_instances_share_one_conversation_through_postgresql(tmp_path, pg_database):
    """Requests alternate between two servers; the walk continues on each, and the database has every step."""
    url = pg_database()
    with Server(tmp_path / "a", *CONTENT, db=url) as first, Server(tmp_path / "b", *CONTENT, db=url) as second:
        conversation_id, headings = walk_alternating([first.url, second.url])
    assert headings == ["最初の質問", "設定がオフ", "最初の質問", "設定がオフ"]
    guide = Guide.open(str(BASIC / "trees"), str(BASIC / "content"), db=url)
    try:
        saved = guide.conversation(conversation_id)
        assert saved.position.node == "r-option" and saved.front == "web"
    finally:
        guide.close()


def test_several_workers_serve_one_conversation(tmp_path):
    """`--workers 2` on SQLite: whichever worker takes a request, the walk is the same."""
    with Server(tmp_path / "w", *CONTENT, "--workers", "2") as server:
        conversation_id, headings = walk_alternating([server.url])
    assert headings == ["最初の質問", "設定がオフ", "最初の質問", "設定がオフ"]
    assert re.fullmatch(r"[0-9a-f]{32}", conversation_id)
