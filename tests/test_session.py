"""The walking session: answer, back, restart, jump, resume, evidence, and actions never repeated."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from guide.engine.errors import GuideError
from guide.engine.evidence.base import Fact
from guide.engine.loader import load_content
from guide.engine.model import NodeRef
from guide.engine.session import EVIDENCE, HeldFact, Session, WalkError
from guide.engine.store import load_session, save_session, write_atomic

from support import BASIC


@pytest.fixture(scope="module")
def content():
    return load_content(BASIC / "trees", BASIC / "content").content


def ref(node: str, tree: str = "demo") -> NodeRef:
    return NodeRef(tree, node)


def test_starts_at_the_start(content):
    session = Session(content, "demo")
    assert session.position == ref("q-first")
    assert session.answer_keys() == ("yes", "no", "on")
    assert not session.finished and session.steps == ()


def test_info_nodes_are_passed_on_the_way(content):
    session = Session(content, "demo")
    session.answer("yes")
    assert session.position == ref("r-guest")
    assert [v.node.node for v in session.visits] == ["q-first", "i-note", "r-guest"]
    assert session.visits[1].answer == "next"
    assert session.finished and session.node.cause == "kmsi-guest-user"


def test_links_continue_in_the_other_tree(content):
    session = Session(content, "demo")
    session.answer("on")
    assert session.position == ref("q-second", "other")
    session.answer("off")
    assert session.position == ref("e-other", "other") and session.outcome == "escalated"


def test_resolution_not_fixed_moves_on_and_fixed_closes(content):
    session = Session(content, "demo")
    session.answer("no")
    assert session.answer_keys() == ("fixed", "not-fixed", "escalate")
    session.answer("not-fixed")
    assert session.position == ref("e-help")
    session.back()
    session.answer("fixed")
    assert session.outcome == "resolved" and session.answer_keys() == ()
    with pytest.raises(WalkError):
        session.answer("not-fixed")


def test_invalid_answer_is_refused_and_changes_nothing(content):
    session = Session(content, "demo")
    with pytest.raises(WalkError, match="answers: yes, no, on"):
        session.answer("maybe")
    assert session.steps == () and session.position == ref("q-first")


def test_back_and_restart(content):
    session = Session(content, "demo")
    assert session.back() is False
    session.answer("no")
    session.answer("not-fixed")
    assert session.back() is True and session.position == ref("r-option")
    assert session.back() is True and session.position == ref("q-first")
    session.answer("yes")
    session.restart()
    assert session.steps == () and session.position == ref("q-first")


def test_step_log_is_immutable(content):
    session = Session(content, "demo")
    session.answer("no")
    before = session.steps
    session.answer("not-fixed")
    assert isinstance(before, tuple) and len(before) == 1 and len(session.steps) == 2
    with pytest.raises(AttributeError):
        session.steps[0].answer = "yes"


def test_jump_anywhere_and_back(content):
    session = Session(content, "demo")
    session.answer("no")
    session.jump(ref("q-second", "other"))
    assert session.position == ref("q-second", "other")
    assert session.steps[-1].is_jump
    session.back()
    assert session.position == ref("r-option")
    with pytest.raises(WalkError):
        session.jump(ref("nowhere"))


def test_going_back_never_repeats_an_action(content):
    session = Session(content, "demo")
    session.answer("no")
    session.record_run("enable-kmsi-option", "ran")
    session.back()
    session.answer("no")
    assert [run.action for run in session.runs_at(ref("r-option"))] == ["enable-kmsi-option"]
    session.restart()
    assert len(session.runs) == 1


def held(value: str) -> dict:
    fact = Fact("signin.user-type", value, 7, f"userType : {value}")
    return {"signin.user-type": HeldFact(fact, "signin.json")}


def test_evidence_proposes_and_can_be_followed(content):
    session = Session(content, "demo")
    session.hold(held("guest"))
    proposal = session.proposal()
    assert proposal.answer == "yes" and proposal.reason == "userType : guest (signin.json:7)"
    assert session.follow_evidence() == 1
    assert session.steps[0].by == EVIDENCE and session.steps[0].reason.endswith("(signin.json:7)")
    assert session.position == ref("r-guest")


def test_a_person_can_override_evidence(content):
    session = Session(content, "demo")
    session.hold(held("guest"))
    session.answer("no")
    assert session.steps[0].by == "user" and session.position == ref("r-option")


def test_unmapped_fact_values_propose_nothing(content):
    session = Session(content, "demo")
    session.hold({"signin.user-type": HeldFact(Fact("signin.user-type", "robot", 1), "x")})
    assert session.proposal() is None


def test_save_and_resume(content, tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDE_STATE_DIR", str(tmp_path))
    session = Session(content, "demo", lang="ja", audience="agent")
    session.hold(held("member"))
    session.follow_evidence()
    session.record_run("enable-kmsi-option", "declined")
    path = save_session(session.to_json())
    assert path.parent == tmp_path
    resumed, dropped = Session.from_json(content, load_session())
    assert dropped == []
    assert (resumed.id, resumed.lang, resumed.audience) == (session.id, "ja", "agent")
    assert resumed.steps == session.steps and resumed.runs == session.runs
    assert resumed.position == ref("r-option") and resumed.facts.keys() == session.facts.keys()


def test_resume_drops_steps_the_content_no_longer_has(content):
    session = Session(content, "demo")
    session.answer("no")
    data = session.to_json()
    data["steps"][0]["answer"] = "removed-answer"
    resumed, dropped = Session.from_json(content, data)
    assert resumed.steps == () and len(dropped) == 1


def test_atomic_write_keeps_the_previous_file_on_crash(tmp_path, monkeypatch):
    target = tmp_path / "s.json"
    write_atomic(target, '{"v": 1}')

    def crash(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_atomic(target, '{"v": 2}')
    assert json.loads(target.read_text()) == {"v": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_unknown_tree_is_refused(content):
    with pytest.raises(WalkError):
        Session(content, "no-such-tree")


def test_latest_session_is_resumed(content, tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDE_STATE_DIR", str(tmp_path))
    first = Session(content, "demo")
    save_session(first.to_json())
    second = Session(content, "other")
    path = save_session(second.to_json())
    os.utime(path, (path.stat().st_mtime + 10,) * 2)
    assert load_session()["id"] == second.id
    assert Path(tmp_path / f"{first.id}.json").exists()


def test_hostile_saved_sessions_are_named_and_the_others_still_resume(content, tmp_path, monkeypatch):
    """Issue 12.20: a numeric "id", JSON nested too deeply, a link to nothing in the sessions folder."""
    monkeypatch.setenv("GUIDE_STATE_DIR", str(tmp_path))
    numeric = Session(content, "demo")
    path = save_session(numeric.to_json())
    path.write_text(json.dumps({**numeric.to_json(), "id": 42}), encoding="utf-8")
    resumed, _ = Session.from_json(content, load_session(numeric.id))
    assert resumed.id == numeric.id  # the file's name, so the next save goes back to the same file
    save_session(resumed.to_json())
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")
    assert load_session()["id"] == numeric.id
    (tmp_path / "deep.json").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    with pytest.raises(GuideError, match=r"deep\.json: the saved session cannot be read \(its JSON is nested too deeply"):
        load_session("deep")
    with pytest.raises(GuideError, match=r"gone\.json: the saved session cannot be read \(a link to a file that"):
        load_session("gone")


def test_transcript_leaves_out_links_without_words(content):
    from guide.engine.transcript import transcript_json

    session = Session(content, "demo", lang="en")
    session.answer("on")
    titles = [step["title"] for step in transcript_json(session)["steps"]]
    assert titles == ["First question", "Second question"]


def test_a_resolution_can_be_escalated(content):
    session = Session(content, "demo")
    session.answer("yes")
    assert session.answer_keys() == ("fixed", "escalate")
    session.answer("escalate")
    assert session.outcome == "escalated" and session.answer_keys() == ()
    session.back()
    assert session.outcome is None
