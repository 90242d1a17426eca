"""Synthetic conversations over the REAL trees, written fast into a session store (SQLite or PostgreSQL).

Each conversation walks one of the shipped trees as a person would:

- it starts from the list (70 %) or from free text (30 %): a real statement
  from benchmarks/statements/ in its language, sometimes with an e-mail
  address, a GUID or an IP address pasted in (redacted before it is stored,
  as the store does); the router is right most of the time, and 40 % of the
  free-text conversations it sends to the wrong tree leave it within two
  answers (a jump to the right tree, a restart, or back to the list);
- at each question the answers are taken with skewed weights, fixed per node
  (the first answers of a question are the common ones); a person goes back
  often (20 % per question), and abandons now and then (2 % per question);
- at a resolution each action is often run (45 %), then it is fixed (32 %),
  not fixed (56 %, when the resolution leads on), escalated (6 %) or left
  open (abandoned, 6 %);
- now and then (2 % per step) the language or wording is switched;
- support agents paste evidence (up to three files), and a fifth of the
  people choosing from the list start at the "what is happening?" question;
- the time between steps is log-normal (median about 25 s).

Conversations are spread over the 90 days before `now`; the first half ran
under an older content version. Rows go in with ``executemany`` (SQLite) or
``COPY`` (PostgreSQL) into tables the session store made itself; its report
indexes are dropped while loading and made again afterwards. Run:
``python benchmarks/conversations.py URL COUNT``.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from guide.engine.compiler import moves, start_ref  # noqa: E402
from guide.engine.model import ESCALATE, FIXED, NOT_FIXED, QUESTION, RESOLUTION, ContentSet, NodeRef  # noqa: E402
from guide.engine.transcript import redact  # noqa: E402

DAY = 86400
PASTED = ("alice.tanaka@contoso.co.jp", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "10.20.30.40", "bob@fabrikam.com")


@dataclass(frozen=True)
class Statement:
    """A real problem statement and the symptom it describes."""

    text: str
    lang: str
    symptom: str


def statements() -> list[Statement]:
    """The labelled real statements in both languages."""
    found = []
    for path in sorted((HERE / "statements").glob("real-*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(entry, dict) and entry.get("text") and entry.get("symptom"):
                found.append(Statement(str(entry["text"]), str(entry.get("lang", "en")), str(entry["symptom"])))
    return found


class Walker:
    """Random walks over one content set with fixed, skewed answer weights per node."""

    def __init__(self, content: ContentSet, seed: int) -> None:
        self.content = content
        self.random = random.Random(seed)
        self.trees = {tree.symptom: tree.id for tree in content.trees.values() if tree.symptom}
        self._weights: dict[NodeRef, list[float]] = {}

    def advance(self, ref: NodeRef, stack: tuple) -> tuple[NodeRef, tuple]:
        """Pass info, link and return nodes to the next node that waits for a person."""
        for _ in range(1000):
            node = self.content.node(ref)
            onward = list(moves(self.content, ref, stack))
            if node.type in (QUESTION, RESOLUTION) or not onward:
                return ref, stack
            _, ref, stack = onward[0]
        raise RuntimeError("cycle")

    def choose(self, ref: NodeRef, keys: list[str]) -> str:
        """An answer to the question at `ref`, the first ones more likely."""
        weights = self._weights.get(ref)
        if weights is None:
            rng = random.Random(zlib.crc32(f"{ref.tree}/{ref.node}".encode()))
            weights = [rng.uniform(0.5, 1.5) / (index + 1) ** 1.1 for index in range(len(keys))]
            self._weights[ref] = weights
        return self.random.choices(keys, weights)[0]


def _gap(rng: random.Random) -> int:
    return 3 + int(rng.lognormvariate(math.log(22), 0.8))


def conversations(content: ContentSet, count: int, *, now: int, versions: tuple[str, str], seed: int = 7,
                  days: int = 90) -> Iterator[tuple[tuple, list[tuple]]]:
    """`count` (conversation row, step rows) pairs in the column order of the store's tables."""
    walker = Walker(content, seed)
    rng = walker.random
    said = statements()
    symptoms = sorted(walker.trees)
    popularity = [1.0 / (index + 1) ** 0.7 for index in range(len(symptoms))]
    for number in range(count):
        created = now - rng.randrange(days * DAY) - 600
        version = versions[0] if created < now - days * DAY // 2 else versions[1]
        front = rng.choices(("web", "tui", "cli"), (60, 35, 5))[0]
        mode = "agent" if front == "tui" else "user"
        lang = rng.choices(("ja", "en"), (70, 30))[0]
        symptom = rng.choices(symptoms, popularity)[0]
        entry_text = routed = None
        tree = walker.trees[symptom]
        wrong_route = False
        if rng.random() < 0.3:
            pool = [item for item in said if item.lang == lang and item.symptom in walker.trees] or said
            statement = rng.choice(pool)
            text = statement.text
            if rng.random() < 0.1:
                text += f" ({rng.choice(PASTED)})"
            entry_text = redact(text)
            symptom = statement.symptom if statement.symptom in walker.trees else symptom
            tree = walker.trees[symptom]
            if rng.random() < 0.15:
                wrong_route = True
                tree = walker.trees[rng.choice([other for other in symptoms if other != symptom])]
            routed = tree
        conversation_id = f"{number:08x}{rng.getrandbits(96):024x}"
        steps: list[tuple] = []
        at = created

        def step(kind, where, answer, to, detail=None, by="user"):
            steps.append((conversation_id, len(steps) + 1, at, kind, where.tree if where else None,
                          where.node if where else None, answer, by if kind == "answer" else None,
                          to.tree if to else None, to.node if to else None, version, lang, mode, detail))

        def shown(ref):
            node = content.node(ref)
            return json.dumps({"actions": [a.id for a in node.actions]}) if node.is_conclusion else None

        if entry_text is None and rng.random() < 0.2 and "start" in content.trees:
            tree = "start"  # "I don't know what it is": the one question that leads to a symptom's tree
        position, stack = walker.advance(start_ref(content, tree), ())
        step("start", None, None, position, shown(position))
        if mode == "agent":  # agents paste dsregcmd, sign-in logs... once or twice
            for _ in range(rng.choices((0, 1, 2, 3), (20, 30, 30, 20))[0]):
                at += _gap(rng)
                step("evidence", position, None, position, json.dumps({"kinds": ["dsregcmd"]}))
        trail = [(position, stack)]
        answers, status, finished = 0, "open", None
        while True:
            at += _gap(rng)
            node = content.node(position)
            if wrong_route and answers <= 2 and rng.random() < 0.4:
                wrong_route = False
                kind = rng.choices(("jump", "leave", "restart"), (6, 3, 1))[0]
                where, target = position, start_ref(content, walker.trees[symptom])
                if kind == "leave":
                    step("leave", position, None, None)
                    if rng.random() < 0.5:
                        status = "left"
                        break
                    at += _gap(rng)
                    kind, where = "start", None
                elif kind == "restart":
                    target = start_ref(content, tree)
                position, stack = walker.advance(target, ())
                step(kind, where, None, position, shown(position))
                trail = [(position, stack)]
                continue
            if rng.random() < 0.02:  # F2 / F3: the other language or wording, for a moment
                step(rng.choice(("lang", "mode")), position, None, position)
                at += _gap(rng)
            if node.type == QUESTION:
                roll = rng.random()
                if roll < 0.02:
                    break
                if roll < 0.22 and len(trail) > 1:
                    trail.pop()
                    step("back", position, None, trail[-1][0])
                    position, stack = trail[-1]
                    continue
                key = walker.choose(position, list(node.answers))
                target = next((t, s) for k, t, s in moves(content, position, stack) if k == key)
                before = position
                position, stack = walker.advance(*target)
                answers += 1
                step("answer", before, key, position, shown(position))
                trail.append((position, stack))
            elif node.type == RESOLUTION:
                for action in node.actions:
                    if rng.random() < 0.45:
                        step("action", position, action.id, position, json.dumps({"status": "ran"}))
                        at += _gap(rng)
                roll = rng.random()
                if roll < 0.32:
                    key = FIXED
                elif roll < 0.88 and node.next:
                    key = NOT_FIXED
                elif roll < 0.94:
                    key = ESCALATE
                else:
                    break
                answers += 1
                if key == NOT_FIXED:
                    before = position
                    target = next((t, s) for k, t, s in moves(content, position, stack) if k == NOT_FIXED)
                    position, stack = walker.advance(*target)
                    step("answer", before, key, position, shown(position))
                    trail.append((position, stack))
                    continue
                status = "resolved" if key == FIXED else "escalated"
                step("answer", position, key, position, json.dumps({"outcome": status}))
                finished = at
                break
            else:  # an escalation (or a dead end): the walk ends here
                status, finished = "escalated", at
                break
        start_tree = tree
        row = (conversation_id, created, at, front, start_tree, content.trees[start_tree].symptom, lang, mode,
               version, entry_text, routed, position.tree, position.node, status, finished, answers, "{}")
        yield row, steps


