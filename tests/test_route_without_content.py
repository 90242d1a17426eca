"""`guide route` reads the router's index from the cache and the content only if the routing needs it
(`Guide.open(defer=True)`): what it prints is what a guide with its content loaded prints."""

from __future__ import annotations

import pytest

import guide.engine.cache as cache
from guide.engine.catalog import LANGS
from guide.engine.service import Guide

from support import BASIC, content_args

TEXTS = ("Teams keeps asking me to sign in again", "Teams で毎回サインインを求められる",
         "error 0xCAA70004 in Teams", "AADSTS50076")


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_ROUTERS", {})  # every test a new process
    return tmp_path / "cache"


def refuse_content(monkeypatch) -> None:
    """Make reading the content (from the cache or the files) fail, so a test sees it is not read."""
    def fail(*_args, **_kwargs):
        raise AssertionError("the content was read")

    monkeypatch.setattr(cache, "_through_cache", fail)
    monkeypatch.setattr(cache, "_read", fail)


def test_a_second_route_reads_no_content_and_prints_the_same(run_guide, cache_folder, monkeypatch):
    args = content_args(BASIC)
    first = [run_guide("route", text, *args) for text in TEXTS[:2]]
    assert all(result.code == 0 for result in first)
    monkeypatch.setattr(cache, "_ROUTERS", {})
    refuse_content(monkeypatch)
    again = [run_guide("route", text, *args) for text in TEXTS[:2]]
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in first]


def test_a_code_reads_the_content_when_the_routing_needs_it(run_guide, cache_folder, monkeypatch):
    args = content_args(BASIC)
    expected = run_guide("route", "--json", TEXTS[2], *args).json()
    monkeypatch.setattr(cache, "_ROUTERS", {})
    assert run_guide("route", "--json", TEXTS[2], *args).json() == expected


@pytest.mark.parametrize("text", TEXTS)
def test_a_deferred_guide_routes_and_titles_as_a_loaded_one(text, cache_folder, monkeypatch):
    trees, words = BASIC / "trees", BASIC / "content"
    loaded = Guide.open(trees, words)
    expected = loaded.route(text, "en")
    monkeypatch.setattr(cache, "_ROUTERS", {})
    deferred = Guide.open(trees, words, defer=True)
    assert deferred.version == loaded.version
    assert deferred.route(text, "en") == expected
    for tree in {candidate.tree for candidate in expected.candidates} | set(loaded.content.trees):
        for lang in (*LANGS, "fr"):
            assert deferred.title(tree, lang) == loaded.words.title(tree, lang)
    assert deferred.content == loaded.content and deferred.words.title("demo", "ja") == loaded.words.title("demo", "ja")


def test_without_a_cached_copy_the_content_is_read_at_once(cache_folder):
    deferred = Guide.open(BASIC / "trees", BASIC / "content", defer=True)
    assert deferred._content is not None  # nothing cached yet: read (and checked) now, as without defer
