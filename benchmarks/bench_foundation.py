"""Foundation benchmarks: reading, compiling and linting content, and counting paths.

Every ratio is the min/median/max of interleaved pairs (`timing`), the
baseline parsing the same files with PyYAML's C loader under the same
garbage-collector setting (off: the loader pauses it). Figures printed (none is
asserted; see README "Benchmarks"):
- shipped content: read + compile + lint in-process, against a bare CSafeLoader
  parse (goal: at most 3x);
- 10,000 nodes: reading alone in-process against the bare parse (goal: at most
  1.5x); `guide lint` as a whole process, with its per-file cache warm (an author
  linting again) and empty (the first run, CI), against a process that only
  parses (goal: at most 1.0 s, and 1.5x);
- 100,000 nodes (ten trees; ``--large``): `guide lint` peak memory against the
  YAML's size (goal: at most 8x) and time against 10,000 nodes (goal: at most 11x);
- `guide paths --count` at 10,000 nodes, content cache warm (goal: at most 0.3 s),
  and `count_paths` over 2**60 paths in-process (goal: under 0.5 s).

Run with ``python benchmarks/bench_foundation.py [--large]``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from bare_parse import parse_folder, yaml_files
from generate import write_content_set, write_ladder
from timing import ensure_bytecode, load_note, pairs, process_pairs, ratio_spread, spread

from guide.engine.compiler import count_paths, start_ref
from guide.engine.lint import lint, read
from guide.engine.loader import default_content_dir, default_trees_dir, load_content

HERE = Path(__file__).resolve().parent
RUNS = 5
"""Interleaved pairs per figure."""


def lint_folder(trees: Path, content: Path) -> None:
    defects = lint(read(trees, content))
    errors = [d for d in defects if d.severity == "error"]
    assert not errors, errors[:3]


def guide(*args: str) -> list[str]:
    return [sys.executable, "-m", "guide.cli", *args]


def lint_process_rows(folder: Path, scratch: Path, label: str) -> tuple[list, float]:
    """`guide lint` on `folder`, cache warm and empty, against a parse-only process; and its median CPU."""
    env = {**os.environ, "GUIDE_CACHE_DIR": str(scratch / f"cache-{label}")}
    args = guide("lint", "--trees", str(folder / "trees"), "--content", str(folder / "content"))
    bare = [sys.executable, str(HERE / "bare_parse.py"), str(folder)]
    warm, base = process_pairs(args, bare, RUNS, env)
    empty = scratch / f"empty-{label}"

    def forget() -> None:
        shutil.rmtree(empty, ignore_errors=True)

    cold, cold_base = process_pairs(args, bare, RUNS, {**env, "GUIDE_CACHE_DIR": str(empty)}, before=forget)
    rows = []
    for name, mine, theirs in (("cache warm", warm, base), ("cache empty", cold, cold_base)):
        rows.append((f"{label}: guide lint process, {name}", spread([r.wall for r in mine]),
                     f"wall {ratio_spread([r.wall for r in mine], [r.wall for r in theirs])} bare parse process; "
                     f"cpu {spread([r.cpu for r in mine])}  goal <= 1000 ms, <= 1.5x"))
    return rows, sorted(r.cpu for r in warm)[len(warm) // 2]


def large_rows(scratch: Path, cpu_10k: float) -> list:
    """`guide lint` at 100,000 nodes: peak memory per YAML byte, time against 10,000 nodes."""
    folder = write_content_set(scratch / "set-100000", 100_000, trees=10)
    size = sum(path.stat().st_size for path in yaml_files(folder))
    env = {**os.environ, "GUIDE_CACHE_DIR": str(scratch / "cache-large")}
    args = guide("lint", "--trees", str(folder / "trees"), "--content", str(folder / "content"))
    from timing import run_process

    runs = [run_process(args, env) for _ in range(3)]  # the first fills the cache
    cold, warm = runs[0], runs[1:]
    return [("100,000 nodes: guide lint peak memory", f"{max(r.peak for r in runs) / 2**20:.0f} MiB",
             f"{cold.peak / size:.1f}x the YAML ({size / 2**20:.0f} MiB) cache empty, "
             f"{max(r.peak for r in warm) / size:.1f}x warm  goal <= 8x"),
            ("100,000 nodes: guide lint cpu", spread([r.cpu for r in warm]),
             f"{min(r.cpu for r in warm) / cpu_10k:.1f}x 10,000 nodes (warm); cache empty {cold.cpu:.1f} s"
             "  goal <= 11x")]


def main(large: bool = "--large" in sys.argv) -> list[tuple[str, str, str]]:
    ensure_bytecode()
    rows = [("machine", load_note(), "")]
    trees, content = default_trees_dir(), default_content_dir()
    shipped = Path(tempfile.mkdtemp(prefix="bench-shipped-"))
    shutil.copytree(trees, shipped / "trees")
    shutil.copytree(content, shipped / "content")
    ours, base = pairs(lambda: lint_folder(trees, content), lambda: parse_folder(shipped), RUNS + 2)
    rows.append(("shipped content: load+compile+lint", spread(ours, digits=1),
                 f"{ratio_spread(ours, base)} CSafeLoader ({spread(base, digits=1)})  goal <= 3x"))
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        folder = write_content_set(scratch / "set-10000", 10_000)
        ours, base = pairs(lambda: load_content(folder / "trees", folder / "content"),
                           lambda: parse_folder(folder), RUNS)
        rows.append(("10,000 nodes: reading (strict, positions)", spread(ours),
                     f"{ratio_spread(ours, base)} CSafeLoader ({spread(base)})  goal <= 1.5x"))
        process_rows, cpu_10k = lint_process_rows(folder, scratch, "10,000 nodes")
        rows += process_rows
        if large:
            rows += large_rows(scratch, cpu_10k)
        env = {**os.environ, "GUIDE_CACHE_DIR": str(scratch / "cache-paths")}
        count = guide("paths", "--count", "--trees", str(folder / "trees"), "--content", str(folder / "content"))
        mine, theirs = process_pairs(count, [sys.executable, "-c", "import yaml"], RUNS, env)
        rows.append(("10,000 nodes: guide paths --count process", spread([r.wall for r in mine]),
                     f"cpu {spread([r.cpu for r in mine])}; "
                     f"{ratio_spread([r.wall for r in mine], [r.wall for r in theirs])} python -c 'import yaml'"
                     "  goal <= 300 ms"))
        ladder = write_ladder(scratch / "ladder", 60)
        loaded = load_content(ladder / "trees", ladder / "content").content
        root = start_ref(loaded, "ladder")
        assert count_paths(loaded, root) == 2 ** 60
        seconds, _ = pairs(lambda: count_paths(loaded, root), lambda: None, RUNS)
        rows.append(("count_paths, 2**60 paths", spread(seconds, digits=2), "goal < 500 ms"))
    shutil.rmtree(shipped, ignore_errors=True)
    return rows


if __name__ == "__main__":
    for name, figure, ratio in main():
        print(f"{name:48} {figure:>22}  {ratio}")
