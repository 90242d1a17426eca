"""The start screen's first question: every symptom tree is offered, administrators' topics last."""

from __future__ import annotations

from guide.engine.loader import load_content

CONTENT = load_content().content
QUESTION = CONTENT.trees["start"].nodes["q-what"]


def _linked_tree(answer: str) -> str | None:
    target = CONTENT.trees["start"].nodes[QUESTION.answers[answer]]
    return target.link.tree if target.type == "link" else None


def test_every_symptom_tree_is_on_the_start_menu():
    offered = {_linked_tree(answer) for answer in QUESTION.answers}
    symptom_trees = {tree.id for tree in CONTENT.trees.values() if tree.symptom}
    assert symptom_trees <= offered, sorted(symptom_trees - offered)


def test_administrators_topics_come_last_before_none_of_these():
    answers = list(QUESTION.answers)
    assert answers[-1] == "other"
    assert _linked_tree(answers[-2]) == "admin-token-lifetime"
    assert answers.index("mfa-authenticator") < answers.index("admin-token")
    assert answers.index("account-password") < answers.index("admin-token")
