"""Saving files so that nothing is lost: atomic writes and the session folder.

`write_atomic` writes to a temporary file beside the target, flushes it to
disk and renames it over the target, so a crash mid-save leaves the previous
file whole. Sessions saved as JSON files live in one folder
(`guide.engine.folders.sessions_dir`); the session store
(`guide.engine.sessionstore`) imports them on its first start.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from guide.engine.errors import GuideError
from guide.engine.folders import sessions_dir


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Replace `path` with `text` (UTF-8; or bytes as they are) in one step; the old file survives
    any crash before it."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return write_atomic_with(path, lambda stream: stream.write(data))


def write_atomic_with(path: str | Path, write: Callable[[BinaryIO], object]) -> Path:
    """Replace `path` with what `write(stream)` writes to a binary stream, in one step (`write_atomic`):
    a large file is written as it is made, never held whole in memory first."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def session_path(session_id: str) -> Path:
    """Where the session with `session_id` is saved."""
    if not isinstance(session_id, str) or not session_id.replace("-", "").isalnum():
        raise GuideError(f"{session_id!r} is not a session id; `guide tui --resume` with no id picks the latest")
    return sessions_dir() / f"{session_id}.json"


def save_session(data: dict) -> Path:
    """Save a session's JSON atomically under its id."""
    return write_atomic(session_path(data["id"]), json.dumps(data, ensure_ascii=False, indent=1))


def load_session(session_id: str | None = None) -> dict:
    """A saved session's JSON: the given id, or the most recently saved one.

    Its ``id`` is the file's name whatever the file says; a file that is not a saved session
    (deeply nested JSON, a link to nothing...) raises `GuideError` naming it.
    """
    from guide.engine.sessionstore.legacy import Unreadable, read_saved_session

    if session_id:
        path = session_path(session_id)
    else:
        saved = sorted((_modified(p), p) for p in sessions_dir().glob("*.json") if _modified(p) is not None)
        if not saved:
            raise GuideError(f"no saved session in {sessions_dir()}; start a new one with `guide`")
        path = saved[-1][1]
    if not path.exists() and not path.is_symlink():
        raise GuideError(f"{path}: no such saved session; list them in {sessions_dir()}")
    try:
        return read_saved_session(path)
    except Unreadable as exc:
        raise GuideError(f"{path}: the saved session cannot be read ({exc}); start a new one") from None


def _modified(path: Path) -> float | None:
    """When `path` was last written; None for a link to nothing or a file that went away."""
    try:
        return path.stat().st_mtime
    except OSError:
        return None
