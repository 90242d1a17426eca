"""What a front end draws for where a conversation stands: `ConversationView`, plain data.

The step log is the whole state; the chat transcript, the numbered answers,
the evidence's proposal, the actions of a conclusion and the "where am I" path
are computed from it here for a language and an audience
(`Conversation.view`). Switching language or audience is therefore just
computing again, and a screen only has to draw what changed (`Line.key`
identifies a line). Every word comes from `guide.engine.texts.Texts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterable, Mapping

from guide.engine.choices import Option
from guide.engine.model import ESCALATION, INFO, NEXT, QUESTION, RESOLUTION, NodeRef
from guide.engine.texts import Texts

if TYPE_CHECKING:
    from guide.engine.actions.render import RenderedAction
    from guide.engine.session import ActionRun, Session

GUIDE, PERSON, NOTE = "guide", "person", "note"
"""Who says a line of the transcript: the guide, the person, or a quiet note."""

RAN = "ran"
"""The status of a run that executed (an action run at a node is "done" there)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One entry of the chat transcript."""

    speaker: str
    """`GUIDE`, `PERSON` or `NOTE`."""
    title: str
    """A bold first line (may be empty)."""
    text: str
    """The words, plain text (never markup)."""
    key: tuple
    """Identity for redrawing only what changed (includes language and audience)."""


@dataclass(frozen=True, slots=True)
class PathEntry:
    """One node of the path taken, for the "where am I" panel."""

    tree: str
    """Title of the tree the node is in."""
    title: str
    """The node's title."""
    answer: str | None
    """The answer given there, None where the walk stands."""
    current: bool
    """Whether the walk stands here."""


@dataclass(frozen=True, slots=True)
class Proposal:
    """The answer the evidence suggests at the current question."""

    key: str
    """The answer key."""
    label: str
    """Its label in the view's language."""
    reason: str
    """The evidence it rests on (``AzureAdPrt : NO (dsregcmd.txt:42)``)."""


@dataclass(frozen=True, slots=True)
class Card:
    """The node the walk stands at, as the card under the transcript shows it."""

    kind: str
    """question, info, resolution, escalation, resolved (closed as fixed) or end (nothing follows)."""
    title: str
    """The node's title (or the closing words)."""
    text: str
    """The node's words for the audience."""
    cause: str | None = None
    """For a conclusion: the cause in plain words."""
    actions: tuple["RenderedAction", ...] = ()
    """For a conclusion: what to do, rendered by the registry."""
    statuses: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Action id → the outcome recorded at this node (``ran`` wins over later attempts)."""
    prompt: str = ""
    """The question asked under the card ("Did this fix it?")."""
    hint: str = ""
    """A quiet line about what to do next."""
    run_hint: str = ""
    """How to run the runnable actions here (or, elsewhere than Windows, that their commands are for copying)."""

    def status(self, action: RenderedAction) -> str | None:
        """The outcome recorded for `action` here, None when it was never tried."""
        return self.statuses.get(action.id)

    def done(self, action: RenderedAction) -> bool:
        """Whether `action` already ran here (it is then never offered to run again)."""
        return self.statuses.get(action.id) == RAN

    def to_run(self) -> tuple[RenderedAction, ...]:
        """The actions the run key offers: runnable and not yet run here."""
        return tuple(action for action in self.actions if action.runnable and not self.done(action))


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another guide the router ranked next for the person's words (`Conversation.alternatives`)."""

    tree: str
    title: str


@dataclass(frozen=True, slots=True)
class ConversationView:
    """Everything a front end draws for where a conversation stands, in one language for one audience."""

    lang: str
    audience: str
    tree: str
    """The title of the tree the walk stands in."""
    position: NodeRef
    card: Card
    """The node the walk stands at."""
    options: tuple[Option, ...] = ()
    """The numbered answers."""
    proposal: Proposal | None = None
    """The evidence's answer and its reason."""
    lines: tuple[Line, ...] = ()
    """The conversation so far, oldest first, without the node the walk stands at."""
    path: tuple[PathEntry, ...] = ()
    """Every node passed, ending where the walk stands."""
    outcome: str | None = None
    """``resolved``, ``escalated`` or None."""
    can_undo_restart: bool = False
    """Whether Back would now bring back the walk a restart dropped."""
    routed_from: str | None = None
    """The person's words (redacted) while the walk stands where the router placed it for them, nothing
    answered yet; else None."""
    alternatives: tuple[Alternative, ...] = ()
    """The guides the router ranked next for those words, offered meanwhile (`Conversation.alternatives`)."""
    switched: bool = False
    """Whether the person took one of them and has answered nothing since: Back returns to the router's
    choice."""


def run_statuses(runs: Iterable[ActionRun]) -> dict[str, str]:
    """Action id → its outcome from `Session.runs_at(...)`: ``ran`` once it ran, else the latest attempt."""
    found: dict[str, str] = {}
    for run in runs:
        if found.get(run.action) != RAN:
            found[run.action] = run.status
    return found


