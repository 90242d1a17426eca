"""Routing the content's own triggers with those triggers taken out of the index: a check nobody tunes on.

The collected statements are few, and the tune half of them has been studied
for several rounds, so a change to the router's method that fixes those misses
may not carry over to unseen text. This check needs no statement at all: the
trigger phrases of every symptom tree (the tree's own and its nodes') are dealt
into `FOLDS` folds by a hash of their text; for each fold the router is built
from the content without that fold's triggers, and each left-out trigger is
routed. It is right when its own tree's symptom comes first. A method that
generalises routes words it was not given; one that only memorises phrases does
not. (A trigger repeated elsewhere in the content, as a link label or a title,
stays in the index: the figure is a little optimistic, the same for every method.)

`python benchmarks/leave_out.py` prints top-1 per language (with ``--per-tree``,
also per symptom tree: counts only); `bench_route.py --tune-only` prints it with
the other development figures.
"""

from __future__ import annotations

import dataclasses
import hashlib
from types import MappingProxyType

from guide.engine.model import ContentSet, TreeText
from guide.engine.router import Router

FOLDS = 4
"""How many routers are built: each leaves out about a quarter of the triggers."""


def fold_of(text: str) -> int:
    """The fold a trigger falls into (a fixed hash of its text)."""
    return hashlib.sha256(text.encode("utf-8")).digest()[0] % FOLDS


def without_fold(content: ContentSet, fold: int) -> tuple[ContentSet, list[tuple[str, str, str]]]:
    """`content` without the symptom trees' triggers of `fold`, and those triggers as (lang, symptom, text)."""
    left_out: list[tuple[str, str, str]] = []
    texts: dict[tuple[str, str], TreeText] = {}
    for (lang, tree_id), tree_text in content.texts.items():
        symptom = content.trees[tree_id].symptom if tree_id in content.trees else None
        if not symptom:
            texts[(lang, tree_id)] = tree_text
            continue

        def keep(triggers: tuple[str, ...]) -> tuple[str, ...]:
            kept = []
            for trigger in triggers:
                if fold_of(trigger) == fold:
                    left_out.append((lang, symptom, trigger))
                else:
                    kept.append(trigger)
            return tuple(kept)

        nodes = {node_id: dataclasses.replace(words, triggers=keep(words.triggers))
                 for node_id, words in tree_text.nodes.items()}
        texts[(lang, tree_id)] = dataclasses.replace(tree_text, triggers=keep(tree_text.triggers),
                                                     nodes=MappingProxyType(nodes))
    return dataclasses.replace(content, texts=MappingProxyType(texts)), left_out


def routed(content: ContentSet) -> list[tuple[str, str, bool]]:
    """(lang, symptom, routed to its own symptom first) of every left-out trigger, fold by fold."""
    found: list[tuple[str, str, bool]] = []
    for fold in range(FOLDS):
        reduced, left_out = without_fold(content, fold)
        router = Router(reduced)
        for lang, symptom, text in left_out:
            best = router.route(text, lang).best
            found.append((lang, symptom, best is not None and best.symptom == symptom))
    return found


def tally(results: list[tuple[str, str, bool]], by_tree: bool = False) -> dict[tuple[str, ...], tuple[int, int]]:
    """(lang,) or, `by_tree`, (lang, symptom) → (left-out triggers, those routed to their own symptom first)."""
    found: dict[tuple[str, ...], list[int]] = {}
    for lang, symptom, right in results:
        counts = found.setdefault((lang, symptom) if by_tree else (lang,), [0, 0])
        counts[0] += 1
        counts[1] += right
    return {key: (count, right) for key, (count, right) in found.items()}


def leave_out(content: ContentSet) -> dict[str, tuple[int, int]]:
    """Per language: (left-out triggers, those routed to their own tree's symptom first)."""
    return {lang: counts for (lang,), counts in tally(routed(content)).items()}


def rows(content: ContentSet) -> list[tuple[str, str, str]]:
    """Benchmark rows: top-1 of the left-out triggers per language."""
    return [(f"own triggers left out of the index {lang}: top-1", f"{right / count:.0%}",
             f"{right}/{count}  {FOLDS} folds, never tuned on")
            for lang, (count, right) in sorted(leave_out(content).items())]


if __name__ == "__main__":
    import sys

    from guide.engine.loader import load_content

    loaded = load_content().content
    for measurement, figure, note in rows(loaded):
        print(f"  {measurement:48} {figure:>12}  {note}")
    if "--per-tree" in sys.argv:  # which trees' own wording the method misses most when left out
        for (lang, symptom), (count, right) in sorted(tally(routed(loaded), by_tree=True).items()):
            print(f"  {lang} {symptom:36} {right / count:>12.0%}  {right}/{count}")
