"""The command-line contract: JSON shapes, exit codes, one-line errors and no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guide.engine.spec import SCHEMAS, json_schema

from support import BASIC, ROOT, content_args

FIXTURE = content_args(BASIC)


def test_paths_json_shape(run_guide):
    result = run_guide("paths", "--json", *FIXTURE)
    assert result.code == 0
    document = result.json()
    assert document["count"] == len(document["paths"]) == 7
    for path in document["paths"]:
        assert set(path) == {"tree", "nodes", "answers", "end", "cause", "actions"}
        assert len(path["answers"]) == len(path["nodes"]) - 1 and path["end"] == path["nodes"][-1]
    linked = [p for p in document["paths"] if p["tree"] == "demo" and "other/q-second" in p["nodes"]]
    assert linked and linked[0]["answers"][:2] == ["on", "next"]


def test_paths_count(run_guide):
    assert run_guide("paths", "--count", *FIXTURE).out.strip() == "7"
    assert run_guide("paths", "--count", "--tree", "other", "--json", *FIXTURE).json() == {"count": 2}


def test_walk_json_shape(run_guide):
    result = run_guide("walk", "demo", "--answer", "no", "--answer", "not-fixed", "--json", *FIXTURE)
    assert result.code == 0
    document = result.json()
    assert {"tree", "at", "finished", "cause", "actions", "steps", "transcript_markdown"} <= set(document)
    assert document["at"] == "e-help" and document["finished"] is True and document["cause"] is None
    assert document["actions"] == [{"id": "escalate-to-admin", "params": {}}]
    assert document["steps"] == [{"node": "q-first", "answer": "no", "by": "user"},
                                 {"node": "r-option", "answer": "not-fixed", "by": "user"}]


@pytest.mark.parametrize("lang, title", [("ja", "設定がオフ"), ("en", "Option off")])
def test_walk_in_both_languages(run_guide, lang, title):
    document = run_guide("walk", "demo", "--answer", "no", "--lang", lang, "--json", *FIXTURE).json()
    assert document["cause"] == "kmsi-option-disabled" and document["finished"] is True
    assert title in document["transcript_markdown"]


def test_global_flags_work_before_the_command(run_guide):
    document = run_guide("--lang", "ja", "--json", *FIXTURE, "walk", "demo", "--answer", "yes").json()
    assert document["cause"] == "kmsi-guest-user" and "ゲスト" in document["transcript_markdown"]


def test_walk_with_an_invalid_answer_exits_1(run_guide):
    result = run_guide("walk", "demo", "--answer", "perhaps", *FIXTURE)
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1 and "perhaps" in result.err and "yes, no, on" in result.err


def test_walk_unknown_tree_is_a_usage_error(run_guide):
    result = run_guide("walk", "nope", *FIXTURE)
    assert result.code == 2 and "no tree 'nope'" in result.err and result.err.count("\n") == 1


def test_wrong_flag_is_a_usage_error(run_guide):
    result = run_guide("lint", "--colour", "red")
    assert result.code == 2 and result.err.startswith("guide: error: unrecognized arguments")
    assert result.err.count("\n") == 1


def test_missing_folder_is_a_usage_error(run_guide, tmp_path):
    result = run_guide("lint", "--trees", str(tmp_path / "nope"))
    assert result.code == 2 and "--trees" in result.err


def test_graph_mermaid_and_dot(run_guide):
    mermaid = run_guide("graph", "demo", *FIXTURE).out
    assert mermaid.startswith("flowchart TD\n") and 'n0{"First question"}' in mermaid
    assert '-->|"Yes"|' in mermaid and "end" not in mermaid.split()
    dot = run_guide("graph", "demo", "--format", "dot", "--lang", "ja", *FIXTURE).out
    assert dot.startswith('digraph "demo" {') and 'label="最初の質問"' in dot and dot.rstrip().endswith("}")


def test_schema_prints_the_committed_schema(run_guide):
    import json

    for name in SCHEMAS:
        printed = run_guide("schema", name).json()
        assert printed == json_schema(*SCHEMAS[name])
        committed = json.loads((ROOT / "guide" / "trees" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert committed == printed, f"guide/trees/{name}.schema.json is stale: run `guide schema {name}`"


def test_json_output_is_exactly_one_document(run_guide):
    import json

    out = run_guide("paths", "--json", *FIXTURE).out
    json.loads(out)
    assert out.endswith("}\n")


@pytest.mark.parametrize("args", [
    ["lint", "--trees", "{bad}/trees", "--content", "{bad}/content"],
    ["paths", "--trees", "{bad}/trees", "--content", "{bad}/content"],
    ["walk", "demo", "--trees", "{bad}/trees", "--content", "{bad}/content"],
])
def test_broken_content_never_shows_a_traceback(args, tmp_path):
    bad = tmp_path / "bad"
    (bad / "trees").mkdir(parents=True)
    (bad / "content" / "ja").mkdir(parents=True)
    (bad / "trees" / "demo.yaml").write_bytes("id: demo\nstart: a\nnodes:\n  a: {type: question, answers: {x: b}}\n"
                                              "  b: {type: question, answers: {y: a}}\n".encode())
    (bad / "trees" / "sjis.yaml").write_bytes("id: x\n# 日本語\n".encode("shift_jis"))
    argv = [part.replace("{bad}", str(bad)) for part in args]
    process = subprocess.run([sys.executable, "-m", "guide", *argv], capture_output=True, text=True, cwd=ROOT)
    assert process.returncode in (1, 2)
    assert "Traceback" not in process.stderr and "Traceback" not in process.stdout
    assert "cycle" in process.stderr + process.stdout


def test_python_dash_m_runs(tmp_path):
    process = subprocess.run([sys.executable, "-m", "guide", "--help"], capture_output=True, text=True)
    assert process.returncode == 0 and "lint" in process.stdout


BROKEN_INPUTS = {
    "invalid-yaml": ("id: demo\nstart: [q\n", "yaml-syntax"),
    "duplicate-keys": ("id: demo\nid: again\n", "duplicate-key"),
    "shift-jis": ("id: demo\n# サインイン\n".encode("shift_jis"), "encoding"),
    "alias-bomb": ("".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10) if i else 'x, x, x, x, x, x, x, x, x, x'}]\n"
                           for i in range(9)), "yaml-too-large"),
    "python-tag": ("id: !!python/object/apply:os.system ['echo owned']\n", "yaml-tag"),
    "dangling-reference": ("id: broken\nstart: q\nnodes:\n  q:\n    type: question\n    answers: {yes: gone}\n",
                           "unknown-node"),
    "cycle": ("id: broken\nstart: a\nnodes:\n  a:\n    type: question\n    answers: {yes: b}\n  b:\n"
              "    type: question\n    answers: {no: a}\n", "cycle"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_INPUTS))
def test_broken_input_is_located_without_traceback(name, basic_copy):
    import re

    data, code = BROKEN_INPUTS[name]
    target = basic_copy / "trees" / "broken.yaml"
    target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    process = subprocess.run([sys.executable, "-m", "guide", "lint", *content_args(basic_copy)],
                             capture_output=True, text=True, cwd=basic_copy)
    assert process.returncode == 1
    assert "Traceback" not in process.stdout + process.stderr
    located = [line for line in process.stdout.splitlines() if f" error {code} " in line]
    assert located and re.match(r"^trees/broken\.yaml:\d+:\d+: error ", located[0]), process.stdout
    others = subprocess.run([sys.executable, "-m", "guide", "walk", "demo", "--answer", "yes", "--json",
                             *content_args(basic_copy)], capture_output=True, text=True, cwd=basic_copy)
    if code == "cycle":  # a cycle anywhere makes walking unsafe: refused with the located cycle
        assert others.returncode == 1 and re.search(r"broken\.yaml:\d+:\d+: error cycle", others.stderr)
    else:  # a broken file never takes down the rest
        assert others.returncode == 0, others.stderr


@pytest.mark.parametrize("argv", [
    [], ["route", "Teams keeps asking", "--json"], ["--lang", "ja", "lint", "--format", "github"],
    ["walk", "demo", "--answer", "no", "--answer", "x=y", "--mode", "agent"], ["serve", "--port", "8401"],
    ["report", "--compare", "a", "b", "--json"], ["paths", "--count", "--tree", "demo"], ["tui", "--mode", "agent"],
    ["check", "-", "--lang", "en"], ["graph", "demo", "--format", "dot"], ["coverage", "--fail-under", "50"]])
def test_a_parser_set_up_as_it_is_used_reads_flags_as_the_full_one(argv):
    """`main` sets up only the commands named and adds their options when parsed; what it reads is the same."""
    from guide.cli import build_parser, parse_arguments

    assert vars(build_parser(defer=True).parse_args(argv)) == vars(build_parser().parse_args(argv))
    assert vars(parse_arguments(argv)) == vars(build_parser().parse_args(argv))
    assert vars(parse_arguments(["--trees", "lint", *argv])) == vars(build_parser().parse_args(["--trees", "lint", *argv]))


@pytest.mark.parametrize("argv", [["nope"], ["route"], ["lint", "--bogus"], ["--trees", "route", "lint", "x"],
                                  ["walk", "--answer"], ["paths", "--count", "extra"]])
def test_a_usage_error_says_what_the_full_parser_says(argv):
    from guide.cli import build_parser, parse_arguments
    from guide.engine.service import UsageError

    with pytest.raises(UsageError) as full:
        build_parser().parse_args(argv)
    with pytest.raises(UsageError) as ours:
        parse_arguments(argv)
    assert str(ours.value) == str(full.value)


def test_help_lists_every_command(run_guide, capsys):
    from guide.cli import parse_arguments

    with pytest.raises(SystemExit):
        parse_arguments(["--he"])
    listed = capsys.readouterr().out
    assert all(name in listed for name in ("lint", "paths", "route", "walk", "serve", "report"))


def test_a_parser_set_up_as_it_is_used_helps_as_the_full_one():
    import argparse

    from guide.cli import build_parser

    def helps(parser: argparse.ArgumentParser) -> list[str]:
        [commands] = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
        return [parser.format_help()] + [sub.format_help() for sub in commands.choices.values()]

    assert helps(build_parser(defer=True)) == helps(build_parser())
