"""What a new user tripped over in the terminal UI (issue 12, points 7-10), each pinned with Pilot.

7. Esc on the "where am I" panel closes the panel, not the conversation.
8. Notices never cover the answers; a long title is shortened with "..."; no stray "=" at the top left.
9. The resume prompt offers the latest conversation, its time local and in the person's language.
10. Ctrl+S writes the ticket note into the guide's state folder and names the full path; a copy to the
    clipboard is reported only where it is known to work (never inside tmux).
"""

from __future__ import annotations

import os
import time

import pytest

from guide.engine.service import Guide, local_time, tickets_dir
from guide.engine.session import Session
from guide.engine.store import save_session
from guide.tui.app import make_app, shorten
from guide.tui.copying import clipboard_confirmed
from guide.tui.screens.conversation import ConversationScreen
from guide.tui.screens.resume import ResumeScreen
from rich.cells import cell_len

DEMO = "1"


# --- 7 ------------------------------------------------------------------------------------------

async def test_escape_closes_the_where_panel_first(size, make):
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "f4")
        assert app.screen.show_where
        await pilot.press("escape")
        assert isinstance(app.screen, ConversationScreen) and not app.screen.show_where
        await pilot.press("escape")
        assert not isinstance(app.screen, ConversationScreen)


# --- 8 ------------------------------------------------------------------------------------------

async def test_notices_never_cover_the_answers(make):
    app = make(lang="ja")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press(DEMO)
        app.say("ブラウザーを開き直すとまたサインインを求められる場合は、次の質問で確かめます。" * 2)
        await pilot.pause()
        toasts = list(app.screen.query("Toast"))
        assert toasts
        answers = app.screen.query_one("#answers").region
        for toast in toasts:
            assert not toast.region.overlaps(answers), (toast.region, answers)


async def test_no_icon_stands_at_the_top_left(size, make):
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO)
        assert all(not icon.display for icon in app.screen.query("HeaderIcon"))


@pytest.mark.parametrize(("text", "cells", "expected"), [
    ("short", 10, "short"),
    ("「サインインの状態を維持しますか?」が表示されない", 20, "「サインインの状..."),
    ("abcdefghij", 6, "abc..."),
])
def test_shorten_marks_the_cut_with_three_dots(text, cells, expected):
    assert shorten(text, cells) == expected
    assert cell_len(shorten(text, cells)) <= cells


async def test_a_long_japanese_title_ends_with_dots_in_a_narrow_header(make):
    app = make(lang="ja")
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press(DEMO)
        app.screen.sub_title = "「サインインの状態を維持しますか?」という画面がまったく表示されない場合の確認"
        await pilot.pause()
        shown = app.screen.query_one("HeaderTitle").render().plain
        assert shown.endswith("...") and cell_len(shown) <= 60 - 12


# --- 9 ------------------------------------------------------------------------------------------

def _saved(content, answer: str) -> Session:
    session = Session(content, "demo")
    session.answer(answer)
    save_session(session.to_json())
    return session


def test_the_latest_conversation_is_offered_even_when_an_older_file_was_touched(content, state_dir):
    older = _saved(content, "no")
    newer_data = Session(content, "demo")
    newer_data.answer("yes")
    data = newer_data.to_json()
    data["updated"] = "2999-01-01T00:00:00+00:00"
    save_session(data)
    old_file = next(path for path in state_dir.glob("*.json") if path.stem == older.id)
    future = time.time() + 3600
    os.utime(old_file, (future, future))  # a copy or a backup restore reorders file times
    assert Guide(content).latest(unfinished=True).id == newer_data.id


@pytest.mark.parametrize(("lang", "expected"), [("ja", "2026年12月6日 09:05"), ("en", "6 Dec 2026, 09:05")])
def test_times_are_local_and_in_the_persons_language(monkeypatch, lang, expected):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        assert local_time("2026-12-06T00:05:00+00:00", lang) == expected
        assert local_time(1796515500, lang) == expected  # the same moment as the session store keeps it
    finally:
        monkeypatch.undo()
        time.tzset()


async def test_the_resume_prompt_shows_the_local_time(content, state_dir, export_dir, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        session = Session(content, "demo")
        session.answer("no")
        data = session.to_json()
        data["created"], data["updated"] = "2026-12-06T00:01:00+00:00", "2026-12-06T00:05:00+00:00"
        save_session(data)
        app = make_app(lang="ja", content_set=content, export_dir=export_dir)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ResumeScreen)
            assert "2026年12月6日 09:05" in app.screen.summary and "T00:05" not in app.screen.summary
    finally:
        monkeypatch.undo()
        time.tzset()


# --- 10 -----------------------------------------------------------------------------------------

def test_tickets_go_into_the_state_folder(state_dir):
    assert tickets_dir() == state_dir / "tickets"


@pytest.mark.parametrize(("env", "known"), [
    ({"TMUX": "/tmp/tmux-0/default,1,0", "TERM_PROGRAM": "tmux"}, False),
    ({"TMUX": "/tmp/tmux-0/default,1,0", "WT_SESSION": "x"}, False),
    ({"SSH_CONNECTION": "a b c d", "TERM_PROGRAM": "WezTerm"}, False),
    ({"TERM": "xterm-256color"}, False),
    ({"WT_SESSION": "x"}, True),
    ({"TERM_PROGRAM": "iTerm.app"}, True),
    ({"TERM": "xterm-kitty"}, True),
])
def test_a_clipboard_copy_is_known_only_where_it_works(env, known):
    assert clipboard_confirmed(env) is known


async def test_ctrl_s_in_tmux_names_the_full_path_and_claims_no_copy(content, state_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    monkeypatch.chdir(tmp_path)
    app = make_app(lang="en", content_set=content, offer_resume=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(DEMO, "2", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        written = sorted((state_dir / "tickets").glob("*.md"))
        assert written and not list(tmp_path.glob("*.md"))
        message = app.notices[-1][1]
        assert message == f"Written: {written[0].resolve()}"
        assert "clipboard" not in message
