"""Paths and small helpers shared by the engine and CLI tests (imported as `support`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BASIC = FIXTURES / "basic"
SHARED = FIXTURES / "shared"
"""Copies of the shared reference material (taxonomy, evidence samples, labelled statements): see its README."""


def content_args(folder: Path) -> list[str]:
    """The --trees/--content flags pointing at a content set folder."""
    return ["--trees", str(folder / "trees"), "--content", str(folder / "content")]


def stored_snapshots(state: Path) -> list[dict]:
    """Every conversation the session store in the state folder `state` keeps, as its snapshot (the
    session's JSON), oldest first; none when there is no store yet."""
    import json
    import sqlite3

    database = state / "conversations.db"
    if not database.is_file():
        return []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT id, snapshot FROM conversations ORDER BY created_at, id").fetchall()
    return [{**json.loads(snapshot), "id": conversation_id} for conversation_id, snapshot in rows]


def stored_snapshot(state: Path, conversation_id: str) -> dict:
    """The snapshot of one stored conversation (KeyError when it is not stored)."""
    found = {data["id"]: data for data in stored_snapshots(state)}
    return found[conversation_id]


def guide_command() -> list[str]:
    """The argv prefix that runs the installed `guide` (add its arguments after it): the console
    script beside the running Python (a virtual environment's ``bin/guide``), else a ``guide`` on
    PATH, else ``python -m guide`` with this interpreter. For tests and benchmarks that drive the
    real program in a terminal."""
    import shutil
    import sys

    script = Path(sys.executable).with_name("guide")
    if script.is_file():
        return [str(script)]
    found = shutil.which("guide")
    return [found] if found else [sys.executable, "-m", "guide"]


def overlap_tool():
    """benchmarks/trigger_overlap.py imported as a module (benchmarks/ is not a package)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import trigger_overlap
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return trigger_overlap
