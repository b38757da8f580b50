"""How often Python's cycle collector runs in a build: rarely, since a build keeps what it makes.

CPython looks for reference cycles after every 700 new objects, and goes through all
the objects it tracks once enough of them have survived (the `gc.set_threshold`
defaults). A build makes millions of objects and keeps nearly all of them to its end
(records, bodies, digests, pages), and it makes few cycles: at 20,000 records the
collector took 7 of the generator's 19 seconds and freed 572 objects. So a build's
processes look for cycles after every 100,000 new objects, and through older ones
a hundred times more rarely than that; young cycles are still freed, and the peak
memory `make bench` measures stayed the same.

The live preview is a long-running process and keeps the defaults; it freezes what
its first run read instead (site_config/hooks.py).
"""

from __future__ import annotations

import gc

BUILD_THRESHOLDS = (100_000, 10, 10)


def for_a_build() -> None:
    """Set this process's collector for a build, which keeps what it makes until it exits."""
    gc.set_threshold(*BUILD_THRESHOLDS)
