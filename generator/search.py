"""Full-text search with Pagefind: the documents it indexes (`search_index` runs it).

Material's own search index is one JSON file that every reader downloads whole before
the first result: 25 MB at 5,000 entries. Pagefind splits its index into chunks
fetched per search word, so the download stays small however large the chronicle.

We do not let Pagefind crawl the built site. The generator already holds each entry's
text, so it writes one small HTML document per searchable page (entries, actors,
places, topics) with the filters (kind, actor, place, topic, year, month) and the sort
key (date) marked up. Pagefind indexes those in its own process while MkDocs builds the
pages (`search_index`), which on a machine with two cores takes the indexing off the
build's critical path. Result URLs are the published pages', because each document sits
at the same path.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from generator import paths, render, writer
from generator.bodies import Body
from generator.grouping import Chronicle
from generator.pagecache import PageCache, make

_HTML_LOOKALIKES = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇"})
OUTPUT = "pagefind"  # the folder of the index and its scripts, from the site root


def source_folder(docs: Path) -> Path:
    """Return where the search documents are written: beside the docs folder, not in it."""
    return paths.beside(docs, "-search")


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
    """Yield one search document for each entry, actor, place and topic page.

    Each is rendered when the writer makes it; with a `cache`, a document whose values
    did not change is made as None.
    """
    name = "search_document.html.j2"
    template = _environment().get_template(name)

    def doc(page: PurePosixPath, **context: Any) -> writer.Output:
        defaults: dict[str, Any] = {
            "date": None, "actors": (), "places": (), "topics": (), "names": (), "notes": ()
        }  # fmt: skip
        address = paths.page_url(page)
        path = PurePosixPath(address + "index.html")
        values = defaults | context | {"address": address}
        made = functools.partial(make, cache, path, name, values, lambda _: template.render(values))
        return writer.Output(path, writer.encoded(made))  # made when written

    for entry in chronicle.entries:
        actors = [chronicle.actors[a] for a in entry.actors]
        places = [chronicle.places[p] for p in entry.places]
        topics = [chronicle.topics[t].name for t in entry.tags]
        yield doc(
            paths.entry_path(entry.slug), kind="entry", title=entry.title, date=entry.date,
            actors=[a.name for a in actors], places=[p.name for p in places], topics=topics,
            # Found by any name of whom and where it is about ("Zelensky", "Kiev"), not only
            # by the names its text happens to use.
            names=[n for a in actors for n in (a.name, *a.aliases)]
            + [n for p in places for n in (p.name, *p.aliases)] + topics,
            summary=entry.summary, body=bodies[entry.slug],
            quotes=[q.text for q in entry.quotes],
            # What the page shows besides: its corrections, and the sources it cites.
            notes=[c.text for c in entry.corrections] + [s.name for s in entry.sources],
        )  # fmt: skip
    for actor_id, actor in chronicle.actors.items():
        yield doc(
            paths.actor_path(actor_id),
            kind="actor",
            title=actor.name,
            names=actor.aliases,
            summary=actor.role,
            body=actor.profile,
            quotes=(),
        )
    for place_id, place in chronicle.places.items():
        yield doc(
            paths.place_path(place_id),
            kind="place",
            title=place.name,
            names=place.aliases,
            summary=place.region,
            body=place.description,
            quotes=(),
        )
    for topic_id, topic in chronicle.topics.items():
        yield doc(
            paths.topic_path(topic_id),
            kind="topic",
            title=topic.name,
            summary="",
            body=topic.description,
            quotes=(),
        )
