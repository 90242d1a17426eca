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

from guide.engine.errors import GuideError
from guide.engine.folders import sessions_dir


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Replace `path` with `text` (UTF-8; or bytes as they are) in one step; the old file survives
    any crash before it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        if isinstance(text, bytes):
            stream = os.fdopen(handle, "wb")
        else:
            stream = os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        with stream:
            stream.write(text)
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


class JsonSessionStore:
    """The session store's interface (`SessionStore`: create, append, load, latest, purge_before, ping,
    close) over the JSON files of `sessions_dir`: one file per conversation, its snapshot with the
    row's fields, replaced atomically at every change (the snapshot's step log is the history)."""

    SCAN = 20
    """How many of the newest files `latest` reads, so a long history does not slow the start."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        """The folder (None: `sessions_dir()` at each call, so ``$GUIDE_STATE_DIR`` is honoured)."""

    def _folder(self) -> Path:
        return self.folder or sessions_dir()

    def _path(self, conversation_id: str) -> Path:
        return self._folder() / session_path(conversation_id).name

    def create(self, row: dict, snapshot: dict) -> None:
        """Write a new conversation."""
        self._write(row["id"], snapshot, row)

    def append(self, conversation_id: str, step: dict, snapshot: dict, changes: dict) -> None:
        """Record a step: the snapshot and the row's new fields replace the file in one rename."""
        self._write(conversation_id, snapshot, changes)

    def _write(self, conversation_id: str, snapshot: dict, row: dict) -> None:
        write_atomic(self._path(conversation_id), json.dumps({**snapshot, "row": row}, ensure_ascii=False, indent=1))

    def load(self, conversation_id: str) -> dict | None:
        """The snapshot of `conversation_id`, None when there is none (GuideError when it cannot be read)."""
        path = self._path(conversation_id)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise GuideError(f"{path}: the saved session cannot be read ({exc}); start a new one") from None

    def latest(self, front: str | None = None, *, unfinished: bool = False) -> dict | None:
        """The snapshot of the most recently updated conversation (of `front`); with `unfinished`, the
        latest that has answers and no outcome. Unreadable files are skipped."""
        try:
            saved = sorted(self._folder().glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
        except OSError:
            return None
        for path in saved[:self.SCAN] if unfinished else saved:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(data, dict) or (front is not None and data.get("front", front) != front):
                continue
            if not unfinished or (data.get("outcome") is None and data.get("tree") and data.get("steps")):
                return data
        return None

    def purge_before(self, epoch: int) -> int:
        """Remove conversations last updated before `epoch`; returns how many."""
        removed = 0
        for path in self._folder().glob("*.json"):
            try:
                if path.stat().st_mtime < epoch:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def ping(self) -> bool:
        """Whether conversations can be written."""
        folder = self._folder()
        return not folder.exists() or os.access(folder, os.W_OK)

    def close(self) -> None:
        """Nothing to release."""
