"""The start list before the content is read (`guide.engine.startlist`, `Guide.open(background=True)`):
what the first screen lists from the files' first lines, or from the list kept under the content's
fingerprint, is what the compiled content lists, in both languages, after an edit too; a file that does
not load is left out once the content is read, and a kept list is never used for other content."""

from __future__ import annotations

import pytest

import guide.engine.cache as cache
from guide.engine import startlist
from guide.engine.catalog import LANGS
from guide.engine.loader import load_content
from guide.engine.places import default_content_dir, default_trees_dir
from guide.engine.service import Guide

from support import BASIC

ACTIONS = BASIC.parent.parent / "tui" / "fixtures" / "actions"


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    """An empty content cache of this test."""
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def listed(guide: Guide) -> dict[str, list[tuple]]:
    """Everything the start list shows, in each language (and an unknown one), with and without sub-flows."""
    return {f"{lang}/{sub_flows}": [(item.symptom, item.tree, item.title, item.admin, item.start)
                                    for item in guide.symptoms(lang, sub_flows=sub_flows)]
            for lang in (*LANGS, "fr") for sub_flows in (False, True)}


def compiled(trees, words) -> dict[str, list[tuple]]:
    """The start list of the content read from the files, with nothing deferred."""
    return listed(Guide(load_content(trees, words).content))


@pytest.mark.parametrize("folders", [(default_trees_dir(), default_content_dir()),
                                     (BASIC / "trees", BASIC / "content"),
                                     (ACTIONS / "trees", ACTIONS / "content")], ids=["shipped", "basic", "actions"])
def test_the_files_first_lines_list_what_the_content_lists(folders):
    content = load_content(*folders).content
    assert startlist.of_files(*folders) == startlist.of_content(content)
    assert {lang for entry in startlist.of_content(content) for lang, _ in entry.titles} == set(LANGS)


def test_a_first_start_lists_from_the_files_then_keeps_the_contents_list(cache_folder, monkeypatch):
    trees, words = default_trees_dir(), default_content_dir()
    first = Guide.open(trees, words, background=True)
    assert listed(first) == compiled(trees, words) and first._content is None  # the content is not read for it
    assert first.read_content() is False  # the same list: nothing to show again
    assert cache.start_list(first.version) == startlist.of_content(first.content)

    def fail(*_args):
        raise AssertionError("the files were looked at")

    monkeypatch.setattr(startlist, "of_files", fail)
    again = Guide.open(trees, words, background=True)
    assert listed(again) == listed(first) and again._content is None  # from the kept list alone


def test_after_an_edit_the_list_is_the_edited_contents(cache_folder, basic_copy):
    trees, words = basic_copy / "trees", basic_copy / "content"
    before = Guide.open(trees, words, background=True)
    before.symptoms("en")
    before.read_content()
    for lang, title in (("en", "Demo renamed"), ("ja", "名前を変えたデモ")):
        path = words / lang / "demo.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"title: {_title(text)}\n", f"title: {title}\n", 1), encoding="utf-8")
    after = Guide.open(trees, words, background=True)
    assert after.version != before.version and cache.start_list(after.version) is None  # never the old list
    assert listed(after) == compiled(trees, words)
    assert {item.title for item in after.symptoms("en")} >= {"Demo renamed"}
    assert {item.title for item in after.symptoms("ja")} >= {"名前を変えたデモ"}
    assert after.read_content() is False and listed(after) == compiled(trees, words)


def _title(text: str) -> str:
    """The value of the top-level ``title:`` line of a words file."""
    return next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("title: "))


def test_a_file_that_does_not_load_is_listed_again_without_it(cache_folder, basic_copy):
    trees, words = basic_copy / "trees", basic_copy / "content"
    path = trees / "other.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  q-second:\n    type: info\n", encoding="utf-8")  # a duplicate key
    guide = Guide.open(trees, words, background=True)
    assert [item.tree for item in guide.symptoms("en", sub_flows=True)] == ["demo", "other"]  # its first lines read
    assert guide.read_content() is True  # the content leaves it out: the front end lists the guides again
    assert [item.tree for item in guide.symptoms("en", sub_flows=True)] == ["demo"]
    assert listed(guide) == compiled(trees, words)
    assert any(defect.code == "duplicate-key" for defect in guide.content.defects)


def test_a_tree_whose_start_is_not_a_node_is_not_listed(cache_folder, basic_copy):
    trees, words = basic_copy / "trees", basic_copy / "content"
    path = trees / "other.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("start: q-second", "start: nowhere"), encoding="utf-8")
    guide = Guide.open(trees, words, background=True)
    assert [item.tree for item in guide.symptoms("en", sub_flows=True)] == ["demo"]
    assert listed(guide) == compiled(trees, words)


def test_a_front_end_that_ends_early_still_keeps_the_list(cache_folder, basic_copy):
    trees, words = basic_copy / "trees", basic_copy / "content"
    guide = Guide.open(trees, words, background=True)
    guide.symptoms("en")
    guide.keep_start_list()
    assert cache.start_list(guide.version) == startlist.of_content(load_content(trees, words).content)


def test_a_list_made_from_the_content_read_first_is_kept_too(cache_folder, basic_copy):
    trees, words = basic_copy / "trees", basic_copy / "content"
    guide = Guide.open(trees, words, background=True)
    content = guide.content  # read before the list is shown (a conversation to continue needs it)
    guide.symptoms("en")
    assert guide.read_content() is False
    assert cache.start_list(guide.version) == startlist.of_content(content)
