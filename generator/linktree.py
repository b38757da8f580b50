"""Copy a tree of published files as hard links: the bytes stay where they are.

A rebuild starts from the published site (`incremental_site`) and keeps the search
bundles that did not change (`search_index`); copying 235 MB at 5,000 entries would
take longer than the rebuild itself, and a link takes no space.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
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
