"""Bar charts of entries over time, drawn at build time as inline SVG.

A chart needs no JavaScript and is the same bytes on every run: periods come from
the chronicle's dates, numbers are formatted to fixed places, and nothing reads the
clock. Every chart spans the whole chronicle, so an actor's chart lines up with the
home page's. The period grows with the span (days, then weeks, months, years), so a
chart has at most `MAX_BARS` bars for ten years and one a year beyond, and a page
with a chart stays about the same size as the chronicle grows.

Charts are raw HTML, which MkDocs neither checks nor rewrites: links name the
published URLs (`paths.href`), and every text is escaped for XML here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from html import escape
from pathlib import PurePosixPath
from typing import Protocol

from markupsafe import Markup

from generator import paths, wording
from generator.grouping import Month, Year, month_end
from generator.models import MONTH_NAMES, Article, day_label

MAX_BARS = 120
WIDTH, HEIGHT = 640, 150
WIDEST = 56  # a bar's widest step: a short chronicle draws a short chart
LABEL_EACH = 10  # up to this many bars, each has its own label
LEFT, TOP, BOTTOM = 30, 8, 22  # chronicle.css sizes the scale and the bars by LEFT and WIDTH


class Unit(StrEnum):
    """How long one bar's period is."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Bar:
    """One period: its label, how many entries fall in it, and its page if it has one.

    `anchor`: the place on that page where the period starts (an id), if not at its top.
    """

    label: str
    count: int
    target: PurePosixPath | None
    short: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Series:
    """The bars of a chart, and entries too coarsely dated to fall in one bar."""

    unit: Unit
    bars: tuple[Bar, ...]
    coarse: int = 0

    @property
    def total(self) -> int:
        """Return the number of entries the bars show."""
        return sum(b.count for b in self.bars)


def unit_for(first: dt.date, last: dt.date) -> Unit:
    """Return the shortest period that draws the span in at most MAX_BARS bars."""
    weeks = (last - _start(first, Unit.WEEK)).days // 7 + 1
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    counts = {Unit.DAY: (last - first).days + 1, Unit.WEEK: weeks, Unit.MONTH: months}
    return next((u for u, n in counts.items() if n <= MAX_BARS), Unit.YEAR)


def _start(day: dt.date, unit: Unit) -> dt.date:
    """Return the first day of the period a day falls in (weeks start on Monday, as ISO's)."""
    if unit is Unit.WEEK:
        return day - dt.timedelta(days=day.weekday())
    if unit is Unit.MONTH:
        return day.replace(day=1)
    return day.replace(month=1, day=1) if unit is Unit.YEAR else day


