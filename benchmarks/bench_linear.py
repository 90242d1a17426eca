"""Is the softmax regression worth blending into the router? Leave-out and tune figures per variant.

`guide.engine.routing.linear` can score the trees with a multinomial logistic
regression trained on the index's own texts, blended into the word score at
`linear.LINEAR_SHARE` (0, the shipped value, leaves it out: nothing is trained).
This prints, for the shipped router and for each variant given, the figures a
change of method is judged on: the leave-out check (`leave_out`: each tree's
triggers routed by a router built without them; ja and en, per tree with
``--per-tree``), the tune half of the collected statements, the shared
evaluation sample and the project's own statements, with the CPU time of the
five index builds (four folds and the whole content). Held-out statements are
never read.

``python benchmarks/bench_linear.py`` measures the variants of `VARIANTS`;
``python benchmarks/bench_linear.py 1e-3:0.25:0.5 1e-4:0.4:0.5`` measures the given
(L2 penalty : regression share : naive Bayes share) instead.
"""

from __future__ import annotations

import sys
import time

from bench_route import eval_items, own_items, real_items
from leave_out import FOLDS, tally, without_fold

from guide.engine.loader import load_content
from guide.engine.model import ContentSet
from guide.engine.router import Router
from guide.engine.routing import linear, ranking

VARIANTS = ((1e-3, 0.1, 0.5), (1e-3, 0.25, 0.5), (1e-3, 0.4, 0.5), (1e-4, 0.25, 0.5), (1e-4, 0.4, 0.5),
            (3e-3, 0.25, 0.5), (1e-3, 0.5, 0.0), (1e-3, 0.5, 0.5), (1e-3, 1.0, 0.0))
"""(L2 penalty, regression share, naive Bayes share) measured by default. The regression's share comes
out of the votes' (`ranking.word_scores`): 0.5 with naive Bayes 0 replaces naive Bayes, 0.5 with 0.5
replaces the votes, 1.0 with 0 is the regression alone."""


def measured(content: ContentSet, l2: float, share: float, bayes: float, per_tree: bool) -> list[tuple[str, str]]:
    """(figure, value) rows of the router built with the regression at `l2` and `share`, naive Bayes at `bayes`."""
    saved = linear.LINEAR_L2, linear.LINEAR_SHARE, ranking.BAYES_SHARE
    linear.LINEAR_L2, linear.LINEAR_SHARE, ranking.BAYES_SHARE = l2, share, bayes
    try:
        began = time.process_time()
        results = []
        for fold in range(FOLDS):
            reduced, left_out = without_fold(content, fold)
            router = Router(reduced)
            results += [(lang, symptom, router.route(text, lang).best.symptom == symptom)
                        for lang, symptom, text in left_out]
        router = Router(content)
        took = time.process_time() - began
        rows = [(f"leave-out {' '.join(key)}", f"{right / count:.1%} {right}/{count}")
                for by_tree in (False, True)[:1 + per_tree]
                for key, (count, right) in sorted(tally(results, by_tree=by_tree).items())]
        for name, items in (("tune", real_items(False)), ("eval", eval_items()), ("own", own_items())):
            found: dict[str, list[int]] = {}
            for lang, symptom, text in items:
                counts = found.setdefault(lang, [0, 0])
                counts[0] += 1
                counts[1] += router.route(text, lang).candidates[0].symptom == symptom
            rows += [(f"{name} {lang}", f"{right}/{count}") for lang, (count, right) in sorted(found.items())]
        return rows + [("five index builds", f"{took:.1f} s cpu")]
    finally:
        linear.LINEAR_L2, linear.LINEAR_SHARE, ranking.BAYES_SHARE = saved


def main(arguments: list[str]) -> None:
    per_tree = "--per-tree" in arguments
    given = [tuple(float(part) for part in argument.split(":")) for argument in arguments if ":" in argument]
    content = load_content().content
    shipped = (linear.LINEAR_L2, linear.LINEAR_SHARE, ranking.BAYES_SHARE)
    for variant in [shipped, *(given or VARIANTS)]:
        l2, share, bayes = variant
        print(f"L2 {l2:g}, regression share {share:g}, naive Bayes share {bayes:g}"
              f"{' (shipped)' if variant == shipped else ''}", flush=True)
        for figure, value in measured(content, l2, share, bayes, per_tree):
            print(f"  {figure:44} {value}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
