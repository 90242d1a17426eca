"""Import the JSON session files earlier versions saved, once, into the session store.

Earlier versions saved each conversation as ``<id>.json`` in the sessions folder
(`guide.engine.folders.sessions_dir`). On the store's first start each readable
file becomes a conversation row (id = the file's name) with one step per saved
step; the snapshot is the file's JSON, so the conversation resumes as before.
The folder is then recorded as imported and never read again; the files stay.

Hostile or damaged files never stop the import: each gets one line naming the
file (an id that is not a name, JSON nested too deeply, a link to a missing file,
a file that is not a saved session), and leftover ``.*.tmp`` files of a save
that was killed are removed. The content is not needed: where the walk stood
after each step is taken from the next step, which is what the old files know.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from guide.engine.sessionstore.records import ID, ConversationRow, StepRow, StoreError

FORMAT = "guide-session/1"
"""The `format` field of the files this reads."""
MAX_BYTES = 4 * 1024 * 1024
"""A saved session is a few kilobytes; a larger file is not one."""
VERSION = "json-import"
"""The content version recorded for imported conversations (the files did not record one)."""
FINISHED = {"resolved": "resolved", "escalated": "escalated"}


class Unreadable(ValueError):
    """A saved session file that cannot be imported; the message says why, without the path."""


@dataclass
class ImportResult:
    """What an import did."""

    imported: int = 0
    already: int = 0
    """Files whose conversation the store already had."""
    removed: list[str] = field(default_factory=list)
    """Leftover temporary files removed."""
    problems: list[str] = field(default_factory=list)
    """One line per file that was not imported, naming it."""


def read_saved_session(path: Path) -> dict[str, Any]:
    """A saved session file's JSON, checked to be a session (its ``id`` is the file's name).

    Raises `Unreadable` saying what is wrong.
    """
    if path.is_symlink() and not path.exists():
        raise Unreadable("a link to a file that does not exist")
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise Unreadable(f"larger than {MAX_BYTES // (1024 * 1024)} MB, so not a saved session")
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise Unreadable("its JSON is nested too deeply to be a saved session") from None
    except UnicodeDecodeError:
        raise Unreadable("not UTF-8 text") from None
    except ValueError as exc:
        raise Unreadable(f"not JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("tree"), str):
        raise Unreadable("not a saved session (no tree)")
    if not ID.match(path.stem):
        raise Unreadable("its name is not a conversation id")
    data["id"] = path.stem
    steps = data.get("steps", [])
    if not isinstance(steps, list) or not all(_is_step(step) for step in steps):
        raise Unreadable("its steps are not in the saved-session format")
    return data


def _is_step(step: object) -> bool:
    return (isinstance(step, dict) and all(isinstance(step.get(key), str) for key in ("tree", "node"))
            and isinstance(step.get("answer", ""), str))


def _epoch(text: object, fallback: int) -> int:
    try:
        return int(datetime.fromisoformat(str(text)).timestamp())
    except ValueError:
        return fallback


def _text(data: dict, key: str, default: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) and value else default


def rows_of(data: dict[str, Any], modified: int) -> tuple[ConversationRow, list[StepRow]]:
    """The conversation row and steps of a saved session (`modified`: the file's time, for missing times)."""
    lang = _text(data, "lang", "en")
    mode = "agent" if data.get("audience") in ("agent", "admin") else "user"
    created = _epoch(data.get("created"), modified)
    updated = _epoch(data.get("updated"), modified)
    saved = data.get("steps", [])
    position = data.get("position") if isinstance(data.get("position"), dict) else {}
    end_tree = _text(position, "tree", saved[-1]["tree"] if saved else data["tree"])
    end_node = _text(position, "node", saved[-1]["node"] if saved else "")
    # where the walk stood after each step: the next step's node, and the saved position after the last
    stood = [(s["tree"], s["node"]) for s in saved[1:]] + [(end_tree, end_node)]
    first = (saved[0]["tree"], saved[0]["node"]) if saved else (end_tree, end_node)
    common = {"version": VERSION, "lang": lang, "mode": mode}
    steps = [StepRow(kind="start", at=created, to_tree=first[0], to_node=first[1], **common)]
    for step, (to_tree, to_node) in zip(saved, stood):
        answer = step.get("answer", "")
        steps.append(StepRow(kind="answer" if answer else "jump", at=_epoch(step.get("at"), updated),
                             tree=step["tree"], node=step["node"], answer=answer or None,
                             by=_text(step, "by", "user"), to_tree=to_tree, to_node=to_node, **common))
    outcome = data.get("outcome") if data.get("finished") else None
    status = FINISHED.get(outcome, "open")
    row = ConversationRow(id=data["id"], created_at=created, updated_at=max(updated, created), front="tui",
                          tree=data["tree"], lang=lang, mode=mode, version=VERSION, position_tree=end_tree,
                          position_node=end_node, status=status,
                          finished_at=updated if status != "open" else None,
                          answers=sum(1 for s in saved if s.get("answer")))
    return row, steps


def import_folder(store, folder: Path) -> ImportResult:
    """Import every saved session in `folder` into `store` once; see the module's docstring."""
    result = ImportResult()
    key = str(folder.resolve())
    if not folder.is_dir() or store.imported(key):
        return result
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") and path.name.endswith(".tmp") and ".json." in path.name:
            try:
                path.unlink()
                result.removed.append(path.name)
            except OSError as exc:
                result.problems.append(f"{path}: a leftover of an interrupted save that cannot be removed "
                                       f"({exc.strerror or exc}); delete it")
            continue
        if path.suffix != ".json":
            continue
        try:
            data = read_saved_session(path)
            row, steps = rows_of(data, int(path.stat().st_mtime))
            snapshot = json.dumps(data, ensure_ascii=False)
            if store.create(row, snapshot, steps, if_absent=True):
                result.imported += 1
            else:
                result.already += 1
        except (Unreadable, StoreError, OSError, KeyError, TypeError) as exc:
            result.problems.append(f"{path}: not imported: {exc}; the other saved conversations were")
    store.mark_imported(key, result.imported)
    return result