CONVERSATION_COLUMNS = ("id", "created_at", "updated_at", "front", "tree", "symptom", "lang", "mode", "version",
                        "entry_text", "routed_tree", "position_tree", "position_node", "status", "finished_at",
                        "answers", "snapshot")
STEP_COLUMNS = ("conversation_id", "seq", "at", "kind", "tree", "node", "answer", "by", "to_tree", "to_node",
                "version", "lang", "mode", "detail")

def _report_indexes() -> tuple[list[str], list[str]]:
    """DROP and CREATE statements of the report's indexes (schema 2): loading is faster without them."""
    from guide.engine.sessionstore.schema import MIGRATIONS

    creates = [statement for statement in MIGRATIONS[2] if statement.startswith("CREATE INDEX")]
    drops = [f"DROP INDEX IF EXISTS {statement.split()[5]}" for statement in creates]
    return drops, creates


def _prepare(url: str) -> tuple[list[str], list[str]]:
    """Make the store's tables with the store itself (all migrations), then drop the report's indexes."""
    from guide.engine.sessionstore import open_store

    open_store(url, legacy=None).close()
    return _report_indexes()


def _batches(source, size: int = 20000):
    conversations_batch, steps_batch = [], []
    for row, steps in source:
        conversations_batch.append(row)
        steps_batch.extend(steps)
        if len(conversations_batch) >= size:
            yield conversations_batch, steps_batch
            conversations_batch, steps_batch = [], []
    if conversations_batch:
        yield conversations_batch, steps_batch


