"""Pilot tests of the conversation: answering, navigation, language, audience, palette, copy.

Each test drives the real app (`make_app`) over the two-tree fixture content
(`demo` links into `other`) at a fixed size, with sessions saved to a private
folder. Notices are read from `app.notices` because `run_test` hides toasts.
"""

from __future__ import annotations

import json

from guide.engine.evidence.base import Evidence, Fact
from guide.engine.model import NodeRef
from guide.tui.screens.conversation import ConversationScreen
from guide.tui.screens.copy import CopyScreen
from guide.tui.screens.export import ExportScreen
from guide.tui.screens.start import StartScreen
from guide.tui.widgets.answers import AnswerList
from guide.tui.widgets.chat import Transcript
from guide.tui.widgets.node_card import NodeCard

from support import stored_snapshot, stored_snapshots

DEMO = "1"
"""The start screen's number of the demo tree (trees are listed by id)."""


def at(app) -> str:
    """Where the walk stands, as ``tree/node``."""
    ref = app.conversation.session.position
    return f"{ref.tree}/{ref.node}"


def chat_text(app) -> str:
    """Everything the transcript shows, as plain text."""
    return app.screen.query_one(Transcript).text


def card_text(app) -> str:
    """Everything the current node's card shows, as plain text."""
    return "\n".join(widget.content.plain for widget in app.screen.query_one(NodeCard).query("Prose"))


async def test_start_screen_lists_trees_and_number_starts_one(size, make):
    """The start screen lists the trees; a number key starts that tree at its first question."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#trees", AnswerList).keys == ("demo", "other")
        await pilot.press(DEMO)
        assert isinstance(app.screen, ConversationScreen)
        assert at(app) == "demo/q-first"
        assert "Are you a guest?" in card_text(app)


async def test_answer_by_number_passes_info_and_reaches_resolution(size, make):
    """Key 1 answers "Yes"; the info node is shown as a message; the resolution names its cause."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "1")
        assert at(app) == "demo/r-guest"
        transcript = chat_text(app)
        assert "First question" in transcript and "Yes" in transcript
        assert "Guests never see it." in transcript
        card = card_text(app)
        assert "Guest user" in card and "Cause:" in card and "Did this fix it?" in card
        assert [key for key in app.screen.query_one("#answers", AnswerList).keys] == ["fixed", "escalate"]


async def test_answer_by_text_in_either_language_and_width(size, make):
    """Free text matches a label in either language, whatever its width or case."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO)
        await pilot.press(*"ｎｏ", "enter")
        assert at(app) == "demo/r-option"
        await pilot.press("ctrl+z")
        await pilot.press(*"いいえ", "enter")
        assert at(app) == "demo/r-option"
        await pilot.press(*"not fixed", "enter")
        assert at(app) == "demo/e-help"


async def test_unmatched_text_asks_for_a_number(size, make):
    """Text that names no answer leaves the walk where it is and says so."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, *"maybe", "enter")
        assert at(app) == "demo/q-first"
        assert "maybe" in app.notices[-1][1]


async def test_enter_on_empty_box_chooses_highlighted_answer(size, make):
    """Down moves the highlight; Enter in the empty box chooses the highlighted answer."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "down", "enter")
        assert at(app) == "demo/r-option"


async def test_clicking_an_answer_chooses_it(size, make):
    """Clicking an answer in the list chooses it and keeps focus in the text box."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO)
        answers = app.screen.query_one("#answers", AnswerList)
        await pilot.click(answers, offset=(4, 1))
        assert at(app) == "demo/r-option"
        assert app.focused is app.screen.query_one("#answer-input")


async def test_back_by_key_and_by_backspace(size, make):
    """Ctrl+Z goes back one step; Backspace in the empty box does too; at the start nothing happens."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "2", "2")
        assert at(app) == "demo/e-help"
        await pilot.press("ctrl+z")
        assert at(app) == "demo/r-option"
        await pilot.press("backspace")
        assert at(app) == "demo/q-first"
        await pilot.press("backspace")
        assert at(app) == "demo/q-first"
        assert app.notices[-1][1] == "Nothing to go back to."


async def test_restart_and_undo_restart(size, make):
    """Ctrl+R starts again from the first question; Back right after brings the walk back."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "2", "2")
        await pilot.press("ctrl+r")
        assert at(app) == "demo/q-first"
        assert chat_text(app) == ""
        await pilot.press("ctrl+z")
        assert at(app) == "demo/e-help"


