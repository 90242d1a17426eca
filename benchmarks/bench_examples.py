"""Routing examples: what they do to top-1 routing, per variant, without reading the held-out half.

For each variant of how the router uses guide/examples/*.yaml (none; added to
their tree's document at a weight; also kept as phrases ...), prints top-1 per
language on the "tune" half of the collected statements, the shared evaluation
sample, the project's own statements, the private development set
benchmarks/dev/ (collected like the examples, never learnt from) and the
content's own triggers left out of the index (`leave_out.py`: the examples stay
in, so this shows whether real wording helps the router place wording it was not
given). The held-out half is never routed here.

    python benchmarks/bench_examples.py              # every variant
    python benchmarks/bench_examples.py --per-tree   # also leave-out per symptom tree (counts only)
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import yaml

from bench_route import accuracy, eval_items, own_items, real_items
from leave_out import routed, tally

from guide.engine.loader import load_content
from guide.engine.router import Router
from guide.engine.routing import examples as examples_module
from guide.engine.routing import index

DEV = Path(__file__).resolve().parent / "dev"


def dev_items() -> list[tuple[str, str, str]]:
    """(lang, symptom, text) of the private development set."""
    items = []
    for path in sorted(DEV.glob("*.yaml")):
        items += [(item["lang"], item["symptom"], item["text"])
                  for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    return items


def top1(router: Router, items: list[tuple[str, str, str]]) -> dict[str, tuple[int, int]]:
    """Language → (right at top 1, count), from `bench_route.accuracy`."""
    return {lang: (right, count) for lang, (count, right, *_rest) in accuracy(router, items).items()}


VARIANTS: list[tuple[str, dict]] = [
    ("no examples", {"use": False}),
    *((f"examples at weight {weight:g}", {"weight": weight}) for weight in (0.5, 1.0, 2.0)),
    *((f"examples at {weight:g}, as phrases", {"weight": weight, "phrases": True}) for weight in (0.5, 1.0, 2.0, 4.0)),
]
"""(name, settings): `use` False loads no examples; `weight` sets `index.EXAMPLE_WEIGHT`; `phrases`
sets `index.EXAMPLE_PHRASES`."""


@contextmanager
def applied(settings: dict):
    """Every router built inside uses the examples as `settings` say (see `VARIANTS`)."""
    saved = (index.load_examples, index.EXAMPLE_WEIGHT, index.EXAMPLE_PHRASES)
    try:
        if not settings.get("use", True):
            index.load_examples = lambda: {}
        index.EXAMPLE_WEIGHT = settings.get("weight", saved[1])
        index.EXAMPLE_PHRASES = settings.get("phrases", False)
        yield
    finally:
        index.load_examples, index.EXAMPLE_WEIGHT, index.EXAMPLE_PHRASES = saved


def measure(settings: dict, content, per_tree: bool = False) -> dict[str, dict[str, tuple[int, int]]]:
    """Top-1 per set and language (and, `per_tree`, leave-out per language and tree) under `settings`."""
    with applied(settings):
        router = Router(content)
        left_out = routed(content)
    figures = {name: top1(router, items) for name, items in
               (("tune", real_items(False)), ("eval", eval_items()), ("own", own_items()), ("dev", dev_items()))}
    figures["leave-out"] = {key[0]: (right, count) for key, (count, right) in tally(left_out).items()}
    if per_tree:
        figures["leave-out per tree"] = {" ".join(key): (right, count)
                                         for key, (count, right) in tally(left_out, by_tree=True).items()}
    return figures


def main(argv: list[str]) -> None:
    content = load_content().content
    counts = {lang: len(found) for lang, found in examples_module.load_examples().items()}
    print(f"examples: {counts}; dev set: {len(dev_items())}")
    for name, settings in VARIANTS:
        figures = measure(settings, content, per_tree="--per-tree" in argv)
        trees = figures.pop("leave-out per tree", {})
        cells = []
        for set_name, by_lang in figures.items():
            for lang, (right, count) in sorted(by_lang.items()):
                cells.append(f"{set_name} {lang} {right}/{count} ({right / count:.0%})")
        print(f"{name:28} " + "  ".join(cells))
        for key, (right, count) in sorted(trees.items()):
            print(f"{'':30}leave-out {key:36} {right}/{count} ({right / count:.0%})")


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
