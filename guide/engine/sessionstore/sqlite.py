"""The SQLite back end: one file (the default, in the state folder), in WAL mode.

WAL lets readers go on while one writer commits, and keeps a committed
transaction through a crash of the process; ``synchronous=FULL`` keeps it
through a power cut too. Each thread has its own connection (sqlite3
connections are not to be shared between threads), closed when the thread
ends; a write transaction starts
with ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout instead of
failing halfway. Several processes may open the same file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import weakref
from pathlib import Path
from typing import Iterator

from guide.engine.sessionstore.base import Run, SessionStore, failures_as

BUSY_MS = 30_000
"""How long a writer waits for another process's transaction before giving up (a step takes milliseconds)."""


class WriterTurns:
    """Writers to one SQLite file take turns through a lock the operating system hands over at once.

    SQLite makes a second writer retry in its busy handler, which sleeps up to 100 ms between tries:
    under a web server's load that sleep, not the work, was the answer time (`guide serve`'s p95 at
    100 conversations 935 -> 190 ms). Here the threads of a process queue on a lock, and the processes
    on an advisory lock of a file beside the database (``flock``; without it, only the threads queue).
    """

    def __init__(self, database: Path) -> None:
        self.path = Path(f"{database}.writers")
        self.threads = threading.Lock()
        self.handle: tuple | None = None

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """Hold the turn while one write transaction runs."""
        with self.threads:
            try:
                import fcntl
            except ImportError:  # Windows: the threads of this process still queue
                yield
                return
            if self.handle is None or self.handle[1] != os.getpid():  # a forked worker opens its own
                self.handle = (open(self.path, "a+b"), os.getpid())
            fcntl.flock(self.handle[0], fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self.handle[0], fcntl.LOCK_UN)


class SqliteStore(SessionStore):
    """Conversations in one SQLite file."""

    _errors = (sqlite3.Error,)

    def __init__(self, path: str | Path, url: str | None = None) -> None:
        super().__init__(url or f"sqlite:///{path}")
        self.path = Path(path)
        self._local = threading.local()
        self._all: weakref.WeakSet[_Held] = weakref.WeakSet()
        self._guard = threading.Lock()
        self._closed = False
        self._turns = WriterTurns(self.path)
        with failures_as(self.url, sqlite3.Error, OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._migrate()

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection (a new one after a fork: a parent's connection is never used or closed)."""
        if self._closed:
            raise sqlite3.ProgrammingError("the store is closed")
        held = getattr(self._local, "held", None)
        if held is not None and held.pid == os.getpid():
            return held.connection
        if held is not None:
            held.connection = None
        connection = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None,
                                     check_same_thread=False)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        self._local.held = _Held(connection)
        with self._guard:
            self._all.add(self._local.held)
        return connection

    @contextlib.contextmanager
    def _transaction(self, write: bool = True) -> Iterator[Run]:
        with failures_as(self.url, *self._errors), (self._turns.turn() if write else contextlib.nullcontext()):
            connection = self._connection()
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield connection.execute
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def close(self) -> None:
        with self._guard:
            self._closed = True
            held, self._all = list(self._all), weakref.WeakSet()
        for one in held:
            one.close()


class _Held:
    """A thread's connection, closed when the thread ends (its thread-local holder goes) or the store closes."""

    __slots__ = ("connection", "pid", "__weakref__")

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection: sqlite3.Connection | None = connection
        self.pid = os.getpid()

    def close(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                connection.close()

    def __del__(self) -> None:
        self.close()
