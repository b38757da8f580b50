"""One writer at a time for the build folder: a build and the preview wait for each other."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from threading import Thread

from generator.buildlock import BuildLock
from tests.cli_helpers import CHRONICLE, make_project
from tests.helpers import taken_elsewhere

# Another process takes the lock, says so on stdout, and lets go when its stdin closes.
HOLDER = """
import sys
from pathlib import Path
from generator.buildlock import BuildLock
with BuildLock(Path(sys.argv[1]), sys.argv[2], print):
    print("holding", flush=True)
    sys.stdin.read()
"""


@contextmanager
def held_elsewhere(docs: Path, command: str = "chronicle serve") -> Iterator[int]:
    """Hold the lock of `docs` in another process until the block ends; yield its pid."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(docs), command],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdin is not None
    try:
        assert process.stdout.readline() == "holding\n"
        yield process.pid
    finally:
        process.stdin.close()
        process.wait(timeout=30)


def test_the_lock_is_held_until_released_and_names_its_holder(tmp_path: Path) -> None:
    docs = tmp_path / "build" / "docs"
    said: list[str] = []
    lock = BuildLock(docs, "chronicle build", said.append)
    lock.hold()  # free: taken at once, without a word
    assert lock.held and taken_elsewhere(docs)
    assert lock.holder.read_text(encoding="utf-8").startswith("chronicle build (process ")
    lock.hold()  # held already: fine
    lock.release()
    assert not lock.held and not taken_elsewhere(docs) and not lock.holder.exists()
    lock.release()  # not held: fine
    assert said == []


def test_a_second_holder_waits_and_is_told_for_whom(tmp_path: Path) -> None:
    docs = tmp_path / "build" / "docs"
    said: list[str] = []
    waiting = BuildLock(docs, "chronicle build", said.append)
    with held_elsewhere(docs) as pid:
        thread = Thread(target=waiting.hold)  # the holder lets go when this block ends
        thread.start()
        deadline = time.monotonic() + 10
        while not said and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        assert not waiting.held
    thread.join(timeout=10)
    assert waiting.held
    assert said == [f"waiting for chronicle serve (process {pid}) to finish writing {docs.parent}"]
    waiting.release()


def test_chronicle_build_waits_for_the_preview_and_writes_nothing_meanwhile(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path / "project")
    docs = root / "build" / "docs"
    said = tmp_path / "build.err"
    waiting = "chronicle: waiting for chronicle serve (process {pid}) to finish writing"
    with held_elsewhere(docs) as pid, said.open("w") as errors:
        build = subprocess.Popen(
            [str(CHRONICLE), "build", "--pages-only"], cwd=root,
            stdout=subprocess.DEVNULL, stderr=errors,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while waiting.format(pid=pid) not in said.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        assert build.poll() is None, said.read_text()  # still waiting
        assert not docs.exists()
    assert build.wait(timeout=120) == 0, said.read_text()
    assert said.read_text().startswith(waiting.format(pid=pid))
    assert (docs / "index.md").is_file()
    assert not taken_elsewhere(docs)  # let go when done
