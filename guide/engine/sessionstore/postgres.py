"""The PostgreSQL back end (psycopg 3), for several `guide serve` instances on several machines.

Install with ``pip install 'guide[postgres]'``. Connections come from a small
pool (psycopg_pool) shared by the process's threads, in autocommit mode:
a read is its one statement (one round trip to the server, not three with
BEGIN and COMMIT), and each write is one explicit transaction; `append`
locks the conversation's row (its ``UPDATE`` comes first) so two instances
appending to one conversation number their steps one after the other. The schema is created under an advisory lock, so
instances starting together do not race.
"""

from __future__ import annotations

import contextlib
from typing import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from guide.engine.sessionstore.base import Run, SessionStore, failures_as
from guide.engine.sessionstore.records import StoreError

POOL_MAX = 8
"""Connections one process keeps at most (a web worker's threads share them)."""
WAIT_S = 10.0
"""How long a call waits for a connection before the store is reported unreachable."""
SCHEMA_LOCK = 0x6775696465
"""The advisory lock key held while the schema is created or migrated ('guide' in hex)."""


def without_password(url: str) -> str:
    """`url` fit to show: a password, in the address or as a ``password=`` parameter, replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is not None:
        parts = parts._replace(netloc=f"{parts.username}:***@{parts.netloc.rsplit('@', 1)[1]}")
    query = [(key, "***" if key == "password" else value) for key, value in parse_qsl(parts.query)]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*")))


class PostgresStore(SessionStore):
    """Conversations in a PostgreSQL database."""

    def __init__(self, url: str) -> None:
        super().__init__(without_password(url))
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError:
            raise StoreError(f"{self.url}: PostgreSQL needs psycopg; install it with "
                             f"pip install 'guide[postgres]'") from None
        self._errors = (psycopg.Error, OSError)
        with failures_as(self.url, *self._errors):
            psycopg.connect(url, connect_timeout=int(WAIT_S)).close()
            self._pool = ConnectionPool(url, min_size=1, max_size=POOL_MAX, timeout=WAIT_S, open=True,
                                        kwargs={"connect_timeout": int(WAIT_S), "autocommit": True})
        try:
            self._migrate()
        except BaseException:
            self._pool.close()
            raise

    @contextlib.contextmanager
    def _transaction(self, write: bool = True) -> Iterator[Run]:
        from psycopg_pool import PoolTimeout

        with failures_as(self.url, *self._errors, PoolTimeout):
            with self._pool.connection() as connection:
                run = lambda sql, params: connection.execute(sql.replace("?", "%s"), params)  # noqa: E731
                if not write:  # reads are single statements: autocommit runs each on its own snapshot
                    yield run
                    return
                with connection.transaction():
                    yield run

    def _lock_schema(self, run: Run) -> None:
        run("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))

    def close(self) -> None:
        self._pool.close()
