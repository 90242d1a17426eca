"""Router benchmarks: accuracy per language on real user statements, and latency per query.

Figures printed (none is asserted; see README "Benchmarks"), top-1 and top-3
accuracy per language (goal: top-1 >= 90% in each language on statements the
router was never tuned on; a statement whose symptom has no tree counts as a miss):
- ../shared/eval/utterances-dev.yaml: the shared sample of statements real users
  wrote (a development set: its misses were looked at, its sentences are never triggers);
- benchmarks/statements/*.yaml: more statements real users wrote (real-en, real-ja)
  and, as Japanese user posts are scarce in public, the problem titles and FAQ
  questions of Japanese support sites (titles-ja), each with its source, collected
  apart from the content. Each is put in one of two
  halves by a hash of its text: "tune" (misses may be studied) and "held out"
  (only counted: the honest figure for text the router has never seen). A second
  annotator labelled every collected statement again without seeing the first
  label (`second`, or ``unclear``); the held-out figure is also given for the
  statements both agree on, since a statement people file differently cannot be
  routed "right";
- tests/fixtures/router/statements.yaml, the project's own test statements
  (written for the tests and looked at while tuning: an optimistic figure);
- time to build the index once per content set, and the median and worst time
  of one query after that (goal: median <= 5 ms).

`python benchmarks/bench_route.py --misses` also lists the statements ranked
wrongly, except those held out; `--confusion` prints, per set and language, how
many statements of each tree went to which other tree (counts only, so the
held-out half can be reported without being read).
"""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter
import sys
import time
from pathlib import Path

import yaml

from guide.engine.loader import load_content
from guide.engine.router import Router

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "utterances-dev.yaml"
OWN = ROOT / "tests" / "fixtures" / "router" / "statements.yaml"
REAL = ROOT / "benchmarks" / "statements"


def eval_items() -> list[tuple[str, str, str]]:
    """(lang, symptom, text) of the shared evaluation sample (empty when it is not beside the project)."""
    if not EVAL.is_file():
        return []
    data = yaml.safe_load(EVAL.read_text(encoding="utf-8")) or []
    return [(item["lang"], item["symptom"], item["text"]) for item in data]


def held_out(text: str) -> bool:
    """Whether a collected statement belongs to the held-out half (a fixed hash of its text)."""
    return hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 1


def real_items(half_held_out: bool, agreed_only: bool = False) -> list[tuple[str, str, str]]:
    """(lang, symptom, text) of one half of the collected real statements; with `agreed_only`,
    only those a second annotator, labelling blind, put under the same symptom (`second`)."""
    items = []
    for path in sorted(REAL.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if held_out(item["text"]) != half_held_out:
                continue
            if agreed_only and item.get("second", item["symptom"]) != item["symptom"]:
                continue
            items.append((item["lang"], item["symptom"], item["text"]))
    return items


def own_items() -> list[tuple[str, str, str]]:
    """(lang, symptom, text) of the project's own router test statements."""
    data = yaml.safe_load(OWN.read_text(encoding="utf-8")) or {}
    return [(lang, symptom, text) for lang, by_symptom in data.items()
            for symptom, texts in by_symptom.items() for text in texts]


def accuracy(router: Router, items: list[tuple[str, str, str]]):
    """Per language: (count, top-1 hits, top-3 hits, misses as (text, expected, ranked symptoms), timings)."""
    results: dict[str, list] = {}
    for lang, symptom, text in items:
        began = time.perf_counter()
        routing = router.route(text, lang)
        took = time.perf_counter() - began
        ranked = [candidate.symptom for candidate in routing.candidates]
        entry = results.setdefault(lang, [0, 0, 0, [], []])
        entry[0] += 1
        entry[1] += ranked[:1] == [symptom]
        entry[2] += symptom in ranked[:3]
        entry[4].append(took)
        if ranked[:1] != [symptom]:
            entry[3].append((text, symptom, ranked[:3]))
    return results


def confusion(router: Router, items: list[tuple[str, str, str]]) -> dict[str, Counter]:
    """Per language: (expected tree, top-1 tree) -> count, for the statements ranked wrongly."""
    table: dict[str, Counter] = {}
    for lang, symptom, text in items:
        ranked = [candidate.symptom for candidate in router.route(text, lang).candidates]
        got = ranked[0] if ranked else "(none)"
        if got != symptom:
            table.setdefault(lang, Counter())[(symptom, got)] += 1
    return table


def print_confusion(router: Router) -> None:
    """The confusion between trees for every statement set, counts only."""
    for name, items in (("shared/eval", eval_items()), ("tune half", real_items(False)),
                        ("HELD OUT", real_items(True))):
        for lang, table in sorted(confusion(router, items).items()):
            pairs = ", ".join(f"{expected} -> {got}: {count}" for (expected, got), count in sorted(table.items()))
            print(f"  confusion {name} {lang}: {pairs}")


def main(show_misses: bool = False) -> list[tuple[str, str, str]]:
    rows = []
    began = time.perf_counter()
    content = load_content().content
    loaded = time.perf_counter()
    router = Router(content)
    built = time.perf_counter()
    trees = sorted({doc.symptom for doc in router.docs.values()})
    rows.append(("index build (once per content set)", f"{(built - loaded) * 1000:.0f} ms",
                 f"load {(loaded - began) * 1000:.0f} ms; {len(router.docs)} symptom trees: {', '.join(trees)}"))
    timings: list[float] = []
    for name, items, note, listed in (
            ("real statements (shared/eval)", eval_items(), "development set", True),
            ("collected real statements, tune half", real_items(False), "misses studied", True),
            ("collected real, HELD OUT", real_items(True), "never studied; goal top-1 >= 90%", False),
            ("  of those, both annotators agree", real_items(True, agreed_only=True), "never studied", False),
            ("own test statements", own_items(), "seen while tuning", True)):
        if not items:
            rows.append((name, "n/a", f"{EVAL} not found"))
            continue
        for lang, (count, top1, top3, misses, took) in sorted(accuracy(router, items).items()):
            timings += took
            rows.append((f"{name} {lang}: top-1", f"{top1 / count:.0%}", f"{top1}/{count}  {note}"))
            rows.append((f"{name} {lang}: top-3", f"{top3 / count:.0%}", f"{top3}/{count}"))
            if show_misses and listed:
                for text, expected, ranked in misses:
                    print(f"  miss [{lang}] expected {expected}, got {ranked}: {text[:110]}")
    repeated = []
    for _ in range(3):
        for lang, _symptom, text in eval_items() + own_items() + real_items(False) + real_items(True):
            start = time.perf_counter()
            router.route(text, lang)
            repeated.append(time.perf_counter() - start)
    rows.append(("query latency after load: median", f"{statistics.median(repeated) * 1000:.2f} ms",
                 f"{len(repeated)} queries  goal <= 5 ms"))
    rows.append(("query latency after load: worst", f"{max(repeated) * 1000:.2f} ms",
                 f"first pass worst {max(timings) * 1000:.2f} ms (cold caches)" if timings else ""))
    return rows


if __name__ == "__main__":
    for measurement, figure, note in main("--misses" in sys.argv):
        print(f"  {measurement:48} {figure:>12}  {note}")
    if "--confusion" in sys.argv:
        print_confusion(Router(load_content().content))
