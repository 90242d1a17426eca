"""Run every benchmark and print its figures and ratios in one run: `python benchmarks/run.py`.

Each `bench_*.py` module beside this file has a `main()` returning rows of
(measurement, figure, ratio against its baseline and goal). Benchmarks are
measurements, never tests: nothing here fails a build.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    modules = sorted(path.stem for path in HERE.glob("bench_*.py"))
    wanted = [name if name.startswith("bench_") else f"bench_{name}" for name in names] or modules
    unknown = [name for name in wanted if name not in modules]
    if unknown:
        known = ", ".join(name.removeprefix("bench_") for name in modules)
        print(f"benchmarks/run.py: no benchmark {', '.join(unknown)}; choose from: {known}", file=sys.stderr)
        return 2
    for name in wanted:
        module = importlib.import_module(name)
        print(f"== {module.__name__}: {(module.__doc__ or '').strip().splitlines()[0]}")
        for row in module.main():
            measurement, figure, ratio = row
            print(f"  {measurement:48} {figure:>12}  {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
