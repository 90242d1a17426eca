"""Long lists in the terminal UI (issue 12, points 4 and 5), over the shipped content.

The start screen lists more than ten guides and the error-code question
more than thirty answers (34 when the trial was made). Every entry is
reachable in two keystrokes (two-digit numbers from ten entries on, shown as
``01``, ``02``..., and the footer says so), and typing words narrows the list
so that no answer has to be found by scrolling blind.
"""

from __future__ import annotations

import pytest

from guide.engine.model import NodeRef
from guide.tui.messages import StartRequested
from guide.tui.screens.conversation import ConversationScreen
from guide.tui.screens.start import StartScreen
from guide.tui.widgets.answers import AnswerList

WIDE = (120, 40)
"""The size the trial was run at."""


def footer_ids(app) -> set[str]:
    """The ids of the keys the footer offers now."""
    return {active.binding.id for active in app.screen.active_bindings.values() if active.binding.show}


def shown(app, list_id: str) -> list[str]:
    """The keys of the entries a list shows now (after narrowing)."""
    answers = app.screen.query_one(list_id, AnswerList)
    return [option.id for option in answers.options]


async def open_error_code_question(app, pilot) -> None:
    app.post_message(StartRequested("error-code", NodeRef("error-code", "q-code")))
    await pilot.pause()
    assert isinstance(app.screen, ConversationScreen)


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_entries_ten_and_eleven_of_the_start_list_are_two_keystrokes(make, shipped, lang):
    app = make(lang=lang, content_set=shipped)
    async with app.run_test(size=WIDE) as pilot:
        trees = app.screen.query_one("#trees", AnswerList)
        listed = trees.keys
        assert len(listed) >= 11
        assert "start.choose-two" in footer_ids(app) and "start.choose" not in footer_ids(app)
        assert str(trees.options[0].prompt).startswith("01  ")
        await pilot.press("1", "1")
        assert isinstance(app.screen, ConversationScreen)
        assert app.conversation.session.tree == listed[10]
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)
        # the conversation in progress is 00 now, and every guide keeps its number
        assert app.screen.query_one("#trees", AnswerList).keys[0] == "<continue>"
        await pilot.press("1", "0")
        assert isinstance(app.screen, ConversationScreen)
        assert app.conversation.session.tree == listed[9]


async def test_every_one_of_the_error_code_answers_is_two_keystrokes(make, shipped):
    app = make(lang="en", content_set=shipped)
    async with app.run_test(size=WIDE) as pilot:
        await open_error_code_question(app, pilot)
        answers = app.screen.query_one("#answers", AnswerList)
        keys = answers.keys
        assert len(keys) >= 30  # 34 when the trial was made
        assert "walk.answer-two" in footer_ids(app) and "walk.answer" not in footer_ids(app)
        for number, key in enumerate(keys, 1):
            await pilot.press(*f"{number:02d}")
            visit = app.conversation.session.visits[0]
            assert (visit.node.node, visit.answer) == ("q-code", key), number
            await pilot.press("ctrl+z")
            assert app.conversation.session.position.node == "q-code"


async def test_a_first_digit_alone_waits_and_enter_takes_it(make, shipped):
    app = make(lang="en", content_set=shipped)
    async with app.run_test(size=WIDE) as pilot:
        await open_error_code_question(app, pilot)
        first = app.screen.query_one("#answers", AnswerList).keys[2]
        await pilot.press("3")
        assert app.conversation.session.position.node == "q-code"
        await pilot.press("enter")
        assert app.conversation.session.visits[0].answer == first


@pytest.mark.parametrize(("typed", "expected"), [
    ("50076", "aadsts-mfa"),
    ("not listed", "other"),
    ("can't find", "none"),
    ("82ee2", "caa82ee2"),
])
async def test_typing_narrows_the_error_code_answers_to_the_ones_it_names(make, shipped, typed, expected):
    app = make(lang="en", content_set=shipped)
    async with app.run_test(size=WIDE) as pilot:
        await open_error_code_question(app, pilot)
        await pilot.press(*typed)
        visible = shown(app, "#answers")
        assert expected in visible and len(visible) <= 3, visible
        if len(visible) == 1:
            await pilot.press("enter")
            assert app.conversation.session.visits[0].answer == expected


async def test_japanese_words_narrow_too_and_numbers_stay(make, shipped):
    app = make(lang="ja", content_set=shipped)
    async with app.run_test(size=WIDE) as pilot:
        await open_error_code_question(app, pilot)
        answers = app.screen.query_one("#answers", AnswerList)
        number = answers.keys.index("none") + 1
        await pilot.press(*"見つから")
        assert shown(app, "#answers") == ["none"]
        assert str(answers.options[0].prompt).startswith(f"{number:02d}  ")
        await pilot.press("enter")
        assert app.conversation.session.visits[0].answer == "none"


async def test_the_placeholder_says_how_to_choose_a_long_list(make, shipped):
    app = make(lang="en", content_set=shipped)
    async with app.run_test(size=WIDE) as pilot:
        await open_error_code_question(app, pilot)
        box = app.screen.query_one("#answer-input")
        count = len(app.screen.query_one("#answers", AnswerList).keys)
        assert f"01-{count}" in box.placeholder and "narrow" in box.placeholder
