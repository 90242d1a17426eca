"""The report's read (and purge) access to the session store's tables, on SQLite or PostgreSQL.

The report runs plain SQL over the tables of `guide.engine.sessionstore`
(docs/architecture.md), written once with ``?`` placeholders: `Database`
turns them into ``%s`` for psycopg, so every statement is the same text on
both back ends. Times are epoch seconds, so no date function is needed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Iterator, Sequence
from urllib.parse import urlparse

from guide.engine.errors import GuideError


class StoreUnavailable(GuideError):
    """The session store named by --db cannot be opened."""


class Database:
    """One connection to the store; `rows` reads, `execute` changes (in one transaction).

    Attributes:
        url: The URL it was opened with.
        postgres: Whether it is PostgreSQL (else SQLite).
    """

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        scheme = url.split(":", 1)[0].lower()
        if scheme == "sqlite":
            self.postgres = False
            path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else ""
            if not path or not Path(path).is_file():
                raise StoreUnavailable(f"--db {url}: no session store at {path or '(no path)'}; conversations are "
                                       "recorded there once guide has been used, or pass --db")
        elif scheme in ("postgresql", "postgres"):
            self.postgres = True
        else:
            raise StoreUnavailable(f"--db {url}: not a store URL; use sqlite:///PATH or postgresql://HOST/DB")
        if migrate:
            _migrate(url)
        self._connection = _open_postgres(url) if self.postgres else _open_sqlite(url, path)

    def fork(self) -> "Database":
        """Another connection to the same store (for a query run at the same time)."""
        return Database(self.url, migrate=False)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """The rows `sql` selects."""
        cursor = self._connection.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def execute(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[int]:
        """Run `statements` in one transaction; the number of rows each changed."""
        counts = []
        with self._transaction() as cursor:
            for sql, params in statements:
                cursor.execute(self._sql(sql), tuple(params))
                counts.append(cursor.rowcount)
        return counts

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        if self.postgres:
            with self._connection.transaction(), self._connection.cursor() as cursor:
                yield cursor
            return
        self._connection.execute("BEGIN IMMEDIATE")
        cursor = self._connection.cursor()
        try:
            yield cursor
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        finally:
            cursor.close()
        self._connection.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _migrate(url: str) -> None:
    """Bring an older store's schema up to date (the report's indexes came with schema 2)."""
    from guide.engine.sessionstore import StoreError, open_store

    try:
        open_store(url, legacy=None).close()
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from None


def _open_sqlite(url: str, path: str) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        # a large page cache, sorting in memory and on both cores: the report's GROUP BYs read every row
        for pragma in ("cache_size = -262144", "temp_store = MEMORY", "mmap_size = 1073741824", "threads = 2",
                       "foreign_keys = ON", "busy_timeout = 5000"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("SELECT 1 FROM conversations LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        raise StoreUnavailable(f"--db {url}: {path} is not a guide session store ({exc})") from None
    return connection


def _open_postgres(url: str):
    try:
        import psycopg
    except ImportError:
        raise StoreUnavailable("--db postgresql://…: PostgreSQL needs psycopg; install it with "
                               "pip install 'guide[postgres]'") from None
    try:
        connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
        # the report's GROUP BYs sort and hash more than the default 4 MB; its queries are too short for JIT
        connection.execute("SET work_mem = '64MB'")
        connection.execute("SET jit = off")
        connection.execute("SELECT 1 FROM conversations LIMIT 1").fetchall()
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreUnavailable(f"--db {_hide_password(url)}: {first}") from None
    return connection


def _hide_password(url: str) -> str:
    parsed = urlparse(url)
    if parsed.password:
        return url.replace(f":{parsed.password}@", ":***@", 1)
    return url
