"""`guide paths --count` keeps each tree's count under the content's fingerprint: counted once per
content set, read back after that (without reading the content or walking the graph), counted again
after any change, and a damaged or foreign kept result is counted again quietly."""

from __future__ import annotations

import pytest

import guide.engine.cache as cache
import guide.engine.compiler as compiler

from support import content_args


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(folder))
    return folder


def kept(folder):
    return sorted(folder.glob("paths-*.pickle"))


def forbid_counting(monkeypatch):
    """Make loading the content and counting fail, so only a kept result can answer."""
    def fail(*_args, **_kwargs):
        raise AssertionError("counted again")

    monkeypatch.setattr(compiler, "count_paths", fail)
    monkeypatch.setattr(cache, "load_content_versioned", fail)


def test_the_second_count_is_read_back_and_equals_the_first(run_guide, basic_copy, cache_folder, monkeypatch):
    args = content_args(basic_copy)
    assert run_guide("paths", "--count", *args).out.strip() == "7"
    assert len(kept(cache_folder)) == 1
    forbid_counting(monkeypatch)
    assert run_guide("paths", "--count", *args).out.strip() == "7"
    assert run_guide("paths", "--count", "--tree", "other", "--json", *args).json() == {"count": 2}


def test_every_count_matches_the_listed_paths(run_guide, basic_copy, cache_folder):
    args = content_args(basic_copy)
    listed = run_guide("paths", "--json", *args).json()["paths"]
    for tree in ("demo", "other"):
        run_guide("paths", "--count", "--tree", tree, *args)  # the first fills the cache
        counted = run_guide("paths", "--count", "--tree", tree, "--json", *args).json()["count"]
        assert counted == sum(1 for path in listed if path["tree"] == tree)


def test_a_changed_tree_is_counted_again(run_guide, basic_copy, cache_folder):
    args = content_args(basic_copy)
    assert run_guide("paths", "--count", "--tree", "other", *args).out.strip() == "2"
    tree = basic_copy / "trees" / "other.yaml"
    tree.write_text(tree.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert run_guide("paths", "--count", "--tree", "other", *args).out.strip() == "2"
    assert len(kept(cache_folder)) == 2  # one per content version


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05N.",  # empty, garbage, None
                                    b"\x80\x05]\x94.",  # a list, not a dict
                                    b"\x80\x05}\x94\x8c\x04demo\x94\x8c\x011\x94s."])  # a count that is text
def test_a_damaged_kept_count_is_counted_again_quietly(run_guide, basic_copy, cache_folder, damage):
    args = content_args(basic_copy)
    run_guide("paths", "--count", *args)
    [path] = kept(cache_folder)
    path.write_bytes(damage)
    result = run_guide("paths", "--count", *args)
    assert (result.code, result.out.strip(), result.err) == (0, "7", "")
    assert run_guide("paths", "--count", *args).out.strip() == "7"


def test_an_unknown_tree_is_still_refused_with_the_trees_there_are(run_guide, basic_copy, cache_folder):
    args = content_args(basic_copy)
    run_guide("paths", "--count", *args)
    result = run_guide("paths", "--count", "--tree", "nope", *args)
    assert result.code == 2 and "no tree 'nope'; trees: demo, other" in result.err
