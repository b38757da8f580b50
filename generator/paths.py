"""Every output path of the generated site, and links between pages derived from them.

Pages link to each other only through these functions, so a link cannot drift from
the page it points to; and `mkdocs build --strict` checks every relative `.md` link.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import PurePosixPath

from slugify import slugify as _slugify

HOME = PurePosixPath("index.md")
TIMELINE = PurePosixPath("timeline/index.md")
ACTORS = PurePosixPath("actors/index.md")
PLACES = PurePosixPath("places/index.md")
TOPICS = PurePosixPath("topics/index.md")
CONTESTED = PurePosixPath("contested.md")


def slugify(text: str) -> str:
    """Return a URL-safe id for any title, transliterating other scripts ("Київ" -> "kyiv")."""
    return _slugify(text, max_length=80, word_boundary=True) or "untitled"


def year_path(year: int) -> PurePosixPath:
    """Return the page of a year."""
    return PurePosixPath(f"timeline/{year:04d}/index.md")


def month_path(year: int, month: int) -> PurePosixPath:
    """Return the page of a month."""
    return PurePosixPath(f"timeline/{year:04d}/{month:02d}/index.md")


def day_path(day: dt.date) -> PurePosixPath:
    """Return the page of a day."""
    return PurePosixPath(f"timeline/{day.year:04d}/{day.month:02d}/{day.day:02d}.md")


def entry_path(slug: str) -> PurePosixPath:
    """Return the permalink page of an entry."""
    return PurePosixPath(f"entries/{slug}.md")


def actor_path(actor_id: str) -> PurePosixPath:
    """Return the page of an actor."""
    return PurePosixPath(f"actors/{actor_id}.md")


def place_path(place_id: str) -> PurePosixPath:
    """Return the page of a place."""
    return PurePosixPath(f"places/{place_id}.md")


def topic_path(tag: str) -> PurePosixPath:
    """Return the page of a topic (tag)."""
    return PurePosixPath(f"topics/{tag}.md")


def link(source: PurePosixPath, target: PurePosixPath, anchor: str = "") -> str:
    """Return the relative link from one page to another, as MkDocs resolves it."""
    rel = posixpath.relpath(str(target), str(source.parent))
    return f"{rel}#{anchor}" if anchor else rel
