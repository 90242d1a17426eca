"""guide report over 1,000,000 generated conversations on SQLite and on PostgreSQL (goal: 10 s each).

The stores are generated once by benchmarks/conversations.py (walks over the
real trees) and kept for later runs: SQLite in ``$GUIDE_BENCH_DIR`` (default
``~/.cache/guide-bench``), PostgreSQL in the database named by
``$GUIDE_BENCH_POSTGRES`` (default ``report_bench`` on the development
server). ``GUIDE_BENCH_CONVERSATIONS`` changes the size. The two back ends are
timed in interleaved pairs; each figure is the median of three runs and the
ratio is against the 10 s goal.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

GOAL = 10.0
COUNT = int(os.environ.get("GUIDE_BENCH_CONVERSATIONS", "1000000"))
SERVER = "postgresql://guide:guide@127.0.0.1:5432"


def sqlite_url() -> str:
    """The generated SQLite store (made on first use)."""
    from conversations import generate

    folder = Path(os.environ.get("GUIDE_BENCH_DIR") or Path.home() / ".cache" / "guide-bench")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"report-{COUNT}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        generate(url, COUNT)
    return url


def postgres_url() -> str | None:
    """The generated PostgreSQL store (made on first use), or None when no server answers."""
    import psycopg

    from conversations import generate

    url = os.environ.get("GUIDE_BENCH_POSTGRES") or f"{SERVER}/report_bench_{COUNT}"
    server, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
        with psycopg.connect(url, autocommit=True) as connection:
            made = connection.execute("SELECT to_regclass('conversations')").fetchone()[0]
            rows = connection.execute("SELECT COUNT(*) FROM conversations").fetchone()[0] if made else 0
    except psycopg.OperationalError:
        return None
    if rows < COUNT:
        generate(url, COUNT - rows, seed=rows + 7)
    return url


def time_report(url: str) -> tuple[float, float]:
    """Wall-clock and this process's CPU seconds for the whole report document over the store at `url`.

    SQLite works inside this process, so its CPU time is the work itself even
    when other programs share the cores; PostgreSQL works in its server.
    """
    from guide.engine.cache import load_content_cached
    from guide.engine.report import Database, Filters, report_json

    content = load_content_cached()
    with Database(url) as db:
        started, cpu = time.perf_counter(), time.process_time()
        report_json(db, Filters(), content)
        return time.perf_counter() - started, time.process_time() - cpu


def size(url: str) -> tuple[int, int]:
    from guide.engine.report import Database

    with Database(url) as db:
        return (db.rows("SELECT COUNT(*) FROM conversations")[0][0], db.rows("SELECT COUNT(*) FROM steps")[0][0])


def main() -> list[tuple[str, str, str]]:
    stores = {"sqlite": sqlite_url()}
    pg = postgres_url()
    if pg:
        stores["postgresql"] = pg
    times: dict[str, list[float]] = {name: [] for name in stores}
    cpu: dict[str, list[float]] = {name: [] for name in stores}
    for _ in range(3):
        for name, url in stores.items():
            wall, used = time_report(url)
            times[name].append(wall)
            cpu[name].append(used)
    rows = [("load average while measuring (2 cores)", " ".join(f"{x:.1f}" for x in os.getloadavg()), "")]
    for name, url in stores.items():
        conversations, steps = size(url)
        best = statistics.median(times[name])
        rows.append((f"report, {name}: {conversations:,} conversations, {steps:,} steps", f"{best:.2f} s",
                     f"{best / GOAL:.2f}x of the 10 s goal (runs: {', '.join(f'{t:.2f}' for t in times[name])})"))
        if name == "sqlite":
            used = statistics.median(cpu[name])
            rows.append(("  CPU time of the SQLite report (both lanes)", f"{used:.2f} s", f"{used / GOAL:.2f}x of 10 s"))
    if len(stores) == 2:
        ratio = statistics.median(times["postgresql"]) / statistics.median(times["sqlite"])
        rows.append(("postgresql / sqlite", f"{ratio:.2f}", "interleaved pairs"))
    return rows


if __name__ == "__main__":
    for row in main():
        print(f"  {row[0]:60} {row[1]:>10}  {row[2]}")
