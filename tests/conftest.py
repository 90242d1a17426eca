"""Shared test fixtures: a CLI runner, a writable copy of the fixture content, a private
content cache and state folder for the whole run (``GUIDE_CACHE_DIR``, ``GUIDE_STATE_DIR``), so
tests never write to the user's, a real PostgreSQL server with databases per module (`pg`), and
``store_url``: a new session store on each back end in turn."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from guide.cli import main
from pg import pg_database, pg_server, pg_url  # noqa: F401 - fixtures for every test (PostgreSQL)
from support import BASIC


@pytest.fixture(scope="session", autouse=True)
def private_folders(tmp_path_factory):
    """Every test, and every process a test starts, caches content and keeps conversations in
    folders of this run (never the user's, never a store named by the user's ``GUIDE_DB``)."""
    chosen = {"GUIDE_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
              "GUIDE_STATE_DIR": str(tmp_path_factory.mktemp("state")), "GUIDE_DB": None}
    before = {name: os.environ.get(name) for name in chosen}
    for name, value in chosen.items():
        _set_env(name, value)
    yield chosen
    for name, value in before.items():
        _set_env(name, value)


def _set_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """The URL of a new, empty session store: a SQLite file, then a PostgreSQL database (a real server)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'conversations.db'}"
    return request.getfixturevalue("pg_database")()


@dataclass
class Result:
    """What one `guide` invocation did."""

    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def run_guide(capsys, monkeypatch):
    """Run `guide ARGS...` in-process; returns a Result. The locale is pinned to English."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def basic_copy(tmp_path) -> Path:
    """A writable copy of the small fixture content set (trees/ and content/)."""
    target = tmp_path / "basic"
    shutil.copytree(BASIC, target)
    return target
