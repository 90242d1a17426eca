"""The key bar shows the same keys, in the same order and states, as Textual's own footer, and shows or hides
the keys that come and go (copy, run, 1-9 / 01-99) in place instead of composing itself again."""

from __future__ import annotations

from textual.widgets import Footer

from guide.engine.service import ui
from guide.tui.screens.conversation import ConversationScreen
from guide.tui.widgets.keybar import KEY, KeyBar

INTO_THE_OTHER_GUIDE = ("1", "3")
"""Start the demo guide and follow its link to the other guide's question."""


def drawn(footer: Footer) -> list[tuple[str, str, str, bool]]:
    """The keys a footer draws: key, how it is shown, description, dimmed."""
    return [(key.key, key.key_display, key.description, key.has_class("-disabled"))
            for key in footer.query(KEY) if key.display]


async def test_the_key_bar_draws_what_textuals_footer_draws_and_keeps_its_keys(size, make):
    """At a question, at an escalation with commands (copy and run come), and back (they go): the key bar
    draws the keys Textual's footer draws for the same screen, with the same key widgets throughout."""
    app = make(lang="en", platform="win32")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*INTO_THE_OTHER_GUIDE)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        plain = Footer(show_command_palette=False)
        await screen.mount(plain)
        screen.refresh_bindings()
        await pilot.pause()
        bar = screen.query_one(KeyBar)
        keys = list(bar.query(KEY))
        seen = []
        for step in ("", "1", "ctrl+z"):
            if step:
                await pilot.press(step)
                await pilot.pause()
            shown = drawn(bar)
            assert shown == drawn(plain), step
            seen.append({description for _, _, description, _ in shown})
            assert list(bar.query(KEY)) == keys, f"the key bar was composed again after {step!r}"
        question, resolution, back = seen
        assert question == back
        assert resolution - question == {ui("binding.walk.copy", "en"), ui("binding.walk.run", "en")}


async def test_a_new_language_composes_the_key_bar_again(size, make):
    """Descriptions are not changed in place: another language composes the keys in it."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        bar = app.screen.query_one(KeyBar)
        english = list(bar.query(KEY))
        await pilot.press("f2")
        await pilot.pause()
        assert "戻る" in {description for _, _, description, _ in drawn(bar)}
        assert not set(bar.query(KEY)) & set(english)
