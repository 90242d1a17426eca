"""The path-coverage gate: every path of every shipped tree is walked in both languages.

Each root-to-conclusion path that `guide paths` lists is replayed through a
real `Session`, in Japanese and in English and for every audience; every node
passed must have its words, every answer given must have a label, and the
walk must end at the path's conclusion with its cause and actions. The gate
grows with the content: a new tree or node is walked without any test change.
"""

from __future__ import annotations

import pytest

from guide.engine.compiler import compile_graph, count_paths, start_ref, walk_paths
from guide.engine.loader import load_content
from guide.engine.model import NEXT
from guide.engine.session import AUDIENCES, Session
from guide.engine.spec import LANGS
from guide.engine.transcript import transcript_markdown

LOADED = load_content()
CONTENT = LOADED.content
GRAPH = compile_graph(CONTENT)
PATHS = [(tree_id, nodes, answers)
         for tree_id in sorted(CONTENT.trees)
         for nodes, answers in walk_paths(CONTENT, GRAPH, start_ref(CONTENT, tree_id))]


def test_shipped_content_loads_without_defects():
    assert LOADED.content.defects == ()
    assert "kmsi-missing" in CONTENT.trees


def test_listing_matches_the_count():
    for tree_id in CONTENT.trees:
        listed = sum(1 for path in PATHS if path[0] == tree_id)
        assert listed == count_paths(CONTENT, GRAPH, start_ref(CONTENT, tree_id)) > 0


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tree_id, nodes, answers", PATHS,
                         ids=[f"{t}:{'/'.join(a) or 'start'}" for t, _, a in PATHS])
def test_every_path_walks_with_complete_words(tree_id, nodes, answers, lang):
    for audience in AUDIENCES:
        session = Session(CONTENT, tree_id, lang=lang, audience=audience)
        for node, answer in zip(nodes, answers):
            if answer != NEXT:  # info and link nodes are passed without a person's answer
                assert session.position == node
                session.answer(answer)
        assert session.position == nodes[-1] and session.finished
        end = CONTENT.node(nodes[-1])
        assert session.node.cause == end.cause
        for visit in session.visits:
            node = CONTENT.node(visit.node)
            if node.type == "link":
                continue
            words = CONTENT.text(lang, visit.node)
            assert words is not None and words.title.strip() and words.body(audience).strip(), visit.node
            if visit.answer and node.type == "question":
                assert words.answers[visit.answer].strip()
        note = transcript_markdown(session, lang)
        assert CONTENT.text(lang, nodes[-1]).title in note
