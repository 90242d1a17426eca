"""The content cache: a second start reads the cached copy; any change, damage or doubt reads the files."""

from __future__ import annotations

import os
import shutil

import pytest

import guide.engine.cache as cache
from guide.engine.loader import load_content

from support import BASIC


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A private cache folder and a writable copy of the fixture content."""
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(BASIC, tmp_path / "basic")
    return tmp_path


def args(folder):
    return folder / "basic" / "trees", folder / "basic" / "content"


def copies(folder):
    return sorted((folder / "cache").glob("content-*.pickle"))


def refuse(monkeypatch, name: str, what: str) -> None:
    """Make `cache.<name>` fail, so a test sees it is not called."""
    def fail(*_args, **_kwargs):
        raise AssertionError(what)

    monkeypatch.setattr(cache, name, fail)


def refuse_to_read(monkeypatch):
    """Make reading the YAML fail, so only a cached copy can answer."""
    refuse(monkeypatch, "_read", "the files were read again")


def test_the_second_load_comes_from_the_cache_and_equals_the_first(folder, monkeypatch):
    first = cache.load_content_cached(*args(folder))
    assert first == load_content(*args(folder)).content
    assert len(copies(folder)) == 1
    refuse_to_read(monkeypatch)
    assert cache.load_content_cached(*args(folder)) == first


def test_a_changed_file_is_read_again(folder, monkeypatch):
    cache.load_content_cached(*args(folder))
    words = folder / "basic" / "content" / "en" / "demo.yaml"
    words.write_text(words.read_text(encoding="utf-8").replace("First question", "The first question"),
                     encoding="utf-8")
    content = cache.load_content_cached(*args(folder))
    assert any(text.title == "The first question" for (lang, _), tree in content.texts.items() if lang == "en"
               for text in tree.nodes.values())
    assert len(copies(folder)) == 2


def test_a_damaged_copy_is_ignored_and_replaced(folder):
    first = cache.load_content_cached(*args(folder))
    (copy,) = copies(folder)
    copy.write_bytes(b"not a pickle")
    assert cache.load_content_cached(*args(folder)) == first
    assert copy.read_bytes() != b"not a pickle"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_copy_others_may_write_is_not_trusted(folder, monkeypatch):
    cache.load_content_cached(*args(folder))
    (copy,) = copies(folder)
    copy.chmod(0o666)
    calls = []
    monkeypatch.setattr(cache, "_read", lambda *a: calls.append(a) or load_content(*a).content)
    cache.load_content_cached(*args(folder))
    assert calls, "a world-writable copy must not be unpickled"
    assert copy.stat().st_mode & 0o077 == 0


def test_an_unwritable_cache_folder_never_stops_the_guide(folder, monkeypatch):
    blocker = folder / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(blocker / "cache"))
    assert cache.load_content_cached(*args(folder)) == load_content(*args(folder)).content


def test_only_the_newest_copies_stay(folder):
    for index in range(cache.KEEP + 2):
        words = folder / "basic" / "content" / "en" / "demo.yaml"
        words.write_text(words.read_text(encoding="utf-8") + f"\n# edit {index}\n", encoding="utf-8")
        cache.load_content_cached(*args(folder))
    assert len(copies(folder)) == cache.KEEP


def loaded(folder):
    """The content set and the fingerprint it was read under."""
    return cache.load_content_versioned(*args(folder))


def test_the_router_index_is_read_back_from_disk(folder, monkeypatch):
    from guide.engine.router import Router

    content, version = loaded(folder)
    built = cache.load_router_cached(content, version)
    monkeypatch.setattr(cache, "_ROUTERS", {})  # a new process: nothing in memory
    fresh, same = loaded(folder)
    assert same == version

    def never(*_args, **_kwargs):
        raise AssertionError("the index was built again")

    monkeypatch.setattr(Router, "__init__", never)
    again = cache.load_router_cached(fresh, version)
    assert again is not built and again.content is fresh
    text = "Teams keeps asking me to sign in again"
    assert again.route(text).as_json() == built.route(text).as_json()


def test_without_build_an_uncached_index_is_not_built(folder):
    content, version = loaded(folder)
    assert cache.load_router_cached(content, version, build=False) is None
    assert not list((folder / "cache").glob("router-*.pickle"))
    cache.load_router_cached(content, version)
    assert cache.load_router_cached(content, version, build=False) is not None


def test_the_index_is_named_by_the_files_the_content_was_read_from(folder):
    """Files edited while the guide runs: the index belongs to the content in memory, not to the new files."""
    trees, words = args(folder)
    content, version = cache.load_content_versioned(trees, words)
    assert version == cache.fingerprint(trees, words)
    demo = words / "en" / "demo.yaml"
    demo.write_text(demo.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    cache.load_router_cached(content, version)
    assert [path.name for path in (folder / "cache").glob("router-*.pickle")] == [f"router-{version}.pickle"]


def test_a_router_already_in_memory_is_not_read_again(folder, monkeypatch):
    content, version = loaded(folder)
    first = cache.load_router_cached(content, version)
    refuse(monkeypatch, "_cached", "the cached index was read again")
    assert cache.load_router_cached(content, version) is first


def test_content_without_a_fingerprint_gets_a_router_kept_nowhere(folder):
    content = load_content(*args(folder)).content
    assert cache.load_router_cached(content, None) is not cache.load_router_cached(content, None)
    assert not list((folder / "cache").glob("router-*.pickle"))
