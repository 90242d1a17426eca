"""Pilot tests of the ticket note (language, redaction, files, clipboard) and of resuming after a crash."""

from __future__ import annotations

import json

import pytest

from guide.engine.evidence.base import Evidence, Fact
from guide.engine.store import save_session
from guide.tui.screens.conversation import ConversationScreen
from guide.tui.screens.export import ExportScreen
from guide.tui.screens.resume import ResumeScreen
from guide.tui.screens.start import StartScreen

from support import stored_snapshot

UPN = "alice@contoso.com"
"""Personal data carried by the evidence reason, which redaction must hide."""


def with_upn_evidence(app):
    """Give `app` evidence whose reason names a UPN (it answers the demo's first question)."""
    fact = Fact("signin.user-type", "guest", 7, f"userType: Guest ({UPN})")
    app.book.add([Evidence("signin.json", "signin-log", {"signin.user-type": fact})], [])
    return app


async def walk_with_evidence(pilot):
    """Start the demo, accept the evidence's answer, open the ticket note."""
    await pilot.press("1", "enter", "ctrl+s")
    assert isinstance(pilot.app.screen, ExportScreen)


async def test_export_unredacted_writes_markdown_json_and_clipboard(size, make, export_dir):
    """Enter writes Markdown and JSON in the UI language and puts the Markdown on the clipboard."""
    app = with_upn_evidence(make(lang="en"))
    async with app.run_test(size=size) as pilot:
        await walk_with_evidence(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)
        stem = f"ticket-{app.conversation.session.id}-en"
        markdown = (export_dir / f"{stem}.md").read_text(encoding="utf-8")
        data = json.loads((export_dir / f"{stem}.json").read_text(encoding="utf-8"))
        assert markdown.startswith("## Sign-in troubleshooting: Demo")
        assert UPN in markdown and data["redacted"] is False and data["lang"] == "en"
        assert app.clipboard == markdown
        assert str(export_dir / f"{stem}.md") in app.notices[-1][1]


async def test_export_redacted_in_the_other_language(size, make, export_dir):
    """F2 writes the ticket in Japanese while the UI stays English; F3 redacts the UPN."""
    app = with_upn_evidence(make(lang="en"))
    async with app.run_test(size=size) as pilot:
        await walk_with_evidence(pilot)
        await pilot.press("f2", "f3")
        preview = app.screen.query_one("#export-text").content.plain
        assert "サインインのトラブルシューティング" in preview and UPN not in preview and "<user>" in preview
        await pilot.press("enter")
        stem = f"ticket-{app.conversation.session.id}-ja-redacted"
        markdown = (export_dir / f"{stem}.md").read_text(encoding="utf-8")
        data = json.loads((export_dir / f"{stem}.json").read_text(encoding="utf-8"))
        assert UPN not in markdown and "<user>" in markdown
        assert data["redacted"] is True and data["lang"] == "ja"
        assert app.lang == "en"
        assert app.clipboard == markdown


async def test_export_escape_writes_nothing(size, make, export_dir):
    """Escape closes the ticket note without writing a file."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press("1", "ctrl+s", "escape")
        assert isinstance(app.screen, ConversationScreen)
        assert not export_dir.exists() or not list(export_dir.iterdir())


async def test_resume_after_crash(size, make, state_dir):
    """A session saved mid-walk (the app then dies) is continued by --resume, at the same place."""
    first = make(lang="en")
    async with first.run_test(size=size) as pilot:
        await pilot.press("1", "3")
        session_id = first.conversation.session.id
    assert stored_snapshot(state_dir, session_id)

    resumed = make(lang="ja", resume="")
    async with resumed.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(resumed.screen, ConversationScreen)
        assert resumed.conversation.session.id == session_id
        assert resumed.conversation.session.position.node == "q-second"
        assert resumed.notices[0][1] == "前回の続きから再開しました。"
        await pilot.press("ctrl+z")
        assert resumed.conversation.session.position.node == "q-first"


async def test_resume_by_id(size, make, content):
    """--resume ID continues that session even when it is not the latest."""
    from guide.engine.session import Session

    older = Session(content, "demo", lang="en")
    older.answer("no")
    save_session(older.to_json())
    newer = Session(content, "other", lang="en")
    newer.answer("no")
    save_session(newer.to_json())
    app = make(lang="en", resume=older.id)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.conversation.session.position.node == "r-option"


async def test_start_offers_to_resume_the_latest_unfinished(size, make, content):
    """At start, an unfinished saved session is offered; Enter continues it."""
    from guide.engine.session import Session

    saved = Session(content, "demo", lang="en")
    saved.answer("no")
    save_session(saved.to_json())
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "Option off" in app.screen.summary
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)
        assert app.conversation.session.id == saved.id and app.conversation.session.position.node == "r-option"


async def test_start_offer_declined_starts_fresh(size, make, content):
    """Declining the offer (n) shows the symptom list; the saved session stays on disk."""
    from guide.engine.session import Session

    saved = Session(content, "demo", lang="en")
    saved.answer("no")
    path = save_session(saved.to_json())
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, StartScreen) and app.conversation is None
    assert path.is_file()


async def test_finished_sessions_are_not_offered(size, make, content):
    """A session closed as resolved is not offered at start."""
    from guide.engine.session import Session

    done = Session(content, "demo", lang="en")
    done.answer("yes")
    done.answer("fixed")
    save_session(done.to_json())
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_a_store_that_cannot_be_opened_ends_the_ui_with_its_one_line(size, make):
    """The saved conversation to offer is looked up once the first screen is drawn; when the store named
    cannot be opened, the UI stops and `run` reports the store's own one-line error, as before it started."""
    from guide.engine.service import GuideError, open_store

    with pytest.raises(GuideError) as opening:
        open_store("nosuchscheme://nowhere")
    app = make(lang="en", db="nosuchscheme://nowhere")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
    assert app.failure == str(opening.value) and "\n" not in app.failure
    assert app.return_code == 2
