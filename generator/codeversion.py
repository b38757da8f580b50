"""What makes the output: a digest of the generator's code and the libraries it renders
with, for every cache and stamp kept between builds to vouch for.

Its own module, below every stage: reading records (`textcache`), rendering pages
(`pagecache`), the search index and the site's stamp all ask for it, and none of them
should have to import another stage to do so.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path

_LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "pyuca", "translitua", "python-slugify")


@functools.cache
def code_version() -> str:
    """Return a digest of what turns records into pages: our code and its libraries.

    Hashing the whole package, not just the templates, is deliberate: filters, links
    and charts are Python, and a stale page is worse than a slower run after an upgrade.
    Taken once a process (every cache and stamp asks for it, eight times a build): a
    change to the generator needs a new process anyway, since its modules and its
    templates are loaded once (`render.environment` does not reload templates).
    """
    versions = {name: version(name) for name in _LIBRARIES}
    return digest(Path(__file__).resolve().parent, versions)


def digest(package: Path, versions: Mapping[str, str]) -> str:
    """Return the digest of a package folder's code and templates, with the libraries'
    `versions` (by name) and Python's own.

    A function of what it is given, not of the installed package, so that what it
    covers can be shown on a copy: a changed template or library must change it, or
    a cache would keep pages made by the old ones.
    """
    found = hashlib.blake2b(digest_size=16)
    found.update(sys.version.encode())
    for name, number in versions.items():
        found.update(f"{name}={number}\n".encode())
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".j2")):
        found.update(path.relative_to(package).as_posix().encode() + b"\0")
        found.update(path.read_bytes() + b"\0")
    return found.hexdigest()
