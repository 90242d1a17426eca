"""Pausing the cyclic garbage collector while many objects that are never garbage are built.

Reading a content set (parsing its files, or unpickling what an earlier run
kept) allocates hundreds of thousands of small objects, none of them part of a
cycle; each time the allocation count passes a threshold the collector would
scan them all again, which at 100,000 nodes costs more than the work itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (as it was before, after)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
