"""`guide lint`: one test per defect code, each breaking a clean fixture in one way.

Every case copies tests/fixtures/basic (which lints clean), makes one change,
and checks that lint reports the expected code at the expected file and line.
A final test makes sure every code lint knows has a case here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

import pytest

from guide.engine import yamlio
from guide.engine.lint import CODES, WARNINGS, lint
from guide.engine.loader import load_content

from support import content_args


def replace(relative: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """An edit replacing `old` by `new` in one fixture file (which must contain it)."""
    def edit(folder: Path) -> None:
        path = folder / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return edit


def write(relative: str, data: bytes | str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / relative
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return edit


def both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        for one in edits:
            one(folder)
    return edit


DEMO, OTHER = "trees/demo.yaml", "trees/other.yaml"
JA_DEMO, EN_DEMO, EN_OTHER = "content/ja/demo.yaml", "content/en/demo.yaml", "content/en/other.yaml"

BOMB = "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10) if i else 'x, x, x, x, x, x, x, x, x, x'}]\n"
               for i in range(9))

CASES: dict[str, tuple[Callable[[Path], None], str, int]] = {
    # code: (edit, file the defect is in, line, 0 = any line)
    "unreadable": (lambda f: os.symlink(f / "nowhere.yaml", f / "trees" / "ghost.yaml"), "trees/ghost.yaml", 0),
    "encoding": (write("trees/sjis.yaml", "id: sjis\n# サインイン\n".encode("shift_jis")), "trees/sjis.yaml", 2),
    "file-too-large": (write("trees/huge.yaml", "id: huge\n" + "# padding\n" * 500_000), "trees/huge.yaml", 1),
    "yaml-syntax": (replace(DEMO, "start: q-first", "start: [q-first"), DEMO, 0),
    "duplicate-key": (replace(DEMO, "      no: r-option\n", "      no: r-option\n      no: e-help\n"), DEMO, 13),
    "yaml-tag": (replace(DEMO, "symptom: kmsi-missing", "symptom: !!python/name:os.system"), DEMO, 3),
    "yaml-too-deep": (write("trees/deep.yaml", "id: " + "[" * 60 + "]" * 60 + "\n"), "trees/deep.yaml", 1),
    "yaml-too-large": (write("trees/bomb.yaml", BOMB), "trees/bomb.yaml", 0),
    "yaml-merge": (replace(OTHER, "  e-other:\n", "  e-other:\n    <<: {a: 1}\n"), OTHER, 10),
    "yaml-key": (replace(OTHER, "      off: e-other", "      ? [a, b]\n      : e-other"), OTHER, 7),
    "schema-type": (replace(OTHER, "actions: [collect-diagnostics]", "actions: collect-diagnostics"), OTHER, 11),
    "schema-value": (replace(OTHER, "type: escalation", "type: ending"), OTHER, 10),
    "schema-required": (replace(DEMO, "    tree: other\n", ""), DEMO, 36),
    "schema-unknown-key": (replace(OTHER, "    answers:", "    anwsers:"), OTHER, 6),
    "schema-key": (replace(OTHER, "  e-other:\n", "  E_other:\n"), OTHER, 10),
    "missing-folder": (lambda f: shutil.rmtree(f / "content"), "", 0),
    "duplicate-tree": (write("trees/zz-copy.yaml", "id: other\nstart: q\nnodes:\n  q:\n    type: escalation\n"
                                                   "    actions: [collect-diagnostics]\n"), "trees/zz-copy.yaml", 1),
    "file-name": (lambda f: (f / OTHER).rename(f / "trees" / "another.yaml"), "trees/another.yaml", 1),
    "content-file": (replace(EN_OTHER, "lang: en", "lang: ja"), EN_OTHER, 2),
    "missing-start": (replace(OTHER, "start: q-second", "start: q-nowhere"), OTHER, 2),
    "unknown-node": (replace(OTHER, "off: e-other", "off: e-missing"), OTHER, 7),
    "unknown-tree": (replace(DEMO, "tree: other", "tree: elsewhere"), DEMO, 38),
    "unreachable-node": (both(replace(DEMO, "      on: l-other\n", ""), replace(JA_DEMO, "      on: 別のツリーへ\n", ""),
                              replace(EN_DEMO, "      on: Go to the other tree\n", "")), DEMO, 0),
    "dead-end": (both(replace(OTHER, "off: e-other", "off: e-gone"), replace(OTHER, "no: e-other", "no: e-gone")),
                 OTHER, 4),
    "cycle": (replace(DEMO, "    next: e-help\n", "    next: q-first\n"), DEMO, 0),
    "missing-cause": (replace(DEMO, "    cause: kmsi-guest-user\n", ""), DEMO, 21),
    "missing-actions": (replace(OTHER, "    actions: [collect-diagnostics]\n", ""), OTHER, 9),
    "unknown-cause": (replace(DEMO, "cause: kmsi-guest-user", "cause: kmsi-gremlins"), DEMO, 23),
    "unknown-symptom": (replace(DEMO, "symptom: kmsi-missing", "symptom: printer-on-fire"), DEMO, 3),
    "unknown-action": (replace(OTHER, "[collect-diagnostics]", "[reboot-the-internet]"), OTHER, 11),
    "action-params": (replace(DEMO, "      - id: enable-kmsi-option\n",
                              "      - id: enable-kmsi-option\n        params: {colour: blue}\n"), DEMO, 30),
    "missing-sources": (replace(DEMO, "    next: r-guest\n    sources: [kmsi]\n", "    next: r-guest\n"), DEMO, 17),
    "unknown-source": (replace(DEMO, "    sources: [kmsi]\n", "    sources: [kmsx]\n"), DEMO, 20),
    "unused-source": (replace(DEMO, "sources:\n  kmsi:", "sources:\n  extra: https://example.com/x\n  kmsi:"),
                      DEMO, 6),
    "unknown-fact": (replace(DEMO, "fact: signin.user-type", "fact: signin.shoe-size"), DEMO, 15),
    "fact-value": (replace(DEMO, "{guest: yes, member: no}", "{guest: yes, alien: no}"), DEMO, 16),
    "missing-content": (lambda f: (f / EN_OTHER).unlink(), OTHER, 1),
    "missing-text": (replace(EN_DEMO, "  i-note:\n", "  i-gone:\n"), DEMO, 17),
    "orphan-text": (replace(EN_OTHER, "  e-other:\n", "  e-other:\n    source_hash: \"63653334\"\n    title: x\n"
                            "    text: y\n  e-ghost:\n", 1), EN_OTHER, 0),
    "answer-keys": (replace(EN_DEMO, "      on: Go to the other tree\n", ""), EN_DEMO, 0),
    "missing-source-hash": (replace(EN_DEMO, "    source_hash: \"254f8c01\"\n", ""), EN_DEMO, 0),
    "translation-stale": (replace(JA_DEMO, "text: 仕様です。", "text: 仕様どおりの動作です。"), EN_DEMO, 0),
    "ambiguous-width": (replace(JA_DEMO, "text: 仕様です。", "text: 仕様です※"), JA_DEMO, 0),
    "markup": (replace(EN_DEMO, "text: This is by design.", "text: This is [b]by design[/b]."), EN_DEMO, 0),
    "control-character": (replace(EN_DEMO, "text: This is by design.", 'text: "This is \\e[2Jby design."'),
                          EN_DEMO, 0),
    # issue 12 point 24: the AD FS 2012 R2 console path alone
    "outdated-ui-path": (replace(EN_DEMO, "text: This is by design.",
                                 "text: Open Authentication Policies > Edit Global Primary Authentication."), EN_DEMO, 0),
    # issue 12 point 25: 「リスクが付いています」 and "MFA enabled" named in English only
    "ja-wording": (replace(JA_DEMO, "text: 仕様です。", "text: このサインインにはリスクが付いています。"), JA_DEMO, 0),
    "term-mismatch": (replace(EN_DEMO, "text: This is by design.", "text: This is by design, as is enabling MFA."),
                      EN_DEMO, 0),
}


def test_fixture_is_clean():
    assert lint(load_content(Path(__file__).parent / "fixtures/basic/trees",
                             Path(__file__).parent / "fixtures/basic/content")) == []


def break_in_one_way(code: str, folder: Path, monkeypatch) -> None:
    """Apply `CASES[code]`'s edit to `folder` (a limit it needs lowered for the test)."""
    if code == "file-too-large":
        monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 1000)
    CASES[code][0](folder)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code(code, basic_copy, monkeypatch):
    _, relative, line = CASES[code]
    break_in_one_way(code, basic_copy, monkeypatch)
    defects = lint(load_content(basic_copy / "trees", basic_copy / "content"))
    matching = [d for d in defects if d.code == code]
    assert matching, f"{code} not reported; got {[(d.code, d.path, d.line) for d in defects]}"
    if relative:
        located = [d for d in matching if Path(d.path) == basic_copy / relative]
        assert located, f"{code} reported in {[d.path for d in matching]}, expected {relative}"
        if line:
            assert any(d.line == line for d in located), f"{code} at lines {[d.line for d in located]}, not {line}"
    assert all(d.line >= 0 and d.col >= 0 for d in matching)


