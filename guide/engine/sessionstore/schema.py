"""The store's tables, created on first open and migrated by version.

`MIGRATIONS[n]` are the statements that take a store from schema ``n - 1`` to
``n``; the version reached is kept in ``guide_schema``. The statements are
plain SQL that SQLite and PostgreSQL both accept.

Beyond docs/architecture.md's columns, ``conversations.touched`` orders
conversations updated within the same second (times are whole seconds), so
"the latest conversation" is the one touched last; ``guide_imports`` records
which folders of JSON sessions were imported, so each is imported once.
"""

from __future__ import annotations

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE IF NOT EXISTS conversations (
             id            TEXT PRIMARY KEY,
             created_at    BIGINT NOT NULL,
             updated_at    BIGINT NOT NULL,
             front         TEXT NOT NULL,
             tree          TEXT NOT NULL,
             symptom       TEXT,
             lang          TEXT NOT NULL,
             mode          TEXT NOT NULL,
             version       TEXT NOT NULL,
             entry_text    TEXT,
             routed_tree   TEXT,
             position_tree TEXT NOT NULL,
             position_node TEXT NOT NULL,
             status        TEXT NOT NULL,
             finished_at   BIGINT,
             answers       INTEGER NOT NULL,
             snapshot      TEXT NOT NULL,
             touched       BIGINT NOT NULL DEFAULT 0
           )""",
        """CREATE TABLE IF NOT EXISTS steps (
             conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
             seq       INTEGER NOT NULL,
             at        BIGINT NOT NULL,
             kind      TEXT NOT NULL,
             tree      TEXT,
             node      TEXT,
             answer    TEXT,
             by        TEXT,
             to_tree   TEXT,
             to_node   TEXT,
             version   TEXT NOT NULL,
             lang      TEXT NOT NULL,
             mode      TEXT NOT NULL,
             detail    TEXT,
             PRIMARY KEY (conversation_id, seq)
           )""",
        "CREATE INDEX IF NOT EXISTS conversations_created ON conversations(created_at)",
        "CREATE INDEX IF NOT EXISTS conversations_updated ON conversations(updated_at)",
        "CREATE INDEX IF NOT EXISTS conversations_touched ON conversations(touched)",
        "CREATE INDEX IF NOT EXISTS steps_at ON steps(at)",
        """CREATE TABLE IF NOT EXISTS guide_imports (
             folder   TEXT PRIMARY KEY,
             at       BIGINT NOT NULL,
             imported INTEGER NOT NULL
           )""",
    ),
    # 2: indexes guide report reads instead of sorting millions of rows: each GROUP BY scans one in order, and
    # the columns its filters test are in the index too (docs/architecture.md). The partial indexes' WHERE
    # clauses are repeated word for word by guide.engine.report.queries (SQLite needs the same text).
    2: (
        "CREATE INDEX IF NOT EXISTS conversations_outcomes"
        " ON conversations(symptom, tree, status, updated_at, created_at, lang, mode, version)",
        "CREATE INDEX IF NOT EXISTS conversations_open"
        " ON conversations(status, updated_at, position_tree, position_node, version, created_at, tree, lang, mode)",
        "CREATE INDEX IF NOT EXISTS conversations_answers"
        " ON conversations(symptom, tree, answers, status, finished_at, created_at, lang, mode, version)",
        "CREATE INDEX IF NOT EXISTS conversations_duration ON conversations(symptom, tree, (finished_at - created_at),"
        " status, finished_at, created_at, lang, mode, version)",
        "CREATE INDEX IF NOT EXISTS steps_reached ON steps(to_tree, to_node, version, kind, at, lang, mode)"
        " WHERE kind IN ('start', 'answer', 'jump', 'restart')",
        "CREATE INDEX IF NOT EXISTS steps_taken ON steps(tree, node, version, kind, answer, at, lang, mode)"
        " WHERE kind IN ('answer', 'back', 'restart', 'jump', 'leave')",
        "CREATE INDEX IF NOT EXISTS steps_actions ON steps(answer, detail, kind, version, at, lang, mode)"
        " WHERE kind = 'action'",
        "CREATE INDEX IF NOT EXISTS steps_exits ON steps(conversation_id, seq, kind, to_tree)"
        " WHERE kind IN ('leave', 'restart', 'jump')",
    ),
}
"""Schema version -> the statements that reach it from the one before."""
VERSION = max(MIGRATIONS)
"""The schema this code writes."""
VERSION_TABLE = "CREATE TABLE IF NOT EXISTS guide_schema (version INTEGER NOT NULL)"
