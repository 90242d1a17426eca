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
  parses (goal: at most 1.0 s, and 1.5x), wall and CPU time;
- 100,000 nodes (ten trees): `guide lint` peak memory against the YAML's size
  (goal: at most 8x), cache empty and warm: the peak resident set of the whole
  `guide lint` process (`os.wait4`'s ``ru_maxrss``, interpreter included) over
  the bytes of the YAML files it reads; and its time against 10,000 nodes, from
  pairs of whole processes run in turn (100,000 then 10,000), CPU and wall
  (goal: at most 11x);
- `guide paths --count` at 10,000 nodes, content cache warm (goal: at most 0.3 s),
  and `count_paths` over 2**60 paths in-process (goal: under 0.5 s).

Run with ``python benchmarks/run.py foundation`` (every figure; a few minutes), or
``python benchmarks/bench_foundation.py --quick`` (without 100,000 nodes).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable

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


def lint_args(folder: Path) -> list[str]:
    return guide("lint", "--trees", str(folder / "trees"), "--content", str(folder / "content"))


def emptied(folder: Path) -> Callable[[], None]:
    """A function emptying `folder` (a cache folder, before a run that must find nothing there)."""
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def lint_process_rows(folder: Path, scratch: Path, label: str) -> list:
    """`guide lint` on `folder`, cache warm and empty, against a parse-only process."""
    env = {**os.environ, "GUIDE_CACHE_DIR": str(scratch / f"cache-{label}")}
    bare = [sys.executable, str(HERE / "bare_parse.py"), str(folder)]
    warm, base = process_pairs(lint_args(folder), bare, RUNS, env)
    empty = scratch / f"empty-{label}"
    cold, cold_base = process_pairs(lint_args(folder), bare, RUNS, {**env, "GUIDE_CACHE_DIR": str(empty)},
                                    before=emptied(empty))
    rows = []
    for name, mine, theirs in (("cache warm", warm, base), ("cache empty", cold, cold_base)):
        rows.append((f"{label}: guide lint process, {name}", spread([r.wall for r in mine]),
                     f"wall {ratio_spread([r.wall for r in mine], [r.wall for r in theirs])} bare parse process; "
                     f"cpu {spread([r.cpu for r in mine])}  goal <= 1000 ms, <= 1.5x"))
    return rows


def large_rows(scratch: Path, small: Path) -> list:
    """`guide lint` at 100,000 nodes: peak memory per YAML byte; time against 10,000 nodes (`small`)."""
    folder = write_content_set(scratch / "set-100000", 100_000, trees=10)
    size = sum(path.stat().st_size for path in yaml_files(folder))
    warm_env = {**os.environ, "GUIDE_CACHE_DIR": str(scratch / "cache-large")}
    warm, warm_small = process_pairs(lint_args(folder), lint_args(small), RUNS, warm_env)
    empty = scratch / "empty-large"
    cold, cold_small = process_pairs(lint_args(folder), lint_args(small), RUNS,
                                     {**os.environ, "GUIDE_CACHE_DIR": str(empty)}, before=emptied(empty))
    rows = [("100,000 nodes: guide lint peak memory", f"{max(r.peak for r in cold + warm) / 2**20:.0f} MiB",
             f"cache empty {spread([r.peak / size for r in cold], 1.0, 'x', 1)}, "
             f"warm {spread([r.peak / size for r in warm], 1.0, 'x', 1)} the YAML ({size / 2**20:.1f} MiB; "
             "peak RSS of the process)  goal <= 8x")]
    for name, big, base in (("cache warm", warm, warm_small), ("cache empty", cold, cold_small)):
        rows.append((f"100,000 nodes: guide lint, {name}", spread([r.cpu for r in big], 1.0, "s cpu", 2),
                     f"cpu {ratio_spread([r.cpu for r in big], [r.cpu for r in base])}, "
                     f"wall {ratio_spread([r.wall for r in big], [r.wall for r in base])} 10,000 nodes  goal <= 11x"))
    return rows


def main(large: bool = "--quick" not in sys.argv) -> list[tuple[str, str, str]]:
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
        rows += lint_process_rows(folder, scratch, "10,000 nodes")
        if large:
            rows += large_rows(scratch, folder)
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