PACKAGE_ONLY = {"bad-example", "bad-written"}
"""Codes about files of the package itself (guide/examples/, guide/training/), checked only when the package's own content
is linted: their cases are in tests/test_routing_examples.py and tests/test_written.py, not on the basic
fixture."""


def test_every_code_has_a_case():
    assert set(CASES) | PACKAGE_ONLY == set(CODES)


def test_severities_match_the_table(basic_copy):
    for code in ("markup", "unused-source"):
        CASES[code][0](basic_copy)
    defects = lint(load_content(basic_copy / "trees", basic_copy / "content"))
    assert {d.code for d in defects if d.severity == "warning"} == {"markup", "unused-source"}
    assert WARNINGS <= set(CODES)


def test_lint_codes_doc_is_current(run_guide):
    doc = Path(__file__).parents[1] / "docs" / "lint-codes.md"
    assert doc.read_text(encoding="utf-8") == run_guide("lint", "--list-codes").out


def test_cycle_message_prints_the_cycle(basic_copy):
    CASES["cycle"][0](basic_copy)
    [cycle] = [d for d in lint(load_content(basic_copy / "trees", basic_copy / "content")) if d.code == "cycle"]
    assert "q-first -> r-option -> q-first" in cycle.message


def test_bad_file_does_not_hide_the_others(basic_copy):
    replace(OTHER, "start: q-second", "start: [q-second")(basic_copy)
    loaded = load_content(basic_copy / "trees", basic_copy / "content")
    assert "demo" in loaded.content.trees and "other" not in loaded.content.trees


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_cli_formats(fmt, basic_copy, run_guide):
    replace(OTHER, "off: e-other", "off: e-missing")(basic_copy)
    result = run_guide("lint", "--format", fmt, *content_args(basic_copy))
    assert result.code == 1
    if fmt == "json":
        [defect] = [d for d in result.json()["defects"] if d["code"] == "unknown-node"]
        assert set(defect) == {"path", "line", "col", "severity", "code", "message"}
        assert (defect["line"], defect["col"], defect["severity"]) == (7, 12, "error")
    elif fmt == "github":
        assert any(line.startswith("::error file=") and "line=7,col=12,title=unknown-node::" in line
                   for line in result.out.splitlines())
    else:
        [line] = [line for line in result.out.splitlines() if "unknown-node" in line]
        assert line.endswith("other.yaml:7:12: error unknown-node q-second leads to 'e-missing', which does not exist")


def test_cli_clean_exit_zero(run_guide, basic_copy):
    result = run_guide("lint", *content_args(basic_copy))
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("checked 2 trees,") and result.out.endswith(": no defects\n")


def test_warnings_alone_exit_zero(run_guide, basic_copy):
    CASES["markup"][0](basic_copy)
    result = run_guide("lint", *content_args(basic_copy))
    assert result.code == 0 and " warning markup " in result.out


@pytest.mark.parametrize("escaped", ["\\0", "\\e[31m", "\\x9b2J", "\\a"], ids=["nul", "ansi", "csi", "bell"])
def test_control_characters_written_as_escapes_fail_lint(run_guide, basic_copy, escaped):
    """A double-quoted YAML escape puts NUL or ESC into the text, which would reach the person's terminal."""
    replace(EN_DEMO, "text: This is by design.", f'text: "This is {escaped}by design."')(basic_copy)
    result = run_guide("lint", *content_args(basic_copy))
    assert result.code == 1
    assert any(" error control-character U+" in line for line in result.out.splitlines()), result.out
