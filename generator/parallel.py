"""Share independent work between processes, one a core, when there is enough of it.

Python runs one thread of ours at a time, and rendering bodies, building pages and
scanning them are each thousands of independent pieces of work; on a machine with
two cores a second process halves them. Processes start from a fork server where
the system has one (Linux, macOS): a clean process that imported the command's
modules once, and forks a worker with them in place, where a spawned worker
imported them anew (six workers a full build, a third of a second each; 1.7 s of
a 27 s build at 5,000 records). Either way no worker inherits state of ours, and one
starts only when each gets enough work to be worth its start.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
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
    """Say whether a new process can start: it runs the main script again, if it has one.

    A script read from standard input (`python - < script.py`) names a file that is
    not there; work then stays in this process rather than failing.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return getattr(main, "__spec__", None) is not None or path is None or Path(path).is_file()


# What a worker imports before its work arrives: the command, which imports every
# module whose work runs in other processes.
PRELOAD = ["generator.cli"]


def pool(
    count: int, context: multiprocessing.context.BaseContext | None = None
) -> ProcessPoolExecutor:
    """Return a pool of `count` fresh processes, with their collector set for a build.

    Each gets this process's environment as it is now, as a spawned process would: a
    fork of the server has the server's, from before the build set SOURCE_DATE_EPOCH
    (`site`), and MkDocs would stamp the sitemap with the time of day. `context`: how
    they start, the fork server (`_context`) unless told.
    """
    return ProcessPoolExecutor(
        count,
        mp_context=context or _context(),
        initializer=_start,
        initargs=(dict(os.environ), os.getpid()),
    )


def _start(environment: dict[str, str], starter: int) -> None:
    """Set up a worker: the environment of the process that started it; the collector;
    and its end when that process is gone (`_outlive_none`)."""
    os.environ.clear()
    os.environ.update(environment)
    collector.for_a_build()
    threading.Thread(target=_outlive_none, args=(starter,), daemon=True).start()


def _outlive_none(starter: int, every: float = 0.5) -> None:
    """End this worker soon after the process that started it ends, however it ended.

    A build killed outright (`kill -9`, the kernel out of memory) cannot stop its
    pool: an idle worker waits for work forever, holding the build's output open, so
    a pipeline that reads it (`chronicle build | tee log`) never ended.
    """
    while _running(starter):
        time.sleep(every)
    os._exit(1)


def _running(pid: int) -> bool:
    """Say whether process `pid` runs: it exists and has not ended (a zombie has)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return True  # no /proc (macOS): it exists


def _context() -> multiprocessing.context.BaseContext:
    """Return the fork server's context, or `spawn` where there is no fork server (Windows)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def map_shares(
    work: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    count: int,
    context: multiprocessing.context.BaseContext | None = None,
) -> list[R]:
    """Return `work` applied to `items` in `count` processes, in the order of `items`.

    `work` takes a share of the items and returns one result an item; it must be a
    module-level function, or a `functools.partial` of one (a new process imports it
    by name). `count` comes from `workers`; `context` goes to `pool`.
    """
    if count <= 1:
        return work(items)
    size = -(-len(items) // count)
    shares = [items[i : i + size] for i in range(0, len(items), size)]
    with pool(count, context) as processes:
        return [r for done in processes.map(work, shares) for r in done]
