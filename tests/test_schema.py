"""The committed JSON Schemas agree with what the loader accepts.

The schemas are generated from the same declarations the loader checks with
(guide/engine/spec.py); this test feeds the same documents, valid and broken,
to the loader and to a JSON Schema validator and requires the same verdict.
"""

from __future__ import annotations

import json

import pytest

from guide.engine import spec
from guide.engine.loader import default_content_dir, default_trees_dir
from guide.engine.yamlio import load_yaml

from support import BASIC, ROOT

jsonschema = pytest.importorskip("jsonschema")

TREE_SCHEMA = json.loads((ROOT / "guide/trees/tree.schema.json").read_text(encoding="utf-8"))
CONTENT_SCHEMA = json.loads((ROOT / "guide/trees/content.schema.json").read_text(encoding="utf-8"))


def loader_accepts(shape: spec.Spec, data: object) -> bool:
    found = spec.Collected()
    shape.check(data, (), found)
    return not found.items


def schema_accepts(schema: dict, data: object) -> bool:
    return not list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_committed_schemas_are_generated():
    assert TREE_SCHEMA == spec.json_schema(spec.TREE, "guide tree")
    assert CONTENT_SCHEMA == spec.json_schema(spec.CONTENT, "guide content")


def shipped(kind: str):
    if kind == "tree":
        return sorted(default_trees_dir().glob("*.yaml")) + sorted((BASIC / "trees").glob("*.yaml"))
    return sorted(default_content_dir().glob("*/*.yaml")) + sorted((BASIC / "content").glob("*/*.yaml"))


@pytest.mark.parametrize("path", shipped("tree"), ids=lambda p: p.name)
def test_trees_valid_for_both(path):
    data = load_yaml(path).data
    assert loader_accepts(spec.TREE, data) and schema_accepts(TREE_SCHEMA, data)


@pytest.mark.parametrize("path", shipped("content"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_content_valid_for_both(path):
    data = load_yaml(path).data
    assert loader_accepts(spec.CONTENT, data) and schema_accepts(CONTENT_SCHEMA, data)


NODE = {"type": "question", "answers": {"yes": "r"}}
BROKEN_TREES = [
    {"nodes": {"q": NODE}},                                      # no id
    {"id": "T", "nodes": {"q": NODE}},                           # bad id
    {"id": "t", "nodes": {}},                                    # no nodes
    {"id": "t", "nodes": {"q": {"type": "question"}}},           # no answers
    {"id": "t", "nodes": {"q": {**NODE, "anwsers": {}}}},        # unknown key
    {"id": "t", "nodes": {"q": {"type": "teleport"}}},           # unknown type
    {"id": "t", "nodes": {"q": {"type": "info"}}},               # info without next
    {"id": "t", "nodes": {"q": {"type": "link"}}},               # link without tree
    {"id": "t", "nodes": {"q": {"type": "resolution", "actions": [{"params": {}}]}}},  # action without id
    {"id": "t", "nodes": {"q": {"type": "resolution", "actions": [3]}}},
    {"id": "t", "sources": {"a": "http://insecure.example"}, "nodes": {"q": NODE}},
    {"id": "t", "nodes": {"q": {**NODE, "answered_by": {"fact": "nodot", "values": {"a": "yes"}}}}},
    {"id": "t", "nodes": {"q": {**NODE, "sources": ["not a url"]}}},
    {"id": "t", "nodes": {"Q": NODE}},
    {"id": "t", "start": "", "nodes": {"q": NODE}},
]
BROKEN_CONTENT = [
    {"tree": "t", "lang": "fr", "title": "x", "nodes": {}},
    {"tree": "t", "lang": "ja", "nodes": {}},
    {"tree": "t", "lang": "ja", "title": "x", "nodes": {"q": {"title": "x"}}},
    {"tree": "t", "lang": "ja", "title": "x", "nodes": {"q": {"title": "x", "text": "y", "source_hash": "xyz"}}},
    {"tree": "t", "lang": "ja", "title": "x", "nodes": {"q": {"title": "x", "text": "y", "boss": "z"}}},
    {"tree": "t", "lang": "ja", "title": "x", "nodes": {"q": {"title": "x", "text": " "}}},
    {"tree": "t", "lang": "ja", "title": "x", "nodes": {"q": {"title": "x", "text": "y", "answers": {"a": 1}}}},
]


@pytest.mark.parametrize("data", BROKEN_TREES)
def test_broken_trees_rejected_by_both(data):
    assert not loader_accepts(spec.TREE, data)
    assert not schema_accepts(TREE_SCHEMA, data)


@pytest.mark.parametrize("data", BROKEN_CONTENT)
def test_broken_content_rejected_by_both(data):
    assert not loader_accepts(spec.CONTENT, data)
    assert not schema_accepts(CONTENT_SCHEMA, data)


def test_every_file_names_its_schema():
    for path in shipped("tree")[:1] + shipped("content")[:1]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
