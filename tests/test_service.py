"""The facade (`guide.engine.service.Guide`): words, router, checks, actions and conversations."""

from __future__ import annotations

import copyreg
import shutil
import subprocess
import sys
from types import MappingProxyType

import pytest

from guide.engine.loader import load_content
from guide.engine.service import ESCALATE, Guide, NodeRef, WalkError
from support import BASIC, FIXTURES


@pytest.fixture
def guide(tmp_path, monkeypatch):
    """The facade over the fixture content (demo, other), conversations in a private folder."""
    monkeypatch.setenv("GUIDE_STATE_DIR", str(tmp_path / "state"))
    return Guide.open(BASIC / "trees", BASIC / "content")


# --- words ------------------------------------------------------------------

def test_one_fallback_rule_for_every_word(guide, tmp_path):
    """A title missing in the language asked for comes from the other language, then the id."""
    words = guide.words
    assert words.LANGS == ("ja", "en")
    assert words.title("demo", "en") == "Demo" and words.title("demo", "ja") == "デモ"
    japanese_only = tmp_path / "ja-only"
    shutil.copytree(BASIC, japanese_only)
    shutil.rmtree(japanese_only / "content" / "en")
    alone = Guide(load_content(japanese_only / "trees", japanese_only / "content").content, store=guide.store)
    assert alone.words.title("other", "en") == "別のツリー"
    assert alone.words.answer(NodeRef("demo", "q-first"), "yes", "en") == "はい"
    assert words.title(NodeRef("demo", "q-first"), "ja") == "最初の質問"
    assert words.title(NodeRef("demo", "no-such-node"), "en") == "no-such-node"
    assert words.title("no-such-tree", "en") == "no-such-tree"
    assert words.node(NodeRef("demo", "q-first"), "en", "agent") == "Ask the caller whether they are a guest."
    assert words.answer(NodeRef("demo", "q-first"), "yes", "en") == "Yes"
    assert words.answer(NodeRef("demo", "r-guest"), "fixed", "en") == words.ui("walk.fixed", "en")
    assert words.ui("web.site.title", "fr") == words.ui("web.site.title", "en")  # an unknown language reads as English


def test_the_catalog_areas_share_one_lookup():
    """The UI's, the web pages', the note's and the findings' words are all found the same way."""
    from guide.engine.catalog import UI, Catalog
    from guide.engine.evidence.wording import SENTENCES

    assert isinstance(SENTENCES, Catalog) and isinstance(UI, Catalog)
    assert {"walk.back-undone", "web.site.title", "transcript.title"} & set(UI) >= {"web.site.title", "transcript.title"}
    with pytest.raises(ValueError):
        Catalog({"a": {"en": "x"}}, {"a": {"en": "y"}})


# --- router -----------------------------------------------------------------

def test_one_router_per_content_fingerprint(guide):
    """The router is built once, kept under the content's fingerprint, and shared by every facade over it."""
    again = Guide.open(BASIC / "trees", BASIC / "content")
    assert again.version == guide.version
    assert guide.router is again.router
    assert guide.route("デモ", "ja").best.tree == "demo"


def test_start_from_text_records_the_redacted_text(guide):
    """Free text picks the tree and the entry; what was typed is stored redacted."""
    conversation = guide.start(text="Demo guest alice@example.com", lang="en", front="web")
    assert conversation.session.tree == "demo"
    row = guide.store.load(conversation.id).row
    assert row.entry_text == "Demo guest <user>" and row.routed_tree == "demo"
    assert row.front == "web" and row.version == guide.version
    assert [step.kind for step in guide.store.steps(conversation.id)] == ["start"]


def test_the_routers_jump_to_its_entry_node_is_marked_as_the_routers(guide):
    """With text, the jump to the chosen entry node is recorded `by` the router (the report does not count it
    as the person leaving); the same jump asked for without text is the person's own."""
    other = NodeRef("other", guide.content.trees["other"].start)
    routed = guide.start("demo", text="Demo guest", node=other, lang="en")
    chosen = guide.start("demo", node=other, lang="en")
    assert [(s.kind, s.by, s.to_tree) for s in guide.store.steps(routed.id)] == [
        ("start", None, "demo"), ("jump", "router", "other")]
    assert [(s.kind, s.by) for s in guide.store.steps(chosen.id)] == [("start", None), ("jump", None)]
    assert guide.store.load(routed.id).row.routed_tree == "demo"


