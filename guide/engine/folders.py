"""Where the guide keeps its files on each platform: the state folder and the cache folder.

Each platform's convention comes from platformdirs: ``~/.local/state/guide`` and
``~/.cache/guide`` on Linux (following ``$XDG_STATE_HOME`` / ``$XDG_CACHE_HOME``),
``~/Library/Application Support/guide`` and ``~/Library/Caches/guide`` on macOS,
``%LOCALAPPDATA%\\guide`` and ``%LOCALAPPDATA%\\guide\\Cache`` on Windows.

Overrides, in order: ``$GUIDE_STATE_DIR`` / ``$GUIDE_CACHE_DIR`` name the folder
itself; ``$XDG_STATE_HOME`` / ``$XDG_CACHE_HOME``, when set, are honoured on every
platform (``<that>/guide``), as README documents.

Every function takes the platform's folders as `dirs` (a platformdirs object), so
tests choose the platform by passing ``Windows(...)`` or ``MacOS(...)``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # platformdirs is imported only when no variable names the folder (a few ms of start-up)
    from platformdirs.api import PlatformDirsABC

APP = "guide"
"""The folder name under each platform's base folders."""


def platform_dirs() -> PlatformDirsABC:
    """The running platform's folders for this application (no author level on Windows)."""
    from platformdirs import PlatformDirs

    return PlatformDirs(APP, appauthor=False)


def state_dir(dirs: PlatformDirsABC | None = None) -> Path:
    """The folder conversations are kept in (the session store's SQLite file, older JSON sessions)."""
    return _chosen("GUIDE_STATE_DIR", "XDG_STATE_HOME", lambda: (dirs or platform_dirs()).user_state_dir)


def cache_dir(dirs: PlatformDirsABC | None = None) -> Path:
    """The folder cached content sets and router indexes live in (safe to delete at any time)."""
    return _chosen("GUIDE_CACHE_DIR", "XDG_CACHE_HOME", lambda: (dirs or platform_dirs()).user_cache_dir)


def _chosen(own: str, xdg: str, platform: Callable[[], str]) -> Path:
    """``$own`` itself, else ``$xdg/guide``, else the platform's folder."""
    if os.environ.get(own):
        return Path(os.environ[own])
    if os.environ.get(xdg):
        return Path(os.environ[xdg]) / APP
    return Path(platform())


def sessions_dir(dirs: PlatformDirsABC | None = None) -> Path:
    """The folder earlier versions saved each conversation in as a JSON file.

    ``$GUIDE_STATE_DIR`` itself when set (as before), else ``sessions`` in the state folder.
    """
    if os.environ.get("GUIDE_STATE_DIR"):
        return Path(os.environ["GUIDE_STATE_DIR"])
    return state_dir(dirs) / "sessions"
