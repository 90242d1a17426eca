"""The router's softmax regression, variant by variant, on every development figure it can move.

The regression (`guide.engine.routing.linear`) learns from the index's own texts
(triggers, titles: the fields at least `linear.LEAST_FIELD_WEIGHT`), the routing
examples (guide/examples/, at `linear.REAL_WEIGHT`) and the written corpus
(guide/training/, at `linear.WRITTEN_WEIGHT`), and takes `linear.LINEAR_SHARE`
of a tree's word score in each language. None of the measures is training data:
for each variant this prints top-1 per language on the tune half of the collected
statements, the private dev set (benchmarks/dev/, never learnt from), the shared
evaluation sample, the project's own statements, and the content's triggers left
out of the index (`leave_out`: the written corpus and the examples stay in every
fold), as `bench_examples.measure` takes them, and the variant's CPU time. The
held-out half is never read.

    python benchmarks/bench_learn.py                         # the variants of `VARIANTS`
    python benchmarks/bench_learn.py shipped en0.6,ja0.3      # given ones (`Variant.parse`)
    python benchmarks/bench_learn.py --cost                   # what the regression costs (`cost_rows`)

A variant is a name of `NAMED` or ``key value`` settings joined by commas,
e.g. ``en0.4,ja0.4,l2=2e-3,least=2,real=1,written=1``: ``en``/``ja`` the share,
``l2`` the penalty, ``least`` the lightest field of the content learnt from
(``inf``: none), ``real`` and ``written`` the weights of the examples and the
corpus (0: left out; ``wen``/``wja`` the corpus's in one language), ``balanced``
0 or 1, ``spread`` the least spread of a kept feature's weights; what is not given
is the shipped setting.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager, nullcontext

from bench_examples import measure

from guide.engine.loader import load_content
from guide.engine.router import Router
from guide.engine.routing import linear
from guide.engine.routing.written import load_written

FIELDS = {"en": "share en", "ja": "share ja", "l2": "LINEAR_L2", "least": "LEAST_FIELD_WEIGHT",
          "real": "REAL_WEIGHT", "written": "WRITTEN_WEIGHT of both", "wen": "WRITTEN_WEIGHT en",
          "wja": "WRITTEN_WEIGHT ja", "balanced": "BALANCED", "spread": "NEGLIGIBLE_SPREAD"}
"""A variant's keys and the `linear` setting each one sets."""

NAMED = {
    "main": "en0,ja0",
    "learn4": "en0.4,ja0,least=inf,real=1,written=0",
    "shipped": "",
    "corpus-alone": "least=inf,real=0",
    "no-corpus": "written=0",
}
"""Variants by name: the router of main (no regression); learn4's constants (English only, the regression
learning from the routing examples alone: the lines it also learnt from are the dev set again); the shipped
settings; the regression learning from the written corpus alone (no text of the trees, no routing example);
and from the trees' texts and the examples without the corpus."""

VARIANTS = ["main", "learn4", "shipped", "corpus-alone", "no-corpus", "en0.4,ja0.2", "en0.1,ja0.05",
            "en0.6,ja0.3", "wen=8,wja=8", "wen=32,wja=2", "l2=1e-3", "l2=4e-3", "least=inf", "least=3"]
"""Measured by default: the named ones, then the shipped settings with the shares doubled, halved and
tripled, the corpus's weight moved, the penalty halved and doubled, and the trees' texts left out or only
triggers and titles kept. Each language's model reads only its own settings, so one variant moves both."""


def parse(text: str) -> dict[str, float]:
    """A variant's settings (see the module docstring); a name of `NAMED` is expanded."""
    settings: dict[str, float] = {}
    for part in NAMED.get(text, text).split(","):
        if not part:
            continue
        key, _, value = part.partition("=") if "=" in part else (part[:2], "", part[2:])
        if key not in FIELDS:
            raise SystemExit(f"{text}: unknown setting {key!r}; use one of {sorted(FIELDS)}")
        settings[key] = float(value)
    return settings


@contextmanager
def applied(settings: dict[str, float]):
    """Every router built inside uses the regression as `settings` say."""
    saved = (dict(linear.LINEAR_SHARE), linear.LINEAR_L2, linear.LEAST_FIELD_WEIGHT, linear.REAL_WEIGHT,
             dict(linear.WRITTEN_WEIGHT), linear.BALANCED, linear.NEGLIGIBLE_SPREAD)
    try:
        linear.LINEAR_SHARE = {"en": settings.get("en", saved[0]["en"]), "ja": settings.get("ja", saved[0]["ja"])}
        linear.LINEAR_L2 = settings.get("l2", saved[1])
        linear.LEAST_FIELD_WEIGHT = settings.get("least", saved[2])
        linear.REAL_WEIGHT = settings.get("real", saved[3])
        both = settings.get("written")
        linear.WRITTEN_WEIGHT = {lang: settings.get(f"w{lang}", saved[4][lang] if both is None else both)
                                 for lang in ("en", "ja")}
        linear.BALANCED = bool(settings.get("balanced", saved[5]))
        linear.NEGLIGIBLE_SPREAD = settings.get("spread", saved[6])
        yield
    finally:
        (linear.LINEAR_SHARE, linear.LINEAR_L2, linear.LEAST_FIELD_WEIGHT, linear.REAL_WEIGHT,
         linear.WRITTEN_WEIGHT, linear.BALANCED, linear.NEGLIGIBLE_SPREAD) = saved


def rows_of(settings: dict[str, float], content) -> list[tuple[str, str]]:
    """(figure, value) rows of one variant: each set per language, then the CPU time."""
    began = time.process_time()
    with applied(settings):  # the scores read the share when routing, too
        figures = measure({}, content)
    rows = [(f"{name} {lang}", f"{right}/{count}") for name, by_lang in figures.items()
            for lang, (right, count) in sorted(by_lang.items())]
    return rows + [("cpu", f"{time.process_time() - began:.0f}s")]


def cost_rows(content) -> list[tuple[str, str]]:
    """What the regression costs: the index's build CPU time without it and as shipped, the pickled size of
    its weights, then `bench_route.process_rows` (the index read back from the cache, and ``guide route``
    as a process against ``python -c 'import yaml'``)."""
    import pickle

    from bench_route import process_rows

    rows = []
    for name, settings in (("without the regression", parse("main")), ("shipped", None)):
        with applied(settings) if settings is not None else nullcontext():
            began = time.process_time()
            router = Router(content)
            took = time.process_time() - began
        size = len(pickle.dumps(router.linear, protocol=pickle.HIGHEST_PROTOCOL)) if router.linear else 0
        rows.append((f"index build, {name}", f"{took:.2f} s cpu; the regression pickled {size / 1024:.0f} KiB"))
    return rows + [(name, f"{figure}  {note}") for name, figure, note in process_rows()]


def main(arguments: list[str]) -> None:
    content = load_content().content
    if "--cost" in arguments:
        for name, value in cost_rows(content):
            print(f"  {name:40} {value}", flush=True)
        return
    corpus = {lang: len(lines) for lang, lines in load_written().items()}
    print(f"written corpus: {corpus}; shipped: share {linear.LINEAR_SHARE}, l2 {linear.LINEAR_L2:g}, "
          f"least {linear.LEAST_FIELD_WEIGHT:g}, real {linear.REAL_WEIGHT:g}, written {linear.WRITTEN_WEIGHT}",
          flush=True)
    for text in [argument for argument in arguments if not argument.startswith("--")] or VARIANTS:
        rows = rows_of(parse(text), content)
        print(f"{text:28} " + "  ".join(f"{name} {value}" for name, value in rows), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
