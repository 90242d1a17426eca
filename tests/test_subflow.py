"""Sub-flows: a link with `then` calls another tree, and that tree's return node comes back.

Fixture tests/fixtures/subflow: `main` asks whether a code shows and calls
`codes` with then: r-after; `codes` ends unknown codes (and fixes that did not
help) in a return node whose own `next` is used when `codes` is walked alone.
"""

from __future__ import annotations

import pytest

from guide.engine.compiler import count_paths, start_ref, walk_paths
from guide.engine.lint import lint
from guide.engine.loader import load_content
from guide.engine.model import NodeRef
from guide.engine.session import Session

from support import FIXTURES

SUBFLOW = FIXTURES / "subflow"


@pytest.fixture(scope="module")
def content():
    loaded = load_content(SUBFLOW / "trees", SUBFLOW / "content")
    assert lint(loaded) == []
    return loaded.content


def test_return_goes_back_to_the_calling_link(content):
    session = Session(content, "main")
    session.answer("yes")
    assert session.position == NodeRef("codes", "q-which")
    session.answer("other")
    assert session.position == NodeRef("main", "r-after")
    assert [v.node.node for v in session.visits] == ["q-code", "l-codes", "q-which", "back", "r-after"]


def test_a_fix_that_did_not_help_returns_too(content):
    session = Session(content, "main")
    session.answer("yes")
    session.answer("caa70004")
    assert session.node.cause == "proxy-or-inspection-interference"
    session.answer("not-fixed")
    assert session.position == NodeRef("main", "r-after")
    session.back()
    session.back()
    session.answer("other")
    assert session.position == NodeRef("main", "r-after")


def test_walked_alone_the_return_follows_its_next(content):
    session = Session(content, "codes")
    session.answer("other")
    assert session.position == NodeRef("codes", "e-codes") and session.outcome == "escalated"


def test_a_jump_leaves_the_sub_flow(content):
    session = Session(content, "main")
    session.answer("yes")
    session.jump(NodeRef("codes", "q-which"))
    session.answer("other")
    assert session.position == NodeRef("codes", "e-codes")


def test_paths_follow_calls(content):
    listed = list(walk_paths(content, start_ref(content, "main")))
    assert len(listed) == count_paths(content, start_ref(content, "main")) == 7
    returned = [answers for nodes, answers in listed if NodeRef("codes", "back") in nodes]
    assert all(nodes[nodes.index(NodeRef("codes", "back")) + 1] == NodeRef("main", "r-after")
               for nodes, _ in listed if NodeRef("codes", "back") in nodes)
    assert len(returned) == 4
    assert count_paths(content, start_ref(content, "codes")) == 3


def test_resume_keeps_the_call(content):
    session = Session(content, "main")
    session.answer("yes")
    resumed, dropped = Session.from_json(content, session.to_json())
    resumed.answer("other")
    assert dropped == [] and resumed.position == NodeRef("main", "r-after")


def test_lint_checks_then(tmp_path):
    import shutil

    copy = tmp_path / "subflow"
    shutil.copytree(SUBFLOW, copy)
    tree = copy / "trees" / "main.yaml"
    tree.write_text(tree.read_text().replace("then: r-after", "then: r-gone"))
    defects = lint(load_content(copy / "trees", copy / "content"))
    assert [(d.code, d.line) for d in defects if d.code == "unknown-node"] == [("unknown-node", 15)]


def test_a_call_that_comes_back_to_itself_is_a_cycle(tmp_path):
    import shutil

    copy = tmp_path / "subflow"
    shutil.copytree(SUBFLOW, copy)
    tree = copy / "trees" / "main.yaml"
    tree.write_text(tree.read_text().replace("then: r-after", "then: q-code"))
    assert any(d.code == "cycle" for d in lint(load_content(copy / "trees", copy / "content")))
