"""The written training corpus (guide/training/written-ja.yaml) is well formed.

The corpus is the project's own statements for fitting the router's model, one item a statement,
labelled with the symptom tree whose content answers it. These checks keep every line usable as a
training example: the file loads, each label is a tree's symptom, each voice is one of the four, and
no text is written twice.
"""

from __future__ import annotations

import pytest
import yaml

from support import ROOT

CORPUS = ROOT / "guide" / "training" / "written-ja.yaml"
VOICES = {"user", "forum", "agent", "admin"}


def tree_symptoms() -> set[str]:
    """The symptom ids of the trees in guide/trees/ (sub-flows have none)."""
    found = set()
    for path in sorted((ROOT / "guide" / "trees").glob("*.yaml")):
        symptom = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("symptom")
        if symptom:
            found.add(symptom)
    return found


@pytest.fixture(scope="module")
def items() -> list[dict]:
    loaded = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    assert isinstance(loaded, list) and loaded, "the corpus is a non-empty list of items"
    return loaded


def test_every_item_has_exactly_a_symptom_a_voice_and_a_text(items):
    for number, item in enumerate(items):
        assert isinstance(item, dict) and set(item) == {"symptom", "voice", "text"}, number
        assert isinstance(item["text"], str) and item["text"].strip(), number


def test_every_label_is_a_symptom_tree_and_every_tree_has_statements(items):
    labels = {item["symptom"] for item in items}
    assert sorted(labels - tree_symptoms()) == []
    assert sorted(tree_symptoms() - labels) == []


def test_every_voice_is_one_of_the_four(items):
    assert sorted({item["voice"] for item in items} - VOICES) == []


def test_no_text_is_written_twice(items):
    seen: dict[str, int] = {}
    for number, item in enumerate(items):
        key = " ".join(item["text"].split())
        assert key not in seen, f"item {number} repeats item {seen[key]}"
        seen[key] = number
