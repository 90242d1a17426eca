"""The router's compact tables answer as the dict and list they replace, and a cached index of another
form (an older version, a damaged file) is built again quietly, never a traceback."""

from __future__ import annotations

import pickle

import pytest

import guide.engine.cache as cache
from guide.engine.loader import load_content
from guide.engine.router import Router
from guide.engine.routing.tables import FeatureTable, Phrase, PhraseTable

from support import BASIC


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(load_content().content)


def test_every_feature_has_the_number_it_was_given(router):
    table = router.feature_ids
    numbers = {table.feature(number): number for number in range(len(table))}
    assert len(numbers) == len(table) > 1000
    assert all(table.get(feature) == number for feature, number in numbers.items())
    assert sum(1 for number in numbers.values() if number < router.known) == router.known


@pytest.mark.parametrize("absent", ["", "\0", "w:", "w:zzzzzzzzzz", "\U0010ffff", "\ud800", "ja:サインイン" * 3])
def test_a_feature_not_there_gets_the_default(absent, router):
    assert router.feature_ids.get(absent, -1) == -1


def test_features_keep_their_order_and_colliding_ones_are_found():
    features = ["b", "d", "a", "c", "e", *(f"w:{number}" for number in range(3000))]
    table = pickle.loads(pickle.dumps(FeatureTable.of(features)))
    assert [table.get(feature) for feature in features] == list(range(len(features)))
    assert [table.get(absent) for absent in ("f", "w:3000", "w:-1")] == [None, None, None]
    assert len(table.slots) >= 2 * len(features) and len(table.slots) & (len(table.slots) - 1) == 0


def test_a_phrase_reads_back_as_it_was_made():
    made = [Phrase("tree", None, {"w:a": 1.0}, True, 2.5, 0.25), Phrase("tree", "node", None, False, 0.125, 0.0)]
    table = pickle.loads(pickle.dumps(PhraseTable.of(made)))
    assert len(table) == 2
    assert [table[number] for number in range(2)] == [Phrase("tree", None, None, True, 2.5, 0.25), made[1]]


def older_form(state: dict) -> dict:
    """An index as an earlier version cached it: the features joined in one string, phrases as tuples."""
    older = dict(state)
    table = older.pop("feature_ids")
    older["features"] = "\0".join(table.feature(number) for number in range(len(table)))
    phrases = older.pop("phrases")
    older["phrases"] = (phrases.trees, phrases.nodes, phrases.triggers, phrases.masses, phrases.informative)
    return older


@pytest.mark.parametrize("damage", ["older form", "missing counts", "truncated", "not an index"])
def test_a_cached_index_of_another_form_is_built_again_quietly(damage, tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_ROUTERS", {})
    content, version = cache.load_content_versioned(BASIC / "trees", BASIC / "content")
    router = cache.load_router_cached(content, version)
    [path] = tmp_path.glob("router-*.pickle")
    state = router.__getstate__()
    if damage == "older form":
        path.write_bytes(cache._pickled(_Reduced(older_form(state))))
    elif damage == "missing counts":
        path.write_bytes(cache._pickled(_Reduced({k: v for k, v in state.items() if k != "counts"})))
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:5000])
    else:
        path.write_bytes(pickle.dumps({"an": "index"}))
    monkeypatch.setattr(cache, "_ROUTERS", {})  # a new process
    again = cache.load_router_cached(content, version)
    text = "Teams keeps asking me to sign in again 0xCAA70004"
    assert again.route(text).as_json() == router.route(text).as_json()
    assert isinstance(pickle.loads(path.read_bytes()), Router)  # written again in the current form


class _Reduced:
    """Pickles as a `Router` with the given state (what an older version would have written)."""

    def __init__(self, state: dict) -> None:
        self.state = state

    def __reduce__(self):
        return Router.__new__, (Router,), self.state
