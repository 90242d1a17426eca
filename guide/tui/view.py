"""What the conversation screen shows, derived from a session (plain Python, no Textual).

The step log is the whole state; the chat transcript, the numbered answers
and the "where am I" path are computed from it here for a language and an
audience. Switching language or audience is therefore just computing again,
and the screen only has to draw what changed (`Line.key` identifies a line).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime, timezone

from guide.engine.model import (ESCALATE, ESCALATION, FIXED, INFO, NEXT, NOT_FIXED, QUESTION, RESOLUTION, ContentSet,
                                NodeRef)
from guide.engine.session import EVIDENCE, Session
from guide.engine.taxonomy import load_taxonomy
from guide.tui.actions import ActionView, render_actions, run_statuses, to_run
from guide.tui.matching import Choice
from guide.tui.strings import LANGS, t

GUIDE, PERSON, NOTE = "guide", "person", "note"
"""Who says a line of the transcript: the guide, the person, or a quiet note."""


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
class Option:
    """A numbered answer to the current node."""

    key: str
    """The answer key given to `Session.answer` (or `ESCALATE`)."""
    label: str
    """The label in the current language."""


def tree_title(content: ContentSet, tree: str, lang: str) -> str:
    """The title of `tree` in `lang` (falling back to the other language, then the id)."""
    for language in (lang, *LANGS):
        words = content.texts.get((language, tree))
        if words:
            return words.title
    return tree


def node_title(content: ContentSet, ref: NodeRef, lang: str) -> str:
    """The title of `ref` in `lang` (falling back to the other language, then the id)."""
    for language in (lang, *LANGS):
        words = content.text(language, ref)
        if words:
            return words.title
    return ref.node


def local_time(stamp: str, lang: str) -> str:
    """An ISO-8601 time (UTC as saved) in this computer's time zone, written the `lang` way; as given when unreadable."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    local = (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone()
    month = t(lang, "time.months").split()[local.month - 1]
    return t(lang, "time.local", year=local.year, month=month, day=local.day, clock=local.strftime("%H:%M"))


def node_body(content: ContentSet, ref: NodeRef, lang: str, audience: str) -> str:
    """The text of `ref` for `audience` in `lang` (falling back to the other language)."""
    for language in (lang, *LANGS):
        words = content.text(language, ref)
        if words:
            return words.body(audience)
    return ""


def answer_label(content: ContentSet, ref: NodeRef, key: str, lang: str) -> str:
    """The label of answer `key` at `ref` in `lang`; resolution answers come from the UI catalog."""
    if key == FIXED:
        return t(lang, "walk.fixed")
    if key == NOT_FIXED:
        return t(lang, "walk.not-fixed")
    if key == ESCALATE:
        return t(lang, "walk.escalate")
    for language in (lang, *LANGS):
        words = content.text(language, ref)
        if words and key in words.answers:
            return words.answers[key]
    return key


def cause_name(cause: str | None, lang: str) -> str | None:
    """The taxonomy's plain name of `cause` in `lang`, or None when there is no cause."""
    if not cause:
        return None
    term = load_taxonomy().causes.get(cause)
    return term.name(lang) if term else cause


def transcript(session: Session, lang: str, audience: str) -> list[Line]:
    """The conversation so far, oldest first, without the node the walk stands at.

    The last node is left out unless the walk is closed as resolved: the screen
    draws the current node as a card with its answers instead.
    """
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
            lines.append(Line(NOTE, "", t(lang, "walk.continues", tree=tree_title(content, target, lang)),
                              ("link", *ident)))
            continue
        title = node_title(content, ref, lang)
        body = node_body(content, ref, lang, audience)
        if node.type == RESOLUTION:
            cause = cause_name(node.cause, lang)
            if cause:
                title = f"{title} ({t(lang, 'walk.cause')}: {cause})"
        lines.append(Line(GUIDE, title, body, ("guide", *ident)))
        if visit.answer == NEXT and node.type in (INFO, ESCALATION):
            continue
        lines.append(Line(PERSON, "", answer_label(content, ref, visit.answer, lang), ("person", *ident)))
        if visit.by == EVIDENCE:
            lines.append(Line(NOTE, "", t(lang, "walk.by-evidence", reason=visit.reason), ("evidence", *ident)))
    return lines


