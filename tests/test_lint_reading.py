"""Lint keeps no parsed document, and finds exactly what it found when it kept them all.

`lint.read` takes from each file, while it is read, everything lint needs
(`loader.Reading`) and lets the document go; the few defects the model cannot
place are located at the end by reading their file again. These tests break
the fixture in every way `test_lint.CASES` knows and compare, defect for
defect (file, line, column, code, message), lint over:

* a reference: every document parsed up front and kept, each defect located
  straight from it (what lint did before);
* `lint.read` (each file's own checks run while it is read);
* `load_content` alone (those checks run later, on the file read again);
* `lint.read` through a `cache.FileCache`, filled and then read back.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from guide.engine import yamlio
from guide.engine.cache import FileCache
from guide.engine.lint import lint, read
from guide.engine.loader import Documents, Loaded, load_content
from guide.engine.yamlio import Document

from test_lint import CASES, break_in_one_way


class KeptDocuments(Documents):
    """Documents parsed once, up front, and kept: the reference lint used to have."""

    def __init__(self, paths: dict) -> None:
        super().__init__()
        self.paths = dict(paths)
        self.kept = {key: yamlio.load_yaml(path) for key, path in paths.items()}

    def __getitem__(self, key: object) -> Document:
        return self.kept[key]


def with_kept_documents(loaded: Loaded) -> Loaded:
    loaded.tree_docs = KeptDocuments(loaded.tree_docs.paths)
    loaded.text_docs = KeptDocuments(loaded.text_docs.paths)
    return loaded


def every_way(folder: Path) -> dict[str, list]:
    trees, content = folder / "trees", folder / "content"
    results = {"reference": lint(with_kept_documents(load_content(trees, content))),
               "read": lint(read(trees, content)),
               "examined later": lint(load_content(trees, content))}
    for run in ("cache filled", "cache read back"):
        files = FileCache(trees, content)
        results[run] = lint(read(trees, content, files=files))
        files.save()
    return results


@pytest.mark.parametrize("code", sorted(CASES))
def test_every_way_of_reading_finds_the_same_defects(code, basic_copy, monkeypatch):
    break_in_one_way(code, basic_copy, monkeypatch)
    results = every_way(basic_copy)
    assert code in {d.code for d in results["reference"]}
    for way, defects in results.items():
        assert defects == results["reference"], way


def test_the_shipped_content_reads_the_same_every_way():
    root = Path(__file__).resolve().parents[1]
    results = every_way_of(root / "guide" / "trees", root / "content")
    for way, defects in results.items():
        assert defects == results["reference"], way


def every_way_of(trees: Path, content: Path) -> dict[str, list]:
    return {"reference": lint(with_kept_documents(load_content(trees, content))),
            "read": lint(read(trees, content)),
            "examined later": lint(load_content(trees, content))}


def test_a_loaded_content_set_keeps_no_document(basic_copy):
    files = FileCache(basic_copy / "trees", basic_copy / "content")
    loaded = read(basic_copy / "trees", basic_copy / "content", files=files)
    gc.collect()
    assert loaded.content.trees and not [found for found in gc.get_objects() if isinstance(found, Document)]
    assert len(loaded.tree_docs) == 2 and isinstance(loaded.tree_docs["demo"], Document)  # read again when asked


def test_a_file_changed_into_nonsense_after_loading_still_gets_a_located_defect(basic_copy):
    CASES["unknown-node"][0](basic_copy)
    loaded = read(basic_copy / "trees", basic_copy / "content")
    (basic_copy / "trees" / "other.yaml").write_text("[", encoding="utf-8")
    [defect] = [d for d in lint(loaded) if d.code == "unknown-node"]
    assert (Path(defect.path), defect.line, defect.col) == (basic_copy / "trees" / "other.yaml", 1, 1)


@pytest.mark.parametrize("code", ["unknown-node", "unknown-tree", "cycle", "dead-end"])
def test_lint_numbers_the_graph_as_edge_lists_does(code, basic_copy, monkeypatch):
    """`compiler.Numbered` (lint's graph by position) is `numbered(edge_lists(...))`, links between trees and
    edges to missing nodes included."""
    from guide.engine.compiler import Numbered, edge_lists, numbered

    break_in_one_way(code, basic_copy, monkeypatch)
    for content in (load_content(basic_copy / "trees", basic_copy / "content").content,
                    load_content().content):
        edges = edge_lists(content)
        graph = Numbered(content)
        assert graph.refs == list(edges) and graph.successors == numbered(edges)
        assert all(graph.at(ref) == at for at, ref in enumerate(edges))
