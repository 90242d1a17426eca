"""Foundation benchmarks: loading, compiling and linting content, and counting paths.

Figures printed (none is asserted; see README "Benchmarks"):
- compile + lint of the shipped content as a ratio to a bare CSafeLoader load
  of the same files (goal: at most 3x);
- compile + lint of generated 1,000- and 10,000-node trees (goal: 10,000 under
  1 s here, growth close to linear);
- `paths --count` on a generated tree with 2**60 paths (goal: under 0.5 s).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

from guide.engine.compiler import count_paths, start_ref
from guide.engine.lint import lint
from guide.engine.loader import default_content_dir, default_trees_dir, load_content

from generate import write_content_set, write_ladder


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work`, in seconds."""
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        timings.append(time.perf_counter() - began)
    return min(timings)


def bare_load(trees: Path, content: Path) -> None:
    for path in [*trees.glob("*.yaml"), *content.glob("*/*.yaml")]:
        with open(path, encoding="utf-8") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)


def lint_folder(trees: Path, content: Path) -> None:
    defects = lint(load_content(trees, content))
    errors = [d for d in defects if d.severity == "error"]
    assert not errors, errors[:3]


def main() -> list[tuple[str, str, str]]:
    rows = []
    trees, content = default_trees_dir(), default_content_dir()
    lint_folder(trees, content)  # warm caches (taxonomy, ambiguous-width table)
    baseline = best_of(5, lambda: bare_load(trees, content))
    ours = best_of(5, lambda: lint_folder(trees, content))
    rows.append(("shipped content: load+compile+lint", f"{ours * 1000:.1f} ms",
                 f"{ours / baseline:.2f}x CSafeLoader ({baseline * 1000:.1f} ms)  goal <= 3x"))
    with tempfile.TemporaryDirectory() as scratch:
        sizes = {}
        for count in (1_000, 10_000):
            folder = write_content_set(Path(scratch) / f"set-{count}", count)
            sizes[count] = best_of(3, lambda: lint_folder(folder / "trees", folder / "content"))
            base = best_of(3, lambda: bare_load(folder / "trees", folder / "content"))
            rows.append((f"{count:,}-node tree: load+compile+lint", f"{sizes[count] * 1000:.0f} ms",
                         f"{sizes[count] / base:.2f}x CSafeLoader" + ("  goal < 1 s" if count == 10_000 else "")))
        rows.append(("growth 1,000 -> 10,000 nodes", f"{sizes[10_000] / sizes[1_000]:.1f}x", "linear = 10x"))
        folder = Path(scratch) / "set-10000"
        loaded_big = load_content(folder / "trees", folder / "content")
        parsed = best_of(3, lambda: load_content(folder / "trees", folder / "content"))
        checked = best_of(3, lambda: lint(loaded_big))
        rows.append(("10,000-node tree: of which YAML reading", f"{parsed * 1000:.0f} ms", "strict reader, positions"))
        rows.append(("10,000-node tree: of which compile+lint", f"{checked * 1000:.0f} ms", "graph, checks, words"))
        ladder = write_ladder(Path(scratch) / "ladder", 60)
        loaded = load_content(ladder / "trees", ladder / "content").content

        def count() -> int:
            return count_paths(loaded, start_ref(loaded, "ladder"))

        assert count() == 2 ** 60
        seconds = best_of(5, count)
        rows.append(("paths --count, 2**60 paths", f"{seconds * 1000:.2f} ms", "goal < 500 ms"))
    return rows


if __name__ == "__main__":
    for name, figure, ratio in main():
        print(f"{name:48} {figure:>12}  {ratio}")
