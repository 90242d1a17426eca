"""The event-driven YAML reader gives exactly what composing PyYAML's node graph gave: data and positions.

`yamlio` builds data straight from the parser's events (see `yamlio._EventReader`);
the reference here composes the whole node graph first and walks it, as the reader
did before. Both must agree on every shipped YAML file, the test fixtures, and
random documents in every scalar style.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from guide.engine import yamlio
from guide.engine.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted([*ROOT.glob("guide/**/*.yaml"), *ROOT.glob("content/**/*.yaml"), *ROOT.glob("tests/**/*.yaml"),
                  *ROOT.glob("benchmarks/**/*.yaml")])


def composed(text: str) -> tuple[object, dict, dict]:
    """(data, positions, key positions) by composing the node graph and walking it."""
    loader = yamlio._StrictLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    positions: dict = {}
    keys: dict = {}

    def walk(node: yaml.Node, path: tuple) -> object:
        positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                keys[path + (key_node.value,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key_node.value] = walk(value_node, path + (key_node.value,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [walk(item, path + (index,)) for index, item in enumerate(node.value)]
        return yamlio._scalar(node.tag, node.value)

    if root is None:
        return None, {(): (1, 1)}, {}
    return walk(root, ()), positions, keys


def assert_same(text: str) -> None:
    doc = load_yaml("t.yaml", text)
    data, positions, keys = composed(text)
    assert doc.data == data
    assert [type(v) for v in _leaves(doc.data)] == [type(v) for v in _leaves(data)]
    assert doc.positions == positions
    assert doc.key_positions == keys


def _leaves(data: object) -> list:
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in _leaves(value)]
    if isinstance(data, list):
        return [leaf for value in data for leaf in _leaves(value)]
    return [data]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_shipped_file_reads_the_same(path):
    assert_same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [
    "", "a: &x [1, {b: 'c'}]\nk: *x\nl: *x\n", "- &s plain\n- *s\n- \"q\"\n- |\n  block\n- >-\n  folded\n",
    "a: ~\nb: null\nc: .inf\nd: 0x1F\ne: 1_000\nf: -2.5e3\ng: yes\nh: 'true'\ni: TRUE\nj: 2024-01-01\n",
    "? complex\n: value\nempty:\n'quoted key': 1\n", "nested:\n  - - - deep\n  - {a: [1, 2]}\n"])
def test_styles_anchors_and_types_read_the_same(text):
    assert_same(text)


_TEXT = st.text(alphabet=st.sampled_from(list("ab yesNOtrue0123.-:#'\"\\\nサイン・")), max_size=12)
_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), _TEXT,
                                 st.floats(allow_nan=False, allow_infinity=False)),
                       lambda inner: st.one_of(st.lists(inner, max_size=4),
                                               st.dictionaries(_TEXT, inner, max_size=4)), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(_VALUES, st.sampled_from([None, "'", '"']), st.booleans())
def test_random_documents_read_the_same(data, style, flow):
    assert_same(yaml.safe_dump({"root": data}, allow_unicode=True, default_style=style, default_flow_style=flow))
