"""Pilot tests of running an action from a resolution or escalation card.

The platform and the process runner are injected through `make_app`
(``platform=``, ``runner=``): "Windows" commands are confirmed and "run" by a
`FakeRunner` that records argument lists and starts nothing. Every outcome is
recorded in the session (and its saved file); an action that ran at a node is
shown as done there and never run again, whatever back and forward do.
"""

from __future__ import annotations

import json

from guide.engine.model import ActionRef, NodeRef
from guide.engine.service import Guide
from guide.tui.screens.conversation import ConversationScreen
from guide.tui.screens.run import RunChoiceScreen, RunScreen
from guide.tui.widgets.node_card import NodeCard

from support import stored_snapshot

OTHER_ESCALATION = ("1", "3", "1")
"""Start the demo, follow the link, answer: the escalation whose action (collect-diagnostics) can run."""

CLOCK = ("1", "1")
"""Start the clock tree and say the time is wrong: the resolution with two runnable actions."""


def card_text(app) -> str:
    """Everything the current node's card shows, as plain text."""
    return "\n".join(widget.content.plain for widget in app.screen.query_one(NodeCard).query("Prose"))


def binding_ids(app) -> set[str]:
    """The ids of the keys the current screen offers."""
    return {binding.id for _, binding, *_ in app.screen.active_bindings.values()}


def saved(state_dir, app) -> dict:
    """The session file the app wrote."""
    return stored_snapshot(state_dir, app.conversation.session.id)