def options(session: Session, lang: str) -> list[Option]:
    """The numbered answers to the node the walk stands at.

    Resolutions offer fixed, not fixed (when there is a next cause to check)
    and escalate; a closed walk and an escalation offer nothing.
    """
    keys = session.answer_keys()
    return [Option(key, answer_label(session.content, session.position, key, lang)) for key in keys]


def choices(session: Session) -> list[Choice]:
    """The current answers with their labels in every language, for free-text matching."""
    keys = [option.key for option in options(session, LANGS[0])]
    return [Choice(key, tuple(answer_label(session.content, session.position, key, lang) for lang in LANGS))
            for key in keys]


def is_question(session: Session) -> bool:
    """Whether the walk stands at a question (as opposed to a conclusion or a dead end)."""
    return session.node.type == QUESTION


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


def path_taken(session: Session, lang: str) -> list[PathEntry]:
    """Every node passed (links left out), with the answers given, ending where the walk stands."""
    content = session.content
    entries = []
    last = len(session.visits) - 1
    for index, visit in enumerate(session.visits):
        if content.node(visit.node).is_passage:
            continue
        answer = None
        if visit.answer and visit.answer != NEXT:
            answer = answer_label(content, visit.node, visit.answer, lang)
        entries.append(PathEntry(tree_title(content, visit.node.tree, lang), node_title(content, visit.node, lang),
                                 answer, index == last))
    return entries


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
    """For a resolution: the cause in plain words."""
    actions: tuple[ActionView, ...] = ()
    """For a conclusion: what to do."""
    prompt: str = ""
    """The question asked under the card ("Did this fix it?")."""
    hint: str = ""
    """A quiet line about what to do next (keys to press)."""
    run_hint: str = ""
    """How to run the runnable actions here (or, off Windows, that their commands are for copying)."""


def run_hint(actions: tuple[ActionView, ...], lang: str, platform: str) -> str:
    """The run key's hint when an action can still be run here; off Windows, that commands are to copy."""
    if not to_run(actions):
        return ""
    return t(lang, "walk.run-hint" if platform == "win32" else "walk.run-elsewhere")


def card(session: Session, lang: str, audience: str, *, platform: str = sys.platform) -> Card:
    """The card for where the walk stands, in `lang` for `audience` (`platform`: where commands would run)."""
    content, ref, node = session.content, session.position, session.node
    title = node_title(content, ref, lang)
    text = node_body(content, ref, lang, audience)
    if session.outcome == "resolved":
        return Card("resolved", t(lang, "walk.resolved"), "", hint=t(lang, "walk.resolved-hint"))
    actions = ()
    if node.is_conclusion:
        actions = tuple(render_actions(node.actions, lang, audience, run_statuses(session.runs_at(ref))))
    running = run_hint(actions, lang, platform)
    if node.type == RESOLUTION and session.outcome != "escalated":
        return Card(RESOLUTION, title, text, cause_name(node.cause, lang), actions, t(lang, "walk.did-it-fix"),
                    run_hint=running)
    if node.is_conclusion:  # an escalation, or a resolution handed over
        return Card(ESCALATION, title, text, cause_name(node.cause, lang), actions,
                    hint=t(lang, "walk.escalation-hint"), run_hint=running)
    if node.type == QUESTION:
        question = node_body(content, ref, lang, "")
        if question and question != text:  # the audience's words are how to answer: the question still comes first
            return Card(QUESTION, title, question, hint=text)
        return Card(QUESTION, title, text)
    return Card("end", title, text, hint=t(lang, "walk.dead-end"))
