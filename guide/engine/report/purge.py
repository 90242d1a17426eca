"""Retention: delete conversations last active before a date, with their steps.

Steps are deleted explicitly before their conversations (rather than relying
on ``ON DELETE CASCADE``, which SQLite applies only when foreign keys are on
for the connection), both in one transaction.
"""

from __future__ import annotations

from guide.engine.report.database import Database


def purge_before(db: Database, epoch: int) -> tuple[int, int]:
    """Delete every conversation whose last step is before `epoch`; (conversations, steps) deleted."""
    old = "SELECT c.id FROM conversations c WHERE c.updated_at < ?"
    steps, conversations = db.execute([
        (f"DELETE FROM steps WHERE conversation_id IN ({old})", [epoch]),
        ("DELETE FROM conversations WHERE updated_at < ?", [epoch]),
    ])
    return conversations, steps