async def test_link_continues_in_other_tree(size, make):
    """Answer 3 follows the link into the other tree; a note says so; the path shows both trees."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "3")
        assert at(app) == "other/q-second"
        assert "Continuing in 'Other tree'" in chat_text(app)
        await pilot.press("f4")
        assert app.screen.has_class("-show-where")
        where = app.screen.query_one("#where-text").content.plain
        assert "Guide: Demo" in where and "Guide: Other tree" in where and "Second question" in where


async def test_language_switch_is_live_and_includes_the_transcript(size, make):
    """F2 switches to Japanese: transcript, card, answers, keys and system commands follow."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "2")
        assert "First question" in chat_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "ja"
        assert "最初の質問" in chat_text(app) and "いいえ" in chat_text(app)
        assert "設定がオフ" in card_text(app)
        labels = [str(option.prompt) for option in app.screen.query_one("#answers", AnswerList).options]
        assert any("解決した" in label for label in labels)
        descriptions = {binding.id: binding.description for _, binding, *_ in app.screen.active_bindings.values()}
        assert descriptions["walk.back"] == "戻る"
        assert [command.title for command in app.get_system_commands(app.screen)][:2] == ["テーマ", "終了"]
        assert app.conversation.session.lang == "ja"
        await pilot.press("ctrl+t")
        assert app.lang == "en" and "First question" in chat_text(app)


async def test_mode_switch_shows_agent_wording(size, make):
    """F3 switches to the support-agent text of the node (and back)."""
    app = make(lang="en", mode="user")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO)
        assert "Are you a guest?" in card_text(app)
        await pilot.press("f3")
        assert app.audience == "agent"
        assert "Ask the caller whether they are a guest." in card_text(app)


async def test_agent_mode_from_the_start(size, make):
    """--mode agent shows the agent wording from the first question."""
    app = make(lang="ja", mode="agent")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO)
        assert "お客様にゲストかどうか確認してください。" in card_text(app)


async def test_palette_jumps_by_japanese_title(size, make):
    """The command palette finds a node by its Japanese title and jumps there."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "ctrl+p")
        await pilot.press(*"二つ目")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert at(app) == "other/q-second"
        await pilot.press("ctrl+z")
        assert at(app) == "demo/q-first"


async def test_palette_jumps_by_english_title_from_japanese_ui(size, make):
    """In the Japanese UI the palette still finds English titles."""
    app = make(lang="ja")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "ctrl+p")
        await pilot.press(*"Option off")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert at(app) == "demo/r-option"


async def test_escalate_opens_the_ticket_note(size, make):
    """At a resolution, "escalate" (the last number) opens the ticket note for the hand-over."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "2", "3")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.escalate
        await pilot.press("escape")
        assert isinstance(app.screen, ConversationScreen)


async def test_fixed_closes_the_walk(size, make):
    """"It is fixed" closes the walk as resolved; the answers disappear."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "1", "1")
        assert app.conversation.session.outcome == "resolved"
        assert "Resolved." in card_text(app)
        assert not app.screen.query_one("#answers", AnswerList).display


async def test_copy_single_request_goes_straight_to_clipboard(size, make, monkeypatch):
    """With one thing to copy (the user's request to IT), Ctrl+Y copies it at once (in a terminal known to take it)."""
    for name in ("TMUX", "STY", "SSH_CONNECTION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM_PROGRAM", "WezTerm")
    app = make(lang="en", mode="user")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "2")
        await pilot.press("ctrl+y")
        assert "Hello IT team" in app.clipboard
        assert app.notices[-1][1].startswith("Sent to the terminal's clipboard")


async def test_copy_chooser_by_number(size, make):
    """With several commands, Ctrl+Y asks which; a number copies that exact command."""
    app = make(lang="en", mode="user")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "3", "1")
        assert at(app) == "other/e-other"
        assert "dsregcmd /status" in card_text(app)
        await pilot.press("ctrl+y")
        assert isinstance(app.screen, CopyScreen)
        await pilot.press("2")
        assert app.clipboard == "cmdkey /list"


async def test_copy_key_hidden_where_nothing_to_copy(size, make):
    """At a question there is nothing to copy: the key is not offered."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO)
        ids = {binding.id for _, binding, *_ in app.screen.active_bindings.values()}
        assert "walk.copy" not in ids and "walk.back" in ids


async def test_evidence_proposal_shown_accepted_and_overridable(size, make):
    """Evidence proposes an answer with its reason; Enter accepts it (logged by evidence); a number overrides."""
    app = make(lang="en")
    fact = Fact("signin.user-type", "guest", 12, "userType: Guest")
    app.book.add([Evidence("signin.json", "signin-log", {"signin.user-type": fact})], [])
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO)
        bar = app.screen.query_one("#proposal")
        assert bar.display and "userType: Guest (signin.json:12)" in bar.content.plain
        assert app.screen.query_one("#answers", AnswerList).highlighted_key == "yes"
        await pilot.press("2")
        assert at(app) == "demo/r-option" and app.conversation.session.visits[0].by == "user"
        await pilot.press("ctrl+z", "enter")
        assert at(app) == "demo/r-guest"
        assert app.conversation.session.visits[0].by == "evidence"
        assert "Answered from evidence: userType: Guest (signin.json:12)" in chat_text(app)


async def test_content_is_never_markup(size, make, markup_content):
    """Author text with square brackets is shown literally, in the card, the transcript and the answers."""
    app = make(lang="en", content_set=markup_content)
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO)
        assert "Are you a [b]guest[/b]? See [*.]microsoft.com" in card_text(app)
        labels = [str(option.prompt) for option in app.screen.query_one("#answers", AnswerList).options]
        assert any("[red]Yes[/red]" in label for label in labels)
        await pilot.press("1")
        assert "[red]Yes[/red]" in chat_text(app)


async def test_escape_goes_home_and_zero_continues(size, make):
    """Escape returns to the symptom list, where 0 continues the conversation in progress."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "2", "escape")
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#trees", AnswerList).keys[0] == "<continue>"
        await pilot.press("0")
        assert isinstance(app.screen, ConversationScreen) and at(app) == "demo/r-option"


