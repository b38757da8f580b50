"""Machine-readable exports: every published entry, actor, place and topic, as JSON and CSV.

Researchers want the chronicle as data, not only as pages. The files go into the docs
folder (`data/`), which MkDocs copies as they are; `site_config/pages/data.md`
documents every column. JSON holds the records exactly, nested; CSV flattens them
into tables (entries, quotes, sources, actors, places, topics) for spreadsheets. Drafts are
not exported: the chronicle holds published entries only.

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula, so in
CSV such a text cell is prefixed with `'` (the usual defence against formula
injection); JSON keeps every value exactly as written.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from generator import paths
from generator.grouping import Chronicle
from generator.memo import ByObject
from generator.models import Actor, Article, Place, Topic
from generator.pagecache import Digests
from generator.siteinfo import SiteInfo
from generator.textcache import TextCache
from generator.writer import Output

Row = Mapping[str, Any]
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")
_AFTER_SEMICOLON = re.compile(r";(?=[=+\-@\t\r\n])")  # a space after it: text, not a formula

ENTRY_COLUMNS = ("id", "date", "precision", "title", "summary", "actors", "places", "tags",
                 "sources", "quotes", "published", "updated", "url")  # fmt: skip
QUOTE_COLUMNS = ("entry", "id", "by", "stance", "responds_to", "text")
SOURCE_COLUMNS = ("entry", "name", "url", "published")
ACTOR_COLUMNS = ("id", "name", "kind", "role", "affiliation", "country", "aliases", "entries",
                 "url", "profile")  # fmt: skip
PLACE_COLUMNS = ("id", "name", "kind", "country", "region", "latitude", "longitude", "aliases",
                 "entries", "url", "description")  # fmt: skip
TOPIC_COLUMNS = ("id", "name", "entries", "url", "description")


def _url(site: SiteInfo, target: PurePosixPath) -> str:
    """Return a page's URL: absolute with `site_url`, else from the site root."""
    return site.absolute(paths.page_url(target)) or paths.page_url(target)


def entry(article: Article, site: SiteInfo, published: Set[str] | None = None) -> dict[str, Any]:
    """Return an entry as exported: every field, lists and nested records kept.

    An answer to a statement in an entry not `published` (a draft) is exported without
    its target, as the site shows it: a draft's id is not public.
    """
    return {
        "id": article.slug,
        "date": article.date.iso(),
        "precision": article.date.precision.value,
        "title": article.title,
        "summary": article.summary,
        "actors": list(article.actors),
        "places": list(article.places),
        "tags": list(article.tags),
        "sources": [
            {
                "name": s.name,
                "url": s.url,
                "published": s.published.isoformat() if s.published else None,
            }
            for s in article.sources
        ],
        "quotes": [
            {
                "id": q.id,
                "by": q.by,
                "stance": q.stance.value,
                "responds_to": str(q.responds_to)
                if q.responds_to and (published is None or q.responds_to.entry in published)
                else None,
                "text": q.text,
            }
            for q in article.quotes
        ],
        "published": article.published.isoformat() if article.published else None,
        "updated": article.updated.isoformat() if article.updated else None,
        "corrections": [{"date": c.date.isoformat(), "text": c.text} for c in article.corrections],
        "url": _url(site, paths.entry_path(article.slug)),
        "body": article.body,
    }


def actor(person: Actor, count: int, site: SiteInfo) -> dict[str, Any]:
    """Return an actor as exported, with the number of published entries naming it."""
    return {
        "id": person.id, "name": person.name, "kind": person.kind.value, "role": person.role,
        "affiliation": person.affiliation, "country": person.country,
        "aliases": list(person.aliases), "entries": count,
        "url": _url(site, paths.actor_path(person.id)), "profile": person.profile,
    }  # fmt: skip


def place(where: Place, count: int, site: SiteInfo) -> dict[str, Any]:
    """Return a place as exported, with the number of published entries naming it."""
    return {
        "id": where.id, "name": where.name, "kind": where.kind.value, "country": where.country,
        "region": where.region, "latitude": where.latitude, "longitude": where.longitude,
        "aliases": list(where.aliases), "entries": count,
        "url": _url(site, paths.place_path(where.id)), "description": where.description,
    }  # fmt: skip


def topic(subject: Topic, count: int, site: SiteInfo) -> dict[str, Any]:
    """Return a topic as exported, with the number of published entries filed under it."""
    return {
        "id": subject.id, "name": subject.name, "entries": count,
        "url": _url(site, paths.topic_path(subject.id)), "description": subject.description,
    }  # fmt: skip


def directories(chronicle: Chronicle, site: SiteInfo) -> dict[str, list[dict[str, Any]]]:
    """Return the exported actors, places and topics by table name, each in id order."""
    actors = sorted(chronicle.actors.values(), key=lambda a: a.id)
    places = sorted(chronicle.places.values(), key=lambda p: p.id)
    topics = sorted(chronicle.topics.values(), key=lambda t: t.id)
    return {
        "actors": [actor(a, len(chronicle.by_actor.get(a.id, ())), site) for a in actors],
        "places": [place(p, len(chronicle.by_place.get(p.id, ())), site) for p in places],
        "topics": [topic(t, len(chronicle.by_tag.get(t.id, ())), site) for t in topics],
    }


