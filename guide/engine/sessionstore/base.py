"""`SessionStore`: the interface, and the SQL both back ends share.

A back end supplies `_transaction()`, a context manager that yields a function
running one statement (written with ``?`` placeholders) inside one transaction
that commits when the block ends and rolls back when it raises. Everything
else (create, append, load, latest, purge) is written once here. The writes a
conversation makes as it goes (`create`, `append`) from threads at the same
time are committed together (`guide.engine.sessionstore.group`): each call
still returns only once its own write is committed.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from dataclasses import replace
from typing import Any, Callable, Iterator, Sequence

from guide.engine.sessionstore import schema
from guide.engine.sessionstore.group import GroupCommit
from guide.engine.sessionstore.records import (CHANGEABLE, CONVERSATION_COLUMNS, STEP_COLUMNS, ConversationRow,
                                               StepRow, StoredConversation, StoreError, detail_text, detail_value,
                                               epoch)

Run = Callable[[str, Sequence[Any]], Any]
"""Runs one statement with its parameters in the open transaction; returns a DB-API cursor."""

_STEP_FIELDS = tuple(name for name in STEP_COLUMNS if name != "seq")
_STEP_SQL_COLUMNS = ", ".join(_STEP_FIELDS)
_ROW_SQL_COLUMNS = ", ".join(CONVERSATION_COLUMNS)


class SessionStore(ABC):
    """Conversations and their steps, kept in SQL tables (docs/architecture.md).

    Every method that writes does it in one transaction before it returns, so a
    crash leaves each conversation as it was before or after the call, never
    between. Safe to use from several threads; several processes (and machines,
    with PostgreSQL) may share one store.

    Attributes:
        url: Where the store is, without any password.
        notices: One line per problem met while opening (a saved JSON session
            that could not be imported); the front end shows them.
    """

    _errors: tuple[type[BaseException], ...] = ()
    """The back end's own exceptions, turned into `StoreError`s naming the store."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.notices: list[str] = []
        self.group = GroupCommit(self._transaction, lambda: failures_as(self.url, *self._errors))
        """Commits the conversations' writes made at the same time together."""

    # --- what a back end provides -------------------------------------------

    @abstractmethod
    def _transaction(self, write: bool = True) -> contextlib.AbstractContextManager[Run]:
        """One transaction (`write`: it will write, so take the write lock first); yields a statement runner."""

    def _lock_schema(self, run: Run) -> None:
        """Keep other processes out while the schema is created or migrated (SQLite's write lock does)."""

    @abstractmethod
    def close(self) -> None:
        """Release every connection; the store cannot be used afterwards."""

    # --- schema -----------------------------------------------------------

    def _migrate(self) -> None:
        """Create the tables on first open and bring older schemas up to date (idempotent)."""
        with self._transaction() as run:
            self._lock_schema(run)
            run(schema.VERSION_TABLE, ())
            found = run("SELECT MAX(version) FROM guide_schema", ()).fetchone()[0] or 0
            if found > schema.VERSION:
                raise StoreError(f"{self.url}: written by a newer guide (schema {found}, this one knows "
                                 f"{schema.VERSION}); upgrade guide")
            for version in range(found + 1, schema.VERSION + 1):
                for statement in schema.MIGRATIONS[version]:
                    run(statement, ())
                run("INSERT INTO guide_schema (version) VALUES (?)", (version,))

    # --- the interface ----------------------------------------------------

    def create(self, row: ConversationRow, snapshot: str, steps: Sequence[StepRow] = (), *,
               if_absent: bool = False) -> bool:
        """Store a new conversation and its first steps (numbered 1, 2, ...) in one transaction.

        `entry_text` is redacted before it is written. Returns whether it was stored: with
        `if_absent`, an id already stored is left as it is (False); otherwise it raises `StoreError`.
        """
        from guide.engine.transcript import redact

        row.check()
        for step in steps:
            step.check()
        now = epoch()
        created = row.created_at or now
        row = replace(row, created_at=created, updated_at=row.updated_at or created,
                      entry_text=None if row.entry_text is None else redact(row.entry_text))
        values = [getattr(row, name) for name in CONVERSATION_COLUMNS]
        conflict = " ON CONFLICT (id) DO NOTHING" if if_absent else ""

        def write(run: Run) -> bool:
            if not if_absent and run("SELECT 1 FROM conversations WHERE id = ?", (row.id,)).fetchone():
                raise StoreError(f"a conversation {row.id!r} is already stored; start it with a new id")
            cursor = run(f"INSERT INTO conversations ({_ROW_SQL_COLUMNS}, snapshot, touched) "
                         f"VALUES ({', '.join('?' * (len(values) + 1))}, "
                         f"(SELECT COALESCE(MAX(touched), 0) + 1 FROM conversations)){conflict}",
                         (*values, snapshot))
            if cursor.rowcount == 0:
                return False
            for seq, step in enumerate(steps, start=1):
                self._insert_step(run, row.id, seq, step, now)
            return True

        return self.group.run(write, row.id)

    def append(self, conversation_id: str, step: StepRow, snapshot: str,
               changes: dict[str, Any] | None = None) -> int:
        """Add `step` after the conversation's last one and update its row, in one transaction.

        `changes` sets conversation columns (position, status, language...; see `CHANGEABLE`);
        `updated_at` becomes the step's time unless given. Returns the step's number.
        """
        step.check()
        changes = dict(changes or {})
        unknown = set(changes) - CHANGEABLE
        if unknown:
            raise StoreError(f"these conversation columns cannot be changed by a step: {', '.join(sorted(unknown))}")
        at = step.at or epoch()
        changes.setdefault("updated_at", at)
        assignments = "".join(f", {name} = ?" for name in changes)

        def write(run: Run) -> int:
            # the UPDATE first: it finds the row and locks it (PostgreSQL), so two instances appending to one
            # conversation number their steps one after the other; one statement less than a SELECT ... FOR UPDATE
            updated = run(f"UPDATE conversations SET snapshot = ?, "
                          f"touched = (SELECT COALESCE(MAX(touched), 0) + 1 FROM conversations){assignments} "
                          f"WHERE id = ?", (snapshot, *changes.values(), conversation_id))
            if updated.rowcount == 0:
                raise StoreError(f"no stored conversation {conversation_id!r}; start a new one")
            seq = run("SELECT COALESCE(MAX(seq), 0) + 1 FROM steps WHERE conversation_id = ?",
                      (conversation_id,)).fetchone()[0]
            self._insert_step(run, conversation_id, seq, step, at)
            return seq

        return self.group.run(write, conversation_id)

    def load(self, conversation_id: str) -> StoredConversation | None:
        """The stored conversation with this id, or None."""
        with self._transaction(write=False) as run:
            found = run(f"SELECT {_ROW_SQL_COLUMNS}, snapshot FROM conversations WHERE id = ?",
                        (conversation_id,)).fetchone()
        return None if found is None else _stored(found)

    def latest(self, front: str | None = None, *, status: str | None = None) -> StoredConversation | None:
        """The conversation updated last (of this front end, with this status, when given), or None."""
        where, params = [], []
        if front is not None:
            where.append("front = ?")
            params.append(front)
        if status is not None:
            where.append("status = ?")
            params.append(status)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        with self._transaction(write=False) as run:
            found = run(f"SELECT {_ROW_SQL_COLUMNS}, snapshot FROM conversations{clause} "
                        f"ORDER BY touched DESC, updated_at DESC, id DESC LIMIT 1", params).fetchone()
        return None if found is None else _stored(found)

    def steps(self, conversation_id: str) -> tuple[StepRow, ...]:
        """The conversation's steps, first to last."""
        with self._transaction(write=False) as run:
            rows = run(f"SELECT {_STEP_SQL_COLUMNS}, seq FROM steps WHERE conversation_id = ? ORDER BY seq",
                       (conversation_id,)).fetchall()
        return tuple(_step(found) for found in rows)

    def purge_before(self, before: int) -> int:
        """Delete conversations last updated before `before` (epoch seconds) with their steps; how many."""
        with self._transaction() as run:
            run("DELETE FROM steps WHERE conversation_id IN (SELECT id FROM conversations WHERE updated_at < ?)",
                (before,))
            return run("DELETE FROM conversations WHERE updated_at < ?", (before,)).rowcount

    def ping(self) -> bool:
        """Whether the store answers a query now (for health checks); never raises."""
        try:
            with self._transaction(write=False) as run:
                run("SELECT 1", ()).fetchone()
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            return False
        return True

    # --- imports of JSON sessions -------------------------------------------

    def imported(self, folder: str) -> bool:
        """Whether the JSON sessions of `folder` were imported already."""
        with self._transaction(write=False) as run:
            return run("SELECT 1 FROM guide_imports WHERE folder = ?", (folder,)).fetchone() is not None

    def mark_imported(self, folder: str, count: int) -> None:
        """Record that `folder` was imported (`count` conversations), so it is never imported again."""
        with self._transaction() as run:
            run("INSERT INTO guide_imports (folder, at, imported) VALUES (?, ?, ?) ON CONFLICT (folder) DO NOTHING",
                (folder, epoch(), count))

    # --- helpers ----------------------------------------------------------

    @staticmethod
    def _insert_step(run: Run, conversation_id: str, seq: int, step: StepRow, now: int) -> None:
        values = [getattr(step, name) for name in _STEP_FIELDS]
        values[_STEP_FIELDS.index("at")] = step.at or now
        values[_STEP_FIELDS.index("detail")] = detail_text(step.detail)
        run(f"INSERT INTO steps (conversation_id, seq, {_STEP_SQL_COLUMNS}) "
            f"VALUES (?, ?, {', '.join('?' * len(values))})", (conversation_id, seq, *values))

    def __enter__(self) -> "SessionStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"


def _stored(found: Sequence[Any]) -> StoredConversation:
    return StoredConversation(ConversationRow(**dict(zip(CONVERSATION_COLUMNS, found[:-1]))), found[-1])


def _step(found: Sequence[Any]) -> StepRow:
    values = dict(zip((*_STEP_FIELDS, "seq"), found))
    values["detail"] = detail_value(values["detail"])
    return StepRow(**values)


@contextlib.contextmanager
def failures_as(url: str, *errors: type[BaseException]) -> Iterator[None]:
    """Turn a back end's own errors into one-line `StoreError`s naming the store."""
    try:
        yield
    except StoreError:
        raise
    except errors as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise StoreError(f"{url}: {detail}") from exc
