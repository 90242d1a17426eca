"""Kill a writer 200 times mid-save and find every committed answer (issue 13, point 3).

A writer process (store_writer.py) appends answers to one conversation and
reports on its stdout pipe each append that returned. Each round ends in a
SIGKILL during a save, in one of two ways taken in turn:

- from the test: it reads the pipe up to a randomly chosen ``saving`` line and
  kills the writer then, while that append is under way;
- from the writer itself, at a random point inside a save (a random fraction of
  the calls an append makes), which reaches the moments between the statements
  of the transaction and between the commit and the return.

After each kill the store must hold every answer reported ``saved``, its steps
numbered 1..N with no gap, and a conversation row that agrees with the last
step: the answer count, the position and the snapshot. Nothing waits on time:
the test blocks on the pipe and on the process's exit.

A kill from the test can arrive after the save it aimed at has already
returned (on a loaded machine the test may be scheduled late). Such a round is
still checked, but it is not counted as a kill mid-save: rounds go on until 200
kills landed inside a save, however many that takes.

PostgreSQL runs the dead writer's transaction in a server process of its own,
which may still commit it after the client is gone (its COMMIT was already
sent). Before reading the store the test ends those server processes with
``pg_terminate_backend(pid, timeout)``, which waits until each has exited, so
what it reads is final.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from guide.engine.sessionstore import ConversationRow, open_store

WRITER = Path(__file__).with_name("store_writer.py")
WRITER_APP = "guide-kill-test-writer"
"""The writer's PostgreSQL application_name (libpq reads PGAPPNAME), to find its server processes."""
KILLS = 200
"""Kills that must land inside a save."""
MOST_ROUNDS = KILLS * 5
"""A bound on rounds, so a writer that never dies mid-save fails instead of looping."""
MOST_BEFORE_KILL = 6
"""A writer appends 1 to this many answers before the save it is killed in."""


@dataclass
class Round:
    """What one killed writer reported."""

    saved: set[int]
    """Step numbers whose append returned."""
    cut: int | None
    """The answer whose save was under way when it died (no ``saved`` line), if any."""


def run_and_kill(url: str, rng: random.Random, itself: bool) -> Round:
    """One writer, killed mid-save by the test or by itself."""
    before = rng.randint(1, MOST_BEFORE_KILL)
    extra = [str(before), str(rng.random())] if itself else []
    writer = subprocess.Popen([sys.executable, str(WRITER), url, "killed", *extra], stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path),
                                              "PGAPPNAME": WRITER_APP})
    lines: list[str] = []
    try:
        lines.append(writer.stdout.readline())
        assert lines[0].startswith("ready"), f"the writer did not start: {lines[0]!r}"
        for line in writer.stdout:
            lines.append(line)
            if line.startswith("saving") and (before := before - 1) == 0 and not itself:
                break
            assert before > -3, "the writer went on saving after the point it was to die at"
    finally:
        writer.send_signal(signal.SIGKILL)
        lines.extend(writer.stdout.readlines())  # all it reported before it died
        writer.stdout.close()
        writer.wait()
    assert writer.returncode == -signal.SIGKILL, lines
    done = [line.split() for line in lines if line.endswith("\n")]
    saved = {int(words[1]) for words in done if words[0] == "saved"}
    saving = [int(words[1]) for words in done if words[0] == "saving"]
    return Round(saved, saving[-1] if saving and saving[-1] not in saved else None)


def end_dead_writers_transactions(url: str) -> None:
    """Wait until the server processes that served killed writers have exited (PostgreSQL only)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        ended = admin.execute("SELECT pid, pg_terminate_backend(pid, 60000) FROM pg_stat_activity "
                              "WHERE application_name = %s", (WRITER_APP,)).fetchall()
        # false also when the process exited between the listing and the call (it is then no backend at all)
        unsure = [pid for pid, done in ended if not done]
        left = admin.execute("SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s)", (unsure,)).fetchall()
    assert not left, f"a dead writer's server process did not exit: {ended}"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_committed_answer_survives_200_kills(backend, tmp_path, request):
    url = (f"sqlite:///{tmp_path / 'conversations.db'}" if backend == "sqlite"
           else request.getfixturevalue("pg_database")())
    seed = random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    with open_store(url, legacy=None) as store:
        store.create(ConversationRow(id="killed", created_at=0, front="cli", tree="t", lang="en", mode="user",
                                     version="kill-test", position_tree="t", position_node="n0"), '{"answers": 0}')
    reported: set[int] = set()
    cut = {True: [0, 0], False: [0, 0]}
    """by the writer itself? -> [saves cut and not committed, saves cut after their commit]"""
    kills = rounds = late = 0
    with open_store(url, legacy=None) as store:
        while kills < KILLS:
            rounds += 1
            assert rounds <= MOST_ROUNDS, f"only {kills} of {rounds - 1} kills landed inside a save (seed {seed})"
            itself = rounds % 2 == 0
            result = run_and_kill(url, rng, itself)
            if backend == "postgresql":
                end_dead_writers_transactions(url)
            reported |= result.saved
            steps = store.steps("killed")
            found = store.load("killed")
            last = len(steps)
            where = f"after round {rounds} (seed {seed})"
            assert [s.seq for s in steps] == list(range(1, last + 1)), where
            assert reported <= {s.seq for s in steps}, f"{where}: committed answers lost"
            assert all(s.to_node == f"n{s.seq}" and s.node == f"n{s.seq - 1}" for s in steps), where
            assert (found.row.answers, found.row.position_node, found.snapshot) == \
                (last, f"n{last}", f'{{"answers": {last}}}'), where
            if result.cut is None:
                assert not itself, f"{where}: the writer did not die during a save it was to die in"
                late += 1  # the test's kill came after the save returned: checked, not counted
                continue
            kills += 1
            cut[itself][result.cut <= last] += 1
    print(f"\n{backend} (seed {seed}): {KILLS} kills mid-save, {len(reported)} answers reported saved, "
          f"{last} stored, none lost; killed by the test: {cut[False][0]} before the commit, {cut[False][1]} "
          f"after it; by itself: {cut[True][0]} before the commit, {cut[True][1]} after it; "
          f"{late} kills from the test came after the save had returned")
    assert cut[True][0] and cut[True][1], "the writer's own kills all fell on one side of the commit"
