"""The only module that writes generated files: inside one folder, changed files only.

Writing only what changed keeps `mkdocs serve` from reloading on untouched pages and
lets unchanged pages keep their times. Paths are checked before anything is written:
a page may not leave the output folder or be written twice, and names that differ
only in case are refused because they collide on case-insensitive file systems.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class UnsafePath(Exception):
    """A generated path that would escape the output folder or collide with another."""


Data = bytes | None  # a file's bytes; None: the file is there as it should be


@dataclass(frozen=True)
class Output:
    """One file to write: its path inside the output folder and its bytes.

    `data` is None for a file the caller knows is already there as it should be (the
    page cache vouches for it): it is kept, neither read nor rewritten. It may also be
    what makes the bytes (or None) when the writer comes to the file: a build then
    holds one page at a time, not all of them (274 MB of pages at 20,000 entries).
    """

    path: PurePosixPath
    data: Data | Callable[[], Data]

    def made(self) -> Data:
        """Return the file's bytes (None: keep it), made now if they are made lazily."""
        return self.data() if callable(self.data) else self.data


@dataclass(frozen=True)
class WriteReport:
    """What a write did."""

    written: tuple[PurePosixPath, ...]
    unchanged: int
    removed: tuple[PurePosixPath, ...]


def encoded(made: Callable[[], str | None]) -> Callable[[], Data]:
    """Return what makes a page's bytes from what makes its text (None: keep the file)."""

    def data() -> Data:
        text = made()
        return None if text is None else text.encode("utf-8")

    return data


def refuse_links(folder: Path, root: Path) -> None:
    """Raise UnsafePath when `folder`, or a folder between it and `root`, is a symbolic
    link: a build folder committed as a link would have the writer write, and prune,
    wherever it points."""
    for path in (folder, *folder.parents):
        if path == root or not path.is_relative_to(root):
            return
        if path.is_symlink():
            raise UnsafePath(f"refusing to write into {path}: a symbolic link, not a folder")


def check_paths(
    root: Path, outputs: Iterable[Output]
) -> dict[PurePosixPath, os.stat_result | None]:
    """Raise UnsafePath for a path outside `root`, written twice, or colliding by case.

    Return what each path holds as it stands (its `lstat`; None: no file yet), looked
    up once: the writer decides from it what to keep.
    """
    resolved_root = root.resolve()
    seen: dict[str, PurePosixPath] = {}
    found: dict[PurePosixPath, os.stat_result | None] = {}
    inside = _Folders(resolved_root)
    for out in outputs:
        if out.path.is_absolute() or ".." in out.path.parts or not out.path.parts:
            raise UnsafePath(f"refusing to write {out.path}: not a path inside the site")
        folder = out.path.parent
        name = str(out.path)
        try:
            info: os.stat_result | None = os.lstat(f"{resolved_root}/{name}")
        except (FileNotFoundError, NotADirectoryError):
            info = None
        link = info is not None and stat.S_ISLNK(info.st_mode)
        if not inside.within(folder) or (
            link and not (resolved_root / out.path).resolve().is_relative_to(resolved_root)
        ):
            raise UnsafePath(f"refusing to write {out.path}: it leaves {root}")
        key = name.casefold()
        if key in seen:
            raise UnsafePath(f"two pages map to one file: {seen[key]} and {out.path}")
        seen[key] = out.path
        found[out.path] = info
    return found


class _Folders:
    """Which folders below a root stay inside it: those with no symbolic link on the way.

    Each folder is looked at once (one `lstat`), its parent first; only a link is
    resolved, to see where it leads. Resolving every folder would read every folder
    on the way each time: a third of a second for the search documents' 5,000 folders.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._inside: dict[PurePosixPath, bool] = {PurePosixPath("."): True}

    def within(self, folder: PurePosixPath) -> bool:
        """Say whether `folder` (relative to the root) is inside the root."""
        known = self._inside.get(folder)
        if known is None:
            known = self._inside[folder] = self.within(folder.parent) and self._stays(folder)
        return known

    def _stays(self, folder: PurePosixPath) -> bool:
        path = self._root / folder
        try:
            link = stat.S_ISLNK(os.lstat(path).st_mode)
        except (FileNotFoundError, NotADirectoryError):
            return True  # not there yet: the writer makes it, a plain folder
        return not link or path.resolve().is_relative_to(self._root)


def write(
    root: Path,
    outputs: Iterable[Output],
    prune: bool = True,
    make: Callable[[Output], Data] = Output.made,
) -> WriteReport:
    """Write outputs under `root` when their bytes differ; remove files no output names.

    Every path is checked before any file is written. `make` gets each output's bytes
    as the writer comes to it (the caller's may time the rendering, or count it).
    """
    outputs = list(outputs)
    found = check_paths(root, outputs)
    root.mkdir(parents=True, exist_ok=True)
    written: list[PurePosixPath] = []
    for out in outputs:
        target = root / out.path
        data = make(out)
        if data is None:
            if not _regular(found[out.path]):
                raise UnsafePath(f"{out.path} was to be kept as it is, but it is not there")
            continue
        if _holds(target, found[out.path], data):
            continue
        replace_file(target, data)
        written.append(out.path)
    removed = _prune(root, {str(o.path) for o in outputs}) if prune else []
    return WriteReport(tuple(written), len(outputs) - len(written), tuple(removed))


def _regular(info: os.stat_result | None) -> bool:
    """Say whether a path's `lstat` is that of a regular file (not a link, not missing)."""
    return info is not None and stat.S_ISREG(info.st_mode)


def _holds(target: Path, info: os.stat_result | None, data: bytes) -> bool:
    """Say whether `target` (whose `lstat` is `info`) is a regular file holding `data`.

    Its size is compared first: most changed files change size, and are not read.
    """
    if info is None or not _regular(info) or info.st_size != len(data):
        return False
    return target.read_bytes() == data


def replace_file(target: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so no reader sees half a file: a page,
    or a cache or stamp that a build stopped midway must not leave half written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or target.is_dir():
        raise UnsafePath(f"refusing to replace {target}: not a regular file")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune(root: Path, keep: set[str]) -> list[PurePosixPath]:
    """Remove files below root that are not kept, then folders left empty.

    Bottom-up, so a folder's contents are settled when it is reached: it is empty when
    none of its files is kept and each of its folders was removed, and no folder is
    listed twice (at 20,000 entries, a folder a page, that was a second a build).
    """
    removed = []
    emptied: set[str] = set()
    top = str(root)
    for dirpath, dirnames, filenames in os.walk(top, topdown=False):
        rel_dir = os.path.relpath(dirpath, top).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        left = 0
        for name in sorted(filenames):
            if prefix + name in keep:
                left += 1
            else:
                os.unlink(os.path.join(dirpath, name))
                removed.append(PurePosixPath(prefix + name))
        for name in dirnames:
            sub = os.path.join(dirpath, name)
            if sub in emptied:
                continue
            if os.path.islink(sub):  # MkDocs would follow it and publish what it points to
                os.unlink(sub)
                removed.append(PurePosixPath(prefix + name))
            else:
                left += 1
        if not left and dirpath != top:
            os.rmdir(dirpath)
            emptied.add(dirpath)
    return sorted(removed)
