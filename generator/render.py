"""Turn the chronicle into pages, one Jinja2 template per kind of page.

A page is a Markdown file whose text is finished HTML under its front matter: the
hook hands that HTML to MkDocs as it is (`site_config/hooks.py`), because converting
thousands of generated pages with Python-Markdown was most of a build's time.
Templates escape every value by default: only links we build and bodies the
sanitizer cleaned are marked safe. Links are the published URLs, relative to the
page (`paths.href`); the tests check every one in built sites (`linkcheck`).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from generator import (
    bodies,
    bodylinks,
    charts,
    collation,
    exchanges,
    headings,
    maps,
    paths,
    wording,
)
from generator.bodies import Body
from generator.escaping import meta, url
from generator.fields import IDENT
from generator.grouping import Chronicle
from generator.models import MONTH_NAMES, ActorKind, Article, Quote, Stance, day_label
from generator.pagecache import ChronicleView, PageCache, Produce, Read, View, make

LATEST = 10
PER_PAGE = 100  # entries on one page of an actor, place or topic
CONTESTED_PER_PAGE = 25  # contested entries on one page: each shows its exchanges in full
T = TypeVar("T")


def environment() -> jinja2.Environment:
    """Return the template environment: escaping by default, strict about undefined names.

    Autoescaping makes macro output and our own links `Markup` and escapes the rest:
    no Markdown reads the pages, so HTML's escaping is all they need.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates are read once, as the code is: a template edited under a running
        # preview would otherwise make some pages with it and keep others (`code_version`).
        auto_reload=False,
    )
    env.filters["meta"] = lambda v: Markup(meta(v))
    env.filters["url"] = url
    env.filters["ident"] = _ident
    env.filters["shortened"] = wording.shortened
    env.filters["by_name"] = collation.by_name  # names in their alphabet's order
    env.filters["iso"] = lambda d: Markup(d.iso())  # digits, '-', ':', '+' and 'T' only
    env.filters["month_name"] = lambda m: MONTH_NAMES[m - 1]
    env.filters["day_label"] = day_label
    env.globals["paths"] = paths
    env.globals["counted"] = wording.counted
    env.globals["entry_count"] = wording.entry_count
    env.globals["activity_chart"] = charts.activity
    env.globals["month_chart"] = charts.month_chart
    env.globals["year_chart"] = charts.year_chart
    env.globals["places_map"] = maps.places_map
    env.globals["exchanges"] = exchanges.exchanges
    env.filters["by_speaker"] = exchanges.by_speaker
    env.globals["body_links"] = body_links
    # Actors' profiles and places' and topics' descriptions are Markdown: one converter
    # for all of them, this environment's.
    env.filters["markdown"] = functools.partial(bodies.record_text, bodies.markdown_renderer())
    env.filters["plain"] = lambda html: Markup(html).striptags()
    return env


def body_links(html: Markup, record: Path, records: Mapping[str, Any], to: _Links) -> Markup:
    """Return a body with its links to other records pointing at their pages (`bodylinks`)."""
    return bodylinks.rewrite(html, record, records, to.record)


def _ident(value: str) -> Markup:
    """Return a validated id for use in an HTML attribute; refuse anything else."""
    if not IDENT.match(value):
        raise ValueError(f"not an id: {value!r}")
    return Markup(value)


# What each kind of link points to: the path of the page it names.
_TARGETS: dict[str, Callable[..., PurePosixPath]] = {
    "path": lambda path: path,
    "entry": paths.entry_path,
    "actor": paths.actor_path,
    "place": paths.place_path,
    "topic": paths.topic_path,
    "day": paths.day_path,
    "month": paths.month_path,
    "year": paths.year_path,
}


