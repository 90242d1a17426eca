"""The strict YAML reader: the traps PyYAML leaves open are closed, and positions are kept."""

from __future__ import annotations

import pytest

from guide.engine import yamlio
from guide.engine.errors import ContentError
from guide.engine.yamlio import load_yaml


def error_of(text: str) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_yaml("t.yaml", text)
    return caught.value


def test_yes_no_on_off_stay_strings():
    doc = load_yaml("t.yaml", "answers:\n  yes: a\n  no: b\n  on: c\n  off: d\n  y: e\nflag: NO\n")
    assert doc.data == {"answers": {"yes": "a", "no": "b", "on": "c", "off": "d", "y": "e"}, "flag": "NO"}


def test_true_false_null_numbers_and_versions():
    doc = load_yaml("t.yaml", "a: true\nb: False\nc: null\nd: 12\ne: '1.10'\nf: 2024-01-01\n")
    assert doc.data == {"a": True, "b": False, "c": None, "d": 12, "e": "1.10", "f": "2024-01-01"}


def test_keys_are_always_names():
    assert load_yaml("t.yaml", "1: a\ntrue: b\n").data == {"1": "a", "true": "b"}


def test_positions_are_one_based_for_values_and_keys():
    doc = load_yaml("t.yaml", "nodes:\n  q-one:\n    type: question\n")
    assert doc.positions[("nodes", "q-one", "type")] == (3, 11)
    assert doc.key_positions[("nodes", "q-one")] == (2, 3)
    assert doc.where(("nodes", "q-one", "missing")) == (3, 5)  # the mapping it would be in


def test_duplicate_key_is_an_error_naming_the_first():
    error = error_of("a: 1\nb: 2\na: 3\n")
    assert (error.line, error.col, error.code) == (3, 1, "duplicate-key")
    assert "first at line 1" in error.message


@pytest.mark.parametrize("text", ["a: !!python/object/apply:os.system ['echo hi']\n", "a: !custom x\n",
                                  "a: !!binary aGVsbG8=\n", "a: !!set {x}\n"])
def test_only_core_tags(text):
    assert error_of(text).code == "yaml-tag"


def test_syntax_error_is_located():
    error = error_of("a:\n  - x\n b: [\n")
    assert error.code == "yaml-syntax" and error.line >= 2 and error.col >= 1


def test_alias_bomb_is_stopped():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    assert error_of("\n".join(lines) + "\n").code == "yaml-too-large"


def test_small_aliases_are_fine():
    assert load_yaml("t.yaml", "a: &x [1, 2]\nb: *x\n").data == {"a": [1, 2], "b": [1, 2]}


def test_nesting_depth_is_limited():
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(yamlio.MAX_DEPTH + 2)) + "  " * 60 + "v: 1\n"
    assert error_of(text).code in ("yaml-too-deep", "yaml-syntax")
    deep = "a: " + "[" * (yamlio.MAX_DEPTH + 5) + "]" * (yamlio.MAX_DEPTH + 5) + "\n"
    assert error_of(deep).code == "yaml-too-deep"


def test_merge_keys_are_refused():
    assert error_of("base: &b {x: 1}\nother:\n  <<: *b\n").code == "yaml-merge"


def test_utf8_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_bytes("\ufeffa: はい\r\nb: no\r\n".encode("utf-8"))
    doc = load_yaml(path)
    assert doc.data == {"a": "はい", "b": "no"}
    assert doc.positions[("b",)] == (2, 4)


def test_shift_jis_is_refused_with_location(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_bytes("a: ok\nb: サインイン\n".encode("shift_jis"))
    with pytest.raises(ContentError) as caught:
        load_yaml(path)
    assert (caught.value.code, caught.value.line) == ("encoding", 2)
    assert "UTF-8" in caught.value.message


def test_utf16_is_refused(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_bytes("a: 1\n".encode("utf-16"))
    with pytest.raises(ContentError, match="UTF-16"):
        load_yaml(path)


def test_file_size_is_limited(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 10)
    path = tmp_path / "t.yaml"
    path.write_text("a: 0123456789\n")
    with pytest.raises(ContentError) as caught:
        load_yaml(path)
    assert caught.value.code == "file-too-large"


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(ContentError) as caught:
        load_yaml(tmp_path / "nope.yaml")
    assert caught.value.code == "unreadable"


def test_error_prints_as_one_located_line():
    error = error_of("a: 1\na: 2\n")
    assert str(error) == "t.yaml:2:1: error duplicate-key duplicate key 'a' (first at line 1); keep only one"


def test_a_control_character_is_located_on_one_line(tmp_path):
    """The reader refuses U+0001 before parsing: its real line and column, in one line (was path:0:0 on two)."""
    source = tmp_path / "ctl.yaml"
    source.write_bytes(b'id: demo\nstart: q\nnodes:\n  q: {type: question, title: "ab\x01c"}\n')
    with pytest.raises(ContentError) as caught:
        load_yaml(source)
    error = caught.value
    assert (error.line, error.col, error.code) == (4, 33, "control-character")
    assert "\n" not in error.located() and "U+0001" in error.located()


def test_a_control_character_in_a_tree_is_one_located_lint_line(run_guide, basic_copy):
    tree = basic_copy / "trees" / "broken.yaml"
    tree.write_bytes(b"id: broken\n\x1b[2J: x\n")
    result = run_guide("lint", "--trees", str(basic_copy / "trees"), "--content", str(basic_copy / "content"))
    [line] = [line for line in result.out.splitlines() if "control-character" in line]
    assert line.endswith("broken.yaml:2:1: error control-character the control character U+001B is not allowed in "
                         "a YAML file; delete it")


def test_a_control_character_after_japanese_is_located_by_character(tmp_path):
    """libyaml reports a byte offset; the column given is the character's."""
    with pytest.raises(ContentError) as caught:
        load_yaml("x.yaml", 'b: 1\na: "サインイン\x7f"\n')
    assert (caught.value.line, caught.value.col) == (2, 10)
