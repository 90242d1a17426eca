"""Pilot tests of free text at a question on the shipped content: a reply in the person's own
words chooses the answer it clearly means; text that means none is never forced on an answer."""

from __future__ import annotations

import pytest

from guide.engine.loader import load_content
from guide.engine.model import NodeRef

PATTERN = NodeRef("reauth-loop", "q-pattern")
"""reauth-loop's first question: how the sign-in prompts come."""


@pytest.fixture(scope="module")
def shipped():
    """The content shipped with the package."""
    return load_content().content


async def start_reauth_loop(pilot) -> None:
    """Describe the symptom on the start screen: the router starts reauth-loop at its first question."""
    await pilot.press(*"Teams で毎回サインインを求められる", "enter")
    assert pilot.app.conversation.session.position == PATTERN


@pytest.mark.parametrize(("reply", "key"), [("毎朝です", "daily"), ("数時間おきに出る", "hourly"),
                                             ("パスワードを変えてから", "after-event")])
async def test_a_reply_in_own_words_chooses_the_answer_it_means(size, make, shipped, reply, key):
    app = make(lang="ja", content_set=shipped)
    async with app.run_test(size=size) as pilot:
        await start_reauth_loop(pilot)
        await pilot.press(*reply, "enter")
        step = app.conversation.session.steps[-1]
        assert (step.node, step.answer) == (PATTERN, key)


async def test_a_reply_that_means_no_answer_chooses_none(size, make, shipped):
    app = make(lang="ja", content_set=shipped)
    async with app.run_test(size=size) as pilot:
        await start_reauth_loop(pilot)
        before = app.conversation.session.steps
        await pilot.press(*"こんにちは", "enter")
        assert app.conversation.session.position == PATTERN and app.conversation.session.steps == before
        assert "こんにちは" in app.notices[-1][1]


async def test_text_that_points_elsewhere_jumps_there_and_back_undoes_it(size, make, shipped):
    """Text naming another problem moves the walk to where the router points, says so with the way
    back, and Ctrl+Z returns to the question."""
    app = make(lang="ja", content_set=shipped)
    async with app.run_test(size=size) as pilot:
        await start_reauth_loop(pilot)
        await pilot.press(*"条件付きアクセスでブロックされてアクセスできない", "enter")
        assert app.conversation.session.position.tree == "ca-blocked"
        assert "Ctrl+Z" in app.notices[-1][1]
        await pilot.press("ctrl+z")
        assert app.conversation.session.position == PATTERN