class _Links:
    """Link helpers bound to the page being rendered.

    `urls` keeps each target's published URL for the whole run, keyed by the kind of
    link and what it names: building the path and its URL again for every link was a
    fifth of rendering at 5,000 entries.
    """

    def __init__(self, here: PurePosixPath, urls: dict[tuple[Any, ...], str]) -> None:
        self.folder = paths.folder_of(paths.page_url(here))
        self.urls = urls

    def _link(self, kind: str, *names: Any, anchor: str = "") -> Markup:
        key = (kind, *names)
        url = self.urls.get(key)
        if url is None:
            url = self.urls[key] = paths.page_url(_TARGETS[kind](*names))
        link = paths.link_from(self.folder, url)
        return Markup(f"{link}#{anchor}" if anchor else link)

    def __call__(self, target: PurePosixPath, anchor: str = "") -> Markup:
        return self._link("path", target, anchor=anchor)

    def entry(self, article: Article, anchor: str = "") -> Markup:
        return self._link("entry", article.slug, anchor=anchor)

    def quote(self, slug: str, quote_id: str) -> Markup:
        return self._link("entry", slug, anchor=f"quote-{quote_id}")

    def actor(self, actor_id: str) -> Markup:
        return self._link("actor", actor_id)

    def record(self, target: tuple[str, str], anchor: str = "") -> Markup:
        """Link to the page of a record a body links to (`bodylinks.Target`)."""
        return self._link(target[0], target[1], anchor=anchor)

    def place(self, place_id: str) -> Markup:
        return self._link("place", place_id)

    def topic(self, tag: str) -> Markup:
        return self._link("topic", tag)

    def day(self, date: dt.date) -> Markup:
        return self._link("day", date)

    def month(self, year: int, month: int) -> Markup:
        return self._link("month", year, month)

    def year(self, year: int) -> Markup:
        return self._link("year", year)


def sources(chronicle: Chronicle) -> dict[str, Mapping[Any, Any]]:
    """Return what pages look records up in, by the names their views note reads under."""
    return {
        **{f"chronicle.{name}": getattr(chronicle, name) for name in ChronicleView.BY_KEY},
        "quotes": {(a.slug, q.id): (a, q) for a in chronicle.entries for q in a.quotes},
        "responses": _responses(chronicle),
        "records": bodylinks.targets(
            chronicle.entries, chronicle.actors, chronicle.places, chronicle.topics
        ),
    }


def links_from(here: PurePosixPath) -> _Links:
    """Return the link helpers of the page at `here`, for text shown elsewhere as if
    there (a feed's item, read with the entry page as its base)."""
    return _Links(here, {})


@dataclass(frozen=True)
class Job:
    """A page to render: its template, where it goes, and the values it is given."""

    template: str
    path: PurePosixPath
    context: dict[str, Any]


def makers(
    chronicle: Chronicle,
    bodies: Mapping[str, Body],
    root: Path,
    cache: PageCache | None = None,
    env: jinja2.Environment | None = None,
) -> Iterator[tuple[PurePosixPath, Callable[[], str | None]]]:
    """Yield where each page of the chronicle goes and what renders it, in a fixed order.

    A page is rendered when its maker is called, so a build can write each page as it
    is made and hold one at a time. Pages see the chronicle and its lookups through
    views that note what each page reads (`pagecache`); with a `cache`, a page whose
    inputs did not change since the last run is made as None instead of being rendered
    again. `env` is an `environment()` made before (its templates compiled), if there
    is one. A page made from one record names its file from the project's `root`
    (`source_of`).
    """
    env = env or environment()
    lookups = cache.sources if cache else sources(chronicle)
    urls: dict[tuple[Any, ...], str] = {}
    for job in _jobs(chronicle, bodies, lookups, root):
        values = {"here": job.path, **job.context}
        produce = render_job(env, chronicle, lookups, job, urls)
        yield job.path, functools.partial(make, cache, job.path, job.template, values, produce)


def render_job(
    env: jinja2.Environment,
    chronicle: Chronicle,
    lookups: Mapping[str, Mapping[Any, Any]],
    job: Job,
    urls: dict[tuple[Any, ...], str],
) -> Produce[str]:
    """Return what renders a page, noting what it looks up in the set it is given."""

    def produce(reads: set[Read]) -> str:
        common = {
            "chronicle": ChronicleView(chronicle, reads),
            "quotes": View("quotes", lookups["quotes"], reads),
            "responses": View("responses", lookups["responses"], reads),
            "records": View("records", lookups["records"], reads),
        }
        template = env.get_template(job.template)
        page = template.render(common, here=job.path, to=_Links(job.path, urls), **job.context)
        return headings.number(page)

    return produce


