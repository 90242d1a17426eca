"""Pilot tests of evidence in the UI: paste or open a file, see findings, jump to the fix.

These use the shipped content (the kmsi-missing tree), whose AD FS question
and resolutions the AD FS claim-rule evidence below speaks to.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, TextArea

from guide.engine.loader import load_content
from guide.tui.screens.conversation import ConversationScreen
from guide.tui.screens.evidence import EvidenceScreen
from guide.tui.widgets.answers import AnswerList

ADFS_RULES = (
    'exists ([Type == "http://schemas.microsoft.com/2012/01/requestcontext/claims/x-ms-proxy"]) => '
    'issue(Type = "http://schemas.microsoft.com/ws/2012/01/insidecorporatenetwork", Value = "false");\n'
    'NOT exists ([Type == "http://schemas.microsoft.com/2012/01/requestcontext/claims/x-ms-proxy"]) => '
    'issue(Type = "http://schemas.microsoft.com/ws/2012/01/insidecorporatenetwork", Value = "true");\n'
)
"""AD FS issuance transform rules with insidecorporatenetwork but no psso claim."""


@pytest.fixture(scope="module")
def shipped():
    """The content shipped with the package."""
    return load_content().content


async def test_paste_evidence_then_jump_to_the_finding(size, make, shipped):
    """F5, paste AD FS rules, F5 reads them: the finding is listed; its number jumps to that resolution."""
    app = make(lang="en", mode="agent", content_set=shipped)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1", "f5")
        assert isinstance(app.screen, EvidenceScreen)
        app.screen.query_one(TextArea).post_message(events.Paste(ADFS_RULES))
        await pilot.pause()
        await pilot.press("f5")
        assert [item.kind for item in app.book.items] == ["adfs-rules"]
        assert app.book.findings and app.book.findings[0].cause == "kmsi-federated-iwa"
        assert "adfs-rules" in app.screen.query_one("#evidence-read").content.plain
        assert app.screen.query_one("#findings", AnswerList).keys == tuple(
            str(index) for index in range(len(app.book.findings)))
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        node = app.conversation.session.node
        assert node.type == "resolution" and node.cause == "kmsi-federated-iwa"
        assert "adfs.psso-rule" in app.conversation.session.facts


async def test_evidence_file_by_path_answers_questions(size, make, shipped, tmp_path):
    """A file path read on the evidence screen gives facts the walk holds (held for every question)."""
    evidence = tmp_path / "rules.txt"
    evidence.write_text(ADFS_RULES, encoding="utf-8")
    app = make(lang="ja", content_set=shipped)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1", "f5")
        path_box = app.screen.query_one("#evidence-path", Input)
        path_box.focus()
        await pilot.press(*str(evidence), "enter")
        assert [item.file for item in app.book.items] == [str(evidence)]
        assert app.conversation.session.facts["adfs.psso-rule"].fact.value == "absent"
        await pilot.press("escape")
        assert isinstance(app.screen, ConversationScreen)


async def test_preloaded_evidence_from_the_command_line(size, make, shipped, tmp_path):
    """--evidence FILE is read at start; a new walk holds its facts; the findings are ready on F5."""
    evidence = tmp_path / "rules.txt"
    evidence.write_text(ADFS_RULES, encoding="utf-8")
    app = make(lang="en", content_set=shipped, evidence=[str(evidence)])
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        assert "adfs.psso-rule" in app.conversation.session.facts
        await pilot.press("f5")
        assert app.screen.query_one("#findings", AnswerList).keys


async def test_nothing_pasted_says_so(size, make, shipped):
    """F5 with an empty box reads nothing and says so."""
    app = make(lang="en", content_set=shipped)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f5", "f5")
        assert app.book.items == [] and app.notices[-1][1] == "Nothing has been pasted."
