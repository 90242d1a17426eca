"""Where the guide keeps its files on each platform (issue 12, point 16), the platform injected.

platformdirs' Windows, macOS and Unix classes are given to `state_dir` and
`cache_dir` as the running platform would be; on Windows the local application
data folder comes from platformdirs' own override variable, so the test needs
no Windows. The overrides README documents win on every platform.
"""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix
from platformdirs.windows import Windows

from guide.engine import cache, store
from guide.engine.folders import APP, cache_dir, sessions_dir, state_dir

LOCAL = r"C:\Users\aiko\AppData\Local"


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch, tmp_path):
    for name in ("GUIDE_STATE_DIR", "GUIDE_CACHE_DIR", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", LOCAL)


def windows_parts(path: Path) -> tuple[str, ...]:
    return PureWindowsPath(str(path)).parts


def test_windows_keeps_state_and_cache_under_local_app_data():
    dirs = Windows(APP, appauthor=False)
    assert windows_parts(state_dir(dirs)) == (*PureWindowsPath(LOCAL).parts, "guide")
    assert windows_parts(cache_dir(dirs)) == (*PureWindowsPath(LOCAL).parts, "guide", "Cache")
    assert windows_parts(sessions_dir(dirs)) == (*PureWindowsPath(LOCAL).parts, "guide", "sessions")


def test_macos_keeps_them_under_library(tmp_path):
    dirs = MacOS(APP, appauthor=False)
    assert state_dir(dirs) == tmp_path / "home" / "Library" / "Application Support" / "guide"
    assert cache_dir(dirs) == tmp_path / "home" / "Library" / "Caches" / "guide"


def test_linux_keeps_them_where_they_always_were(tmp_path):
    dirs = Unix(APP, appauthor=False)
    assert state_dir(dirs) == tmp_path / "home" / ".local" / "state" / "guide"
    assert sessions_dir(dirs) == tmp_path / "home" / ".local" / "state" / "guide" / "sessions"
    assert cache_dir(dirs) == tmp_path / "home" / ".cache" / "guide"


@pytest.mark.parametrize("dirs", [Windows(APP, appauthor=False), MacOS(APP, appauthor=False),
                                  Unix(APP, appauthor=False)], ids=["windows", "macos", "linux"])
def test_the_documented_overrides_win_on_every_platform(dirs, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    assert state_dir(dirs) == tmp_path / "xdg-state" / "guide"
    assert sessions_dir(dirs) == tmp_path / "xdg-state" / "guide" / "sessions"
    assert cache_dir(dirs) == tmp_path / "xdg-cache" / "guide"
    monkeypatch.setenv("GUIDE_STATE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path / "my-cache"))
    assert state_dir(dirs) == sessions_dir(dirs) == tmp_path / "mine"
    assert cache_dir(dirs) == tmp_path / "my-cache"


def test_the_cache_and_the_saved_sessions_use_these_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "s"))
    assert cache.cache_dir() == tmp_path / "c" / "guide"
    assert store.session_path("abc-123") == tmp_path / "s" / "guide" / "sessions" / "abc-123.json"
