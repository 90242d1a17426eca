"""The path-coverage gate: every path of every shipped tree is walked in both languages.

For each tree and language a real `Session` explores every answer at every
step (answer, recurse, back), so every root-to-conclusion path is walked as a
person would walk it. Every node passed must have its words for every
audience, every answer given must have a label, and the set of paths walked
must be exactly the set `guide paths` lists (and as many as `--count` says).
The gate grows with the content: new trees and nodes are walked without any
test change.
"""

from __future__ import annotations

import pytest

from guide.engine.compiler import count_paths, start_ref, walk_paths
from guide.engine.loader import load_content
from guide.engine.model import CLOSING, QUESTION
from guide.engine.session import AUDIENCES, Session
from guide.engine.spec import LANGS
from guide.engine.transcript import transcript_markdown

LOADED = load_content()
CONTENT = LOADED.content
TREES = sorted(CONTENT.trees)


def test_shipped_content_loads_without_defects():
    assert LOADED.content.defects == ()
    assert "kmsi-missing" in CONTENT.trees


def explore(tree_id: str, lang: str) -> tuple[list[tuple], list[str]]:
    """Walk every path of a tree with a session; returns the paths and every missing word found."""
    session = Session(CONTENT, tree_id, lang=lang)
    paths: list[tuple] = []
    missing: list[str] = []
    checked: set = set()

    def check(visit) -> None:
        key = (visit.node, visit.answer)
        if key in checked or CONTENT.node(visit.node).is_passage:
            return
        checked.add(key)
        words = CONTENT.text(lang, visit.node)
        if words is None or not words.title.strip():
            missing.append(f"{visit.node.show(tree_id)}: no {lang} title")
            return
        for audience in AUDIENCES:
            if not words.body(audience).strip():
                missing.append(f"{visit.node.show(tree_id)}: no {lang} text for {audience}")
        if visit.answer and CONTENT.node(visit.node).type == QUESTION and not words.answers.get(visit.answer):
            missing.append(f"{visit.node.show(tree_id)}: no {lang} label for answer {visit.answer}")

    def walk() -> None:
        for visit in session.visits:
            check(visit)
        if session.finished:
            paths.append(tuple(visit.node for visit in session.visits))
        for answer in session.answer_keys():
            if answer in CLOSING:  # closes the walk where it stands: the same path
                continue
            session.answer(answer)
            walk()
            assert session.back()

    walk()
    return paths, missing


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tree_id", TREES)
def test_every_path_walks_with_complete_words(tree_id, lang):
    walked, missing = explore(tree_id, lang)
    assert missing == []
    root = start_ref(CONTENT, tree_id)
    listed = [tuple(nodes) for nodes, _ in walk_paths(CONTENT, root)]
    assert sorted(walked) == sorted(listed)
    assert len(walked) == count_paths(CONTENT, root) > 0


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tree_id", TREES)
def test_every_conclusion_makes_a_ticket_note(tree_id, lang):
    """Each resolution and escalation, reached by its first path, yields a note naming it."""
    notes = 0
    seen = set()
    for nodes, answers in walk_paths(CONTENT, start_ref(CONTENT, tree_id)):
        if nodes[-1] in seen:
            continue
        seen.add(nodes[-1])
        session = Session(CONTENT, tree_id, lang=lang)
        for node, answer in zip(nodes, answers):
            if session.position == node:
                session.answer(answer)
        assert session.position == nodes[-1]
        note = transcript_markdown(session, lang)
        assert CONTENT.text(lang, nodes[-1]).title in note
        end = CONTENT.node(nodes[-1])
        if end.cause:
            assert f"`{end.cause}`" in note
        notes += 1
    assert notes == len(seen) > 0
