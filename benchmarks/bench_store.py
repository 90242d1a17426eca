"""Benchmark: one answer saved in the session store against the JSON file earlier versions wrote (not a test).

Each pair saves the same answer twice, interleaved: once as earlier versions
did (the whole session as a JSON file, `write_atomic`, fsync and rename) and
once as the store does (`append`: the step and the conversation row in one
transaction, SQLite in WAL mode with synchronous=FULL). The ratio is the
median of store/JSON over the pairs (goal: at most 2x; both are dominated by
the fsync). With ``GUIDE_BENCH_PG`` set to a PostgreSQL URL (an empty database)
the same pairs run against it too.

Run with ``python benchmarks/bench_store.py [PAIRS]``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guide.engine.sessionstore import ConversationRow, StepRow, open_store  # noqa: E402
from guide.engine.store import write_atomic  # noqa: E402

PAIRS = 200


def _pairs(url: str, folder: Path, pairs: int) -> list[tuple[float, float]]:
    """(JSON save, store append) seconds for each answer."""
    timings = []
    snapshot = {"format": "guide-session/1", "id": "bench", "tree": "kmsi-missing", "steps": []}
    with open_store(url, legacy=None) as store:
        store.create(ConversationRow(id="bench", created_at=0, front="cli", tree="kmsi-missing", lang="ja",
                                     mode="user", version="bench", position_tree="kmsi-missing",
                                     position_node="q1"), json.dumps(snapshot))
        for answer in range(1, pairs + 1):
            snapshot["steps"].append({"tree": "kmsi-missing", "node": f"q{answer}", "answer": "yes", "by": "user"})
            text = json.dumps(snapshot, ensure_ascii=False)
            began = time.perf_counter()
            write_atomic(folder / "bench.json", text)
            middle = time.perf_counter()
            store.append("bench", StepRow(kind="answer", version="bench", lang="ja", mode="user",
                                          tree="kmsi-missing", node=f"q{answer}", answer="yes", by="user",
                                          to_tree="kmsi-missing", to_node=f"q{answer + 1}"), text,
                         {"answers": answer, "position_node": f"q{answer + 1}"})
            timings.append((middle - began, time.perf_counter() - middle))
    return timings


def _rows(name: str, timings: list[tuple[float, float]]) -> list[tuple[str, str, str]]:
    json_ms = statistics.median(t[0] for t in timings) * 1000
    store_ms = statistics.median(t[1] for t in timings) * 1000
    ratio = statistics.median(t[1] / t[0] for t in timings)
    return [("answer saved as a JSON file (median)", f"{json_ms:.2f} ms", ""),
            (f"answer appended to {name} (median)", f"{store_ms:.2f} ms", f"{ratio:.2f}x JSON (goal <= 2x)")]


def main(pairs: int = PAIRS) -> list[tuple[str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        rows += _rows("SQLite", _pairs(f"sqlite:///{Path(folder) / 'bench.db'}", Path(folder), pairs))
        if os.environ.get("GUIDE_BENCH_PG"):
            rows += _rows("PostgreSQL", _pairs(os.environ["GUIDE_BENCH_PG"], Path(folder), pairs))
    return rows


if __name__ == "__main__":
    for measurement, figure, ratio in main(int(sys.argv[1]) if len(sys.argv) > 1 else PAIRS):
        print(f"{measurement:48} {figure:>12}  {ratio}")
