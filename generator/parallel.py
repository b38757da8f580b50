"""Share independent work between processes, one a core, when there is enough of it.

Python runs one thread of ours at a time, and rendering bodies, building pages and
scanning them are each thousands of independent pieces of work; on a machine with
two cores a second process halves them. Processes are started with `spawn`, so none
inherits state of ours, and only when each gets enough work to be worth its start.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from generator import collector

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """Return the number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def workers(items: int, each: int, available: int | None = None) -> int:
    """Return how many processes should share `items` when each should get `each` or more.

    One, whatever the work, when no new process can start (`can_start`).
    """
    if not can_start():
        return 1
    return max(1, min(cores() if available is None else available, items // each))


def can_start() -> bool:
    """Say whether a new process can start: it re-imports the main script, if it has one.

    A script read from standard input (`python - < script.py`) names a file that is
    not there; work then stays in this process rather than failing.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return getattr(main, "__spec__", None) is not None or path is None or Path(path).is_file()


def pool(count: int) -> ProcessPoolExecutor:
    """Return a pool of `count` fresh processes, with their collector set for a build."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(count, mp_context=context, initializer=collector.for_a_build)


def map_shares(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], count: int) -> list[R]:
    """Return `work` applied to `items` in `count` processes, in the order of `items`.

    `work` takes a share of the items and returns one result an item; it must be a
    module-level function, or a `functools.partial` of one (a new process imports it
    by name). `count` comes from `workers`.
    """
    if count <= 1:
        return work(items)
    size = -(-len(items) // count)
    shares = [items[i : i + size] for i in range(0, len(items), size)]
    with pool(count) as processes:
        return [r for done in processes.map(work, shares) for r in done]
