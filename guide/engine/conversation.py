"""`Conversation`: one walk through the trees, every change committed to the session store.

A conversation wraps the engine's `Session` (the immutable step log) with what
a front end needs around it: the store (each operation is one transaction, a
row for the conversation and a row per step, before the call returns), the
language and the audience it is shown in (the one source of truth for both),
an undoable restart, and `view`, the plain data a front end draws.

A conversation chosen from the list is written at its first change (a walk
with no step is nothing to lose and nothing to offer later); one started from
free text is written at once, with the text redacted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from guide.engine.catalog import LANGS
from guide.engine.errors import GuideError
from guide.engine.model import MODES, NodeRef
from guide.engine.session import USER, ActionRun, HeldFact, Session, Step

if TYPE_CHECKING:
    from guide.engine.routing.ranking import Routing
    from guide.engine.service import Guide
    from guide.engine.transcript import TicketNote
    from guide.engine.view import ConversationView

OPEN, LEFT = "open", "left"
"""Statuses of a conversation that has not concluded."""

ROUTER = "router"
"""A step's `by` when the router took it: the jump to the entry node it chose for the person's words."""
OFFER = "offer"
"""A step's `by` when the person took one of the guides offered beside the router's choice (`switch_to`)."""


ALTERNATIVES = 2
"""How many of the guides the router ranked next are offered beside the one it chose. The right guide is
among the router's first three for about 96% of the held-out real statements (en 109/112, ja 110/115),
against 86-88% for its first alone (`benchmarks/run.py route`)."""


def _next_guides(routing: "Routing | None") -> tuple[str, ...]:
    """The trees `routing` ranks after its first, at most `ALTERNATIVES` (none without a routing)."""
    return tuple(candidate.tree for candidate in routing.candidates[1:1 + ALTERNATIVES]) if routing else ()


def epoch() -> int:
    """Now, in UTC epoch seconds (the store's unit of time)."""
    from guide.engine.sessionstore import epoch as now

    return now()


class Conversation:
    """A walk a person is taking, stored after every change.

    Attributes:
        guide: The facade it belongs to (content, words, actions, store).
        session: The engine session (its step log is the whole state).
        front: ``tui``, ``web`` or ``cli``.
        save_error: The last failure to store a change in plain words, None when the last one worked.
    """

    def __init__(self, guide: "Guide", session: Session, *, front: str, stored: bool = False,
                 entry_text: str | None = None, routed_tree: str | None = None, created_at: int | None = None,
                 updated_at: int | None = None, answers: int = 0, status: str = OPEN, keep: bool = True) -> None:
        self.guide = guide
        self.session = session
        self.front = front
        self.save_error: str | None = None
        self.dropped: list[str] = []
        """Steps of a resumed conversation that no longer fit the content (plain words)."""
        self.entry_text = entry_text
        self.routed_tree = routed_tree
        self.created_at = created_at or epoch()
        self.updated_at = updated_at or self.created_at
        self.answers = answers
        self._stored = stored
        self._keep = keep
        """False for a conversation that is never stored (``guide walk``)."""
        self._status = status
        self._before_restart: tuple[Step, ...] | None = None
        """The step log a restart dropped, so that Back can bring it back."""

    # --- what it is ----------------------------------------------------------

    @property
    def id(self) -> str:
        """The conversation's id (the session's)."""
        return self.session.id

    @property
    def lang(self) -> str:
        """The language it is shown in: the one source of truth for every front end."""
        return self.session.lang

    @property
    def mode(self) -> str:
        """Whose wording it is shown in: ``user`` or ``agent``."""
        return self.session.audience

    @property
    def position(self) -> NodeRef:
        """Where the walk stands."""
        return self.session.position

    @property
    def status(self) -> str:
        """``open``, ``left``, ``resolved`` or ``escalated``."""
        return self.session.outcome or self._status

    @property
    def can_undo_restart(self) -> bool:
        """Whether Back would now bring back the walk a restart dropped."""
        return not self.session.steps and bool(self._before_restart)

    # --- walking ---------------------------------------------------------------

    def answer(self, key: str, *, by: str = USER, reason: str = "") -> None:
        """Answer where the walk stands (raises `WalkError` when `key` is not allowed) and store it."""
        at = self.position
        self.session.answer(key, by=by, reason=reason)
        self._before_restart = None
        self.answers += 1
        self._commit("answer", at, answer=key, by=by)

    def back(self) -> bool:
        """Undo the last step, or a restart when nothing is left to undo; False when there was nothing."""
        at = self.position
        if self.session.back():
            self._commit("back", at)
            return True
        if self._before_restart:
            self._rebuild(self._before_restart)
            self._before_restart = None
            self._commit("back", at)
            return True
        return False

    def restart(self) -> None:
        """Start the tree again from its start; Back right after brings the old walk back."""
        at = self.position
        if self.session.steps:
            self._before_restart = self.session.steps
        self.session.restart()
        self._commit("restart", at)

    def jump(self, ref: NodeRef, *, by: str | None = None) -> None:
        """Continue from `ref` (any node of any tree), keeping the steps so far (`WalkError` when it cannot).

        `by` is recorded on the step (in the store, and in the step log): `ROUTER` when the router placed a
        new conversation there from the person's words (the report does not count that as the person
        leaving the routed tree), `OFFER` for `switch_to`, else nothing (the person)."""
        at = self.position
        self.session.jump(ref, by=by or USER)
        self._before_restart = None
        self._commit("jump", at, by=by)

    def _routing_here(self) -> "Routing | None":
        """The router's ranking of the person's words while the walk stands where the router placed it and
        nothing is answered yet; None otherwise (a walk chosen from the list, a first answer given, another
        guide already chosen).

        The router ranks the stored words again, so any process serving the conversation sees the same;
        those words are redacted, and where that moves the router's choice, this is None."""
        if not self._unanswered_words():
            return None
        routing = self.guide.route(self.entry_text or "", self.lang)
        return routing if routing.best is not None and routing.best.node == self.position else None

    def alternatives(self) -> tuple[str, ...]:
        """The trees the router ranked next for the person's words (at most `ALTERNATIVES`), offered while
        the walk stands where the router placed it (`_routing_here`); none otherwise."""
        return _next_guides(self._routing_here())

    def switch_to(self, tree: str) -> None:
        """Continue in `tree`, one of `alternatives`, where the router enters it for the person's words: a
        jump by the person, recorded `by` `OFFER` (the report lists it as a misroute of that kind), which
        Back undoes.

        Raises:
            WalkError: When `tree` is not offered now.
        """
        from guide.engine.session import WalkError

        if tree not in self.alternatives():
            raise WalkError(f"{tree!r} is not offered here; choose from the guides shown")
        self.jump(self.guide.place(tree, self.entry_text or ""), by=OFFER)

    def _took_another(self) -> bool:
        """Whether the walk's last step is `switch_to`'s (nothing answered since: it is offered only before
        the first answer), which Back undoes."""
        steps = self.session.steps
        return bool(steps) and steps[-1].by == OFFER

    def _unanswered_words(self) -> bool:
        """Whether the router chose the walk's guide from the person's words and nothing is answered yet."""
        return bool(self.entry_text and self.routed_tree) and not any(step.answer for step in self.session.steps)

    def leave(self) -> None:
        """The person went back to the list of guides (the walk stays, and can be continued)."""
        if self._stored:
            self._commit("leave", self.position)
        else:
            self._status = LEFT

    def hold(self, facts: Mapping[str, HeldFact]) -> None:
        """Add evidence facts (later ones win for the same fact) and store them."""
        if not facts:
            return
        self.session.hold(facts)
        self._commit("evidence", self.position, detail={"facts": sorted(facts)})

    def record_run(self, action: str, status: str) -> ActionRun:
        """Record an action's outcome where the walk stands (kept through back and restart) and store it."""
        run = self.session.record_run(action, status)
        self._commit("action", self.position, answer=action, detail={"status": status})
        return run

    def set_lang(self, lang: str) -> None:
        """Show the conversation in `lang` from now on (stored once there is something stored)."""
        if lang not in LANGS or lang == self.lang:
            return
        self.session.lang = lang
        if self._stored:
            self._commit("lang", self.position)

    def set_mode(self, mode: str) -> None:
        """Show the conversation in `mode`'s wording (``user`` or ``agent``) from now on."""
        if mode not in MODES or mode == self.mode:
            return
        self.session.audience = mode
        if self._stored:
            self._commit("mode", self.position)

    def proposal_reason(self, key: str) -> str | None:
        """The evidence's reason when `key` is the answer it proposes here, else None."""
        proposal = self.session.proposal()
        return proposal.reason if proposal and proposal.answer == key else None

    # --- showing -------------------------------------------------------------

    def view(self, lang: str | None = None, audience: str | None = None) -> "ConversationView":
        """Everything a front end draws for where the walk stands (`guide.engine.view`), in `lang`
        (default: the conversation's) for `audience` (default: its mode)."""
        from guide.engine.view import build_view

        lang = lang or self.lang
        audience = audience or self.mode
        node = self.session.node
        actions = self.guide.actions_of(node.actions, lang, audience) if node.is_conclusion else ()
        routing = self._routing_here()
        return build_view(self.session, self.guide.words, actions, lang=lang, audience=audience,
                          can_run_here=self.guide.can_run_here, can_undo_restart=self.can_undo_restart,
                          routed_from=self.entry_text if routing else None, alternatives=_next_guides(routing),
                          switched=self._took_another())

    def transcript(self, lang: str | None = None, redacted: bool = False, fmt: str = "markdown") -> str | dict:
        """The ticket note: Markdown text (``fmt="markdown"``) or the JSON document (``fmt="json"``)."""
        from guide.engine.transcript import transcript_json, transcript_markdown

        if fmt == "json":
            return transcript_json(self.session, lang, redacted=redacted)
        return transcript_markdown(self.session, lang, redacted=redacted)

    def export(self, folder: Path, lang: str | None = None, redacted: bool = False) -> "TicketNote":
        """Write the ticket note (Markdown and JSON, each atomically) into `folder`."""
        from guide.engine.transcript import write_note

        return write_note(self.session, lang or self.lang, redacted, folder)

    # --- storing ---------------------------------------------------------------

    def row(self):
        """The conversation's row as the store keeps it (`guide.engine.sessionstore.ConversationRow`)."""
        from guide.engine.sessionstore import ConversationRow

        session = self.session
        tree = self.guide.content.trees.get(session.tree)
        return ConversationRow(
            id=self.id, created_at=self.created_at, front=self.front, tree=session.tree, lang=self.lang,
            mode=self.mode, version=self.guide.version, position_tree=self.position.tree,
            position_node=self.position.node, updated_at=self.updated_at, symptom=tree.symptom if tree else None,
            entry_text=self.entry_text, routed_tree=self.routed_tree, **self._changing())

    def _changing(self) -> dict:
        """The row's columns a step changes besides the position, language and mode."""
        status = self.status
        return {"status": status, "finished_at": self.updated_at if status in ("resolved", "escalated") else None,
                "answers": self.answers}

    def store_now(self) -> None:
        """Write the conversation (its row and its start step) if it is not stored yet."""
        if not self._stored and self._keep:
            self._create()

    def _create(self) -> None:
        """Write the row and the start step (where the walk first stood) in one transaction."""
        first = Session(self.session.content, self.session.tree).position if self.session.steps else self.position
        self.guide.store.create(self.row(), self.snapshot(), (self._step("start", None, to=first),))
        self._stored = True

    def _commit(self, kind: str, at: NodeRef | None, *, answer: str | None = None, by: str | None = None,
                detail: dict | None = None) -> None:
        """Store one change (a step row and the conversation's new state) in one transaction."""
        self.updated_at = epoch()
        self._status = LEFT if kind == "leave" else OPEN
        if not self._keep:
            return
        try:
            if not self._stored:
                self._create()
            changes = {"lang": self.lang, "mode": self.mode, "position_tree": self.position.tree,
                       "position_node": self.position.node, **self._changing()}
            self.guide.store.append(self.id, self._step(kind, at, answer=answer, by=by, detail=detail),
                                    self.snapshot(), changes)
        except (OSError, GuideError) as exc:
            self.save_error = str(exc)
            return
        self.save_error = None

    def _step(self, kind: str, at: NodeRef | None, *, answer: str | None = None, by: str | None = None,
              detail: dict | None = None, to: NodeRef | None = None):
        """One step row (`guide.engine.sessionstore.StepRow`); the store numbers it."""
        from guide.engine.sessionstore import StepRow

        to = to or self.position
        node = self.session.content.node(to)
        if detail is None and node.is_conclusion:
            detail = {"actions": [action.id for action in node.actions]}
        return StepRow(kind=kind, version=self.guide.version, lang=self.lang, mode=self.mode, at=self.updated_at,
                       tree=at.tree if at else None, node=at.node if at else None, answer=answer, by=by,
                       to_tree=to.tree, to_node=to.node, detail=detail)

    def snapshot(self) -> str:
        """The session as JSON text (what `Guide.conversation` rebuilds it from)."""
        return json.dumps(self.session.to_json(), ensure_ascii=False)

    def _rebuild(self, steps: tuple[Step, ...]) -> None:
        """Replace the step log with `steps`, keeping id, evidence and actions run."""
        old = self.session
        self.session = Session(old.content, old.tree, lang=old.lang, audience=old.audience, session_id=old.id,
                               steps=steps, runs=old.runs, facts=old.facts, created=old.created)