def _periods(first: dt.date, last: dt.date, unit: Unit) -> list[dt.date]:
    """Return the first day of every period from `first` to `last`."""
    if unit in (Unit.DAY, Unit.WEEK):
        step = 7 if unit is Unit.WEEK else 1
        start = _start(first, unit)
        return [start + dt.timedelta(n) for n in range(0, (last - start).days + 1, step)]
    if unit is Unit.MONTH:
        count = (last.year - first.year) * 12 + last.month - first.month + 1
        months = (first.month - 1 + n for n in range(count))
        return [dt.date(first.year + m // 12, m % 12 + 1, 1) for m in months]
    return [dt.date(y, 1, 1) for y in range(first.year, last.year + 1)]


def _key(article: Article, unit: Unit) -> dt.date | None:
    """Return the period an entry falls in, or None when its date is coarser than the unit."""
    date = article.date
    if unit in (Unit.MONTH, Unit.YEAR):
        return _start(dt.date(date.year, date.month, 1), unit)
    return _start(date.date, unit) if date.date is not None else None


class Listing(Protocol):
    """A list of entries in pages, newest first (`render.Pager`): `size` a page."""

    size: int

    def path(self, number: int) -> PurePosixPath:
        """Return the path of page `number` (from 1)."""
        ...


def _bar(unit: Unit, start: dt.date, count: int, first: dt.date | None) -> Bar:
    """Return a period's bar; it links to the period's page, a week's to its first busy day."""
    name = MONTH_NAMES[start.month - 1]
    day = day_label(start)
    target = _target(unit, start, first) if count else None  # no entries, no page
    if unit is Unit.DAY:
        return Bar(day, count, target, f"{start.day} {name[:3]}")
    if unit is Unit.WEEK:
        return Bar(f"Week of {day}", count, target, f"{start.day} {name[:3]}")
    if unit is Unit.MONTH:
        return Bar(f"{name} {start.year}", count, target, f"{name[:3]} {start.year}")
    return Bar(str(start.year), count, target, str(start.year))


def _target(unit: Unit, start: dt.date, first: dt.date | None) -> PurePosixPath | None:
    """Return the page of a period with entries: made only for those (charts have many
    empty bars, and a path each would cost)."""
    if unit is Unit.DAY:
        return paths.day_path(start)
    if unit is Unit.WEEK:
        return paths.day_path(first) if first else None
    if unit is Unit.MONTH:
        return paths.month_path(start.year, start.month)
    return paths.year_path(start.year)


def series(
    span: tuple[dt.date, dt.date] | None,
    entries: Sequence[Article],
    listing: Listing | None = None,
) -> Series:
    """Return the bars of `entries` over `span`, the whole chronicle's (`Chronicle.span`).

    With a `listing` (the pages of an actor's, place's or topic's entries), each bar
    leads to where that list shows the period's entries, not to the whole chronicle's
    period: a reader on an actor's page who picks March 2022 wants that actor's March.
    """
    if span is None:
        return Series(Unit.DAY, ())
    first, last = span
    return spanning(entries, first, last, unit_for(first, last), listing)


def spanning(
    entries: Sequence[Article],
    first: dt.date,
    last: dt.date,
    unit: Unit,
    listing: Listing | None = None,
) -> Series:
    """Return the bars of `entries` (in date order) from `first` to `last`, one per `unit`;
    with a `listing`, see `series`."""
    counts: Counter[dt.date | None] = Counter()
    busy: dict[dt.date, dt.date] = {}  # period -> its first day with entries
    newest: dict[dt.date, int] = {}  # period -> its newest entry's place in `entries`
    for i, article in enumerate(entries):
        key = _key(article, unit)
        counts[key] += 1
        if key is not None:
            newest[key] = i
            if article.date.date is not None:
                busy[key] = min(busy.get(key, article.date.date), article.date.date)
    coarse = counts.pop(None, 0)
    starts = _periods(first, last, unit)
    bars = tuple(_bar(unit, p, counts[p], busy.get(p)) for p in starts)
    if listing is not None:
        bars = _listed(bars, starts, newest, len(entries), listing, unit)
    return Series(unit, bars, coarse)


def _listed(
    bars: tuple[Bar, ...],
    starts: list[dt.date],
    newest: Mapping[dt.date, int],
    total: int,
    listing: Listing,
    unit: Unit,
) -> tuple[Bar, ...]:
    """Return the bars leading into a list of `total` entries that runs newest first: a
    period starts at its newest entry, on the page that holds it."""
    pages: dict[int, PurePosixPath] = {}  # each page's path made once, not once a bar
    found = []
    for bar, start in zip(bars, starts, strict=True):
        at = newest.get(start)
        if at is None:
            found.append(bar)
            continue
        number = (total - 1 - at) // listing.size + 1
        if number not in pages:
            pages[number] = listing.path(number)
        found.append(replace(bar, target=pages[number], anchor=_anchor(unit, start)))
    return tuple(found)


def _anchor(unit: Unit, start: dt.date) -> str:
    """Return the id that marks where a period starts in a list: `month-2022-03`."""
    text = start.isoformat()
    cut = {Unit.MONTH: 7, Unit.YEAR: 4}.get(unit, len(text))
    return f"{unit.value}-{text[:cut]}"


def anchors(span: tuple[dt.date, dt.date] | None, entries: Iterable[Article]) -> dict[str, str]:
    """Return, for each entry, the id of its period in a list (`month-2022-03`): the
    same in every list, so worked out once a run for all of them (`landmarks`)."""
    if span is None:
        return {}
    unit = unit_for(*span)
    return {a.slug: _anchor(unit, key) for a in entries if (key := _key(a, unit)) is not None}


def landmarks(entries: Sequence[Article], anchors: Mapping[str, str]) -> dict[str, str]:
    """Return the ids a list of `entries` (in date order) gives its lines where periods start.

    In a list that runs newest first, a period starts at its newest entry: that line
    carries the anchor the period's bar links to (`series` with a `listing`).
    """
    marks: dict[str, str] = {}
    for article in reversed(entries):
        mark = anchors.get(article.slug)
        if mark is not None and mark not in marks:
            marks[mark] = article.slug
    return {slug: mark for mark, slug in marks.items()}


def counted(n: int) -> str:
    """Return `1 entry` or `n entries`."""
    return wording.counted(n, "entry", "entries")


def describe(data: Series) -> str:
    """Return the chart as a sentence: the text alternative for readers who cannot see it."""
    busy = [f"{b.label}: {counted(b.count)}" for b in data.bars if b.count]
    text = f"{counted(data.total)} in {len(data.bars)} {data.unit.value}s"
    text += f" ({'; '.join(busy)})." if busy else "."
    if data.coarse:
        text += f" {counted(data.coarse)} dated only to the month not shown."
    return text


def svg(data: Series, here: PurePosixPath, title: str) -> Markup:
    """Return a figure with the chart as inline SVG: the value scale beside the bars.

    Bars link to their period pages. Its ids (`cc-chart` and those made from it) are
    fixed: a page shows one chart.
    """
    ident = "cc-chart"
    if not data.total:
        return Markup("")
    tallest = max((b.count for b in data.bars), default=0) or 1
    plot_w = min(WIDTH - LEFT, WIDEST * len(data.bars))
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / len(data.bars)
    gap = step * 0.15 if step > 4 else 0.0
    caption = f"{title}, per {data.unit.value}"
    # Bars across the whole width: on a phone they scroll, and open at the latest ones.
    wide = " cc-chart--wide" if WIDEST * len(data.bars) >= WIDTH - LEFT else ""
    parts = [
        f'<figure class="cc-chart{wide}" id="{escape(ident)}">',
        f'<figcaption id="{escape(ident)}-caption">{escape(caption)}</figcaption>',
        '<div class="cc-chart-body">',
        *_scale(tallest),
        '<div class="cc-chart-bars">',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{LEFT} 0 {WIDTH - LEFT} {HEIGHT}" '
        f'role="group" aria-labelledby="{escape(ident)}-caption" '
        f'aria-describedby="{escape(ident)}-desc">',
        f"<title>{escape(caption)}</title>",
        f'<desc id="{escape(ident)}-desc">{escape(describe(data))}</desc>',
    ]
    for i, bar in enumerate(data.bars):
        height = bar.count / tallest * plot_h
        rect = (
            f'<rect class="cc-bar" x="{LEFT + i * step + gap / 2:.2f}" '
            f'y="{TOP + plot_h - height:.2f}" width="{step - gap:.2f}" height="{height:.2f}"/>'
        )
        if bar.target is None:
            parts.append(rect)
            continue
        name = escape(f"{bar.label}: {counted(bar.count)}")
        fragment = f"#{bar.anchor}" if bar.anchor else ""
        link = escape(paths.href(here, bar.target) + fragment)
        parts.append(f'<a href="{link}" aria-label="{name}"><title>{name}</title>{rect}</a>')
    parts.extend(_axis(data, step))
    parts.extend(["</svg>", "</div>", "</div>", "</figure>"])
    return Markup("\n".join(parts))


def _scale(tallest: int) -> list[str]:
    """Return the value scale, the tallest count and 0, as an SVG of its own.

    It stands beside the bars rather than in their drawing, so that on a phone, where
    the bars scroll sideways, the scale stays in view whichever bars are shown.
    """
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cc-chart-scale" '
        f'viewBox="0 0 {LEFT} {HEIGHT}" aria-hidden="true">',
        '<g class="cc-axis">',
        f'<text x="{LEFT - 4}" y="{TOP + 10}" text-anchor="end">{tallest}</text>',
        f'<text x="{LEFT - 4}" y="{HEIGHT - BOTTOM}" text-anchor="end">0</text>',
        "</g>",
        "</svg>",
    ]


def _axis(data: Series, step: float) -> list[str]:
    """Return the baseline and the period labels: each period's, or the first and last."""
    base = HEIGHT - BOTTOM
    right = LEFT + step * len(data.bars)
    parts = [
        '<g class="cc-axis" aria-hidden="true">',
        f'<line x1="{LEFT}" y1="{base}" x2="{right:.2f}" y2="{base}"/>',
    ]
    if len(data.bars) <= LABEL_EACH:
        parts.extend(
            f'<text x="{LEFT + (i + 0.5) * step:.2f}" y="{HEIGHT - 6}" text-anchor="middle">'
            f"{escape(bar.short)}</text>"
            for i, bar in enumerate(data.bars)
        )
    else:
        first, last = escape(data.bars[0].label), escape(data.bars[-1].label)
        parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}">{first}</text>')
        parts.append(f'<text x="{right:.2f}" y="{HEIGHT - 6}" text-anchor="end">{last}</text>')
    parts.append("</g>")
    return parts


