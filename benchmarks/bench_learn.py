"""Learning from real wording: the router's softmax regression trained on real lines, by cross-validation.

The real lines are the routing examples (guide/examples/<lang>.yaml) and the
regression's own lines (guide/examples/learnt-<lang>.yaml, which were the private
development set benchmarks/dev/ until this measure showed they help): people's and
Microsoft's own wording of a problem, each with its source. Once they are training data, the only honest figure for
them is "real-wording CV": the lines are dealt into `FOLDS` folds by a hash of
their text, and each fold is routed by a router built without it. Each variant
says how a router uses the lines of the other folds (`Variant`):

- ``none``: not at all (the count router without real wording);
- ``count``: as count examples at `index.EXAMPLE_WEIGHT` (the count router of main,
  with every line an example);
- ``learn``: only the regression learns from them (at `linear.REAL_WEIGHT`);
- ``both``: as count examples that the regression also learns from;
- ``main``: the routing examples as count examples, the other lines not at all (the router of main);
- ``split``: the routing examples as count examples, the regression learning from every line.

For each variant it prints CV top-1 per language, then, with every real line in
use, the tune half of the collected statements, the shared evaluation sample, the
project's own statements (none of them ever training data), the leave-out check
(`leave_out`: each tree's triggers routed by a router built without them) and the
CPU time of the index builds. The held-out half is never read.

    python benchmarks/bench_learn.py                      # the variants of `VARIANTS`
    python benchmarks/bench_learn.py split:0.4/0.1:2e-3   # given ones (`Variant.parse`)
    python benchmarks/bench_learn.py --no-leave-out ...   # without the (slow) leave-out check
    python benchmarks/bench_learn.py --cost               # what the regression costs (see `cost_rows`)
"""

from __future__ import annotations

import hashlib
import sys
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from bench_route import eval_items, own_items, real_items
from leave_out import routed, tally

from guide.engine.loader import load_content
from guide.engine.router import Router
from guide.engine.routing import index, linear, ranking
from guide.engine.routing.examples import Example, load_examples, load_learnt

FOLDS = 4
"""How many folds the real lines are dealt into (by `fold_of`)."""


def fold_of(text: str) -> int:
    """The fold of a real line: a fixed hash of its text (another byte than `leave_out.fold_of` reads)."""
    return hashlib.sha256(text.encode("utf-8")).digest()[1] % FOLDS


def real_lines() -> list[tuple[str, Example, bool]]:
    """(lang, line, whether it is a routing example) of every real line: the routing examples and the
    regression's lines (each once, in file order)."""
    found: dict[tuple[str, str], tuple[Example, bool]] = {}
    for loaded, counted in ((load_examples(), True), (load_learnt(), False)):
        for lang, lines in loaded.items():
            for line in lines:
                found.setdefault((lang, line.text), (line, counted))
    return [(lang, line, counted) for (lang, _text), (line, counted) in found.items()]


@dataclass(frozen=True)
class Variant:
    """How a router uses real lines, and the regression's settings."""

    mode: str
    """``none``, ``count``, ``learn`` or ``both`` (see the module docstring)."""
    share: tuple[float, float] = (0.0, 0.0)
    """`linear.LINEAR_SHARE` in English and in Japanese (given as ``en/ja``, or one for both)."""
    l2: float = linear.LINEAR_L2
    """`linear.LINEAR_L2`."""
    real: float = linear.REAL_WEIGHT
    """`linear.REAL_WEIGHT`."""
    balanced: bool = linear.BALANCED
    """`linear.BALANCED`."""
    least: float = linear.LEAST_FIELD_WEIGHT
    """`linear.LEAST_FIELD_WEIGHT`."""
    bayes: float = ranking.BAYES_SHARE
    """`ranking.BAYES_SHARE` (the regression's share comes out of the votes': share 0.5 with naive Bayes
    0.5 replaces the votes, share 1 with naive Bayes 0 is the regression alone)."""

    @classmethod
    def parse(cls, text: str) -> "Variant":
        """``mode[:share[:l2[:real[:balanced[:bayes[:least]]]]]]``, the share as ``en/ja`` or one for both;
        what is not given is the shipped setting."""
        parts = text.split(":")
        shares = [float(part) for part in (parts[1].split("/") if len(parts) > 1 else ["0"])]
        numbers = [shares[0], *(float(part) for part in parts[2:])]
        fields = dict(zip(("share", "l2", "real"), numbers))
        fields["share"] = (shares[0], shares[-1])
        if len(numbers) > 3:
            fields["balanced"] = bool(numbers[3])
        if len(numbers) > 4:
            fields["bayes"] = numbers[4]
        if len(numbers) > 5:
            fields["least"] = numbers[5]
        return cls(parts[0], **fields)

    def __str__(self) -> str:
        return f"{self.mode}:{self.share[0]:g}/{self.share[1]:g}:{self.l2:g}:{self.real:g}:{int(self.balanced)}:{self.bayes:g}:{self.least:g}"


VARIANTS = [Variant.parse(text) for text in (
    "none", "count", "main", "split:0.4/0", "split:0.2/0", "split:0.8/0", "split:0.4/0.1")]
"""Measured by default: the three baselines (no real lines; every line as a count example; the router of
main, the routing examples as count examples and no regression), the shipped router (``split:0.4/0``: the
defaults are the shipped settings of `linear`), its English share halved and doubled, and a Japanese share."""


