"""Group published entries by date (year, month, day) and by actor, place and topic.

Pure functions over sorted tuples: entries are put in chronicle order once
(`chronicle_order`), then split with `itertools.groupby`, so every grouping keeps
that order and the output is the same on every run.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from generator.models import Actor, Article, Place, Topic
from generator.validate import Corpus


@dataclass(frozen=True)
class Day:
    """A calendar day and its entries in order of time."""

    date: dt.date
    entries: tuple[Article, ...]


@dataclass(frozen=True)
class Month:
    """A month: entries known only to the month, then its days."""

    year: int
    month: int
    undated: tuple[Article, ...]
    days: tuple[Day, ...]

    @property
    def count(self) -> int:
        """Return the number of entries in the month."""
        return len(self.undated) + sum(len(d.entries) for d in self.days)


@dataclass(frozen=True)
class Year:
    """A year and its months."""

    year: int
    months: tuple[Month, ...]

    @property
    def count(self) -> int:
        """Return the number of entries in the year."""
        return sum(m.count for m in self.months)


@dataclass(frozen=True)
class Chronicle:
    """Everything the pages show: published entries and their groupings."""

    entries: tuple[Article, ...]
    years: tuple[Year, ...]
    actors: Mapping[str, Actor]
    places: Mapping[str, Place]
    topics: Mapping[str, Topic]  # every topic with a file or a published entry, by id
    by_actor: Mapping[str, tuple[Article, ...]]
    by_place: Mapping[str, tuple[Article, ...]]
    by_tag: Mapping[str, tuple[Article, ...]]

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """Return the first and last day the chronicle covers: every chart spans them."""
        return span(self.entries)


def span(entries: Sequence[Article]) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day of sorted entries (a month date covers its month)."""
    if not entries:
        return None
    first, last = entries[0].date, entries[-1].date
    return first.first_day, last.date or month_end(last.year, last.month)


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    return dt.date(year, month, monthrange(year, month)[1])


def group(corpus: Corpus) -> Chronicle:
    """Return the chronicle of a validated corpus; drafts are left out."""
    entries = chronicle_order(a for a in corpus.articles if not a.draft)
    by_tag = index(entries, lambda a: a.tags)
    return Chronicle(
        entries=entries,
        years=by_year(entries),
        actors=corpus.actors.items,
        places=corpus.places.items,
        topics=topics(corpus.topics, by_tag),
        by_actor=index(entries, lambda a: a.actors),
        by_place=index(entries, lambda a: a.places),
        by_tag=by_tag,
    )


def topics(described: Mapping[str, Topic], used: Iterable[str]) -> Mapping[str, Topic]:
    """Return every topic by id: those with a file, and tags without one, named by their id."""
    found = {tag: Topic(tag, tag) for tag in used}
    found.update(described)
    return {ident: found[ident] for ident in sorted(found)}


def chronicle_order(entries: Iterable[Article]) -> tuple[Article, ...]:
    """Return entries by date and time; among entries of one moment, a statement before
    the entries that answer it, then by id.

    Most entries have a day and no time, so a day's entries would otherwise run in the
    alphabetical order of their ids, and an answer could come before what it answers.
    """
    ordered: list[Article] = []
    for _, moment in groupby(sorted(entries, key=Article.sort_key), key=_moment):
        ordered += _answers_after(list(moment))
    return tuple(ordered)


def _moment(entry: Article) -> tuple[int, int, int, str]:
    return entry.date.sort_key()


def _answers_after(moment: list[Article]) -> list[Article]:
    """Return entries of one moment (in id order) with each after those it answers."""
    if len(moment) < 2:
        return moment
    here = {a.slug for a in moment}
    answered = {
        a.slug: {q.responds_to.entry for q in a.quotes if q.responds_to} & (here - {a.slug})
        for a in moment
    }
    placed: list[Article] = []
    done: set[str] = set()
    waiting = list(moment)
    while waiting:  # the first whose statements are all placed; in a cycle, the first
        ready = next((a for a in waiting if answered[a.slug] <= done), waiting[0])
        placed.append(ready)
        done.add(ready.slug)
        waiting.remove(ready)
    return placed


def by_year(entries: tuple[Article, ...]) -> tuple[Year, ...]:
    """Split sorted entries into years, months and days."""
    years = []
    for year, in_year in groupby(entries, key=lambda a: a.date.year):
        months = []
        for month, in_month_iter in groupby(in_year, key=lambda a: a.date.month):
            in_month = tuple(in_month_iter)
            undated = tuple(a for a in in_month if a.date.date is None)
            days = tuple(
                Day(day, tuple(group_))
                for day, group_ in groupby(
                    (a for a in in_month if a.date.date is not None),
                    key=lambda a: a.date.date,
                )
                if day is not None
            )
            months.append(Month(year, month, undated, days))
        years.append(Year(year, tuple(months)))
    return tuple(years)


def index(
    entries: Iterable[Article], keys: Callable[[Article], Iterable[str]]
) -> Mapping[str, tuple[Article, ...]]:
    """Return entries by each of their keys, keys sorted, entries in chronicle order."""
    found: defaultdict[str, list[Article]] = defaultdict(list)
    for entry in entries:
        for key in keys(entry):
            found[key].append(entry)
    return {key: tuple(found[key]) for key in sorted(found)}
