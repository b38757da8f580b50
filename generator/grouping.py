"""Group published entries by date (year, month, day) and by actor, place and topic.

Pure functions over sorted tuples: entries are sorted once by (date, slug), then
split with `itertools.groupby`, so every grouping keeps chronicle order and the
output is the same on every run.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from generator.models import Actor, Article, Place
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
    start = first.date or dt.date(first.year, first.month, 1)
    return start, last.date or month_end(last.year, last.month)


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    return dt.date(year, month, monthrange(year, month)[1])


def group(corpus: Corpus) -> Chronicle:
    """Return the chronicle of a validated corpus; drafts are left out."""
    entries = tuple(sorted((a for a in corpus.articles if not a.draft), key=Article.sort_key))
    return Chronicle(
        entries=entries,
        years=by_year(entries),
        actors=corpus.actors.items,
        places=corpus.places.items,
        by_actor=index(entries, lambda a: a.actors),
        by_place=index(entries, lambda a: a.places),
        by_tag=index(entries, lambda a: a.tags),
    )


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
