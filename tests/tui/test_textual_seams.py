"""Where the UI meets Textual: each seam is a public Textual API, and these tests fail loudly when an
upgrade moves it (see pyproject.toml's pinned range of textual)."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

from textual.widgets import Footer

from guide.tui.screens.conversation import ConversationScreen
from guide.tui.widgets.answers import AnswerInput
from guide.tui.widgets.keybar import KEY, KeyBar

ROOT = Path(__file__).resolve().parents[2]


def footer_words(app) -> set[str]:
    """The descriptions of the keys the footer draws (the key bar keeps the keys not offered, hidden)."""
    return {getattr(key, "description", None) for key in app.screen.query_one(Footer).walk_children()
            if key.display} - {None}


def test_textual_is_the_version_the_seams_were_tested_with():
    """pyproject.toml pins textual to the range these tests ran on; a newer one must pass them first."""
    pinned = re.search(r'"textual(>=[^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    low, high = re.fullmatch(r">=([\d.]+),<([\d.]+)", pinned).groups()
    installed = tuple(int(part) for part in version("textual").split(".")[:3])
    assert tuple(int(p) for p in low.split(".")) <= installed < tuple(int(p) for p in high.split(".")), pinned


async def test_the_footer_reads_the_keys_in_the_screens_language(size, make):
    """`LocalizedBindings` overrides the public `Screen.active_bindings`; the footer must draw from it."""
    app = make(lang="ja")
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        assert isinstance(app.screen, ConversationScreen)
        shown = footer_words(app)
        assert "戻る" in shown and "Back" not in shown
        await pilot.press("f2")
        await pilot.pause()
        shown = footer_words(app)
        assert "Back" in shown and "戻る" not in shown


async def test_the_footers_keys_are_footerkeys_with_their_action(size, make):
    """`KeyBar` finds Textual's footer keys by their CSS type (`FooterKey`, not exported) and hides them by the
    public `action` each keeps; a key bar that finds none would show keys never offered."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        keys = list(app.screen.query_one(KeyBar).query(KEY))
        assert keys and {key.action for key in keys} >= {"back", "copy", "run"}


async def test_a_digit_in_the_empty_box_answers_and_is_not_typed(size, make):
    """`AnswerInput.on_key` runs before `Input`'s own key handling and stops it for a digit in an empty box."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press("1", "2")  # start the demo tree, then answer "no"
        assert app.conversation.session.steps[-1].answer == "no"
        box = app.screen.query_one(AnswerInput)
        assert box.value == ""
        await pilot.press("a", "2")
        assert box.value == "a2"  # not empty: the digit is typed