async def test_start_by_free_text_lists_the_close_guides(size, make):
    """Typing on the start screen asks the router; a fit that is not clear lists the close guides to choose from."""
    from guide.tui.screens.start import StartScreen

    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"Option off", "enter")
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#trees", AnswerList).keys == ("demo",)
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen) and at(app) == "demo/q-first"


async def test_a_guide_chosen_from_the_narrowed_list_records_the_words_like_the_web_page(size, make):
    """Free text that lists close guides, then a pick from that list: the walk begins at the guide's start,
    and the conversation keeps the words (redacted) and the router's tree, stored at once, as the web page's
    does; a pick from the whole list afterwards records no text."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"Option off for alice@contoso.com", "enter")
        assert app.screen.query_one("#trees", AnswerList).keys == ("demo",)
        await pilot.press("1")
        assert isinstance(app.screen, ConversationScreen) and at(app) == "demo/q-first"
        stored = app.guide.store.load(app.conversation.id).row
        assert (stored.entry_text, stored.routed_tree, stored.tree) == ("Option off for <user>", "demo", "demo")
        assert [step.kind for step in app.guide.store.steps(app.conversation.id)] == ["start"]
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen) and app.screen.narrowed_by is None
        await pilot.press(DEMO, "2")
        again = app.guide.store.load(app.conversation.id).row
        assert again.id != stored.id and (again.entry_text, again.routed_tree) == (None, None)


async def test_start_by_symptom_with_the_engine_router(size, make):
    """With the engine's router, describing the symptom in Japanese starts the tree for it."""
    app = make(lang="ja")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"サインインの状態を維持しますか が出ない", "enter")
        assert isinstance(app.screen, ConversationScreen) and app.conversation.session.tree == "demo"
        stored = app.guide.conversation(app.conversation.session.id)
        assert (stored.entry_text, stored.routed_tree) == ("サインインの状態を維持しますか が出ない", "demo")


async def test_unknown_text_on_start_screen_says_so(size, make):
    """Text that fits no guide leaves the list as it is and says so."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"zzzz qqqq", "enter")
        assert isinstance(app.screen, StartScreen)
        assert "zzzz qqqq" in app.notices[-1][1]


async def test_every_step_is_saved(size, make, state_dir):
    """After each answer the session file holds the step log (atomic autosave)."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "2")
        saved = stored_snapshot(state_dir, app.conversation.session.id)
        assert saved["position"] == {"tree": "demo", "node": "r-option"}
        await pilot.press("ctrl+z")
        saved = stored_snapshot(state_dir, app.conversation.session.id)
        assert saved["steps"] == []


async def test_jump_message_from_start_screen_starts_the_tree(size, make):
    """A screen asking to jump while no conversation is open starts one in that tree, at that node."""
    from guide.tui.messages import JumpRequested

    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        app.screen.post_message(JumpRequested(NodeRef("other", "q-second")))
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen) and at(app) == "other/q-second"


async def test_help_lists_our_keys_in_the_ui_language(size, make):
    """F1 explains the screen's keys in Japanese (not Textual's English input keys); Esc closes it."""
    from guide.tui.screens.help import HelpScreen

    app = make(lang="ja")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "f1")
        assert isinstance(app.screen, HelpScreen)
        rows = {description for _, description, _ in app.screen.rows}
        assert {"回答", "戻る", "最初から", "English", "チケット"} <= rows
        assert not any("cursor" in description for description in rows)
        assert any(keys == "Up / Down" for keys, _, _ in app.screen.rows)
        await pilot.press("escape")
        assert isinstance(app.screen, ConversationScreen)


async def test_palette_from_start_screen_starts_at_a_question(size, make):
    """On the start screen the palette jumps straight to a question, starting its guide."""
    app = make(lang="ja")
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+p", *"設定がオフ")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen) and at(app) == "demo/r-option"


async def test_palette_runs_walk_commands_in_japanese(size, make):
    """The palette offers the walk's commands in the UI language (here: restart)."""
    app = make(lang="ja")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "2", "ctrl+p", *"最初から")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert at(app) == "demo/q-first"


async def test_switching_language_before_answering_writes_no_file(size, make, state_dir):
    """A walk with no step is not saved (nothing to lose, nothing to offer later)."""
    app = make(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.press(DEMO, "f2")
        assert stored_snapshots(state_dir) == []
