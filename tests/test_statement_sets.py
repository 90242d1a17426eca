"""The collected statement sets (benchmarks/statements/*.yaml) are well formed, without routing them.

benchmarks/bench_route.py and tests/test_router.py read every file there; a set collected blind
(fresh2-*, fresh3-*, fresh4-*) must be checkable before anyone routes it. Each statement has its text, a language the
guide speaks, a symptom the taxonomy knows (and `second`, when given, one too or "unclear"; `third` only where
those two differ) and the
http(s) address it was taken from; no text is in two places. A failure names files and positions,
never a statement's text: half of each set is held out and must not be read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SETS = sorted((ROOT / "benchmarks" / "statements").glob("*.yaml"))
SYMPTOMS = set(yaml.safe_load((ROOT / "guide" / "taxonomy.yaml").read_text(encoding="utf-8"))["symptoms"])


def items(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def malformed(item: object) -> str:
    """'' when `item` is a well-formed statement, else what is wrong (never its text)."""
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
        return "no text"
    if item.get("lang") not in ("ja", "en"):
        return f"lang {item.get('lang')!r}"
    if item.get("symptom") not in SYMPTOMS:
        return f"symptom {item.get('symptom')!r}"
    if item.get("second", item["symptom"]) not in SYMPTOMS | {"unclear"}:
        return f"second {item.get('second')!r}"
    if "third" in item and (item["third"] not in SYMPTOMS | {"unclear"} or item.get("second") == item["symptom"]):
        return f"third {item.get('third')!r} (only where the first two annotators differ)"
    if not str(item.get("source", "")).startswith(("https://", "http://")):
        return "no source address"
    return ""


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.stem)
def test_every_statement_is_well_formed(path):
    found = items(path)
    assert isinstance(found, list) and found
    wrong = {number: problem for number, item in enumerate(found) if (problem := malformed(item))}
    assert not wrong, f"{path.name}: {wrong}"


def test_no_statement_is_in_two_places():
    where: dict[tuple[str, str], list[str]] = {}
    for path in SETS:
        for number, item in enumerate(items(path)):
            where.setdefault((item["lang"], item["text"]), []).append(f"{path.stem}#{number}")
    twice = [places for places in where.values() if len(places) > 1]
    assert not twice, twice


def test_the_blind_sets_are_counted_as_later_sets(monkeypatch):
    """bench_route.py reads the blind sets (fresh2, fresh3, fresh4) and also gives the held-out figure without them
    (they were collected after the last tuning round, like fresh-ja): read from its constants, nothing routed."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import bench_route

    blind = {"fresh2-ja", "fresh2-en", "fresh3-ja", "fresh3-en", "fresh4-ja", "fresh4-en"}
    assert blind <= set(bench_route.statement_sets()) and blind <= set(bench_route.LATER_SETS)


def test_a_statement_counts_under_the_label_two_of_three_annotators_gave(monkeypatch):
    """`bench_route.gold`: a third blind label settles a disagreement only by joining one side; with
    none, an unclear third label or a third tree of its own, the first label stays (made-up items)."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from bench_route import gold

    first, second = "reauth-loop", "kmsi-missing"
    assert gold({"symptom": first, "second": first}) == first
    assert gold({"symptom": first, "second": second, "third": second}) == second
    assert gold({"symptom": first, "second": second, "third": second}, first_labels=True) == first
    assert gold({"symptom": first, "second": second, "third": first}) == first
    assert gold({"symptom": first, "second": second, "third": "prt-sso"}) == first
    assert gold({"symptom": first, "second": "unclear", "third": "unclear"}) == first
