"""Helpers for the `guide serve` tests: the app over the fixture content in-process, and reading its pages.

`Browser` plays a person with Starlette's `TestClient` (cookies kept, no
redirects followed unless asked): `get`, `post` (the page's CSRF token is
read from the last page, as a browser would submit the form), and the text a
person would read on the page (`text`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.testclient import TestClient

from guide.engine.service import Guide
from guide.web.app import make_app
from guide.web.options import ServeOptions
from support import BASIC

CSRF = re.compile(r'name="csrf" value="([0-9a-f]{32})"')
TAGS = re.compile(r"<[^>]+>")


def open_guide(folder: Path, db: str | None = None, content: Path | None = BASIC) -> Guide:
    """A facade over `content` (None: the built-in content) with its own SQLite store in `folder`."""
    trees, words = (str(content / "trees"), str(content / "content")) if content else (None, None)
    return Guide.open(trees, words, db=db or f"sqlite:///{folder / 'conversations.db'}")


def visible_text(page: str) -> str:
    """What a person reads: tags removed, entities decoded, spaces collapsed."""
    body = page.split("<body>", 1)[-1]
    return " ".join(html.unescape(TAGS.sub(" ", body)).split())


class Browser:
    """A person with a browser, in-process: cookies kept, forms sent with the page's CSRF token."""

    def __init__(self, app, lang: str = "ja-JP,ja;q=0.9", client: tuple[str, int] = ("198.51.100.7", 50000)) -> None:
        self.client = TestClient(app, base_url="http://testserver", client=client)
        self.client.headers["Accept-Language"] = lang
        self.last = None

    def get(self, path: str, **kwargs):
        """GET `path`, following redirects unless told not to."""
        kwargs.setdefault("follow_redirects", True)
        self.last = self.client.get(path, **kwargs)
        return self.last

    def token(self) -> str:
        """The CSRF token of the last page."""
        found = CSRF.search(self.last.text) if self.last is not None else None
        if found is None:
            self.get("/")
            found = CSRF.search(self.last.text)
        return found.group(1)

    def post(self, path: str, data: dict | None = None, *, files=None, follow: bool = True, csrf: str | None = None):
        """POST a form the way the page's form would (its CSRF token included)."""
        fields = {"csrf": self.token() if csrf is None else csrf, **(data or {})}
        self.last = self.client.post(path, data=fields, files=files, follow_redirects=follow)
        return self.last

    def text(self) -> str:
        """The last page as a person reads it."""
        return visible_text(self.last.text)

    def cookie(self, name: str) -> str | None:
        """A cookie the browser holds."""
        return self.client.cookies.get(name)


def app_for(guide: Guide, **options) -> object:
    """The web app over `guide` with `options` (ServeOptions fields)."""
    return make_app(guide, ServeOptions(**options))