# --- conversations ----------------------------------------------------------

def test_a_conversation_is_stored_at_every_change_and_resumed(guide):
    """Start (stored at the first change), answer, restart, back; the stored copy rebuilds the same walk."""
    conversation = guide.start("demo", lang="en", mode="agent")
    assert guide.conversation(conversation.id) is None  # nothing to lose yet
    conversation.answer("no")
    conversation.restart()
    assert conversation.can_undo_restart
    assert conversation.back() and conversation.position == NodeRef("demo", "r-option")
    again = guide.conversation(conversation.id)
    assert again.position == NodeRef("demo", "r-option") and again.mode == "agent" and again.answers == 1
    assert guide.latest().id == conversation.id
    assert guide.latest(unfinished=True).id == conversation.id
    conversation.answer(ESCALATE)
    assert guide.latest(unfinished=True) is None and guide.latest().status == "escalated"


def test_leave_and_language_are_recorded(guide):
    """Leaving marks the conversation left; a language switch is stored once something is."""
    conversation = guide.start("demo", lang="ja")
    conversation.set_lang("en")  # nothing stored yet: nothing written
    assert guide.latest() is None
    conversation.answer("no")
    conversation.leave()
    assert guide.conversation(conversation.id).status == "left"
    assert guide.conversation(conversation.id).lang == "en"


def test_view_is_plain_render_ready_data(guide):
    """The view carries the card, answers with labels in every language, the path and the transcript."""
    conversation = guide.start("demo", lang="en")
    view = conversation.view()
    assert view.card.kind == "question" and view.card.title == "First question"
    assert [(option.key, option.label) for option in view.options] == [
        ("yes", "Yes"), ("no", "No"), ("on", "Go to the other tree")]
    assert view.options[0].labels == ("はい", "Yes")
    conversation.answer("no")
    view = conversation.view("ja")
    assert view.card.kind == "resolution" and view.card.actions[0].id == "enable-kmsi-option"
    assert view.card.prompt == guide.words.ui("walk.did-it-fix", "ja")
    assert [line.speaker for line in view.lines] == ["guide", "person"]
    assert [entry.current for entry in view.path] == [False, True]
    assert conversation.lang == "en"  # viewing in another language does not switch the conversation


def test_evidence_facts_propose_an_answer(guide):
    """The one evidence-to-facts builder gives the facts a conversation holds; the view proposes."""
    report = guide.check([("signin.json", (FIXTURES / "evidence" / "signinlogs-guest.jsonl").read_bytes())])
    facts = guide.facts(report.evidence)
    conversation = guide.start("demo", lang="en", facts=facts)
    proposal = conversation.view().proposal
    assert proposal is not None and proposal.key == "yes" and "signin.json" in proposal.reason


def test_jump_that_does_not_exist_is_refused(guide):
    conversation = guide.start("demo")
    with pytest.raises(WalkError):
        conversation.jump(NodeRef("demo", "no-such-node"))


# --- actions ----------------------------------------------------------------

def test_an_unknown_action_is_a_stand_in_not_a_failure(guide):
    action = guide.action("no-such-action", {}, "en", "user")
    assert not action.known and action.title == "no-such-action" and not action.runnable


def test_nothing_runs_before_confirmation(guide):
    """Preparing asks the registry what it would run; off Windows nothing can run at all."""
    calls = []
    windows = Guide(guide.content, guide.version, store=guide.store, platform="win32",
                    runner=lambda argv, **options: calls.append(argv))
    action = windows.action("collect-diagnostics", {}, "en", "agent")
    prepared = windows.prepare_run(action, "en", "agent")
    assert prepared.rendered is not None and not calls
    assert windows.decline_action(action, "en", "agent").status == "declined" and not calls
    linux = Guide(guide.content, guide.version, store=guide.store, platform="linux")
    assert linux.prepare_run(action, "en", "agent").result.status == "unsupported-platform"


# --- hygiene ----------------------------------------------------------------

def test_importing_the_engine_leaves_pickling_alone():
    """The content cache pickles read-only mappings with its own dispatch table, not the process's."""
    code = ("import copyreg, types, guide.engine.service, guide.engine.cache;"
            "print(types.MappingProxyType in copyreg.dispatch_table)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
    assert MappingProxyType not in copyreg.dispatch_table
