"""A walk through the trees: an immutable step log and what it implies.

The session stores only what people (and evidence) decided: a tuple of
`Step`s. Where the walk stands, which nodes it passed and what it concluded
are derived by replaying the steps over the content set, so back, restart,
jump and resume are all just a different tuple. Actions that were run are
kept apart in `runs`: going back never forgets and never repeats them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping

from guide.engine.compiler import Stack, moves, start_ref
from guide.engine.errors import GuideError
from guide.engine.evidence.base import Fact
from guide.engine.model import (CLOSING, EMPTY, ESCALATE, FIXED, NOT_FIXED, QUESTION, RESOLUTION, ContentSet, Node,
                                NodeRef, frozen)

USER, EVIDENCE = "user", "evidence"
AUDIENCES = ("user", "agent", "admin")


class WalkError(GuideError):
    """An answer or jump that the current position does not allow."""


def now() -> str:
    """The current time as an ISO-8601 UTC string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Step:
    """One decision: an answer given at a node, or a jump to a node."""

    node: NodeRef
    """Where the answer was given, or where a jump went."""
    answer: str
    """The answer key; empty for a jump."""
    by: str = USER
    """``user`` or ``evidence`` for an answer; for a jump, ``user`` or who else moved the walk (the router's
    entry, ``router``; a guide offered beside it, ``offer``)."""
    reason: str = ""
    """For an evidence answer: the evidence, e.g. ``AzureAdPrt : NO (dsregcmd.txt:42)``."""
    at: str = ""
    """When it was taken (ISO-8601 UTC)."""

    @property
    def is_jump(self) -> bool:
        """Whether this step moved the walk instead of answering."""
        return not self.answer


@dataclass(frozen=True, slots=True)
class Visit:
    """A node the walk passed, and the answer that left it (None where the walk stands)."""

    node: NodeRef
    answer: str | None
    by: str = USER
    reason: str = ""


@dataclass(frozen=True, slots=True)
class HeldFact:
    """A fact from evidence the session holds, with the file it came from."""

    fact: Fact
    file: str

    def reason(self) -> str:
        """The evidence as a person would check it: ``AzureAdPrt : NO (file:42)``."""
        where = f"{self.file}:{self.fact.line}" if self.fact.line else self.file
        return f"{self.fact.shown or self.fact.id + ' = ' + self.fact.value} ({where})"


@dataclass(frozen=True, slots=True)
class Proposal:
    """An answer the evidence suggests for the current question."""

    answer: str
    held: HeldFact

    @property
    def reason(self) -> str:
        """Why the evidence gives this answer."""
        return self.held.reason()


@dataclass(frozen=True, slots=True)
class ActionRun:
    """An action that was run (or declined) during the session."""

    node: NodeRef
    action: str
    status: str
    """As returned by the registry's runner: ran, declined, not-runnable, ..."""
    at: str


@dataclass(frozen=True, slots=True)
class Replay:
    """What a step log means over the content set."""

    visits: tuple[Visit, ...]
    position: NodeRef
    stack: Stack
    """The `then` nodes of the links whose sub-flows the walk is inside."""
    closed: str | None
    """The outcome when the last step closed the walk at a resolution (resolved, escalated), else None."""


