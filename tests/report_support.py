"""A recorder for the report's tests: conversations written through the session store's own interface
(`create`, `append`), by walking a real `Session` over a content set, so every position and every row is
one the engine and the store really produce."""

from __future__ import annotations

import json
import uuid

from guide.engine.compiler import start_ref
from guide.engine.model import CLOSING, ContentSet, NodeRef
from guide.engine.session import Session
from guide.engine.sessionstore import ConversationRow, StepRow, open_store


class Recorder:
    """Opens the store at `url`; `walk(...)` starts a conversation, its methods add steps; `save()` closes."""

    def __init__(self, url: str, content: ContentSet, version: str = "v1") -> None:
        self.store = open_store(url, legacy=None)
        self.content = content
        self.version = version

    def walk(self, tree: str, *, at: int, lang: str = "en", mode: str = "user", text: str | None = None,
             routed: str | None = None, version: str | None = None) -> "Walk":
        return Walk(self, tree, at, lang, mode, text, routed, version or self.version)

    def save(self) -> None:
        """Every step is committed as it is taken; this closes the store."""
        self.store.close()


class Walk:
    """One conversation being recorded; every method is one step a second apart (unless `wait` says more)."""

    def __init__(self, recorder: Recorder, tree: str, at: int, lang: str, mode: str, text: str | None,
                 routed: str | None, version: str) -> None:
        self.recorder, self.lang, self.mode, self.version = recorder, lang, mode, version
        self.id = uuid.uuid4().hex
        self.at = at
        self.session = Session(recorder.content, tree, lang=lang, audience=mode)
        self.answers, self.status, self.finished = 0, "open", None
        position = self.session.position
        row = ConversationRow(id=self.id, created_at=at, front="cli", tree=tree, lang=lang, mode=mode,
                              version=version, position_tree=position.tree, position_node=position.node,
                              symptom=recorder.content.trees[tree].symptom, entry_text=text, routed_tree=routed)
        recorder.store.create(row, self._snapshot(), [self._row("start", None, None, position)])

    def _snapshot(self) -> str:
        return json.dumps(self.session.to_json())

    def _row(self, kind: str, where: NodeRef | None, answer: str | None, to: NodeRef | None,
             detail: dict | None = None, by: str | None = None) -> StepRow:
        node = self.recorder.content.node(to) if to else None
        if detail is None and node is not None and node.is_conclusion and to != where:
            detail = {"actions": [action.id for action in node.actions]}
        return StepRow(kind=kind, version=self.version, lang=self.lang, mode=self.mode, at=self.at,
                       tree=where.tree if where else None, node=where.node if where else None, answer=answer,
                       by="user" if kind == "answer" else by, to_tree=to.tree if to else None,
                       to_node=to.node if to else None, detail=detail)

    def _append(self, kind: str, where: NodeRef | None, answer: str | None, to: NodeRef | None,
                detail: dict | None = None, by: str | None = None) -> "Walk":
        position = self.session.position
        changes = {"position_tree": position.tree, "position_node": position.node, "status": self.status,
                   "finished_at": self.finished, "answers": self.answers}
        self.recorder.store.append(self.id, self._row(kind, where, answer, to, detail, by), self._snapshot(),
                                   changes)
        return self

    def wait(self, seconds: int) -> "Walk":
        self.at += seconds
        return self

    def answer(self, *keys: str) -> "Walk":
        for key in keys:
            self.at += 1
            where = self.session.position
            self.session.answer(key)
            self.answers += 1
            if key in CLOSING:
                self.status, self.finished = CLOSING[key], self.at
            elif self.session.outcome == "escalated":
                self.status, self.finished = "escalated", self.at
            self._append("answer", where, key, self.session.position,
                         {"outcome": CLOSING[key]} if key in CLOSING else None)
        return self

    def _move(self, kind: str, move, by: str | None = None) -> "Walk":
        self.at += 1
        where = self.session.position
        move()
        return self._append(kind, where, None, self.session.position, by=by)

    def back(self) -> "Walk":
        return self._move("back", self.session.back)

    def jump(self, tree: str, *, by: str | None = None) -> "Walk":
        """Continue at `tree`'s start; `by="router"` records the router's own jump to an entry node."""
        return self._move("jump", lambda: self.session.jump(start_ref(self.recorder.content, tree)), by)

    def restart(self) -> "Walk":
        return self._move("restart", self.session.restart)

    def run(self, action: str, status: str = "ran") -> "Walk":
        self.at += 1
        position = self.session.position
        return self._append("action", position, action, position, {"status": status})

    def leave(self) -> "Walk":
        self.at += 1
        self.status = "left"
        return self._append("leave", self.session.position, None, None)
