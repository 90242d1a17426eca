"""The start screen before the content is read: `guide` lists the guides from their start list and reads
the content once the screen is drawn (`Guide.open(background=True)`). The list shown is the compiled
content's, a file that does not load is left out once it is read, and the first pick starts the walk.
Notices are read from `app.notices` because `run_test` hides toasts."""

from __future__ import annotations

import pytest

from support import BASIC

from guide.engine.loader import load_content
from guide.engine.service import Guide
from guide.tui.app import make_app
from guide.tui.screens.conversation import ConversationScreen
from guide.tui.screens.start import StartScreen
from guide.tui.widgets.answers import AnswerList


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    """An empty content cache of this test (as after an install or an edit)."""
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def shown(app) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The start screen's list: its keys and their labels."""
    trees = app.screen.query_one("#trees", AnswerList)
    return trees.keys, tuple(str(option.prompt) for option in trees.options)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("cached", [False, True], ids=["after-an-edit", "warm"])
async def test_the_list_is_the_contents_and_the_first_pick_starts_the_walk(lang, cached, size, state_dir, export_dir,
                                                                         cache_folder):
    trees, words = BASIC / "trees", BASIC / "content"
    if cached:
        Guide.open(trees, words, background=True).read_content()  # an earlier start kept the content and its list
    loaded = make_app(lang=lang, content_set=load_content(trees, words).content, export_dir=export_dir)
    app = make_app(lang=lang, trees=trees, content=words, export_dir=export_dir)
    async with loaded.run_test(size=size):
        expected = shown(loaded)
    async with app.run_test(size=size) as pilot:
        assert isinstance(app.screen, StartScreen) and shown(app) == expected
        await pilot.press("1")
        assert isinstance(app.screen, ConversationScreen)
        assert app.conversation is not None and app.conversation.position.tree == expected[0][0]
    assert app.guide.content == loaded.guide.content


async def test_a_file_that_does_not_load_is_left_out_once_the_content_is_read(size, state_dir, export_dir,
                                                                             cache_folder, basic_copy):
    trees, words = basic_copy / "trees", basic_copy / "content"
    path = trees / "other.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  q-second:\n    type: info\n", encoding="utf-8")
    app = make_app(lang="en", trees=trees, content=words, export_dir=export_dir)
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown(app)[0] == ("demo",)  # listed from its first lines, then left out with the content
        await pilot.press("2")
        assert isinstance(app.screen, StartScreen)
        assert app.notices[-1][0] == "warning" and "2" in app.notices[-1][1]
        await pilot.press("1")
        assert isinstance(app.screen, ConversationScreen)
