"""Pause Python's cyclic garbage collector while large acyclic structures are built.

Decoding the 10k-paper snapshot allocates about a million tuples and
records; each allocation burst triggers collections that walk the whole
growing heap, which took about 40% of decoding and encoding. The records
hold no reference cycles, so nothing is left for the collector to find;
reference counting frees them as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block, then restore its previous state."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
