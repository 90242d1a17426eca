"""The session store: every conversation and each of its steps, in SQLite or PostgreSQL.

    store = open_store()                      # $GUIDE_DB, else SQLite in the state folder
    store = open_store("postgresql://guide@db.example/guide")
    store.create(row, snapshot)               # a ConversationRow and Session.to_json() text
    seq = store.append(row.id, StepRow(kind="answer", ...), snapshot, {"answers": 3, ...})
    store.load(row.id), store.latest(front="tui"), store.steps(row.id), store.purge_before(epoch)

URLs: ``sqlite:///PATH`` (SQLAlchemy's form: ``sqlite:///relative.db``,
``sqlite:////absolute/path.db``, ``sqlite:///C:\\path.db``) or
``postgresql://…`` (also ``postgres://``). The tables, and what each column
holds, are in docs/architecture.md; `schema` creates and migrates them.
On opening, the JSON sessions earlier versions saved are imported once
(`legacy`); `store.notices` has one line per file that could not be.
"""

from __future__ import annotations

import os
from pathlib import Path

from guide.engine.folders import sessions_dir, state_dir
from guide.engine.sessionstore.base import SessionStore
from guide.engine.sessionstore.records import (ConversationRow, StepRow, StoredConversation, StoreError, epoch)

__all__ = ["ConversationRow", "SessionStore", "StepRow", "StoreError", "StoredConversation", "default_url",
           "epoch", "open_store"]

FILE_NAME = "conversations.db"
"""The SQLite file's name in the state folder."""
SCHEMES = ("sqlite:///", "postgresql://", "postgres://")
_DEFAULT = object()


def default_url() -> str:
    """``$GUIDE_DB``, else the SQLite file in the state folder."""
    return os.environ.get("GUIDE_DB") or sqlite_url(state_dir() / FILE_NAME)


def sqlite_url(path: str | Path) -> str:
    """The URL of the SQLite file at `path`."""
    return f"sqlite:///{Path(path).absolute()}"


def open_store(url: str | None = None, *, legacy: Path | None | object = _DEFAULT) -> SessionStore:
    """Open (creating on first use) the store at `url` (default: `default_url()`).

    `legacy` is the folder of JSON sessions to import once (default: the sessions folder;
    None: none). Raises `StoreError` with one line saying what to do.
    """
    url = url or default_url()
    if url.startswith("sqlite:///"):
        from guide.engine.sessionstore.sqlite import SqliteStore

        store: SessionStore = SqliteStore(url[len("sqlite:///"):], url)
    elif url.startswith(("postgresql://", "postgres://")):
        from guide.engine.sessionstore.postgres import PostgresStore

        store = PostgresStore(url)
    else:
        raise StoreError(f"{url!r} is not a store URL: give sqlite:///PATH or postgresql://USER@HOST/DATABASE "
                         f"(--db or $GUIDE_DB)")
    folder = sessions_dir() if legacy is _DEFAULT else legacy
    if folder is not None:
        from guide.engine.sessionstore.legacy import import_folder

        try:
            store.notices.extend(import_folder(store, Path(folder)).problems)
        except OSError as exc:
            store.notices.append(f"{folder}: saved sessions not imported ({exc.strerror or exc})")
    return store
