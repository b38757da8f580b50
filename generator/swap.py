"""Putting a new site in place of the published one, and the old one out of the way.

The new site replaces the old by renames, so readers see one or the other, never a
mix (nor, where the system swaps two folders in one step, neither); the old tree is
removed by another process, since removing thousands of files one by one held up the
end of every build.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def swap(new: Path, target: Path) -> None:
    """Replace `target` with `new` by renames; the old tree is removed in the background.

    Removing a published site file by file took 1.8 s at 5,000 entries (12,600 files,
    most of them Pagefind's), at the end of every build, full or incremental. Once the
    new tree is in place nothing waits for that: the old one is renamed aside, out of
    readers' way, and a separate process removes it, with any earlier leftovers (a
    removal cut short by a reboot); `old_trees` names them.
    Where the system can (`exchange`), the two trees trade places in one step: with two
    renames there is a moment without a site, which a build killed then made lasting.
    """
    if target.exists() and exchange(new, target):
        new.rename(_aside(target))  # `new` names the old tree now
        remove_later(old_trees(target))
        return
    published = _aside(target) if target.exists() else None
    try:
        if published is not None:
            target.rename(published)
        new.rename(target)
    except BaseException:  # Ctrl-C between the renames too: readers get the site they had
        if published is not None and published.exists() and not target.exists():
            published.rename(target)
        raise
    remove_later(old_trees(target))


def exchange(first: Path, second: Path) -> bool:
    """Swap what two paths name in one step; say False where the system cannot.

    Linux's `renameat2` with RENAME_EXCHANGE (since 3.15, glibc 2.28), on the file
    systems that support it; elsewhere the caller renames twice.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd, rename_exchange = -100, 2
    done = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange)
    if done == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


def set_aside_beside(target: Path) -> Callable[[Sequence[Path]], None]:
    """Return a function renaming folders aside, among the old trees beside `target`.

    `swap` hands every old tree to one background removal at the end of the build.
    """

    def set_aside(trees: Sequence[Path]) -> None:
        for tree in trees:
            tree.rename(_aside(target))

    return set_aside


def _aside(target: Path) -> Path:
    """Return a new name for an old tree beside `target`, among those `old_trees` lists."""
    return target.with_name(f".{target.name}-old-{os.getpid()}-{time.time_ns()}")


def remove_later(trees: Sequence[Path]) -> None:
    """Remove folders in a detached process; here and now where none can be started.

    The site is already in place when this runs: failing to start a process must not
    fail the build, so the fallback is to remove the folders before returning.
    """
    if not trees:
        return
    if hasattr(os, "fork"):
        try:  # the child forks the remover and returns at once: nothing is left to reap
            subprocess.run(
                [sys.executable, "-c", _REMOVER, *map(str, trees)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True, check=True,  # outlives this process and its Ctrl-C
            )  # fmt: skip
            return
        except (OSError, subprocess.CalledProcessError):
            pass
    for tree in trees:
        shutil.rmtree(tree, ignore_errors=True)


_REMOVER = """
import os, shutil, sys
if os.fork() == 0:
    for path in sys.argv[1:]:
        shutil.rmtree(path, ignore_errors=True)
"""


def old_trees(target: Path, own: bool = False) -> list[Path]:
    """Return the replaced sites beside `target` that are waiting to be removed; with
    `own`, only those this process set aside.

    A build that fails removes its own (`own`): another tree may be the published site
    itself, set aside by a build killed between `swap`'s two renames, and the only copy.
    """
    pattern = f".{target.name}-old-{os.getpid()}-*" if own else f".{target.name}-old-*"
    return sorted(target.parent.glob(pattern))


SCRATCH = ("staging", "search", "share")  # the folders a build makes beside the site


def scratch_folder(target: Path, kind: str) -> Path:
    """Make a folder beside `target` for one part of a build (a `SCRATCH` kind), named for
    it and this process (`.site-staging-<pid>-<random>`), world-readable as a site is.

    The name is what lets `sweep` tell a folder that a killed build left behind from one
    a build is still using.
    """
    prefix = f".{target.name}-{kind}-{os.getpid()}-"
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    folder.chmod(0o755)  # mkdtemp makes it private
    return folder


def sweep(target: Path) -> None:
    """Remove the scratch folders beside `target` of builds that are no longer running.

    A build stopped by Ctrl-C or `kill` removes its own; one killed outright
    (`kill -9`, a machine that went down) cannot, and its folders stay until a later
    build starts. Only names `scratch_folder` makes are touched, and only those of
    processes that are gone: another folder beside the site may be an editor's. Old
    sites set aside (`old_trees`) are `swap`'s to remove.
    """
    kinds = "|".join(SCRATCH)
    made = re.compile(rf"\.{re.escape(target.name)}-(?:{kinds})-(\d+)-[a-z0-9_]+\Z")
    for path in sorted(target.parent.glob(f".{target.name}-*")):
        found = made.match(path.name)
        if found and not _running(int(found[1])):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    """Say whether process `pid` may be running (where that cannot be told: yes)."""
    if pid == os.getpid() or os.name == "nt":  # Windows' `os.kill` would end the process
        return True
    try:
        os.kill(pid, 0)  # no signal sent: only whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # it exists, another user's
        return True
    return True
