"""Every development figure of the shipped content in one run: what a content change (triggers, titles) moved.

A change to the words of the trees is judged on the sets it can move, never on the
held-out half: top-1 per language on the "tune" half of the collected statements,
the shared evaluation sample, the project's own statements, the private development
set benchmarks/dev/ and the content's own triggers left out of the index
(`leave_out.py`), each as `bench_examples.measure` takes it with the examples as
shipped. Then the left-out triggers per symptom tree, and where the development
lines of each tree went instead (counts per tree, as `bench_route.py --confusion`
gives them for the statements): which trees pull each other's wording.

    python benchmarks/bench_content.py

Run it on the branch and on main to compare; the held-out half is never routed here.
"""

from __future__ import annotations

from bench_examples import dev_items, measure
from bench_route import confusion

from guide.engine.loader import load_content
from guide.engine.router import Router


def main() -> None:
    content = load_content().content
    figures = measure({}, content, per_tree=True)
    trees = figures.pop("leave-out per tree")
    print("  ".join(f"{set_name} {lang} {right}/{count}"
                    for set_name, by_lang in figures.items() for lang, (right, count) in sorted(by_lang.items())))
    for key, (right, count) in sorted(trees.items()):
        print(f"  leave-out {key:36} {right}/{count}")
    for lang, table in sorted(confusion(Router(content), dev_items()).items()):
        for (expected, got), count in sorted(table.items()):
            print(f"  dev {lang} {expected:22} -> {got:22} {count}")


if __name__ == "__main__":
    main()
