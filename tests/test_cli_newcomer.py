"""What a new user of the command line tripped over (issue 12, points 11-15), each pinned.

- `guide lint` says what it checked when it finds nothing;
- `guide coverage` works from any folder with the installed scenarios;
- `guide check` exits 1 when a finding is an error, and lists an action once;
- every path `guide paths` lists replays with `guide walk` as it is given;
- a walk into a tree whose file failed to load names that file and `guide lint`.
"""

from __future__ import annotations

import re

import pytest

from support import BASIC, FIXTURES, ROOT, SHARED, content_args

FIXTURE = content_args(BASIC)
SUBFLOW = content_args(FIXTURES / "subflow")


# --- 11: lint says what it checked -------------------------------------------------------------

def test_lint_without_defects_says_what_it_checked(run_guide):
    result = run_guide("lint", *FIXTURE)
    assert result.code == 0
    assert re.fullmatch(r"checked 2 trees, \d+ nodes, words in en, ja: no defects\n", result.out), result.out


def test_lint_with_defects_counts_them_after_the_located_lines(run_guide, basic_copy):
    (basic_copy / "trees" / "broken.yaml").write_text("id: demo\nid: again\n", encoding="utf-8")
    result = run_guide("lint", *content_args(basic_copy))
    lines = result.out.splitlines()
    assert result.code == 1
    assert re.search(r"broken\.yaml:\d+:\d+: error duplicate-key ", lines[0]), lines[0]
    assert re.fullmatch(r"checked 2 trees, \d+ nodes, words in en, ja: [1-9]\d* error\(s\), \d+ warning\(s\)",
                        lines[-1]), lines[-1]


def test_lint_json_stays_one_document_with_what_was_checked(run_guide):
    document = run_guide("lint", "--json", *FIXTURE).json()
    assert document["defects"] == []
    assert document["checked"]["trees"] == 2 and document["checked"]["languages"] == ["en", "ja"]


# --- 12: coverage outside the checkout ---------------------------------------------------------

def test_coverage_runs_from_any_folder_with_the_shipped_scenarios(run_guide, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_guide("coverage", "--json")
    assert result.code == 0, result.err
    assert result.json()["scenarios"] > 0 and result.json()["failed"] == 0


def test_coverage_of_another_content_set_asks_for_its_scenarios(run_guide):
    result = run_guide("coverage", *FIXTURE)
    assert result.code == 2 and "--scenarios" in result.err


# --- 13: check's exit code, its actions, its Japanese -------------------------------------------

def test_check_exits_1_when_a_finding_is_an_error(run_guide):
    result = run_guide("check", "--json", str(SHARED / "evidence" / "dsregcmd-prt-no-0xc000006d.txt"))
    assert {finding["severity"] for finding in result.json()["findings"]} >= {"error"}
    assert result.code == 1


def test_check_exits_0_when_findings_are_only_warnings_or_info(run_guide):
    result = run_guide("check", "--json", str(FIXTURES / "evidence" / "cmdkey-teams-only.txt"))
    assert result.json()["findings"] and {f["severity"] for f in result.json()["findings"]} <= {"warning", "info"}
    assert result.code == 0


def test_check_exits_2_when_nothing_could_be_read(run_guide, tmp_path):
    assert run_guide("check", str(tmp_path / "missing.txt")).code == 2


def test_an_action_appears_once_per_finding(run_guide, tmp_path):
    """Two entries whose targets the registry refuses both become the bare deletion: shown once."""
    listing = tmp_path / "cmdkey.txt"
    listing.write_text("Currently stored credentials:\n\n"
                       "    Target: LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:a&b\n    Type: Generic\n\n"
                       "    Target: LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:c&d\n    Type: Generic\n",
                       encoding="utf-8")
    (finding,) = run_guide("check", "--json", str(listing)).json()["findings"]
    shown = [(action["id"], sorted(action["params"].items())) for action in finding["actions"]]
    assert len(shown) == len({repr(item) for item in shown}), shown
    assert [action_id for action_id, _ in shown].count("delete-windows-credential") == 1


_EVIDENCE = sorted([*(FIXTURES / "evidence").iterdir(), *(SHARED / "evidence").glob("*.txt"),
                    *(SHARED / "evidence").glob("*.json")])
_STRAY_SPACE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff）] [のはでをがにとよ前]")
"""A space between Japanese words and the particle that follows: 「2 行目 の」, 「）は」 written 「） は」."""
_GLUED = re.compile(r"[はをが][0-9A-Za-z]")
"""A particle glued to the Latin or digit that follows: 「はAD FS」."""


@pytest.mark.parametrize("path", _EVIDENCE, ids=lambda path: path.name)
def test_japanese_findings_have_no_stray_spaces(run_guide, path):
    for finding in run_guide("check", "--json", "--lang", "ja", str(path)).json()["findings"]:
        because = finding["because"]
        assert not _STRAY_SPACE.search(because), because
        assert not _GLUED.search(because), because


# --- 14: paths replay with walk ------------------------------------------------------------------

@pytest.mark.parametrize("flags", [FIXTURE, SUBFLOW], ids=["basic", "subflow"])
def test_every_listed_path_replays_with_walk(run_guide, flags):
    paths = run_guide("paths", "--json", *flags).json()["paths"]
    assert any("next" in path["answers"] for path in paths)
    for path in paths:
        args = [arg for answer in path["answers"] for arg in ("--answer", answer)]
        result = run_guide("walk", path["tree"], *args, "--json", *flags)
        assert result.code == 0, (path, result.err)
        walked = result.json()
        assert walked["at"] == path["end"], (path, walked["at"])


def test_shipped_paths_through_info_and_link_nodes_replay(run_guide):
    paths = run_guide("paths", "--json").json()["paths"]
    sample = {}
    for path in paths:  # the first path of each tree that passes a node the walk leaves by itself
        if "next" in path["answers"]:
            sample.setdefault(path["tree"], path)
    assert sample
    for path in sample.values():
        args = [arg for answer in path["answers"] for arg in ("--answer", answer)]
        result = run_guide("walk", path["tree"], *args, "--json")
        assert result.code == 0, (path, result.err)
        assert result.json()["at"] == path["end"]


# --- 15: a walk into a tree that failed to load -----------------------------------------------------

def test_walk_into_a_tree_that_failed_to_load_names_the_file(run_guide, basic_copy):
    tree = basic_copy / "trees" / "other.yaml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("nodes:", "nodes:\n  \tbad", 1), encoding="utf-8")
    result = run_guide("walk", "other", "--json", *content_args(basic_copy))
    assert result.code == 1 and result.out == ""
    (line,) = result.err.splitlines()
    assert re.match(r"^guide: \S*other\.yaml:\d+:\d+: error \S+ ", line), line
    assert line.endswith("run `guide lint` for every defect"), line


def test_walk_into_an_unknown_tree_still_lists_the_trees(run_guide):
    result = run_guide("walk", "nowhere", *FIXTURE)
    assert result.code == 2 and "trees: demo, other" in result.err