async def finish(pilot) -> None:
    """Let the commands' thread finish and the outcome be drawn."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_run_asks_first_with_the_exact_commands_then_records_ran(size, make, runner, state_dir):
    """F6 shows the exact commands and runs nothing until Enter; the run is recorded, saved and shown as done."""
    app = make(lang="en", platform="win32", runner=runner)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*OTHER_ESCALATION)
        assert "F6 runs an action's command on this computer (you confirm first)." in card_text(app)
        assert "walk.run" in binding_ids(app)
        await pilot.press("f6")
        assert isinstance(app.screen, RunScreen)
        assert app.screen.commands == ["dsregcmd /status", "cmdkey /list"]
        shown = [widget.command for widget in app.screen.query("CommandText")]
        assert shown == ["dsregcmd /status", "cmdkey /list"]
        assert runner.calls == []
        await pilot.press("enter")
        await finish(pilot)
        assert runner.programs == ["dsregcmd.exe", "cmdkey.exe"]
        assert [argv[1:] for argv, _ in runner.calls] == [["/status"], ["/list"]]
        assert all(options["shell"] is False for _, options in runner.calls)
        assert "dsregcmd.exe output" in app.screen.query_one("#run-output-text").content.plain
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        ref = NodeRef("other", "e-other")
        assert [(run.action, run.status) for run in app.conversation.session.runs_at(ref)] == [("collect-diagnostics", "ran")]
        assert saved(state_dir, app)["runs"][0]["status"] == "ran"
        assert "Already done: ran on this computer" in card_text(app)
        assert "walk.run" not in binding_ids(app)
        assert app.notices[-1][1] == "Ran: Collect diagnostic information"


async def test_back_and_forward_never_run_it_again(size, make, runner):
    """After a run, going back and answering again shows the action as done and runs nothing more."""
    app = make(lang="en", platform="win32", runner=runner)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*OTHER_ESCALATION, "f6", "enter")
        await finish(pilot)
        await pilot.press("enter", "ctrl+z")
        assert app.conversation.session.position == NodeRef("other", "q-second")
        await pilot.press("1")
        await pilot.pause()
        assert app.conversation.session.position == NodeRef("other", "e-other")
        assert "Already done: ran on this computer" in card_text(app)
        app.screen.action_run()
        await pilot.pause()
        assert not isinstance(app.screen, RunScreen)
        assert app.notices[-1][1] == "Every action here has already run; it is not run again."
        assert len(runner.calls) == 2 and len(app.conversation.session.runs) == 1


async def test_declining_runs_nothing_and_is_recorded(size, make, runner, state_dir):
    """n closes the dialog without running anything; "declined" is recorded and the key is still offered."""
    app = make(lang="en", platform="win32", runner=runner)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*OTHER_ESCALATION, "f6", "n")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert runner.calls == []
        assert [run.status for run in app.conversation.session.runs] == ["declined"]
        assert saved(state_dir, app)["runs"][0]["action"] == "collect-diagnostics"
        assert "Last attempt: you chose not to run it" in card_text(app)
        assert "walk.run" in binding_ids(app)


async def test_off_windows_the_command_is_for_copying(size, make, runner, state_dir):
    """Off Windows the card says the command is shown to copy; F6 records unsupported-platform and asks nothing."""
    app = make(lang="en", platform="linux", runner=runner)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*OTHER_ESCALATION)
        assert "Commands run only on Windows; here the command is shown for you to copy (Ctrl+Y)." in card_text(app)
        assert "walk.run" in binding_ids(app)  # offered in the footer, and it says why nothing runs
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert runner.calls == []
        assert [run.status for run in app.conversation.session.runs] == ["unsupported-platform"]
        assert saved(state_dir, app)["runs"][0]["status"] == "unsupported-platform"
        assert app.notices[-1] == ("warning", "Commands run only on Windows. The command is shown for you to copy "
                                              "(Ctrl+Y).")


async def test_japanese_confirmation_shows_the_same_commands(size, make, runner):
    """In Japanese the dialog asks in Japanese; the commands are exactly the same."""
    app = make(lang="ja", platform="win32", runner=runner)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*OTHER_ESCALATION, "ctrl+o")
        assert isinstance(app.screen, RunScreen)
        text = "\n".join(widget.content.plain for widget in app.screen.query("Prose"))
        assert "このコンピューターで実行しますか?" in text and "情報を読み取るだけで" in text
        assert app.screen.commands == ["dsregcmd /status", "cmdkey /list"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.conversation.session.runs[-1].status == "declined"


async def test_several_runnable_actions_ask_which_first(size, make, runner, actions_content):
    """With two runnable actions, F6 asks which (by number), then confirms that one only."""
    app = make(lang="en", platform="win32", runner=runner, content_set=actions_content)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*CLOCK)
        assert app.conversation.session.position == NodeRef("clock", "r-clock")
        await pilot.press("f6")
        assert isinstance(app.screen, RunChoiceScreen)
        assert [action.id for action in app.screen.actions] == ["sync-clock", "refresh-prt"]
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and app.screen.commands == ["dsregcmd /status"]
        assert "It changes settings or state on this computer." in "\n".join(
            widget.content.plain for widget in app.screen.query("Prose"))
        await pilot.press("y")
        await finish(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert runner.programs == ["dsregcmd.exe"]
        assert "Already done: ran on this computer" in card_text(app)
        await pilot.press("f6")
        assert isinstance(app.screen, RunScreen) and app.screen.commands == ["w32tm /resync"]


async def test_a_command_that_fails_to_start_is_recorded_as_failed(size, make, runner, actions_content):
    """A program that cannot start: "failed" is recorded and said as an error."""
    runner.error = FileNotFoundError("w32tm.exe not found")
    app = make(lang="en", platform="win32", runner=runner, content_set=actions_content)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*CLOCK, "f6", "1", "enter")
        await finish(pilot)
        assert "could not be run" in app.screen.query_one("#run-output-text").content.plain
        await pilot.press("enter")
        await pilot.pause()
        assert [run.status for run in app.conversation.session.runs] == ["failed"]
        severity, said = app.notices[-1]
        assert severity == "error" and said.startswith("Could not run 'Set the PC's date and time correctly'")


async def test_a_nonzero_exit_code_is_ran_with_a_warning(size, make, runner, actions_content):
    """A command that ends with an error code still ran (recorded "ran"); the person is told to check it."""
    runner.returncode = 5
    app = make(lang="en", platform="win32", runner=runner, content_set=actions_content)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*CLOCK, "f6", "1", "enter")
        await finish(pilot)
        assert "Finished (exit code 5)" in app.screen.query_one("#run-output-text").content.plain
        await pilot.press("enter")
        await pilot.pause()
        assert app.conversation.session.runs[-1].status == "ran"
        assert app.notices[-1][0] == "warning" and "exit code 5" in app.notices[-1][1]


async def test_admin_action_for_a_user_is_a_request_to_it_not_a_run(size, make, runner):
    """An administrator's action shown to a user is the request to IT; there is nothing to run."""
    app = make(lang="en", mode="user", platform="win32", runner=runner)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1", "2")
        assert app.conversation.session.position == NodeRef("demo", "r-option")
        text = card_text(app)
        assert "Request to your IT department" in text and "Hello IT team" in text
        assert "F6" not in text and "walk.run" not in binding_ids(app)
        app.screen.action_run()
        assert app.notices[-1][1] == "There is nothing to run here."
        assert app.conversation.session.runs == () and runner.calls == []


def test_runner_reports_why_nothing_can_run(runner, content):
    """Headless: not-runnable and invalid come from the registry's `run_action`, and nothing is started."""
    guide = Guide(content, platform="win32", runner=runner)
    admin = guide.action(ActionRef("enable-kmsi-option"), None, "en", "user")
    assert not admin.runnable
    assert guide.prepare_run(admin, "en", "user").result.status == "not-runnable"
    bad = guide.action(ActionRef("sync-clock", {"unexpected": "x & calc"}), None, "en", "user")
    assert not bad.known and guide.prepare_run(bad, "en", "user").result.status == "invalid"
    clock = guide.action(ActionRef("sync-clock"), None, "en", "user")
    prepared = guide.prepare_run(clock, "en", "user")
    assert prepared.result is None and prepared.rendered.commands[0].argv == ("w32tm", "/resync")
    assert guide.decline_action(clock, "en", "user").status == "declined"
    assert runner.calls == []
    assert guide.run_action(clock, prepared.rendered, "en", "user").status == "ran"
    assert runner.programs == ["w32tm.exe"]
