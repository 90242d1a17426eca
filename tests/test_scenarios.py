"""Golden scenarios: every hand-written walk reaches its expected conclusion, in both languages.

The scenarios in tests/scenarios/ are the authors' regression suite; each is
also checked to produce a ticket note in each language. Every cause that the
shipped trees conclude must have at least one scenario.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.engine.loader import load_content
from guide.engine.scenarios import coverage, load_scenarios, run_scenario
from guide.engine.session import Session
from guide.engine.transcript import transcript_markdown

FOLDER = Path(__file__).parent / "scenarios"
CONTENT = load_content().content
SCENARIOS, ERRORS = load_scenarios(FOLDER)


def test_scenario_files_are_valid():
    assert ERRORS == []
    assert SCENARIOS


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: f"{s.tree}:{s.name[:40]}")
def test_scenario(scenario, lang):
    outcome = run_scenario(CONTENT, scenario, lang)
    assert outcome.problems == ()
    session = Session(CONTENT, scenario.tree, lang=lang)
    for answer in scenario.answers:
        session.answer(answer)
    note = transcript_markdown(session, lang)
    assert CONTENT.text(lang, session.position).title in note


def test_every_concluded_cause_has_a_scenario():
    concluded = {node.cause for tree in CONTENT.trees.values() for node in tree.nodes.values() if node.cause}
    pinned = {scenario.expect.get("cause") for scenario in SCENARIOS}
    assert sorted(concluded - pinned) == []


def test_coverage_counts(run_guide):
    outcomes = [run_scenario(CONTENT, scenario) for scenario in SCENARIOS]
    report = {item.tree: item for item in coverage(CONTENT, outcomes)}
    kmsi = report["kmsi-missing"]
    assert 0 < kmsi.nodes_pinned <= kmsi.nodes and 0 < kmsi.edges_pinned <= kmsi.edges
    assert kmsi.paths_pinned == len([s for s in SCENARIOS if s.tree == "kmsi-missing"])
    assert len(kmsi.unpinned_nodes) == kmsi.nodes - kmsi.nodes_pinned
    result = run_guide("coverage", "--scenarios", str(FOLDER), "--json")
    assert result.code == 0, result.err
    assert {t["tree"] for t in result.json()["trees"]} == set(CONTENT.trees)


def test_a_wrong_expectation_fails(tmp_path, run_guide):
    (tmp_path / "bad.yaml").write_text("tree: kmsi-missing\nscenarios:\n  - name: wrong\n    answers: [not-shown, 'yes']\n"
                                       "    expect: {cause: kmsi-option-disabled}\n", encoding="utf-8")
    result = run_guide("coverage", "--scenarios", str(tmp_path))
    assert result.code == 1 and "bad.yaml:3: wrong: expected cause 'kmsi-option-disabled'" in result.err