@dataclass(frozen=True)
class Exported:
    """An entry as exported: its line of the JSON export and its rows of the CSV tables."""

    line: str
    rows: dict[str, str]  # CSV table name: the entry's lines in it


ENTRY_TABLES = {"entries": ENTRY_COLUMNS, "quotes": QUOTE_COLUMNS, "sources": SOURCE_COLUMNS}


class Stored:
    """Entries as exported by earlier runs, on disk, by a digest of what each is made from.

    A rebuild exports every entry again (the files list them all), but few of them
    changed: the others' lines are looked up (a third of a second at 5,000 entries).
    """

    def __init__(self, cache: TextCache, digests: Digests) -> None:
        self._cache, self._digests = cache, digests

    def get(self, inputs: tuple[object, ...], make: Callable[[], Exported]) -> Exported:
        """Return the export kept for `inputs`, or `make` it and keep it."""

        def made() -> list[Any]:
            done = make()
            return [done.line, done.rows]

        line, rows = self._cache.get_by(self._digests.of(inputs), made)
        return Exported(line, rows)


def exported(
    article: Article,
    site: SiteInfo,
    published: Set[str],
    kept: ByObject[Exported] | None,
    stored: Stored | None = None,
) -> Exported:
    """Return an entry as exported, from `kept` if this very article was exported before,
    or from what an earlier run `stored`.

    The export depends on the article, the site, and which of the entries it answers
    are published: the last is part of what `kept` and `stored` compare.
    """

    def make() -> Exported:
        record = entry(article, site, published)
        tables = {
            "entries": [
                {**record, "sources": len(record["sources"]), "quotes": len(record["quotes"])}
            ],
            "quotes": [{"entry": record["id"], **q} for q in record["quotes"]],
            "sources": [{"entry": record["id"], **s} for s in record["sources"]],
        }
        rows = {name: csv_rows(ENTRY_TABLES[name], table) for name, table in tables.items()}
        return Exported(json_line(record), rows)

    answered = tuple(q.responds_to.entry in published for q in article.quotes if q.responds_to)
    if stored is not None:
        make = partial(stored.get, (article, site, answered), make)
    if kept is None:
        return make()
    return kept.get(article, (site, answered), make)


def json_line(record: dict[str, Any]) -> str:
    """Return one record as one line of JSON, by `json`'s C encoder.

    Indenting (`indent=`) switches to its pure-Python one, which took half a second a
    build at 5,000 entries.
    """
    return json.dumps(record, ensure_ascii=False)


def json_lines_array(lines: list[str]) -> str:
    """Return JSON lines as a JSON array with one record a line: diffs show what changed."""
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def outputs(
    chronicle: Chronicle,
    site: SiteInfo,
    kept: ByObject[Exported] | None = None,
    stored: Stored | None = None,
) -> Iterator[Output]:
    """Yield the data files: JSON per table, and CSV tables for entries and their parts.

    `kept` holds entries exported by earlier runs of this process (`session`), `stored`
    those of earlier runs kept on disk.
    """
    published = {a.slug for a in chronicle.entries}
    done = [exported(a, site, published, kept, stored) for a in chronicle.entries]
    data = directories(chronicle, site)
    folder = paths.DATA
    lines = {"entries": [e.line for e in done]}
    lines |= {name: [json_line(r) for r in records] for name, records in data.items()}
    for name, table in lines.items():
        yield Output(folder / f"{name}.json", json_lines_array(table).encode("utf-8"))
    for name, columns in ENTRY_TABLES.items():
        text = _csv([columns]) + "".join(e.rows[name] for e in done)
        yield Output(folder / f"{name}.csv", text.encode("utf-8"))
    for name, columns in (
        ("actors", ACTOR_COLUMNS), ("places", PLACE_COLUMNS), ("topics", TOPIC_COLUMNS)
    ):  # fmt: skip
        yield Output(folder / f"{name}.csv", to_csv(columns, data[name]).encode("utf-8"))


def cell(value: Any) -> str | int | float:
    """Return a value as a CSV cell: lists joined by `; `, text safe from formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    # A spreadsheet set to `;` as its separator (many European locales) splits a line
    # at every `;`, quotes or not: `x;=cmd|...` would start a cell of its own with `=`.
    text = _AFTER_SEMICOLON.sub("; ", str(value))
    return f"'{text}" if text.startswith(_FORMULA) else text


def to_csv(columns: Sequence[str], rows: Sequence[Row]) -> str:
    """Return rows as CSV text with a header line, only the named columns, in order."""
    return _csv([columns]) + csv_rows(columns, rows)


def csv_rows(columns: Sequence[str], rows: Sequence[Row]) -> str:
    """Return rows as lines of CSV (no header), only the named columns, in order."""
    return _csv([cell(row.get(c)) for c in columns] for row in rows)


def _csv(lines: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    return buffer.getvalue()
