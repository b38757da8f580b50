"""Every output path of the generated site, and links between pages derived from them.

Pages link to each other only through these functions, so a link cannot drift from
the page it points to; the tests check every link of built sites (`linkcheck`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import PurePath, PurePosixPath
from typing import TypeVar

HOME = PurePosixPath("index.md")
TIMELINE = PurePosixPath("timeline/index.md")
ENTRIES = PurePosixPath("entries/index.md")  # beside the entries: where their URLs lead up to
ACTORS = PurePosixPath("actors/index.md")
PLACES = PurePosixPath("places/index.md")
TOPICS = PurePosixPath("topics/index.md")
CONTESTED = PurePosixPath("contested.md")
# Ids that would name a folder's own index page (actors/index.md, topics/index.md).
RESERVED_IDS = frozenset({"index"})


P = TypeVar("P", bound=PurePath)


def beside(docs: P, suffix: str) -> P:
    """Return a file or folder kept beside the docs folder (`build/docs-pages.json`).

    The caches, the build lock, the search documents and the site's stamp live there,
    out of MkDocs' sight: it would publish anything in the docs folder.
    """
    return docs.with_name(docs.name + suffix)


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


def listing_path(first: PurePosixPath, number: int) -> PurePosixPath:
    """Return page `number` of a long list whose first page is `first` (an actor, place or
    topic, or the contested entries).

    `actors/x.md` continues as `actors/x/page-2.md`: ids hold no `/`, so no id can
    name a continuation page.
    """
    return first if number == 1 else first.with_suffix("") / f"page-{number}.md"


def relative(target: str, folder: str) -> str:
    """Return `posixpath.relpath(target, folder)` for paths inside the site.

    Both are relative and normalised (no `..`), so this compares their parts only;
    `posixpath.relpath` also asks the operating system for the working folder on
    every call, which made linking a fifth of the time spent rendering pages.
    """
    to = [p for p in target.split("/") if p not in ("", ".")]
    here = [p for p in folder.split("/") if p not in ("", ".")]
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


# Feeds live at the site root: Material fetches `sitemap.xml` beside every
# `<link rel="alternate">` of a page (for its language switcher), which 404s for a
# feed in a folder (zensical/zensical#908).
FEED = PurePosixPath("feed.xml")
DATA = PurePosixPath("data")


def actor_feed_path(actor_id: str) -> PurePosixPath:
    """Return the Atom feed of an actor."""
    return PurePosixPath(f"feed-actor-{actor_id}.xml")


def topic_feed_path(tag: str) -> PurePosixPath:
    """Return the Atom feed of a topic."""
    return PurePosixPath(f"feed-topic-{tag}.xml")


def page_url(target: PurePosixPath) -> str:
    """Return where MkDocs publishes a file, from the site root, with `use_directory_urls`.

    MkDocs rewrites no link of ours (generated pages reach it as HTML, and feeds and
    exports are not pages), so links name the published URL: `timeline/2022/03/29.md` is
    served as `timeline/2022/03/29/`, `timeline/index.md` as `timeline/`, other files as
    is. Plain string work: pages make a hundred thousand links at 5,000 entries.
    """
    text = target.as_posix()
    if not text.endswith(".md"):
        return text
    stem = text[:-3]
    if stem == "index":
        return ""
    return f"{stem[:-6] if stem.endswith('/index') else stem}/"


def folder_of(url: str) -> str:
    """Return the folder a published URL's relative links start from."""
    return url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)


def link_from(folder: str, there: str) -> str:
    """Return the relative URL from a page in `folder` to the published URL `there`."""
    rel = relative(there or ".", folder or ".")
    return f"{rel}/" if there.endswith("/") or not there else rel


def href(source: PurePosixPath, target: PurePosixPath) -> str:
    """Return the relative URL from one published page or file to another."""
    return link_from(folder_of(page_url(source)), page_url(target))