def activity(
    span: tuple[dt.date, dt.date] | None,
    entries: Sequence[Article],
    here: PurePosixPath,
    title: str,
    listing: Listing | None = None,
) -> Markup:
    """Return the chart of `entries` for the page at `here`: the templates' entry point.

    It takes the chronicle's span, not its entries, so a page's chart depends on two
    dates: a new entry inside the span leaves every other actor's page as it was.
    `listing`: see `series`.
    """
    return svg(series(span, entries, listing), here, title)


def _in_month(month: Month) -> list[Article]:
    return [*month.undated, *(e for d in month.days for e in d.entries)]


def month_chart(month: Month, here: PurePosixPath) -> Markup:
    """Return the chart of a month's page: its entries per day."""
    first = dt.date(month.year, month.month, 1)
    data = spanning(_in_month(month), first, month_end(month.year, month.month), Unit.DAY)
    return svg(data, here, f"Entries in {MONTH_NAMES[month.month - 1]} {month.year}")


def year_chart(year: Year, here: PurePosixPath) -> Markup:
    """Return the chart of a year's page: its entries per month."""
    entries = [e for m in year.months for e in _in_month(m)]
    data = spanning(entries, dt.date(year.year, 1, 1), dt.date(year.year, 12, 31), Unit.MONTH)
    return svg(data, here, f"Entries in {year.year}")
