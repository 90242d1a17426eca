"""The shipped vocabulary mirrors the shared taxonomy and every tree speaks it."""

from __future__ import annotations

import pytest
import yaml

from guide.engine.taxonomy import load_taxonomy

from support import ROOT, SHARED

SHARED_TAXONOMY = SHARED / "taxonomy.yaml"


@pytest.fixture(scope="module")
def shared():
    return yaml.safe_load(SHARED_TAXONOMY.read_text(encoding="utf-8"))


def test_the_project_taxonomy_is_a_superset_of_the_shared_one(shared):
    """guide/taxonomy.yaml may add ids but never drop one of the copied shared vocabulary."""
    ours = yaml.safe_load((ROOT / "guide" / "taxonomy.yaml").read_text(encoding="utf-8"))
    for section in ("symptoms", "causes", "actions"):
        assert sorted(set(shared[section]) - set(ours[section])) == [], section
    taxonomy = load_taxonomy()
    assert set(shared["symptoms"]) <= set(taxonomy.symptoms)
    assert set(shared["causes"]) <= set(taxonomy.causes)


def test_every_term_has_words_in_both_languages():
    taxonomy = load_taxonomy()
    for term in [*taxonomy.symptoms.values(), *taxonomy.causes.values()]:
        assert term.names.get("ja") and term.names.get("en"), term.id


def test_every_shared_cause_is_concluded_by_a_path(shared):
    """Every cause of the shared vocabulary ends at least one walk from some tree's start."""
    from guide.engine.compiler import start_ref, walk_paths
    from guide.engine.loader import load_content

    content = load_content().content
    concluded: set[str] = set()
    for tree_id in content.trees:
        remaining = set(shared["causes"]) - concluded
        if not remaining:
            break
        for nodes, _ in walk_paths(content, start_ref(content, tree_id)):
            cause = content.node(nodes[-1]).cause
            if cause:
                concluded.add(cause)
    assert sorted(set(shared["causes"]) - concluded) == []


def test_every_cause_has_a_phrase_for_check_sentences():
    """Check findings built from a code name the cause in a sentence (evidence/wording.py);
    a cause added to the taxonomy without a phrase would show its bare id to a user."""
    from guide.engine.evidence.wording import CAUSE_WORDS

    missing = sorted(set(load_taxonomy().causes) - set(CAUSE_WORDS))
    assert missing == []
    assert all(words.ja and words.en for words in CAUSE_WORDS.values())
