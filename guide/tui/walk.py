"""The walk the UI drives: an engine `Session` plus autosave and an undoable restart.

Plain Python (no Textual), so every operation the screens offer can be tested
headless. Each operation that changes the step log saves the session at once
(`guide.engine.store.save_session`, atomic), so a crash, a closed terminal or a
dropped call loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from guide.engine.errors import GuideError
from guide.engine.model import NodeRef
from guide.engine.session import USER, ActionRun, HeldFact, Session, Step
from guide.engine.store import load_session, save_session, sessions_dir

Saver = Callable[[dict], object]
"""Where sessions are saved (`save_session` in the app, something else in tests)."""


class Walk:
    """A session the person is walking through, saved after every step.

    Attributes:
        session: The engine session (its step log is the whole state).
        save_error: The last save failure in plain words, or None when the last save worked.
    """

    def __init__(self, session: Session, *, saver: Saver | None = save_session, autosave: bool = True) -> None:
        self.session = session
        self._saver = saver
        self._autosave = autosave and saver is not None
        self._before_restart: tuple[Step, ...] | None = None
        """The step log a restart dropped, so that Back can bring it back."""
        self.save_error: str | None = None
        self._saved = False
        """Whether the session has been written once (a walk with no step yet is not worth a file)."""

    # --- persistence -------------------------------------------------------

    def save(self) -> bool:
        """Save the session now; False (with `save_error` set) when it could not be written.

        A walk that has taken no step, run nothing and was never saved is not written (nothing to lose).
        """
        if not self._autosave or not (self.session.steps or self.session.runs or self._saved):
            return True
        try:
            self._saver(self.session.to_json())
        except (OSError, GuideError) as exc:
            self.save_error = str(exc)
            return False
        self.save_error = None
        self._saved = True
        return True

    # --- steps -------------------------------------------------------------

    def answer(self, key: str, *, by: str = USER, reason: str = "") -> None:
        """Answer the current node (raises `WalkError` when `key` is not allowed) and save."""
        self.session.answer(key, by=by, reason=reason)
        self._before_restart = None
        self.save()

    def back(self) -> bool:
        """Undo the last step, or a restart when nothing is left to undo; False when there was nothing."""
        if self.session.back():
            self.save()
            return True
        if self._before_restart:
            self._rebuild(self._before_restart)
            self._before_restart = None
            self.save()
            return True
        return False

    @property
    def can_undo_restart(self) -> bool:
        """Whether Back would now bring back the walk a restart dropped."""
        return not self.session.steps and bool(self._before_restart)

    def restart(self) -> None:
        """Start the tree again from its start; Back right after brings the old walk back."""
        if self.session.steps:
            self._before_restart = self.session.steps
        self.session.restart()
        self.save()

    def jump(self, ref: NodeRef) -> None:
        """Continue from `ref` (any node of any tree), keeping the steps so far, and save."""
        self.session.jump(ref)
        self._before_restart = None
        self.save()

    def set_lang(self, lang: str) -> None:
        """Record the conversation's language (saved, so a resumed session opens in it)."""
        self.session.lang = lang
        self.save()

    def set_audience(self, audience: str) -> None:
        """Record whose wording is shown (``user`` or ``agent``) and save."""
        self.session.audience = audience
        self.save()

    def hold(self, facts: Mapping[str, HeldFact]) -> None:
        """Add evidence facts to the session and save."""
        self.session.hold(facts)
        self.save()

    def record_run(self, action_id: str, status: str) -> ActionRun:
        """Record an action's outcome at the current node (kept through back and restart) and save."""
        run = self.session.record_run(action_id, status)
        self.save()
        return run

    def _rebuild(self, steps: tuple[Step, ...]) -> None:
        """Replace the step log with `steps`, keeping id, evidence and actions run."""
        old = self.session
        self.session = Session(old.content, old.tree, lang=old.lang, audience=old.audience, session_id=old.id,
                               steps=steps, runs=old.runs, facts=old.facts, created=old.created)


@dataclass(frozen=True, slots=True)
class SavedSession:
    """A saved session found on disk, described for the resume prompt."""

    data: dict
    """The session's JSON as saved."""
    updated: str
    """When it was last saved (ISO-8601), for the prompt."""


def latest_unfinished(limit: int = 50) -> SavedSession | None:
    """The most recently updated session that is neither resolved nor escalated, if any.

    "Most recent" is the time the session records for its last save, not the
    file's modification time (a copied, restored or touched folder reorders
    those); the file time only breaks ties within a second. A session with no
    step yet is not offered (there is nothing to continue). Only the `limit`
    newest files are read, so a long history does not slow the start.
    """
    folder = sessions_dir()
    try:
        saved = sorted(((path.stat().st_mtime, path) for path in folder.glob("*.json")), reverse=True)[:limit]
    except OSError:
        return None
    found: list[tuple[str, float, dict]] = []
    for mtime, path in saved:
        try:
            data = load_session(path.stem)
        except GuideError:
            continue
        if isinstance(data, dict) and data.get("outcome") is None and data.get("tree") and data.get("steps"):
            found.append((str(data.get("updated") or data.get("created") or ""), mtime, data))
    if not found:
        return None
    updated, _, data = max(found, key=lambda item: item[:2])
    return SavedSession(data, updated)
    for path in saved:
        try:
            data = load_session(path.stem)
        except GuideError:
            continue
        if isinstance(data, dict) and data.get("outcome") is None and data.get("tree") and data.get("steps"):
            return SavedSession(data, str(data.get("updated") or data.get("created") or ""))
    return None
