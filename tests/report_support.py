"""Stores for the report's tests: a fresh SQLite file or PostgreSQL database per test, and a recorder that
writes conversations the way the session store keeps them (docs/architecture.md), by walking a real
`Session` over a content set so every position is one the engine really reaches."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import uuid
from pathlib import Path

from guide.engine.compiler import start_ref
from guide.engine.model import CLOSING, ContentSet, NodeRef
from guide.engine.session import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from conversations import CONVERSATION_COLUMNS, REPORT_INDEXES, SCHEMA, STEP_COLUMNS  # noqa: E402

POSTGRES = os.environ.get("GUIDE_TEST_POSTGRES", "postgresql://guide:guide@127.0.0.1:5432/postgres")


def sqlite_store(folder: Path) -> str:
    """A new, empty SQLite store; its URL."""
    path = folder / "store.db"
    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA + REPORT_INDEXES)
    connection.close()
    return f"sqlite:///{path}"


def postgres_store() -> tuple[str, callable]:
    """A new, empty PostgreSQL database named report_*; its URL and a function that drops it."""
    import psycopg

    name = f"report_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(SCHEMA + REPORT_INDEXES)

    def drop() -> None:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return url, drop


class Recorder:
    """Writes conversations into a store: `walk(...)` starts one, its methods add steps."""

    def __init__(self, url: str, content: ContentSet, version: str = "v1") -> None:
        self.url = url
        self.content = content
        self.version = version
        self.rows: list[tuple] = []
        self.steps: list[tuple] = []

    def walk(self, tree: str, *, at: int, lang: str = "en", mode: str = "user", text: str | None = None,
             routed: str | None = None, version: str | None = None) -> "Walk":
        return Walk(self, tree, at, lang, mode, text, routed, version or self.version)

    def save(self) -> None:
        """Insert everything recorded so far."""
        conversations = f"INSERT INTO conversations ({', '.join(CONVERSATION_COLUMNS)}) VALUES ({', '.join(['?'] * len(CONVERSATION_COLUMNS))})"
        steps = f"INSERT INTO steps ({', '.join(STEP_COLUMNS)}) VALUES ({', '.join(['?'] * len(STEP_COLUMNS))})"
        if self.url.startswith("sqlite"):
            connection = sqlite3.connect(self.url[len("sqlite:///"):])
            with connection:
                connection.executemany(conversations, self.rows)
                connection.executemany(steps, self.steps)
            connection.close()
        else:
            import psycopg

            with psycopg.connect(self.url) as connection, connection.cursor() as cursor:
                cursor.executemany(conversations.replace("?", "%s"), self.rows)
                cursor.executemany(steps.replace("?", "%s"), self.steps)
        self.rows, self.steps = [], []


class Walk:
    """One conversation being recorded; every method is one step a second apart (unless `wait` says more)."""

    def __init__(self, recorder: Recorder, tree: str, at: int, lang: str, mode: str, text: str | None,
                 routed: str | None, version: str) -> None:
        self.recorder, self.tree, self.lang, self.mode, self.version = recorder, tree, lang, mode, version
        self.id = uuid.uuid4().hex
        self.created = self.at = at
        self.text, self.routed = text, routed  # as given: the report must redact even what a store let through
        self.session = Session(recorder.content, tree, lang=lang, audience=mode)
        self.seq, self.answers, self.status, self.finished = 0, 0, "open", None
        self._step("start", None, None, self.session.position)

    def _step(self, kind: str, where: NodeRef | None, answer: str | None, to: NodeRef | None,
              detail: dict | None = None) -> None:
        self.seq += 1
        node = self.recorder.content.node(to) if to else None
        if detail is None and node is not None and node.is_conclusion and to != where:
            detail = {"actions": [action.id for action in node.actions]}
        self.recorder.steps.append((self.id, self.seq, self.at, kind, where.tree if where else None,
                                    where.node if where else None, answer, "user" if kind == "answer" else None,
                                    to.tree if to else None, to.node if to else None, self.version, self.lang,
                                    self.mode, json.dumps(detail) if detail else None))

    def wait(self, seconds: int) -> "Walk":
        self.at += seconds
        return self

    def answer(self, *keys: str) -> "Walk":
        for key in keys:
            self.at += 1
            where = self.session.position
            self.session.answer(key)
            self.answers += 1
            self._step("answer", where, key, self.session.position,
                       {"outcome": CLOSING[key]} if key in CLOSING else None)
            if key in CLOSING:
                self.status, self.finished = CLOSING[key], self.at
        if self.session.outcome == "escalated" and self.status == "open":
            self.status, self.finished = "escalated", self.at
        return self

    def _move(self, kind: str, move) -> "Walk":
        self.at += 1
        where = self.session.position
        move()
        self._step(kind, where, None, self.session.position)
        return self

    def back(self) -> "Walk":
        return self._move("back", self.session.back)

    def run(self, action: str, status: str = "ran") -> "Walk":
        self.at += 1
        self._step("action", self.session.position, action, self.session.position, {"status": status})
        return self

    def jump(self, tree: str) -> "Walk":
        return self._move("jump", lambda: self.session.jump(start_ref(self.recorder.content, tree)))

    def restart(self) -> "Walk":
        return self._move("restart", self.session.restart)

    def leave(self) -> "Walk":
        self.at += 1
        self._step("leave", self.session.position, None, None)
        self.status = "left"
        return self

    def done(self) -> None:
        """Write the conversation row (where it stands now) into the recorder."""
        position = self.session.position
        symptom = self.recorder.content.trees[self.tree].symptom
        self.recorder.rows.append((self.id, self.created, self.at, "cli", self.tree, symptom, self.lang, self.mode,
                                   self.version, self.text, self.routed, position.tree, position.node, self.status,
                                   self.finished, self.answers, "{}"))
