"""One writer at a time for a project's build folder.

`chronicle build` and `chronicle serve` both write the docs folder and the caches
beside it (`build/`), and a build reads them back to make the site: a preview that
regenerated in the middle of a build would have it publish a mix of two runs, or
remove pages the other had just written. Each takes this lock while it writes: a
build for its whole run, the preview for each rebuild and while it saves its cache on
stopping. The other waits, told who it waits for; the preview stays open beside a
build, since it holds the lock only while it rebuilds.

The lock is the system's own (`filelock`: `flock` or the Windows equivalent), so a
process that dies lets go of it; who holds it is written beside it, for the message.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from generator import paths


def lock_path(docs: Path) -> Path:
    """Return the lock file of the build folder holding `docs`."""
    return paths.beside(docs, ".lock")


class BuildLock:
    """The build folder's lock, for one process: held by `hold`, let go by `release`.

    `command` names the holder in the others' messages ("chronicle build"); `say`
    tells the user when this process has to wait, and for whom.
    """

    def __init__(self, docs: Path, command: str, say: Callable[[str], None]) -> None:
        self.path = lock_path(docs)
        self.holder = self.path.with_name(self.path.name + ".holder")
        self.command = command
        self._say = say
        self._lock = FileLock(self.path, thread_local=False)

    @property
    def held(self) -> bool:
        """Say whether this process holds the lock."""
        return self._lock.is_locked

    def hold(self) -> None:
        """Take the lock, waiting for whoever holds it; holding it already is fine."""
        if self.held:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            self._say(f"waiting for {self._other()} to finish writing {self.path.parent}")
            self._lock.acquire()
        self.holder.write_text(f"{self.command} (process {os.getpid()})\n", encoding="utf-8")

    def release(self) -> None:
        """Let go of the lock, if this process holds it."""
        if self.held:
            self.holder.unlink(missing_ok=True)
            self._lock.release(force=True)

    def _other(self) -> str:
        """Return who holds the lock, as it wrote itself down, if it did yet."""
        try:
            return self.holder.read_text(encoding="utf-8").strip() or "another chronicle command"
        except OSError:
            return "another chronicle command"

    def __enter__(self) -> BuildLock:
        self.hold()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