def transcript_lines(session: Session, words: Texts, lang: str, audience: str) -> tuple[Line, ...]:
    """The conversation so far, oldest first, without the node the walk stands at.

    The last node is left out unless the walk is closed as resolved: the screen
    draws the current node as a card with its answers instead.
    """
    from guide.engine.session import EVIDENCE  # sessions are imported only once there is one to show

    content = session.content
    lines: list[Line] = []
    visits = session.visits
    for index, visit in enumerate(visits):
        if visit.answer is None:
            continue
        ref, node = visit.node, content.node(visit.node)
        ident = (index, ref, visit.answer, visit.by, lang, audience)
        if node.is_passage:
            target = visits[index + 1].node.tree if index + 1 < len(visits) else ref.tree
            lines.append(Line(NOTE, "", words.ui("walk.continues", lang, tree=words.title(target, lang)),
                              ("link", *ident)))
            continue
        title = words.title(ref, lang)
        body = words.node(ref, lang, audience)
        if node.type == RESOLUTION:
            cause = words.cause(node.cause, lang) or node.cause
            if cause:
                title = f"{title} ({words.ui('walk.cause', lang)}: {cause})"
        lines.append(Line(GUIDE, title, body, ("guide", *ident)))
        if visit.answer == NEXT and node.type in (INFO, ESCALATION):
            continue
        lines.append(Line(PERSON, "", words.answer(ref, visit.answer, lang), ("person", *ident)))
        if visit.by == EVIDENCE:
            lines.append(Line(NOTE, "", words.ui("walk.by-evidence", lang, reason=visit.reason), ("evidence", *ident)))
    return tuple(lines)


def options(session: Session, words: Texts, lang: str) -> tuple[Option, ...]:
    """The numbered answers where the walk stands (resolutions: fixed, not fixed when a next cause
    is to be checked, escalate; a closed walk and an escalation offer none)."""
    ref = session.position
    return tuple(Option(key, words.answer(ref, key, lang), words.answers(ref, key)) for key in session.answer_keys())


def path_taken(session: Session, words: Texts, lang: str) -> tuple[PathEntry, ...]:
    """Every node passed (links left out), with the answers given, ending where the walk stands."""
    content = session.content
    entries = []
    last = len(session.visits) - 1
    for index, visit in enumerate(session.visits):
        if content.node(visit.node).is_passage:
            continue
        answer = None
        if visit.answer and visit.answer != NEXT:
            answer = words.answer(visit.node, visit.answer, lang)
        entries.append(PathEntry(words.title(visit.node.tree, lang), words.title(visit.node, lang), answer,
                                 index == last))
    return tuple(entries)


def local_time(moment: int | float | str, lang: str) -> str:
    """A saved time (UTC epoch seconds, or ISO-8601 as JSON sessions saved it) in this computer's time
    zone, written the `lang` way; an unreadable one as given."""
    try:
        when = (datetime.fromtimestamp(moment, timezone.utc) if isinstance(moment, (int, float))
                else datetime.fromisoformat(moment))
    except (ValueError, OverflowError, OSError):
        return str(moment)
    local = (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).astimezone()
    month = Texts.ui("time.months", lang).split()[local.month - 1]
    return Texts.ui("time.local", lang, year=local.year, month=month, day=local.day, clock=local.strftime("%H:%M"))


def build_view(session: Session, words: Texts, actions: tuple[RenderedAction, ...], *, lang: str, audience: str,
               can_run_here: bool, can_undo_restart: bool = False,
               routed_from: str | None = None, alternatives: tuple[str, ...] = (),
               switched: bool = False) -> ConversationView:
    """The view of `session` in `lang` for `audience`; `actions` are the current conclusion's, rendered;
    `routed_from`, `alternatives` and `switched` as `ConversationView` has them."""
    ref = session.position
    proposal = session.proposal()
    return ConversationView(
        lang, audience, words.title(ref.tree, lang), ref,
        build_card(session, words, actions, lang=lang, audience=audience, can_run_here=can_run_here),
        options(session, words, lang),
        Proposal(proposal.answer, words.answer(ref, proposal.answer, lang), proposal.reason) if proposal else None,
        transcript_lines(session, words, lang, audience), path_taken(session, words, lang), session.outcome,
        can_undo_restart, routed_from, tuple(Alternative(tree, words.title(tree, lang)) for tree in alternatives),
        switched)


def build_card(session: Session, words: Texts, actions: tuple[RenderedAction, ...], *, lang: str, audience: str,
               can_run_here: bool) -> Card:
    """The card for where the walk stands, in `lang` for `audience` (`can_run_here`: Windows)."""
    ref, node = session.position, session.node
    if session.outcome == "resolved":
        return Card("resolved", words.ui("walk.resolved", lang), "", hint=words.ui("walk.resolved-hint", lang))
    title, text = words.title(ref, lang), words.node(ref, lang, audience)
    if not node.is_conclusion:
        if node.type == QUESTION:
            question = words.node(ref, lang, "")
            if question and question != text:  # the audience's words say how to answer: the question comes first
                return Card(QUESTION, title, question, hint=text)
            return Card(QUESTION, title, text)
        return Card("end", title, text, hint=words.ui("walk.dead-end", lang))
    statuses = MappingProxyType(run_statuses(session.runs_at(ref)))
    runnable = any(action.runnable and statuses.get(action.id) != RAN for action in actions)
    run_hint = words.ui("walk.run-hint" if can_run_here else "walk.run-elsewhere", lang) if runnable else ""
    cause = words.cause(node.cause, lang) or node.cause
    if node.type == RESOLUTION and session.outcome != "escalated":
        return Card(RESOLUTION, title, text, cause, actions, statuses, words.ui("walk.did-it-fix", lang),
                    run_hint=run_hint)
    # an escalation, or a resolution handed over
    return Card(ESCALATION, title, text, cause, actions, statuses, hint=words.ui("walk.escalation-hint", lang),
                run_hint=run_hint)
