"""The router's results are exactly those recorded before it was split into modules by job.

`tests/fixtures/router/rankings.json` holds, for every statement of
benchmarks/statements/ and of tests/fixtures/router/statements.yaml, what the
router gave on the shipped content before the split (issue 13, point 2): the
language, the codes, every candidate with its tree, entry node and unrounded
score, the node `place` chooses in the best tree, and the ranked answers at
that node when it is a question. The router must still give exactly these.

A failure names positions in the recording, never a statement's text: half the
collected statements are held out and must not be read while the router is changed.
Only the statements in the recording are routed here: a statement set added since
(fresh2-*, fresh3-*, fresh4-*, collected blind) is not routed by this test until the recording is made
again on purpose, so adding a set never makes it fail and never routes a blind set.

Record again only on purpose (a change meant to change routing):
``python tests/test_router_identical.py --record``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from guide.engine.loader import load_content
from guide.engine.model import QUESTION, NodeRef
from guide.engine.router import Router

ROOT = Path(__file__).resolve().parents[1]
RECORDED = ROOT / "tests" / "fixtures" / "router" / "rankings.json"


def statements() -> list[tuple[str, str]]:
    """(lang, text) of every collected and every test statement, in a fixed order."""
    found = []
    for path in sorted((ROOT / "benchmarks" / "statements").glob("*.yaml")):
        found += [(item["lang"], item["text"]) for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    own = yaml.safe_load((ROOT / "tests" / "fixtures" / "router" / "statements.yaml").read_text(encoding="utf-8"))
    found += [(lang, text) for lang, by_symptom in own.items() for texts in by_symptom.values() for text in texts]
    return found


def recorded() -> list[dict]:
    """The recording (see the module docstring)."""
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def results(content, router=None, which: list[tuple[str, str]] | None = None) -> list[dict]:
    """What the router (by default one built now) gives for each statement of `which`, by default
    every statement (see the module docstring)."""
    router = router or Router(content)
    found = []
    for lang, text in statements() if which is None else which:
        routing = router.route(text, lang)
        best = routing.candidates[0]
        place = router.place(best.tree, text)
        answers = router.rank_answers(place, text) if content.node(place).type == QUESTION else []
        found.append({"text": text, "asked": lang, "lang": routing.lang, "codes": list(routing.codes),
                      "candidates": [[c.symptom, c.tree, c.node.tree, c.node.node, c.score, list(c.codes)]
                                     for c in routing.candidates],
                      "place": [place.tree, place.node], "answers": [[key, score] for key, score in answers]})
    return found


def differing(now: list[dict], recorded: list[dict]) -> str:
    """'' when `now` is the recording, else how many entries differ and where (positions only)."""
    if len(now) != len(recorded):
        return f"{len(now)} statements routed, {len(recorded)} recorded"
    positions = [number for number, (got, expected) in enumerate(zip(now, recorded)) if got != expected]
    return f"{len(positions)} statements route differently, at positions {positions[:20]}" if positions else ""


def in_recording() -> list[tuple[str, str]]:
    """(lang, text) of each recorded statement, in the recording's order."""
    return [(entry["asked"], entry["text"]) for entry in recorded()]


@pytest.fixture(scope="module")
def now() -> list[dict]:
    return results(load_content().content, which=in_recording())


def test_every_statement_routes_as_recorded(now):
    assert len(recorded()) > 250
    problem = differing(now, recorded())
    assert not problem, problem


def test_the_recording_holds_only_statements_that_exist():
    """Routing only what was recorded must not hide a statement that was edited or removed."""
    existing = set(statements())
    gone = [number for number, pair in enumerate(in_recording()) if pair not in existing]
    assert not gone, f"{len(gone)} recorded statements no longer exist, at positions {gone[:20]}"


def test_an_index_read_back_from_the_cache_routes_as_recorded(tmp_path, monkeypatch):
    """The cache writes the index in a compact form (`Index.__getstate__`); read back, it answers the same."""
    from guide.engine import cache

    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_ROUTERS", {})
    cache.load_router_cached(*cache.load_content_versioned())  # builds and writes the index
    monkeypatch.setattr(cache, "_ROUTERS", {})  # a second process: content and index both read back
    content, version = cache.load_content_versioned()
    monkeypatch.setattr(Router, "__init__", None)  # so reading back can never fall back to building
    router = cache.load_router_cached(content, version)
    problem = differing(results(content, router, which=in_recording()), recorded())
    assert not problem, problem


def test_match_answer_follows_the_recorded_ranking():
    from guide.engine.router import ANSWER_MARGIN, ANSWER_MATCH

    router = Router(load_content().content)
    wrong = []
    for number, entry in enumerate(recorded()[:200]):
        ranked = entry["answers"]
        if not ranked:
            continue
        clear = ranked[0][1] >= ANSWER_MATCH and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= ANSWER_MARGIN)
        if router.match_answer(NodeRef(*entry["place"]), entry["text"]) != (ranked[0][0] if clear else None):
            wrong.append(number)
    assert not wrong, f"{len(wrong)} answers matched unlike the recorded ranking, at positions {wrong[:20]}"


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    RECORDED.write_text(json.dumps(results(load_content().content), ensure_ascii=False, indent=0) + "\n",
                        encoding="utf-8")
    print(f"recorded {RECORDED}")