@contextmanager
def applied(variant: Variant, lines: list[tuple[str, Example]]):
    """Every router built inside uses `lines` as `variant` says."""
    saved = (index.load_examples, index.load_learnt, linear.LINEAR_SHARE, linear.LINEAR_L2, linear.REAL_WEIGHT,
             linear.BALANCED, ranking.BAYES_SHARE, linear.LEAST_FIELD_WEIGHT)
    counted: dict[str, tuple[Example, ...]] = {}
    learnt: dict[str, tuple[Example, ...]] = {}
    for lang, line, example in lines:
        if variant.mode in ("count", "both") or (example and variant.mode in ("main", "split")):
            counted[lang] = counted.get(lang, ()) + (line,)
        elif variant.mode in ("learn", "split"):
            learnt[lang] = learnt.get(lang, ()) + (line,)
    try:
        index.load_examples = lambda: counted
        index.load_learnt = lambda: learnt
        linear.LINEAR_SHARE, linear.LINEAR_L2 = dict(zip(("en", "ja"), variant.share)), variant.l2
        linear.REAL_WEIGHT, linear.BALANCED, ranking.BAYES_SHARE = variant.real, variant.balanced, variant.bayes
        linear.LEAST_FIELD_WEIGHT = variant.least
        yield
    finally:
        (index.load_examples, index.load_learnt, linear.LINEAR_SHARE, linear.LINEAR_L2, linear.REAL_WEIGHT,
         linear.BALANCED, ranking.BAYES_SHARE, linear.LEAST_FIELD_WEIGHT) = saved


def top1(router: Router, items) -> dict[str, tuple[int, int]]:
    """Language → (right at top 1, count)."""
    found: dict[str, list[int]] = {}
    for lang, symptom, text in items:
        counts = found.setdefault(lang, [0, 0])
        best = router.route(text, lang).best
        counts[0] += best is not None and best.symptom == symptom
        counts[1] += 1
    return {lang: (right, count) for lang, (right, count) in found.items()}


SHIPPED = Variant("split", (linear.LINEAR_SHARE["en"], linear.LINEAR_SHARE["ja"]))
"""The router as shipped: the routing examples as count examples, the regression learning from every line."""


def cross_validated(variant: Variant, content, lines) -> list[tuple[str, str, str | None]]:
    """(lang, its tree, the symptom ranked first) of every real line, routed by a router built without its
    fold (`fold_of`) as `variant` uses the other lines."""
    found = []
    for fold in range(FOLDS):
        kept = [entry for entry in lines if fold_of(entry[1].text) != fold]
        with applied(variant, kept):
            router = Router(content)
            for lang, line, _example in lines:
                if fold_of(line.text) == fold:
                    best = router.route(line.text, lang).best
                    found.append((lang, line.tree, best.symptom if best else None))
    return found


def measure(variant: Variant, content, lines, with_leave_out: bool) -> list[tuple[str, str]]:
    """(figure, value) rows of one variant."""
    began = time.process_time()
    results: dict[str, list[int]] = {}
    for lang, tree, got in cross_validated(variant, content, lines):
        counts = results.setdefault(lang, [0, 0])
        counts[0] += got == tree
        counts[1] += 1
    rows = [(f"CV {lang}", f"{right}/{count} {right / count:.1%}") for lang, (right, count) in sorted(results.items())]
    with applied(variant, lines):  # the scores read the regression's share when routing, too
        router = Router(content)
        left_out = routed(content) if with_leave_out else []
        for name, items in (("tune", real_items(False)), ("eval", eval_items()), ("own", own_items())):
            rows += [(f"{name} {lang}", f"{right}/{count}")
                     for lang, (right, count) in sorted(top1(router, items).items())]
    rows += [(f"leave-out {key[0]}", f"{right}/{count} {right / count:.1%}")
             for key, (count, right) in sorted(tally(left_out).items())]
    return rows + [("cpu", f"{time.process_time() - began:.0f} s")]


def cost_rows(content) -> list[tuple[str, str]]:
    """What the regression costs: the index's build CPU time with and without it (the shipped settings
    against `LINEAR_SHARE` zero) and the regression's pickled size, then `bench_route.process_rows` for this checkout (the
    index read back from the cache, and ``guide route`` as a process against ``python -c 'import yaml'``)."""
    import pickle

    from bench_route import process_rows

    rows = []
    for name, variant in (("without the regression", Variant("main")), ("shipped", None)):
        with applied(variant, real_lines()) if variant else nullcontext():
            began = time.process_time()
            router = Router(content)
            took = time.process_time() - began
        size = len(pickle.dumps(router.linear, protocol=pickle.HIGHEST_PROTOCOL)) if router.linear else 0
        rows.append((f"index build, {name}", f"{took:.2f} s cpu; the regression pickled {size / 1024:.0f} KiB"))
    return rows + [(name, f"{figure}  {note}") for name, figure, note in process_rows()]


def main(arguments: list[str]) -> None:
    if "--cost" in arguments:
        for name, value in cost_rows(load_content().content):
            print(f"  {name:40} {value}", flush=True)
        return
    with_leave_out = "--no-leave-out" not in arguments
    given = [Variant.parse(argument) for argument in arguments if not argument.startswith("--")]
    content = load_content().content
    lines = real_lines()
    print(f"real lines: en {sum(lang == 'en' for lang, *_ in lines)}, ja {sum(lang == 'ja' for lang, *_ in lines)}",
          flush=True)
    for variant in given or VARIANTS:
        rows = measure(variant, content, lines, with_leave_out)
        print(f"{str(variant):24} " + "  ".join(f"{name} {value}" for name, value in rows), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
