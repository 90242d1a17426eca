"""Group commit (guide.engine.sessionstore.group), on both back ends: writes of threads at the same time share
one transaction, and none is acknowledged before it is committed.

Each test holds a leader inside its transaction (its write waits on an event)
until the other threads' writes are queued behind it, so the next batch holds
them all; nothing waits on time.
"""

from __future__ import annotations

import threading

import pytest

from guide.engine.sessionstore import StoreError, open_store
from test_sessionstore import row, step

DEADLINE = 60.0
"""Seconds a wait may take before the test fails (a guard against hangs, not a wait)."""

THREADS = 12


@pytest.fixture
def store(store_url):
    with open_store(store_url, legacy=None) as opened:
        yield opened


class HeldLeader:
    """A write that keeps its transaction open until released: the writes queued meanwhile form one batch."""

    def __init__(self, store) -> None:
        self.store = store
        self.inside = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=store.group.run, args=(self._write,))

    def _write(self, run) -> None:
        run("SELECT 1", ())
        self.inside.set()
        assert self.release.wait(DEADLINE)

    def __enter__(self) -> "HeldLeader":
        self.thread.start()
        assert self.inside.wait(DEADLINE)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.thread.join(DEADLINE)


def appending(store, conversation_id: str, results: dict, done: dict) -> threading.Thread:
    """A thread appending one answer to `conversation_id`; its seq (or its error) lands in `results`."""

    def work() -> None:
        try:
            results[conversation_id] = store.append(conversation_id, step(node="q1", answer="yes"), '{"n": 1}',
                                                    {"answers": 1, "position_node": "q2"})
        except StoreError as exc:
            results[conversation_id] = exc
        done[conversation_id].set()

    return threading.Thread(target=work)


def test_answers_sent_at_once_are_committed_together_and_each_only_once_committed(store, store_url):
    ids = [f"c{number:02d}" for number in range(THREADS)]
    for conversation_id in ids:
        store.create(row(conversation_id), "{}", (step("start", to_tree="demo", to_node="q1"),))
    results: dict = {}
    done = {conversation_id: threading.Event() for conversation_id in ids}
    batches = store.group.batches
    other = open_store(store_url, legacy=None)  # another connection (opened first: opening may write)
    with HeldLeader(store):
        threads = [appending(store, conversation_id, results, done) for conversation_id in ids]
        for thread in threads:
            thread.start()
        assert store.group.wait_queued(THREADS, DEADLINE)
        assert not any(event.is_set() for event in done.values()), "an answer returned before its commit"
        assert all(len(other.steps(conversation_id)) == 1 for conversation_id in ids), "seen before its commit"
    for thread in threads:
        thread.join(DEADLINE)
    assert results == {conversation_id: 2 for conversation_id in ids}
    assert store.group.batches - batches == 2, "the held leader's batch, then one batch for all the others"
    with other:
        for conversation_id in ids:
            assert [found.kind for found in other.steps(conversation_id)] == ["start", "answer"]
            assert other.load(conversation_id).row.position_node == "q2"


def test_one_failing_write_in_a_batch_is_reported_to_its_caller_alone(store):
    ids = ["alpha", "beta", "gamma"]
    for conversation_id in ids:
        store.create(row(conversation_id), "{}")
    results: dict = {}
    done = {name: threading.Event() for name in [*ids, "missing"]}
    with HeldLeader(store):
        threads = [appending(store, name, results, done) for name in [*ids, "missing"]]
        for thread in threads:
            thread.start()
        assert store.group.wait_queued(len(threads), DEADLINE)
    for thread in threads:
        thread.join(DEADLINE)
    assert isinstance(results.pop("missing"), StoreError)
    assert results == {conversation_id: 1 for conversation_id in ids}
    assert all(len(store.steps(conversation_id)) == 1 for conversation_id in ids)


def test_a_batch_whose_transaction_fails_reports_it_to_every_waiter_and_stores_none(store):
    ids = ["delta", "epsilon"]
    for conversation_id in ids:
        store.create(row(conversation_id), "{}")
    results: dict = {}
    done = {conversation_id: threading.Event() for conversation_id in ids}
    breaking: dict = {}

    def break_the_transaction(run) -> None:
        run("RELEASE SAVEPOINT guide_write", ())  # its savepoint gone, its failure can only end the transaction
        raise RuntimeError("broken")

    def breaker() -> None:
        try:
            store.group.run(break_the_transaction, "zzz")
        except Exception as exc:  # noqa: BLE001 - what the caller is told is what the test checks
            breaking["error"] = exc

    with HeldLeader(store):
        threads = [appending(store, conversation_id, results, done) for conversation_id in ids]
        threads.append(threading.Thread(target=breaker))
        for thread in threads:
            thread.start()
        assert store.group.wait_queued(len(threads), DEADLINE)
    for thread in threads:
        thread.join(DEADLINE)
    assert set(results) == set(ids) and all(isinstance(error, StoreError) for error in results.values())
    assert "error" in breaking
    assert all(store.steps(conversation_id) == () for conversation_id in ids)
    assert store.append("delta", step(node="q1", answer="yes"), "{}") == 1, "the store works on afterwards"