def _jobs(
    chronicle: Chronicle,
    bodies: Mapping[str, Body],
    lookups: Mapping[str, Mapping[Any, Any]],
    root: Path,
) -> Iterator[Job]:
    """Yield every page to render, in a fixed order."""

    def page(template: str, path: PurePosixPath, **context: Any) -> Job:
        return Job(template, path, context)

    latest = chronicle.entries[-LATEST:][::-1]
    yield page("home.md.j2", paths.HOME, latest=latest)
    yield page("timeline.md.j2", paths.TIMELINE)
    yield page("entries.md.j2", paths.ENTRIES, latest=latest)
    # Each period's page and each entry's link to the ones before and after it: readers
    # follow the chronicle day by day (the days that have entries).
    # Only what the links show (a date, an id and a title), so that a change to a
    # neighbour's entries or text leaves the page as it is.
    years = [y.year for y in chronicle.years]
    months = [(m.year, m.month) for y in chronicle.years for m in y.months]
    days = [d.date for y in chronicle.years for m in y.months for d in m.days]
    by_year, by_month, by_day = (
        dict(zip(o, around(o), strict=True)) for o in (years, months, days)
    )
    for year in chronicle.years:
        yield page("year.md.j2", paths.year_path(year.year), year=year, around=by_year[year.year])
        for month in year.months:
            at = (month.year, month.month)
            yield page("month.md.j2", paths.month_path(*at), month=month, around=by_month[at])
            for day in month.days:
                yield page("day.md.j2", paths.day_path(day.date), day=day,
                           around=by_day[day.date])  # fmt: skip
    shown = [(e.slug, e.title) for e in chronicle.entries]
    for entry, next_to in zip(chronicle.entries, around(shown), strict=True):
        yield page(
            "entry.md.j2",
            paths.entry_path(entry.slug),
            entry=entry,
            body=bodies[entry.slug],
            record_file=source_of(entry.source_path, root),
            around=next_to,
        )
    yield page("actors.md.j2", paths.ACTORS, kinds=list(ActorKind))
    # Where each entry's period starts in a list: where a chart's bar leads (`charts`).
    anchors = charts.anchors(chronicle.span, chronicle.entries)
    for actor_id, actor in chronicle.actors.items():
        every = chronicle.by_actor.get(actor_id, ())
        peers = _peers(actor_id, every)
        record_file = source_of(actor.source_path, root)
        marks = charts.landmarks(every, anchors)
        for pager, entries in paged(paths.actor_path(actor_id), every):
            yield page(
                "actor.md.j2",
                pager.path(pager.number),
                actor=actor,
                every=every,
                entries=entries,
                marks=_marked(marks, entries),
                statements=[(a, q) for a in entries for q in a.quotes if q.by == actor_id],
                peers=peers,
                pager=pager,
                record_file=record_file,
            )
    yield page("places.md.j2", paths.PLACES)
    yield from _listed("place", chronicle.places, chronicle.by_place, paths.place_path, root,
                       anchors)  # fmt: skip
    yield page("topics.md.j2", paths.TOPICS)
    yield from _listed("topic", chronicle.topics, chronicle.by_tag, paths.topic_path, root,
                       anchors)  # fmt: skip
    contested = _contested(chronicle, lookups["responses"])
    for pager, entries in paged(paths.CONTESTED, contested, CONTESTED_PER_PAGE):
        yield page("contested.md.j2", pager.path(pager.number), contested=entries, pager=pager)


