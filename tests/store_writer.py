"""The writer the kill test kills: appends answers to one conversation until it is killed.

Run as ``python store_writer.py URL CONVERSATION_ID [BEFORE FRACTION]``. It
prints ``ready N`` (the answers already stored), then for each answer
``saving N`` before the append and ``saved SEQ`` once the append has returned,
each line flushed at once, so the test knows which answers were committed when
the process dies. Answer N moves the walk from node ``nN-1`` to ``nN`` and the
snapshot records N, so the test can check that the row agrees with its steps.

Without BEFORE it runs until the test kills it. With BEFORE and FRACTION it
kills itself (SIGKILL) during its append number BEFORE + 1, after FRACTION of
the Python and C calls the previous append made: a random point inside the
save, between two statements of the transaction or between the commit and the
return, which a kill from outside rarely reaches.
"""

from __future__ import annotations

import json
import math
import os
import signal
import sys

from guide.engine.sessionstore import StepRow, open_store


def main(url: str, conversation_id: str, before: str = "", fraction: str = "") -> None:
    store = open_store(url, legacy=None)
    count = store.load(conversation_id).row.answers
    print("ready", count, flush=True)
    calls = 0

    def counting(frame, event, arg) -> None:
        nonlocal calls
        calls += 1

    appended, killer = 0, None
    while True:
        count += 1
        print("saving", count, flush=True)
        if before and appended >= int(before):  # the count goes on in the next save if this one ends first
            killer = killer or killing_after(max(1, math.ceil(float(fraction) * calls)))
            sys.setprofile(killer)
        elif before:
            calls = 0
            sys.setprofile(counting)
        step = StepRow(kind="answer", version="kill-test", lang="en", mode="user", tree="t", node=f"n{count - 1}",
                       answer="yes", by="user", to_tree="t", to_node=f"n{count}")
        seq = store.append(conversation_id, step, json.dumps({"answers": count}),
                           {"answers": count, "position_node": f"n{count}"})
        sys.setprofile(None)
        appended += 1
        print("saved", seq, flush=True)


def killing_after(calls: int):
    """A profile hook that sends SIGKILL to this process at the `calls`-th call event."""
    seen = 0

    def hook(frame, event, arg) -> None:
        nonlocal seen
        seen += 1
        if seen >= calls:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


if __name__ == "__main__":
    main(*sys.argv[1:5])
