"""Shared test fixtures: a CLI runner, a writable copy of the fixture content, and a private
content cache for the whole run (``GUIDE_CACHE_DIR``), so tests never write to the user's."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from guide.cli import main
from support import BASIC


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Every test, and every process a test starts, caches content in a folder of this run."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("GUIDE_CACHE_DIR")
    os.environ["GUIDE_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("GUIDE_CACHE_DIR", None)
    else:
        os.environ["GUIDE_CACHE_DIR"] = before


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
