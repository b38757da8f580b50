"""Copy a tree of published files as hard links: the bytes stay where they are.

A rebuild starts from the published site (`incremental_site`), and so does the live
preview (`preview.seed`); a rebuild keeps the search index when its documents did not
change (`search_index`). Copying 235 MB at 5,000 entries would take longer than the
rebuild itself, and a link takes no space.

`python -m generator.linktree SOURCE TARGET [--skip NAME]` does the same in a process
of its own: a rebuild copies the published site that way while it generates pages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


def link_tree(source: Path, target: Path, enter: Callable[[str], bool]) -> None:
    """Make `source`'s folders in `target` and hard-link its files into them.

    `enter` says which of `source`'s own folders to copy (below them, all are).
    Not `shutil.copytree`: it copies each folder's times, modes and extended
    attributes, and a site has a folder a page (two thirds of the time, at 5,000
    entries); and each folder is made by one `mkdir`, its parent being made first.
    """
    os.makedirs(target, exist_ok=True)
    for folder, subfolders, names in os.walk(source):
        rel = os.path.relpath(folder, source)
        if rel == ".":
            subfolders[:] = [name for name in subfolders if enter(name)]
            into = str(target)
        else:
            into = os.path.join(target, rel)
            os.mkdir(into)
        for name in names:
            link(os.path.join(folder, name), os.path.join(into, name))


def link(source: str, target: str) -> None:
    """Hard-link a file, or copy it where the file system has no hard links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def main(argv: Sequence[str] | None = None) -> int:
    """Link SOURCE's tree into TARGET, leaving out SOURCE's top-level folders named --skip."""
    p = argparse.ArgumentParser(prog="python -m generator.linktree", description=__doc__)
    p.add_argument("source", type=Path)
    p.add_argument("target", type=Path)
    p.add_argument("--skip", action="append", default=[], help="a top-level folder to leave out")
    args = p.parse_args(argv)
    try:
        link_tree(args.source, args.target, enter=lambda name: name not in args.skip)
    except OSError as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