def write_sqlite(path: Path, source) -> tuple[int, int]:
    """Write the generated rows into the SQLite store at `path` (made when missing); (conversations, steps)."""
    import sqlite3

    drops, creates = _prepare(f"sqlite:///{path}")
    connection = sqlite3.connect(path)
    connection.executescript("PRAGMA synchronous = OFF;" + "".join(f"{sql};" for sql in drops))
    totals = [0, 0]
    conversation_sql = (f"INSERT INTO conversations ({', '.join(CONVERSATION_COLUMNS)}) "
                        f"VALUES ({', '.join('?' for _ in CONVERSATION_COLUMNS)})")
    step_sql = f"INSERT INTO steps ({', '.join(STEP_COLUMNS)}) VALUES ({', '.join('?' for _ in STEP_COLUMNS)})"
    for conversations_batch, steps_batch in _batches(source):
        with connection:
            connection.executemany(conversation_sql, conversations_batch)
            connection.executemany(step_sql, steps_batch)
        totals[0] += len(conversations_batch)
        totals[1] += len(steps_batch)
    connection.executescript("".join(f"{sql};" for sql in creates) + "ANALYZE;")
    connection.close()
    return totals[0], totals[1]


def write_postgres(url: str, source) -> tuple[int, int]:
    """Write the generated rows into the PostgreSQL store at `url` with COPY; (conversations, steps)."""
    import psycopg

    totals = [0, 0]
    drops, creates = _prepare(url)
    with psycopg.connect(url) as connection:
        for sql in drops:
            connection.execute(sql)
        connection.commit()
        for conversations_batch, steps_batch in _batches(source, 50000):
            with connection.cursor() as cursor:
                with cursor.copy(f"COPY conversations ({', '.join(CONVERSATION_COLUMNS)}) FROM STDIN") as copy:
                    for row in conversations_batch:
                        copy.write_row(row)
                with cursor.copy(f"COPY steps ({', '.join(STEP_COLUMNS)}) FROM STDIN") as copy:
                    for row in steps_batch:
                        copy.write_row(row)
            connection.commit()
            totals[0] += len(conversations_batch)
            totals[1] += len(steps_batch)
        for sql in creates:
            connection.execute(sql)
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE")  # the visibility map, so index-only scans skip the table
    return totals[0], totals[1]


def content_versions(content_fingerprint: str) -> tuple[str, str]:
    """The older and the current content version the generated conversations ran under."""
    import hashlib

    older = hashlib.sha256(f"before {content_fingerprint}".encode()).hexdigest()[:32]
    return older, content_fingerprint


def generate(url: str, count: int, *, now: int | None = None, seed: int = 7) -> tuple[int, int]:
    """Fill the store at `url` (``sqlite:///PATH`` or ``postgresql://…``) with `count` conversations."""
    from guide.engine.cache import fingerprint, load_content_cached
    from guide.engine.places import default_content_dir, default_trees_dir

    content = load_content_cached()
    current = fingerprint(default_trees_dir(), default_content_dir())
    source = conversations(content, count, now=now or int(time.time()), versions=content_versions(current),
                           seed=seed)
    if url.startswith("sqlite:///"):
        return write_sqlite(Path(url[len("sqlite:///"):]), source)
    return write_postgres(url, source)


if __name__ == "__main__":
    started = time.perf_counter()
    made = generate(sys.argv[1], int(sys.argv[2]))
    print(f"{made[0]} conversations, {made[1]} steps in {time.perf_counter() - started:.1f} s")
