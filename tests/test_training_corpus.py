"""The written training corpus (guide/training/): it loads, labels every line with a symptom tree and one
of the four voices, repeats no text, covers every symptom tree in every voice, and repeats no statement,
trigger, routing example or dev line (benchmarks/trigger_overlap.py --training)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from guide.engine.loader import load_content
from support import overlap_tool

ROOT = Path(__file__).resolve().parents[1]
CORPUS_FILES = sorted((ROOT / "guide" / "training").glob("*.yaml"))
VOICES = {"user", "forum", "agent", "admin"}


@pytest.fixture(scope="module")
def symptom_trees() -> set[str]:
    return {tree.symptom for tree in load_content().content.trees.values() if tree.symptom}


@pytest.fixture(scope="module")
def lines() -> list[dict]:
    return [item for path in CORPUS_FILES for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


def test_there_is_an_english_corpus():
    assert ROOT / "guide" / "training" / "written-en.yaml" in CORPUS_FILES


def test_every_line_is_a_labelled_statement(lines, symptom_trees):
    """Each item is exactly {symptom, voice, text}: a symptom tree's symptom, one of the four voices and
    a non-empty text."""
    for item in lines:
        assert set(item) == {"symptom", "voice", "text"}, item
        assert item["symptom"] in symptom_trees, item
        assert item["voice"] in VOICES, item
        assert isinstance(item["text"], str) and item["text"].strip(), item


def test_no_text_is_repeated(lines):
    repeated = [text for text, count in Counter(" ".join(item["text"].lower().split()) for item in lines).items()
                if count > 1]
    assert repeated == []


def test_every_symptom_tree_is_written_in_every_voice(lines, symptom_trees):
    written = {(item["symptom"], item["voice"]) for item in lines}
    assert {(tree, voice) for tree in symptom_trees for voice in VOICES} <= written


def test_the_corpus_repeats_no_statement_trigger_or_example(lines):
    """trigger_overlap --training passes every line (it exits 1 when one is marked) and prints figures and
    the corpus's own lines only: no statement of any set (half of them are held out) appears in it."""
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "trigger_overlap.py"), "--training"],
                            capture_output=True, text=True)
    assert result.returncode == 0, [line for line in result.stdout.splitlines() if not line.startswith("ok")]
    ours = {item["text"] for item in lines}
    tool = overlap_tool()
    assert all(text in ours or text not in result.stdout for text in tool.statement_texts() if len(text) >= 8)


def test_the_run_index_gives_the_figures_of_overlap(lines):
    """The corpus check's fast `RunIndex` agrees with the plain `overlap` it stands in for, on corpus lines
    against the triggers and on a phrase that repeats one."""
    tool = overlap_tool()
    triggers = tool.triggers()
    index = tool.RunIndex(triggers)
    reauth_loop = yaml.safe_load((ROOT / "content" / "en" / "reauth-loop.yaml").read_text(encoding="utf-8"))
    repeating = "they said: " + reauth_loop["triggers"][0]
    for text in [item["text"] for item in lines[::80]] + [repeating]:
        assert index.overlap(text) == tool.overlap(text, triggers)
    assert tool.is_copy(repeating, index.overlap(repeating))
