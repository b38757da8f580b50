"""Full-text search with Pagefind: the documents it indexes, and running its indexer.

Material's own search index is one JSON file that every reader downloads whole before
the first result: 25 MB at 5,000 entries. Pagefind splits its index into chunks
fetched per search word, so the download stays small however large the chronicle.

We do not let Pagefind crawl the built site. The generator already holds each entry's
text, so it writes one small HTML document per searchable page (entries, actors,
places) with the filters (actor, place, year, month) and the sort key (date) marked
up. Pagefind indexes those in its own process while MkDocs builds the pages
(`search_index`), which on a machine with two cores takes the indexing off the build's
critical path. Result URLs are the published pages', because each document sits at the
same path below its shard's folder.

Documents are split by date into shards, each indexed on its own (`shard_of`): a
chronicle grows at its end, so a new entry changes one small shard, not the whole index.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from generator import paths, render, writer
from generator.bodies import Body
from generator.grouping import Chronicle
from generator.models import EventDate
from generator.pagecache import PageCache, make

_HTML_LOOKALIKES = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇"})
OUTPUT = "pagefind"  # the folder of the index and its scripts, from the site root
MAIN = "main"  # the shard of actors and places, first of all


def source_folder(docs: Path) -> Path:
    """Return where the search documents are written: beside the docs folder, not in it."""
    return docs.with_name(docs.name + "-search")


def shard_of(date: EventDate, latest_year: int) -> str:
    """Return the shard of an entry dated `date`: its year's, or in the latest year its month's.

    Entries are added at the chronicle's end: the shards there are a month each, so a
    new entry reindexes a month of entries. Earlier years are a shard each, which keeps
    the shards few: a reader's search fetches a part of every shard's index. When a new
    year begins, the year before becomes one shard, indexed once.
    """
    if date.year < latest_year:
        return f"entries-{date.year}"
    return f"entries-{date.year}-{date.month:02d}"


def _environment() -> jinja2.Environment:
    """Return the pages' template environment, with the filter values' own escape."""
    env = render.environment()
    env.filters["filter_value"] = filter_value
    return env


def filter_value(value: str) -> str:
    """Return a name as a filter value, with look-alikes for the characters HTML reads.

    Pagefind's default interface writes filter values into the page as HTML (the
    labels of its filter list), and its indexer decodes entities in them, so no
    amount of escaping keeps an actor or place named `<img onerror=...>` from running
    there (tests/test_browser_hostile.py). Full-width forms of < > & " ' read the same
    and mean nothing to HTML; the value is escaped as usual on top of that.
    """
    return value.translate(_HTML_LOOKALIKES)


def documents(
    chronicle: Chronicle, bodies: Mapping[str, Body], cache: PageCache | None = None
) -> Iterator[writer.Output]:
    """Yield one search document for each entry, actor and place page, in its shard's folder.

    With a `cache`, a document whose values did not change comes without bytes.
    """
    name = "search_document.html.j2"
    template = _environment().get_template(name)
    latest = max((entry.date.year for entry in chronicle.entries), default=0)

    def doc(page: PurePosixPath, **context: Any) -> writer.Output:
        defaults: dict[str, Any] = {"date": None, "actors": (), "places": (), "aliases": ()}
        values = defaults | context
        shard = MAIN if values["date"] is None else shard_of(values["date"], latest)
        path = PurePosixPath(f"{shard}/{paths.page_url(page)}index.html")
        text = make(cache, path, name, values, lambda _: template.render(values))
        return writer.Output(path, None if text is None else text.encode())

    for entry in chronicle.entries:
        yield doc(
            paths.entry_path(entry.slug), kind="entry", title=entry.title, date=entry.date,
            actors=[chronicle.actors[a].name for a in entry.actors],
            places=[chronicle.places[p].name for p in entry.places],
            summary=entry.summary, body=bodies[entry.slug],
            quotes=[q.text for q in entry.quotes],
        )  # fmt: skip
    for actor_id, actor in chronicle.actors.items():
        yield doc(
            paths.actor_path(actor_id),
            kind="actor",
            title=actor.name,
            aliases=actor.aliases,
            summary=actor.role,
            body=actor.profile,
            quotes=(),
        )
    for place_id, place in chronicle.places.items():
        yield doc(
            paths.place_path(place_id),
            kind="place",
            title=place.name,
            aliases=place.aliases,
            summary=place.region,
            body=place.description,
            quotes=(),
        )
