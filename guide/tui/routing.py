"""Free text to where a conversation should start: the seam for the router.

The start screen (and, when no answer matches, the conversation) hands what
the person typed to a `Router`: the engine's router (error codes, symptoms,
triggers) when it is available, else `title_router`, which compares the text
with tree titles, symptom names and the `triggers` authors wrote, in both
languages. Plain Python, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from guide.engine.model import ContentSet, NodeRef
from guide.engine.taxonomy import load_taxonomy
from guide.tui.matching import normalise
from guide.tui.strings import LANGS


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a conversation could start, with how well the text fits it."""

    tree: str
    """Tree id."""
    node: NodeRef | None
    """Where in the tree to start (None: at its start)."""
    score: float
    """0 (no fit) to 1 (exact)."""


Router = Callable[[ContentSet, str, str], Sequence[Candidate]]
"""``router(content, text, lang)`` → candidates, best first (may be empty)."""

AnswerMatcher = Callable[[ContentSet, NodeRef, str], "str | None"]
"""``matcher(content, question, text)`` → the answer key free text clearly chooses, else None."""


def _phrases(content: ContentSet, tree: str) -> list[str]:
    """Everything that names a tree: titles, triggers and its symptom's names, in every language."""
    phrases = []
    for lang in LANGS:
        words = content.texts.get((lang, tree))
        if words:
            phrases += [words.title, *words.triggers]
    symptom = content.trees[tree].symptom
    term = load_taxonomy().symptoms.get(symptom) if symptom else None
    if term:
        phrases += [term.name(lang) for lang in LANGS]
    return phrases


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def title_router(content: ContentSet, text: str, lang: str) -> list[Candidate]:
    """Trees whose names share the most character pairs with `text` (works without word breaks)."""
    wanted = normalise(text)
    if not wanted:
        return []
    grams = _bigrams(wanted)
    found = []
    for tree in sorted(content.trees):
        best = 0.0
        for phrase in _phrases(content, tree):
            name = normalise(phrase)
            if not name:
                continue
            if wanted in name or name in wanted:
                best = 1.0
                break
            best = max(best, len(grams & _bigrams(name)) / len(grams))
        if best >= 0.3:
            found.append(Candidate(tree, None, round(best, 3)))
    return sorted(found, key=lambda candidate: -candidate.score)


def default_router(origin: tuple | None = None) -> Router:
    """The engine's router, through the facade (`guide.engine.service.Guide`)."""
    guides: dict[str, object] = {}

    def route(content: ContentSet, text: str, lang: str) -> Sequence[Candidate]:
        return _guide(guides, content, origin).route(text, lang).candidates

    return route


def _guide(guides: dict, content: ContentSet, origin: tuple | None):
    from guide.engine.service import Guide

    if "guide" not in guides or guides["guide"].content is not content:
        version = None
        if origin is not None:
            from guide.engine.cache import fingerprint, _folders

            version = fingerprint(*_folders(*origin))
        guides["guide"] = Guide(content, version)
    return guides["guide"]


def default_answer_matcher() -> AnswerMatcher:
    """The engine router's answer matching, through the facade."""
    guides: dict[str, object] = {}

    def match(content: ContentSet, question: NodeRef, text: str) -> str | None:
        return _guide(guides, content, None).match_answer(question, text)

    return match
