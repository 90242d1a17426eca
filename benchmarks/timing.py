"""Timing helpers shared by the benchmarks: interleaved pairs, whole processes, min/median/max.

On a busy machine a figure taken in one block and its baseline in another
compare two different machines. Every ratio here comes from pairs run in turn
(ours, baseline, ours, baseline ...) and is given as the min, median and max of
the per-pair ratios; both sides run under the same garbage-collector setting.
Whole commands are timed from spawn to exit with their CPU time and peak memory
(`os.wait4`), with Python's bytecode written beforehand (`ensure_bytecode`) as an
installed package has it.
"""

from __future__ import annotations

import compileall
import gc
import os
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    """One whole-process run."""

    wall: float
    """Seconds from spawn to exit."""
    cpu: float
    """User + system seconds of the process."""
    peak: int
    """Largest resident set, bytes."""


def spread(values: list[float], scale: float = 1000.0, unit: str = "ms", digits: int = 0) -> str:
    """``min/median/max unit`` of `values` (seconds times `scale`)."""
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low * scale:.{digits}f}/{mid * scale:.{digits}f}/{high * scale:.{digits}f} {unit}"


def ratio_spread(ours: list[float], theirs: list[float]) -> str:
    """``min/median/max x`` of the per-pair ratios."""
    return spread([a / b for a, b in zip(ours, theirs)], 1.0, "x", 2)


def timed(work: Callable[[], object], *, collector: bool) -> float:
    """Seconds `work()` takes, with the garbage collector on or off for the call."""
    was = gc.isenabled()
    (gc.enable if collector else gc.disable)()
    try:
        began = time.perf_counter()
        work()
        return time.perf_counter() - began
    finally:
        (gc.enable if was else gc.disable)()


def pairs(ours: Callable[[], object], theirs: Callable[[], object], runs: int, *,
          collector: bool = False) -> tuple[list[float], list[float]]:
    """Timings of `ours` and `theirs` run in turn `runs` times each (after one warm-up of each), both
    with the collector on or both with it off."""
    ours()
    theirs()
    mine, base = [], []
    for _ in range(runs):
        mine.append(timed(ours, collector=collector))
        base.append(timed(theirs, collector=collector))
    return mine, base


def run_process(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run `argv` to its end (output discarded); its wall and CPU time and peak memory."""
    began = time.perf_counter()
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def process_pairs(ours: list[str], theirs: list[str], runs: int, env: dict[str, str] | None = None,
                  before: Callable[[], object] | None = None) -> tuple[list[Run], list[Run]]:
    """Whole-process runs of `ours` and `theirs` in turn, after one warm-up of each; `before()` runs
    before every run of either (to empty a cache, say)."""
    mine, base = [], []
    for _ in range(runs + 1):
        for argv, into in ((ours, mine), (theirs, base)):
            if before:
                before()
            into.append(run_process(argv, env))
    return mine[1:], base[1:]


def ensure_bytecode() -> None:
    """Write the package's bytecode (an installed package has it; with PYTHONDONTWRITEBYTECODE set,
    every process would compile every module again and time that instead)."""
    compileall.compile_dir(ROOT / "guide", quiet=1)


def load_note() -> str:
    """How busy the machine is: the load averages and the number of processors."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"
