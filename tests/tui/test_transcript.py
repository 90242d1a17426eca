"""The transcript drawn step by step shows exactly what a screen drawn from scratch shows.

The conversation screen adds only what is new at each step (`Transcript`
keeps the entries it drew; the card changes its texts in place where it can).
These tests walk the fixture content with answers, a resolution, back, a
restart and its undo, a language and an audience switch, and after every key
compare the whole screen (its SVG screenshot: every character and style) with
a fresh app that resumes the same conversation and draws it once.
"""

from __future__ import annotations

from textual.widgets import Input

from guide.tui.screens.conversation import ConversationScreen
from guide.tui.widgets.chat import Transcript, line_content
from guide.tui.widgets.node_card import ActionBox, CardText, NodeCard

SMALL = (60, 24)
"""A terminal small enough that the transcript overflows (and is anchored to its end) after a few steps."""

WALK = ("2", "ctrl+z", "3", "1", "ctrl+r", "ctrl+z", "f2", "1", "f3", "ctrl+z", "ctrl+z", "2", "f2")
"""Keys after the first (which starts the demo guide): answers into the other guide, a resolution, back,
restart and its undo, Japanese, the agents' wording, back across the guides, English again."""


async def screen_now(app, pilot) -> str:
    """The whole screen as an SVG, notices cleared and the text box's cursor steady."""
    app.clear_notifications()
    for box in app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()
    return app.export_screenshot(simplify=True, title="guide")


async def test_every_step_shows_what_a_fresh_screen_shows(make):
    """After each key the screen drawn step by step equals the screen of the same conversation drawn once."""
    app = make(lang="en", offer_resume=False)
    seen = []
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("1")
        for key in WALK:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ConversationScreen), key
            conversation = app.conversation
            seen.append((key, await screen_now(app, pilot), conversation.session.to_json(), conversation.lang,
                         conversation.mode))
    guide = app.guide
    assert {lang for _, _, _, lang, _ in seen} == {"en", "ja"}
    for number, (key, shown, session, lang, mode) in enumerate(seen):
        kept = guide.keep({**session, "id": f"{session['id']}-{number}"})
        fresh = make(lang=lang, mode=mode, resume=kept.id, guide=guide)
        async with fresh.run_test(size=SMALL) as pilot:
            await pilot.pause()
            now = await screen_now(fresh, pilot)
            assert now == shown, f"after {key}"


async def into_the_other_guide(app, pilot) -> Transcript:
    """Start the demo guide and follow its link into the other guide; the transcript shown."""
    await pilot.press("1", "3")
    await pilot.pause()
    return app.screen.query_one(Transcript)


async def test_transcript_keeps_the_entries_it_drew_and_redraws_from_the_first_change(make):
    """Answering keeps every entry drawn so far whose line is unchanged; back draws again only what changed."""
    app = make(lang="en", offer_resume=False)
    async with app.run_test(size=SMALL) as pilot:
        transcript = await into_the_other_guide(app, pilot)
        keys = [line.key for line in transcript.lines]
        width = transcript.size.width
        drawn = list(transcript._drawn[width])
        await pilot.press("1")
        await pilot.pause()
        same = 0
        while same < len(keys) and keys[same] == transcript.lines[same].key:
            same += 1
        assert same and len(transcript.lines) > len(keys)
        assert all(old is new for old, new in zip(drawn[:same], transcript._drawn[width][:same]))
        assert transcript.text == "\n".join(line_content(line).plain for line in app.conversation.view().lines)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert transcript.text == "\n".join(line_content(line).plain for line in app.conversation.view().lines)


async def test_transcript_text_can_be_selected(make):
    """Selecting the whole transcript copies its words, row by row as wrapped."""
    from textual.selection import SELECT_ALL

    app = make(lang="en", offer_resume=False)
    async with app.run_test(size=SMALL) as pilot:
        transcript = await into_the_other_guide(app, pilot)
        selected, _ = transcript.get_selection(SELECT_ALL)
        words = [row.strip() for row in selected.splitlines() if row.strip()]
        assert words and all(word in transcript.text for word in words)
        assert " ".join(words).split() == transcript.text.split()


async def test_entering_and_leaving_a_resolution_keeps_the_cards_leading_texts(make):
    """The card keeps its texts in the same places for the next card (role and words changed in place) and
    mounts only what follows them; the screens are compared with a fresh app in the walk above."""
    app = make(lang="en", offer_resume=False, platform="win32")
    async with app.run_test(size=SMALL) as pilot:
        await into_the_other_guide(app, pilot)
        card = app.screen.query_one(NodeCard)
        texts = list(card.query_children(CardText))
        for key in ("1", "ctrl+z"):
            await pilot.press(key)
            await pilot.pause()
            assert list(card.query_children(CardText))[0] is texts[0], key
            assert bool(card.query(ActionBox)) == (key == "1"), key  # the escalation's actions, then none
