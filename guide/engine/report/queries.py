"""The report's SQL: every figure is aggregated in the database with GROUP BY.

Each query returns at most a few thousand group rows however many
conversations are stored (one per symptom × status, per node × answer ×
version, ...); `guide.engine.report.document` adds those up into the report.
The statements are the same text on SQLite and PostgreSQL (placeholders are
``?``; `Database` adapts them).

Medians use a window function both back ends have (SQLite 3.25+), because
SQLite has no ``percentile_cont``: the values are first counted per symptom
with GROUP BY (answers take a few dozen values, seconds a few thousand), then a
running ``SUM(n) OVER (PARTITION BY symptom ORDER BY value)`` gives each value
the positions it covers, and the median is the average of the values covering
positions ``(total + 1) / 2`` and ``(total + 2) / 2`` (integer division: the
middle value when the total is odd, the two middle ones when even). This sorts
a few thousand counted rows instead of numbering every conversation with
``ROW_NUMBER()``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from guide.engine.report.database import Database
from guide.engine.report.filters import Filters

# The IN lists below are written into the queries in these orders, which are also the WHERE clauses of the
# partial indexes steps_taken, steps_reached and steps_exits (docs/architecture.md): SQLite uses a partial
# index only when the query repeats its condition.

TAKEN = ("answer", "back", "restart", "jump", "leave")
"""Step kinds counted at the node they were taken at."""

ARRIVALS = ("start", "answer", "jump", "restart")
"""Step kinds after which the walk stands at a node it reached going forward."""

LEAVING = ("leave", "restart", "jump")
"""Step kinds that may take a walk away from where the router sent it (index ``steps_exits``)."""


def outcomes(db: Database, filters: Filters) -> list[tuple[str | None, str, str, int, int]]:
    """(symptom, tree, status, abandoned, conversations) for the conversations started in the period."""
    where, params = filters.where("c")
    sql = f"""
        SELECT c.symptom, c.tree, c.status,
               SUM(CASE WHEN c.status = 'open' AND c.updated_at < ? THEN 1 ELSE 0 END), COUNT(*)
        FROM conversations c WHERE 1 = 1{where}
        GROUP BY c.symptom, c.tree, c.status"""
    return [(row[0], row[1], row[2], int(row[3]), int(row[4]))
            for row in db.rows(sql, [filters.abandoned_before] + params)]


def abandoned_at(db: Database, filters: Filters) -> list[tuple[str, str, str, int]]:
    """(tree, node, version, conversations) abandoned there: open, and no step for 30 minutes."""
    where, params = filters.where("c")
    sql = f"""
        SELECT c.position_tree, c.position_node, c.version, COUNT(*)
        FROM conversations c WHERE c.status = 'open' AND c.updated_at < ?{where}
        GROUP BY c.position_tree, c.position_node, c.version"""
    return [(row[0], row[1], row[2], int(row[3])) for row in db.rows(sql, [filters.abandoned_before] + params)]


def medians(db: Database, filters: Filters) -> dict[str, tuple[float, float]]:
    """Per symptom: the median answers and the median minutes of concluded conversations."""
    answers = _median(db, filters, "c.answers")
    seconds = _median(db, filters, "c.finished_at - c.created_at")
    return {symptom: (answers.get(symptom, 0.0), seconds.get(symptom, 0.0) / 60.0)
            for symptom in set(answers) | set(seconds)}


def _median(db: Database, filters: Filters, value: str) -> dict[str, float]:
    """The median of `value` (an integer expression) over concluded conversations, per symptom.

    The distribution is counted with GROUP BY (a few hundred rows), a running
    ``SUM(n) OVER (PARTITION BY symptom ORDER BY v)`` places each value, and
    the values covering the middle positions ``(total + 1) / 2`` and
    ``(total + 2) / 2`` are averaged.
    """
    where, params = filters.where("c")
    sql = f"""
        WITH counts AS (
            SELECT COALESCE(c.symptom, c.tree) AS symptom, {value} AS v, COUNT(*) AS n
            FROM conversations c
            WHERE c.status IN ('resolved', 'escalated') AND {value} IS NOT NULL{where}
            GROUP BY c.symptom, c.tree, {value}),
        placed AS (
            SELECT symptom, v, n,
                   CAST(SUM(n) OVER (PARTITION BY symptom ORDER BY v ROWS UNBOUNDED PRECEDING) AS BIGINT) AS upto,
                   CAST(SUM(n) OVER (PARTITION BY symptom) AS BIGINT) AS total
            FROM counts)
        SELECT symptom, AVG(v * 1.0) FROM placed
        WHERE upto >= (total + 1) / 2 AND upto - n + 1 <= (total + 2) / 2
        GROUP BY symptom"""
    return {row[0]: float(row[1]) for row in db.rows(sql, params)}


def _kinds(kinds: tuple[str, ...]) -> str:
    return ", ".join(f"'{kind}'" for kind in kinds)


def reached(db: Database, filters: Filters) -> list[tuple[str, str, str, int]]:
    """(tree, node, version, arrivals): steps after which the walk stood at the node (closing answers too)."""
    where, params = filters.where("s", tree_columns=("to_tree",))
    sql = f"""
        SELECT s.to_tree, s.to_node, s.version, COUNT(*)
        FROM steps s WHERE s.to_node IS NOT NULL AND s.kind IN ({_kinds(ARRIVALS)}){where}
        GROUP BY s.to_tree, s.to_node, s.version"""
    return [(row[0], row[1], row[2], int(row[3])) for row in db.rows(sql, params)]


def taken(db: Database, filters: Filters) -> list[tuple[str, str, str, str, str | None, int]]:
    """(tree, node, version, kind, answer, steps) for the answers, backs and exits taken at each node."""
    where, params = filters.where("s")
    sql = f"""
        SELECT s.tree, s.node, s.version, s.kind, s.answer, COUNT(*)
        FROM steps s WHERE s.node IS NOT NULL AND s.kind IN ({_kinds(TAKEN)}){where}
        GROUP BY s.tree, s.node, s.version, s.kind, s.answer"""
    return [(row[0], row[1], row[2], row[3], row[4], int(row[5])) for row in db.rows(sql, params)]


def action_runs(db: Database, filters: Filters) -> list[tuple[str, str | None, int]]:
    """(action id, detail, steps) of the action steps (the detail holds whether it ran)."""
    where, params = filters.where("s")
    sql = f"""
        SELECT s.answer, s.detail, COUNT(*) FROM steps s WHERE s.kind = 'action'{where}
        GROUP BY s.answer, s.detail"""
    return [(row[0], row[1], int(row[2])) for row in db.rows(sql, params)]


def shown_detail(db: Database, tree: str, node: str, version: str) -> str | None:
    """The detail recorded on arriving at a node (for a resolution: the actions shown), if any."""
    sql = f"""
        SELECT s.detail FROM steps s
        WHERE s.to_tree = ? AND s.to_node = ? AND s.version = ? AND s.kind IN ({_kinds(ARRIVALS)})
              AND s.detail IS NOT NULL
        LIMIT 1"""
    found = db.rows(sql, [tree, node, version])
    return found[0][0] if found else None


@dataclass(frozen=True, slots=True)
class Misroute:
    """Free text after which people left the tree the router chose, and where they went."""

    text: str
    routed: str
    how: str
    went_to: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Restart:
    """Free text after which people started the routed tree again from its start (the tree was kept)."""

    text: str
    routed: str
    count: int


EARLY = 2
"""A step counts as right after routing when at most this many answers came before it."""


def _early_exits(kinds_condition: str, where: str) -> str:
    """The exit steps (alias ``e``, with their conversation ``c``) of free-text conversations that also
    meet `kinds_condition`, taken after at most `EARLY` answers. Exits are rare, so the query starts from
    them (index ``steps_exits``, whose condition it repeats) and counts the answers before each one."""
    return f"""
            SELECT e.conversation_id AS id, e.seq AS seq
            FROM steps e JOIN conversations c ON c.id = e.conversation_id
            WHERE e.kind IN ({_kinds(LEAVING)}) AND c.entry_text IS NOT NULL AND c.routed_tree IS NOT NULL{where}
                  AND {kinds_condition}
                  AND (SELECT COUNT(*) FROM steps a
                       WHERE a.conversation_id = e.conversation_id AND a.seq < e.seq AND a.kind = 'answer') <= {EARLY}"""


def misroutes(db: Database, filters: Filters, limit: int = 200) -> list[Misroute]:
    """Conversations started from free text that left the routed tree for another, or gave up, right away.

    The first of these counts, with at most two answers before it: the walk
    began in another tree than the router's (the person chose another guide
    from the list the text narrowed: ``start``), one of the guides offered beside the router's choice
    (``offer``: a jump ``by = 'offer'``), another ``jump`` into another tree, or going back to the list
    (``leave``). A restart that stays in the routed
    tree is not one (see `restarts`), nor the router's own jump to the entry
    node it chose (``by = 'router'``, which may be in a sub-flow). Where they went is the tree the walk
    stood in next (none: they went back to the list and stopped).
    """
    where, params = filters.where("c")
    elsewhere = ("(e.kind = 'leave' OR (e.to_tree IS NOT NULL AND e.to_tree <> c.routed_tree"
                 " AND (e.by IS NULL OR e.by <> 'router')))")
    sql = f"""
        WITH exits AS ({_early_exits(elsewhere, where)}
            UNION ALL
            SELECT c.id, 1 FROM conversations c
            WHERE c.entry_text IS NOT NULL AND c.routed_tree IS NOT NULL AND c.tree <> c.routed_tree{where}),
        firsts AS (SELECT id, MIN(seq) AS seq FROM exits GROUP BY id)
        SELECT c.entry_text, c.routed_tree, CASE WHEN e.by = 'offer' THEN 'offer' ELSE e.kind END AS how,
               (SELECT n.to_tree FROM steps n
                WHERE n.conversation_id = e.conversation_id AND n.seq >= e.seq AND n.to_tree IS NOT NULL
                      AND n.kind IN ('start', 'jump', 'restart')
                ORDER BY n.seq LIMIT 1) AS went_to,
               COUNT(*)
        FROM firsts f JOIN steps e ON e.conversation_id = f.id AND e.seq = f.seq
             JOIN conversations c ON c.id = f.id
        GROUP BY c.entry_text, c.routed_tree, how, went_to
        ORDER BY 5 DESC, 1
        LIMIT {int(limit)}"""
    return [Misroute(row[0], row[1], row[2], row[3], int(row[4])) for row in db.rows(sql, params + params)]


def restarts(db: Database, filters: Filters, limit: int = 200) -> list[Restart]:
    """Conversations started from free text that restarted the routed tree right away (at most two answers
    before): the tree was right, but where the router placed them in it may not have been."""
    where, params = filters.where("c")
    sql = f"""
        WITH exits AS ({_early_exits("e.kind = 'restart' AND e.to_tree = c.routed_tree", where)}),
        restarted AS (SELECT DISTINCT id FROM exits)
        SELECT c.entry_text, c.routed_tree, COUNT(*)
        FROM restarted r JOIN conversations c ON c.id = r.id
        GROUP BY c.entry_text, c.routed_tree
        ORDER BY 3 DESC, 1
        LIMIT {int(limit)}"""
    return [Restart(row[0], row[1], int(row[2])) for row in db.rows(sql, params)]


def timeline(db: Database, filters: Filters, bucket: int) -> list[tuple[str, int, str, int]]:
    """(symptom, bucket start in epoch seconds, outcome, conversations) for the outcomes-over-time chart."""
    where, params = filters.where("c")
    sql = f"""
        SELECT COALESCE(c.symptom, c.tree), (c.created_at / {int(bucket)}) * {int(bucket)},
               CASE WHEN c.status = 'open' AND c.updated_at < ? THEN 'abandoned' ELSE c.status END, COUNT(*)
        FROM conversations c WHERE 1 = 1{where}
        GROUP BY 1, 2, 3 ORDER BY 1, 2"""
    return [(row[0], int(row[1]), row[2], int(row[3])) for row in db.rows(sql, [filters.abandoned_before] + params)]


def period_bounds(db: Database, filters: Filters) -> tuple[int | None, int | None]:
    """The first and last start time among the conversations the filters select."""
    where, params = filters.where("c")
    row = db.rows(f"SELECT MIN(c.created_at), MAX(c.created_at) FROM conversations c WHERE 1 = 1{where}", params)[0]
    return (int(row[0]) if row[0] is not None else None, int(row[1]) if row[1] is not None else None)


def versions(db: Database) -> list[tuple[str, int, int]]:
    """Every content version conversations ran under: (fingerprint, first start, conversations)."""
    sql = "SELECT c.version, MIN(c.created_at), COUNT(*) FROM conversations c GROUP BY c.version ORDER BY 2"
    return [(row[0], int(row[1]), int(row[2])) for row in db.rows(sql)]


Query = Callable[[Database, Filters], object]


def gather(db: Database, filters: Filters, *lanes: dict[str, Query]) -> dict[str, object]:
    """Run each lane's queries in order, the lanes at the same time on connections of their own.

    The database does the work (SQLite releases Python's lock while it runs a
    statement; PostgreSQL runs each connection in a process of its own), so
    two lanes use two cores. The first lane runs on `db` itself.
    """
    def run(lane: dict[str, Query], connection: Database) -> dict[str, object]:
        return {name: query(connection, filters) for name, query in lane.items()}

    if len(lanes) == 1:
        return run(lanes[0], db)
    others = [db.fork() for _ in lanes[1:]]
    try:
        with ThreadPoolExecutor(max_workers=len(others)) as pool:
            pending = [pool.submit(run, lane, connection) for lane, connection in zip(lanes[1:], others)]
            results = run(lanes[0], db)
            for future in pending:
                results.update(future.result())
    finally:
        for connection in others:
            connection.close()
    return results
