"""Group commit: writes that threads ask for at the same time are committed in one transaction.

A commit waits for the disk (SQLite's ``synchronous=FULL`` syncs the
write-ahead log; PostgreSQL waits for its WAL flush): a few milliseconds on
this machine's disk, more when other programs write, and one commit at a time
per database. A web server taking 200 answers a second spent most of each
second in those waits, one answer after the other. Here the first thread to
arrive becomes the leader: it takes every write queued at that moment, runs
them in one transaction (each inside its own savepoint, so one write's failure
rolls back that write alone) and commits once; the threads that arrive
meanwhile queue, and the next leader takes them all. No write is reported
done before the transaction holding it has committed, and a failure of the
transaction (the commit, the lock, the connection) is raised in every thread
whose write it held. A write alone in its batch runs without a savepoint,
exactly as before.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")

Run = Callable[[str, Any], Any]
Write = Callable[[Run], Any]
"""One write: runs its statements with the transaction's runner; its value is handed back to its caller."""


class _Pending(Generic[T]):
    """A write waiting for its batch's commit."""

    __slots__ = ("write", "order", "value", "error", "done")

    def __init__(self, write: Write, order: str) -> None:
        self.write = write
        self.order = order
        self.value: Any = None
        self.error: BaseException | None = None
        self.done = False


class GroupCommit:
    """Commits the writes of concurrent threads together (one leader at a time, no thread of its own).

    `transaction` opens one write transaction and yields its statement runner (a store's
    ``_transaction``); `guard` turns a back end's errors raised by one write into the store's
    own (``failures_as``).
    """

    def __init__(self, transaction: Callable[[], contextlib.AbstractContextManager[Run]],
                 guard: Callable[[], contextlib.AbstractContextManager[None]]) -> None:
        self._transaction = transaction
        self._guard = guard
        self._changed = threading.Condition()
        self._queue: list[_Pending] = []
        self._leading = False
        self.batches = 0
        """Transactions committed (or tried) so far: with `writes`, how much was grouped."""
        self.writes = 0

    def run(self, write: Write, order: str = "") -> Any:
        """Run `write` in a transaction shared with the writes queued beside it; return its value once
        committed, or raise its failure (or the transaction's). `order`: writes of one batch run sorted by
        it (a conversation's id), so two processes lock the same rows in the same order."""
        pending = _Pending(write, order)
        with self._changed:
            self._queue.append(pending)
            self._changed.notify_all()
            while not pending.done:
                if self._leading:
                    self._changed.wait()
                    continue
                self._leading = True
                batch, self._queue = self._queue, []
                self._changed.release()
                try:
                    self._commit(batch)
                finally:
                    self._changed.acquire()
                    self._leading = False
                    self._changed.notify_all()
        if pending.error is not None:
            raise pending.error
        return pending.value

    def wait_queued(self, count: int, timeout: float) -> bool:
        """Wait until at least `count` writes wait for the next batch (a leader is committing the one
        before); False when `timeout` seconds passed first. For tests and monitoring."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self._queue) >= count, timeout)

    def _commit(self, batch: list[_Pending]) -> None:
        """Run the batch's writes in one transaction; every one of them is done afterwards."""
        batch.sort(key=lambda pending: pending.order)  # stable: one conversation's writes keep their order
        self.batches += 1
        self.writes += len(batch)
        try:
            with self._transaction() as run:
                if len(batch) == 1:
                    with self._guard():
                        batch[0].value = batch[0].write(run)
                else:
                    for pending in batch:
                        self._one(run, pending)
        except BaseException as exc:  # the transaction as a whole failed: no write of it is stored
            for pending in batch:
                pending.value, pending.error = None, pending.error or exc
        finally:
            for pending in batch:
                pending.done = True

    def _one(self, run: Run, pending: _Pending) -> None:
        """One write of a batch inside its own savepoint: its failure undoes it alone."""
        run("SAVEPOINT guide_write", ())
        try:
            with self._guard():
                pending.value = pending.write(run)
        except Exception as exc:  # noqa: BLE001 - this write's failure goes to its caller, the others go on
            pending.error = exc
            run("ROLLBACK TO SAVEPOINT guide_write", ())
        run("RELEASE SAVEPOINT guide_write", ())
