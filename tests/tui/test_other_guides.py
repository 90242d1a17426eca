"""Pilot test: after free text, the other guides the router ranked next are numbered after the answers."""

from __future__ import annotations

from guide.tui.screens.conversation import ConversationScreen
from guide.tui.widgets.answers import AnswerList

WORDS = "Endless login loop in Teams, it never stops asking for credentials"
"""Free text the router sends straight to a guide, with others behind it."""


async def test_another_guide_by_its_number_and_back(size, make, shipped):
    """The entries after the answers name the other guides (numbered on, in two digits when the list
    reaches ten); a number takes one, ctrl+z returns, and after an answer they are gone."""
    app = make(lang="en", content_set=shipped)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*WORDS, "enter")
        assert isinstance(app.screen, ConversationScreen)
        conversation = app.conversation
        placed, offered = conversation.position, conversation.alternatives()
        answers = len(conversation.view().options)
        keys = app.screen.query_one("#answers", AnswerList).keys
        assert keys[answers:] == tuple(f"instead:{tree}" for tree in offered) and len(offered) == 2
        number = answers + 2
        await pilot.press(*(f"{number:02d}" if len(keys) >= 10 else str(number)))
        assert conversation.position == app.guide.place(offered[1], conversation.entry_text)
        assert any(app.guide.words.title(offered[1], "en") in notice for _, notice in app.notices)
        assert app.screen.query_one("#answers", AnswerList).keys == tuple(
            option.key for option in conversation.view().options)
        await pilot.press("ctrl+z")
        assert conversation.position == placed
        await pilot.press(*("01" if len(keys) >= 10 else "1"))
        assert app.conversation.session.steps[-1].answer
        assert not any(key.startswith("instead:") for key in app.screen.query_one("#answers", AnswerList).keys)