def _listed(
    name: str,
    records: Mapping[str, Any],
    by: Mapping[str, tuple[Article, ...]],
    path: Callable[[str], PurePosixPath],
    root: Path,
    anchors: Mapping[str, str],
) -> Iterator[Job]:
    """Yield the pages of each place or topic: the record as `name`, and its entries, paged."""
    for ident, record in records.items():
        every = by.get(ident, ())
        record_file = source_of(record.source_path, root)
        marks = charts.landmarks(every, anchors)
        for pager, entries in paged(path(ident), every):
            context = {name: record, "every": every, "entries": entries, "pager": pager,
                       "marks": _marked(marks, entries), "record_file": record_file}  # fmt: skip
            yield Job(f"{name}.md.j2", pager.path(pager.number), context)


def _marked(marks: Mapping[str, str], entries: Sequence[Article]) -> dict[str, str]:
    """Return the marks of the entries one page lists: the chart's bars lead to them."""
    return {e.slug: marks[e.slug] for e in entries if e.slug in marks}


def around(ordered: Sequence[T]) -> list[tuple[T | None, T | None]]:
    """Return, for each item of `ordered`, the items before and after it (None at the ends)."""
    before: list[T | None] = [None, *ordered[:-1]]
    after: list[T | None] = [*ordered[1:], None]
    return list(zip(before, after, strict=True))


def source_of(record: Path | None, root: Path) -> str:
    """Return a record's file from the project's root (`content/actors/john-kirby.md`),
    for the page's link to edit it (`cc_source`); nothing for a record without a file
    (a topic named by its id) or one kept outside the project.

    By its text: `Path.relative_to` for each of 20,000 records took a tenth of a second
    on every run, the preview's included.
    """
    within = os.path.join(root, "")
    found = str(record) if record is not None else ""
    if not found.startswith(within):
        return ""
    return found[len(within) :].replace(os.sep, "/")


@dataclass(frozen=True)
class Pager:
    """Where one page of a long list stands: its number, how many pages, the first page,
    and how many entries a page lists."""

    number: int
    count: int
    first: PurePosixPath
    size: int = PER_PAGE

    def path(self, number: int) -> PurePosixPath:
        """Return the path of page `number` of this list."""
        return paths.listing_path(self.first, number)

    def label(self) -> str:
        """Return what a page after the first adds to its title: " (page 2 of 7)"."""
        return "" if self.number == 1 else f" (page {self.number} of {self.count})"


def paged(
    first: PurePosixPath, entries: tuple[Article, ...], size: int = PER_PAGE
) -> Iterator[tuple[Pager, tuple[Article, ...]]]:
    """Split a list of entries (in date order) into pages of `size`, newest first: the
    first page starts with the latest entry, as the home page and the entries list do.

    An actor named in half of 20,000 entries would otherwise get one page of
    10,000 lines; pages of a fixed size keep every page, and the build, linear.
    """
    count = max(1, -(-len(entries) // size))
    for number in range(1, count + 1):
        end = len(entries) - (number - 1) * size
        yield Pager(number, count, first, size), entries[max(0, end - size) : end][::-1]


def _responses(chronicle: Chronicle) -> dict[tuple[str, str], list[tuple[Article, Quote]]]:
    """Return, for each statement, the statements that answer it."""
    found: dict[tuple[str, str], list[tuple[Article, Quote]]] = {}
    for article in chronicle.entries:
        for quote in article.quotes:
            if quote.responds_to is not None:
                key = (quote.responds_to.entry, quote.responds_to.quote)
                found.setdefault(key, []).append((article, quote))
    return found


def _contested(
    chronicle: Chronicle, responses: Mapping[tuple[str, str], list[tuple[Article, Quote]]]
) -> tuple[Article, ...]:
    """Return entries whose statements another actor disputes, in chronicle order."""
    disputing = {Stance.ASSESSMENT, Stance.DENIAL}
    return tuple(
        a
        for a in chronicle.entries
        if any(
            r.by != q.by and r.stance in disputing
            for q in a.quotes
            for _, r in responses.get((a.slug, q.id), [])
        )
    )


def _peers(actor_id: str, entries: tuple[Article, ...], most: int = 8) -> list[tuple[str, int]]:
    """Return the actors that most often appear with this one, most frequent first."""
    counts = Counter(other for a in entries for other in a.actors if other != actor_id)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:most]
