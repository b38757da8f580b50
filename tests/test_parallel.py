"""Work shared between processes comes back whole and in order."""

from __future__ import annotations

import gc
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator import bodycache, collector, parallel
from generator.models import Article, EventDate
from tests.helpers import ROOT


def entry(n: int) -> Article:
    body = f"Body **{n}**.\n\n<p onclick='x'>clicked {n}</p>\n"
    return Article(
        slug=f"e{n}", source_path=Path(f"e{n}.md"), title=f"E{n}", date=EventDate(2022, 3, 1),
        summary="S.", actors=("a",), body=body, body_line=n,
    )  # fmt: skip


def test_shares_come_back_in_order_and_equal_to_one_process() -> None:
    entries = [entry(n) for n in range(1, 12)]
    alone = bodycache.render_values(entries)
    shared = parallel.map_shares(bodycache.render_values, entries, 3)
    assert shared == alone
    assert [html for html, _ in shared] == [
        f"<p>Body <strong>{n}</strong>.</p>\n<p>clicked {n}</p>" for n in range(1, 12)
    ]
    assert all(findings for _, findings in shared)  # the onclick is reported for each


def test_work_is_shared_only_when_each_process_gets_enough() -> None:
    assert parallel.workers(10, each=500, available=8) == 1
    assert parallel.workers(1000, each=500, available=8) == 2
    assert parallel.workers(10**6, each=500, available=2) == 2


def test_a_script_read_from_standard_input_shares_nothing_and_still_works() -> None:
    """A new process would re-import the main script, which has no file: stay in one."""
    script = (
        "from generator import bodycache, parallel\n"
        "from tests.test_parallel import entry\n"
        "assert not parallel.can_start()\n"
        "count = parallel.workers(3000, each=1000, available=3)\n"
        "assert count == 1, count\n"
        "made = parallel.map_shares(\n"
        "    bodycache.render_values, [entry(n) for n in (1, 2, 3)], count)\n"
        "print(len(made))\n"
    )
    done = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "3"
    assert parallel.can_start()  # pytest's own main script is a file


def thresholds(items: Sequence[int]) -> list[tuple[int, int, int]]:
    """Return the collector's thresholds in the process that runs this share."""
    return [gc.get_threshold() for _ in items]


def test_processes_that_share_a_build_set_their_collector_for_one() -> None:
    assert gc.get_threshold() != collector.BUILD_THRESHOLDS  # the test process: the default
    assert parallel.map_shares(thresholds, [1, 2], 2) == [collector.BUILD_THRESHOLDS] * 2


def variable(items: Sequence[int]) -> list[str | None]:
    """Return a test variable of the environment in the process that runs this share."""
    return [os.environ.get("CHRONICLE_TEST_VARIABLE") for _ in items]


def test_workers_see_the_environment_as_their_pool_started(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As a spawned process would: the build sets SOURCE_DATE_EPOCH for MkDocs' shares
    after the fork server started, and a share without it stamps the time of day."""
    parallel.map_shares(thresholds, [1, 2], 2)  # the fork server, if any, runs by now
    monkeypatch.setenv("CHRONICLE_TEST_VARIABLE", "set since")
    assert parallel.map_shares(variable, [1, 2], 2) == ["set since"] * 2
    monkeypatch.delenv("CHRONICLE_TEST_VARIABLE")
    assert parallel.map_shares(variable, [1, 2], 2) == [None] * 2


def running(pid: int) -> bool:
    """Say whether process `pid` exists and is not a zombie (Linux's /proc)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state != b"Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_workers_end_soon_after_a_build_killed_outright() -> None:
    """An idle worker waited for work forever after `kill -9` of its build, holding the
    build's output open: `chronicle build | tee log` never ended."""
    script = (
        "import os, sys, time\n"
        "from generator import parallel\n"
        "with parallel.pool(2) as workers:\n"
        "    found = {workers.submit(os.getpid).result() for _ in range(8)}\n"
        "    print(' '.join(map(str, sorted(found))), flush=True)\n"
        "    time.sleep(60)\n"
    )
    build = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert build.stdout is not None
    workers = [int(pid) for pid in build.stdout.readline().split()]
    assert workers and build.pid not in workers
    build.kill()
    build.wait()
    ended = time.monotonic() + 10
    while any(running(pid) for pid in workers) and time.monotonic() < ended:
        time.sleep(0.1)
    left = [pid for pid in workers if running(pid)]
    for pid in left:  # not to leave them behind if this fails
        os.kill(pid, signal.SIGKILL)
    assert not left
    # And the output closes: every process that held it (the fork server too) has ended.
    assert select.select([build.stdout], [], [], 10)[0], "the build's output stays open"
    assert build.stdout.read() == ""