class Session:
    """A walk through the trees: answer, back, restart, jump, resume.

    Attributes:
        content: The loaded content set the walk runs over.
        tree: The tree the walk started in.
        steps: The immutable step log.
        runs: Actions run so far (never undone by back).
        facts: Evidence facts the session holds, by fact id.
    """

    def __init__(self, content: ContentSet, tree: str, *, lang: str = "en", audience: str = "user",
                 session_id: str | None = None, steps: tuple[Step, ...] = (), runs: tuple[ActionRun, ...] = (),
                 facts: Mapping[str, HeldFact] = EMPTY, created: str | None = None) -> None:
        if start_ref(content, tree) is None:
            raise WalkError(f"no tree {tree!r} with a valid start; see `guide lint` and `guide paths`")
        if audience not in AUDIENCES:
            raise WalkError(f"audience must be one of {', '.join(AUDIENCES)}")
        self.content = content
        self.tree = tree
        self.lang = lang
        self.audience = audience
        self.id = session_id or uuid.uuid4().hex[:12]
        self.created = created or now()
        self.steps: tuple[Step, ...] = ()
        self.runs = runs
        self.facts: Mapping[str, HeldFact] = frozen(facts)
        self._replays: tuple[Replay, ...] = (self._initial(),)
        """The walk after 0, 1, 2... steps: back and restart need no replay."""
        for step in steps:
            self._push(step)

    # --- derived state ---------------------------------------------------

    def _initial(self) -> Replay:
        """Where a walk with no steps stands: the start, past any info or link nodes."""
        visits: list[Visit] = []
        position, stack = self._advance(start_ref(self.content, self.tree), (), visits)
        return Replay(tuple(visits), position, stack, None)

    def _apply(self, replay: Replay, step: Step) -> Replay:
        """The walk after `step`; raises WalkError when the step does not fit where it stands."""
        if replay.closed:
            raise WalkError(f"the walk is closed ({replay.closed}); go back or restart to continue")
        visits = list(replay.visits)
        if step.is_jump:
            visits.pop()  # the node left without an answer
            position, stack = self._advance(step.node, (), visits)  # a jump leaves every sub-flow
            return Replay(tuple(visits), position, stack, None)
        position = replay.position
        if step.node != position:
            raise WalkError(f"the walk is at {position.show(self.tree)}, not {step.node.show(self.tree)}")
        options = self._answer_keys(position)
        if step.answer not in options:
            raise WalkError(f"{position.show(self.tree)} has no answer {step.answer!r}; "
                            f"answers: {', '.join(options) or '(none)'}")
        visits[-1] = Visit(position, step.answer, step.by, step.reason)
        if step.answer in CLOSING:
            return Replay(tuple(visits), position, replay.stack, CLOSING[step.answer])
        target, stack = next((target, stack) for key, target, stack in moves(self.content, position, replay.stack)
                             if key == step.answer)
        position, stack = self._advance(target, stack, visits)
        return Replay(tuple(visits), position, stack, None)

    def _advance(self, ref: NodeRef, stack: Stack, visits: list[Visit]) -> tuple[NodeRef, Stack]:
        """Enter `ref` and pass through info, link and return nodes to the next node that waits for a person."""
        for _ in range(sum(len(tree.nodes) for tree in self.content.trees.values()) + 1):
            if ref.tree not in self.content.trees or ref.node not in self.content.trees[ref.tree].nodes:
                raise WalkError(f"node {ref.show(self.tree)} does not exist")
            node = self.content.node(ref)
            onward = list(moves(self.content, ref, stack))
            if node.type in (QUESTION, RESOLUTION) or not onward:
                visits.append(Visit(ref, None))
                return ref, stack
            key, target, stack = onward[0]
            visits.append(Visit(ref, key))
            ref = target
        raise WalkError("the walk does not end (the content has a cycle; run guide lint)")

    def _answer_keys(self, ref: NodeRef) -> tuple[str, ...]:
        node = self.content.node(ref)
        if node.type == QUESTION:
            return tuple(node.answers)
        if node.type == RESOLUTION:
            return (FIXED, NOT_FIXED, ESCALATE) if node.next else (FIXED, ESCALATE)
        return ()

    @property
    def position(self) -> NodeRef:
        """The node the walk stands at."""
        return self._replay.position

    @property
    def node(self) -> Node:
        """The model node the walk stands at."""
        return self.content.node(self.position)

    @property
    def visits(self) -> tuple[Visit, ...]:
        """Every node passed, in order, ending with the current one."""
        return self._replay.visits

    @property
    def finished(self) -> bool:
        """Whether the walk has reached a conclusion (a resolution or an escalation)."""
        return self.node.is_conclusion

    @property
    def outcome(self) -> str | None:
        """``resolved`` or ``escalated`` once a resolution was closed so, ``escalated`` at an escalation."""
        if self._replay.closed:
            return self._replay.closed
        if self.node.type == "escalation":
            return "escalated"
        return None

    def answer_keys(self) -> tuple[str, ...]:
        """The answers the current node accepts (resolutions: fixed / not-fixed)."""
        return () if self._replay.closed else self._answer_keys(self.position)

    # --- operations ------------------------------------------------------

    @property
    def _replay(self) -> Replay:
        return self._replays[-1]

    def _push(self, step: Step) -> None:
        replay = self._apply(self._replay, step)
        self.steps = self.steps + (step,)
        self._replays = self._replays + (replay,)

    def answer(self, key: str, *, by: str = USER, reason: str = "") -> None:
        """Answer the current node; raises WalkError when `key` is not one of its answers."""
        self._push(Step(self.position, key, by, reason, now()))

    def jump(self, ref: NodeRef, by: str = USER) -> None:
        """Continue from any node of any tree, keeping the steps so far; `by` says who moved the walk."""
        self._push(Step(ref, "", by, "", now()))

    def back(self) -> bool:
        """Undo the last step; False when there is nothing to undo. Actions run stay recorded."""
        if not self.steps:
            return False
        self.steps = self.steps[:-1]
        self._replays = self._replays[:-1]
        return True

    def restart(self) -> None:
        """Start again from the tree's start (actions run stay recorded)."""
        self.steps = ()
        self._replays = self._replays[:1]

    def record_run(self, action_id: str, status: str) -> ActionRun:
        """Remember that an action was run (or declined) at the current node."""
        run = ActionRun(self.position, action_id, status, now())
        self.runs = self.runs + (run,)
        return run

    def runs_at(self, ref: NodeRef) -> tuple[ActionRun, ...]:
        """Actions already run at `ref`: the UI shows them as done instead of offering them again."""
        return tuple(run for run in self.runs if run.node == ref)

    # --- evidence --------------------------------------------------------

    def hold(self, facts: Mapping[str, HeldFact]) -> None:
        """Add evidence facts (later files win for the same fact)."""
        self.facts = frozen({**self.facts, **facts})

    def proposal(self) -> Proposal | None:
        """The answer the evidence gives for the current question, if any."""
        node = self.node
        if node.type != QUESTION or node.answered_by is None or self._replay.closed:
            return None
        held = self.facts.get(node.answered_by.fact)
        if held is None:
            return None
        answer = node.answered_by.values.get(held.fact.value)
        return Proposal(answer, held) if answer in node.answers else None

    def follow_evidence(self) -> int:
        """Accept every answer the evidence proposes from here on; returns how many were taken."""
        taken = 0
        while (proposal := self.proposal()) is not None:
            self.answer(proposal.answer, by=EVIDENCE, reason=proposal.reason)
            taken += 1
        return taken

    # --- persistence -----------------------------------------------------

    def to_json(self) -> dict:
        """Everything needed to resume the walk."""
        def ref(node: NodeRef) -> dict:
            return {"tree": node.tree, "node": node.node}

        return {
            "format": "guide-session/1",
            "id": self.id,
            "tree": self.tree,
            "lang": self.lang,
            "audience": self.audience,
            "created": self.created,
            "updated": now(),
            "position": ref(self.position),
            "finished": self.finished,
            "outcome": self.outcome,
            "steps": [{**ref(s.node), "answer": s.answer, "by": s.by, "reason": s.reason, "at": s.at}
                      for s in self.steps],
            "runs": [{**ref(r.node), "action": r.action, "status": r.status, "at": r.at} for r in self.runs],
            "facts": [{"id": h.fact.id, "value": h.fact.value, "line": h.fact.line, "shown": h.fact.shown,
                       "file": h.file} for h in self.facts.values()],
        }

    @classmethod
    def from_json(cls, content: ContentSet, data: Mapping) -> tuple["Session", list[str]]:
        """Rebuild a saved session; steps that no longer fit the content are dropped and reported."""
        try:
            steps = [Step(NodeRef(s["tree"], s["node"]), s["answer"], s.get("by", USER), s.get("reason", ""),
                          s.get("at", "")) for s in data.get("steps", [])]
            runs = tuple(ActionRun(NodeRef(r["tree"], r["node"]), r["action"], r["status"], r["at"])
                         for r in data.get("runs", []))
            facts = {f["id"]: HeldFact(Fact(f["id"], f["value"], int(f.get("line", 0)), f.get("shown", "")),
                                       f.get("file", "")) for f in data.get("facts", [])}
            session = cls(content, data["tree"], lang=data.get("lang", "en"), audience=data.get("audience", "user"),
                          session_id=data.get("id"), runs=runs, facts=facts, created=data.get("created"))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise GuideError(f"the saved session is not in the expected format ({exc}); start a new one") from None
        dropped: list[str] = []
        for index, step in enumerate(steps):
            try:
                session._push(step)
            except WalkError as exc:
                dropped.append(f"step {index + 1} and later no longer fit the content: {exc}")
                break
        return session, dropped

    def clone(self) -> "Session":
        """An independent copy (the step log is immutable, so this is cheap)."""
        twin = Session.__new__(Session)
        twin.__dict__.update(self.__dict__)
        return twin

