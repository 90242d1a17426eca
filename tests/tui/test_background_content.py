"""The content read in a thread while the start screen is drawn (`make_app(background=True)`, as `guide`
runs): a number pressed before the read finishes still starts the guide with that number,, and a tree
with errors is left out of the list as when the content is read up front."""

from __future__ import annotations

import shutil
import threading

from guide.engine.service import Guide
from guide.tui.screens.conversation import ConversationScreen

from conftest import FIXTURES


class HeldGuide(Guide):
    """The facade whose background read (the app's thread) waits until the test lets it go on."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.released = threading.Event()
        """Set to let the app's thread read the content."""
        self.entered = threading.Event()
        """Set when the app's thread has started its read."""

    def symptoms(self, lang, *, sub_flows=False):
        if threading.current_thread() is not threading.main_thread():
            self.entered.set()
            self.released.wait()
        return super().symptoms(lang, sub_flows=sub_flows)


async def test_a_number_pressed_before_the_content_is_read_starts_that_guide(size, make):
    guide = HeldGuide.open(background=True)  # the shipped content: a two-digit list
    assert not guide.loaded
    app = make(lang="en", content_set=None, guide=guide, offer_resume=False)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert not guide.loaded and not app.screen.query_one("#trees").keys
            await pilot.press("0", "2")
            await pilot.pause()
            assert isinstance(app.screen, ConversationScreen)
            second = guide.symptoms("en", sub_flows=True)[1].tree
            assert app.conversation.session.tree == second
    finally:
        guide.released.set()


async def test_a_tree_with_errors_read_in_the_background_leaves_the_same_list_as_read_up_front(size, make, tmp_path):
    """A tree with errors is left out of the list (never takes down the rest), as when read before the UI."""
    bad = tmp_path / "bad"
    shutil.copytree(FIXTURES, bad)
    (bad / "trees" / "broken.yaml").write_text("id: demo\nid: again\n", encoding="utf-8")
    up_front = [item.tree for item in Guide.open(bad / "trees", bad / "content").symptoms("en", sub_flows=True)]
    app = make(lang="en", content_set=None, trees=bad / "trees", content=bad / "content", background=True)
    assert not app.guide.loaded
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.error is None and app.return_code is None
        assert list(app.screen.query_one("#trees").keys) == up_front and "broken" not in up_front
        assert not app.screen.query_one("#start-input").disabled
