"""Snapshot tests: what the screens look like, in Japanese and English.

Each test's docstring says what a reviewer should see in its SVG (under
``__snapshots__/test_snapshots/`` beside this file). The runs are
deterministic: a fixed terminal size, fixture content, the language passed
explicitly, the clock frozen, a private state folder (``GUIDE_STATE_DIR``),
a fixed ticket folder name, Windows as the platform (so the run hint is the
same everywhere), and the text box's cursor steady instead of blinking.

CJK looks squeezed in the SVGs (the browser's font is narrower than two
cells); judge Japanese by the cell positions, not by the glyph widths.
A failing snapshot writes a report; review it, then update with
``python -m pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

SIZE = (100, 40)
"""The terminal size of the snapshots."""

TALL = (100, 50)
"""A taller terminal for the resolution card, so its actions fit on one screen."""

FROZEN_TIME = "2025-01-06T09:00:00+00:00"
"""What the session clock says during a snapshot."""


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> str:
    """Stop the session clock (created, updated and run times)."""
    import guide.engine.session

    monkeypatch.setattr(guide.engine.session, "now", lambda: FROZEN_TIME)
    return FROZEN_TIME


@pytest.fixture
def snap_app(make, runner):
    """Build the app for a snapshot: fixed ticket folder, Windows, a runner that runs nothing."""

    def build(**options):
        options.setdefault("export_dir", Path("tickets"))
        options.setdefault("platform", "win32")
        options.setdefault("runner", runner)
        return make(**options)

    return build


def steady(*keys: str):
    """A `run_before` that presses `keys`, then stops every text box's cursor from blinking."""

    async def run_before(pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        for screen in pilot.app.screen_stack:
            for box in screen.query(Input):
                box.cursor_blink = False
        await pilot.pause()

    return run_before


class TestScreens:
    """The main screens, one snapshot each."""

    def test_start_screen_japanese(self, snap_compare, snap_app):
        """The Japanese start screen.

        Reviewer should see: the header "サインイン ガイド | ご自身で解決"; the bold
        heading "どのような問題が起きていますか?" and the hint under it; the two
        guides numbered "1 デモ" and "2 別のツリー", 1 highlighted, both labels
        starting in the same cell; the text box's Japanese placeholder with a
        steady cursor; Japanese key names in the footer ("選択", "English",
        "移動", "ヘルプ", "証跡").
        """
        app = snap_app(lang="ja")
        assert snap_compare(app, terminal_size=SIZE, run_before=steady())

    def test_question_japanese_with_numbered_answers(self, snap_compare, snap_app):
        """A Japanese question with its numbered answers.

        Reviewer should see: the card "最初の質問" / "ゲストですか?" at the end of
        an empty transcript; at the bottom the answers "1 はい", "2 いいえ",
        "3 別のツリーへ" (labels in one column), 1 highlighted; the header's
        subtitle "デモ"; the footer with "1-9 回答", "戻る", "最初から", "English",
        "現在地", "チケット", "移動", "ヘルプ", "証跡".
        """
        app = snap_app(lang="ja")
        assert snap_compare(app, terminal_size=SIZE, run_before=steady("1"))

    def test_resolution_card_english_with_actions_and_commands(self, snap_compare, snap_app, actions_content):
        """An English resolution card with its actions and exact commands.

        Reviewer should see: above, the transcript (the question "Clock" and the
        answer "Yes, it is wrong" on the right); the green card "Wrong time",
        "Cause: The PC's date or time is wrong", the node's text, "What to do"
        with two actions ("Set the PC's date and time correctly" and "Refresh
        the Primary Refresh Token (PRT)"), each with numbered steps whose wrapped
        lines hang under their text, and a code block ("cmd" over
        "w32tm /resync", "dsregcmd /status"); the hints "Ctrl+Y copies" and "F6
        runs an action's command on this computer (you confirm first)."; "Did
        this fix it?"; the answers 1 It is fixed, 2 Not fixed, 3 Escalate.
        """
        app = snap_app(lang="en", content_set=actions_content)
        assert snap_compare(app, terminal_size=TALL, run_before=steady("1", "1"))

    def test_export_preview(self, snap_compare, snap_app):
        """The ticket note's preview, written in English about a walk to a resolution.

        Reviewer should see: a dialog over the dimmed conversation titled
        "Ticket note"; "Language: English (F2 switches)", "Personal data: kept
        (F3 switches)", "Folder: tickets"; the Markdown preview starting
        "## Sign-in troubleshooting: Demo" with the path (1. First question:
        **No**, 2. Option off), the conclusion (the cause in words with
        `kmsi-option-disabled`, the action with `enable-kmsi-option`) and
        "Outcome: open"; the hint "Enter writes the files and copies the note /
        Esc closes".
        """
        app = snap_app(lang="en")
        assert snap_compare(app, terminal_size=SIZE, run_before=steady("1", "2", "ctrl+s"))
