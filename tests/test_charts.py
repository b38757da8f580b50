"""Charts: periods grow with the span, SVG is well formed and escaped, bars link to pages."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlparse

from generator import charts, grouping, paths, render
from generator.models import Article, EventDate

SVG = "{http://www.w3.org/2000/svg}"


def entry(slug: str, year: int, month: int, day: int | None = None) -> Article:
    return Article(
        slug=slug,
        source_path=Path(f"{slug}.md"),
        title=slug,
        date=EventDate(year, month, day),
        summary="s",
        actors=("a",),
        body="",
    )


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_the_period_grows_with_the_span_so_bars_stay_few() -> None:
    start = dt.date(2022, 1, 1)
    assert charts.unit_for(start, start + dt.timedelta(days=119)) is charts.Unit.DAY
    assert charts.unit_for(start, start + dt.timedelta(days=120)) is charts.Unit.WEEK
    # 1 January 2022 is a Saturday: its week starts on 27 December 2021; 120 weeks later...
    assert charts.unit_for(start, dt.date(2024, 4, 14)) is charts.Unit.WEEK
    assert charts.unit_for(start, dt.date(2024, 4, 15)) is charts.Unit.MONTH
    assert charts.unit_for(start, dt.date(2031, 12, 31)) is charts.Unit.MONTH
    assert charts.unit_for(start, dt.date(2032, 1, 1)) is charts.Unit.YEAR
    decades = [entry("a", 1950, 1, 1), entry("b", 2024, 6, 30)]
    data = charts.series(grouping.span(decades), decades)
    assert data.unit is charts.Unit.YEAR
    assert len(data.bars) == 2024 - 1950 + 1 <= charts.MAX_BARS


def test_every_day_of_the_span_is_a_bar_and_counts_add_up() -> None:
    everything = [entry("a", 2022, 3, 28), entry("b", 2022, 3, 30), entry("c", 2022, 3, 30)]
    data = charts.series(grouping.span(everything), everything[1:])
    assert [b.label for b in data.bars] == ["28 March 2022", "29 March 2022", "30 March 2022"]
    assert [b.count for b in data.bars] == [0, 0, 2]
    # Empty days have no page, so their bars link nowhere; busy days link their day page.
    assert [b.target for b in data.bars] == [None, None, paths.day_path(dt.date(2022, 3, 30))]


def test_month_dates_are_counted_apart_in_a_day_chart_and_in_their_month_otherwise() -> None:
    days = [entry("m", 2022, 3), entry("d", 2022, 3, 29)]
    data = charts.series(grouping.span(days), days)
    assert data.unit is charts.Unit.DAY and data.coarse == 1 and data.total == 1
    assert "1 entry dated only to the month not shown" in charts.describe(data)
    months = [entry("m", 2022, 3), entry("d", 2025, 9, 1)]
    monthly = charts.series(grouping.span(months), months)
    assert monthly.unit is charts.Unit.MONTH and monthly.coarse == 0
    assert monthly.bars[0].count == 1 and monthly.bars[0].target == paths.month_path(2022, 3)
    assert len(monthly.bars) == 3 * 12 + 7


def test_weeks_start_on_monday_and_link_their_first_busy_day() -> None:
    # 2022-03-02 is a Wednesday: its week starts on Monday 28 February.
    weeks = [entry("a", 2022, 3, 2), entry("b", 2022, 3, 4), entry("c", 2022, 8, 1)]
    data = charts.series(grouping.span(weeks), weeks)
    assert data.unit is charts.Unit.WEEK
    assert data.bars[0].label == "Week of 28 February 2022" and data.bars[0].count == 2
    assert data.bars[0].target == paths.day_path(dt.date(2022, 3, 2))
    assert data.bars[-1].label == "Week of 1 August 2022" and data.bars[-1].count == 1
    assert len(data.bars) == 23 and data.total == 3


def test_svg_is_well_formed_labelled_and_escapes_titles() -> None:
    everything = [entry("a", 2022, 3, 28), entry("b", 2022, 3, 29)]
    title = 'Entries naming <script>alert("x")</script> & co'
    markup = charts.activity(grouping.span(everything), everything, paths.actor_path("x"), title)
    figure = parse(markup)
    svg = figure.find(f".//{SVG}svg[@role='group']")
    assert svg is not None
    assert figure.findtext("figcaption") == f"{title}, per day"
    assert svg.findtext(f"{SVG}title") == f"{title}, per day"
    assert "<script>" not in markup
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.get("id") == svg.get("aria-describedby")
    assert desc.text == "2 entries in 2 days (28 March 2022: 1 entry; 29 March 2022: 1 entry)."
    links = [a.get("href") for a in svg.iter(f"{SVG}a")]
    assert links == ["../../timeline/2022/03/28/", "../../timeline/2022/03/29/"]


def test_bar_heights_are_proportional_and_nothing_is_drawn_for_no_entries() -> None:
    everything = [entry("a", 2022, 3, 28), *(entry(f"b{i}", 2022, 3, 29) for i in range(4))]
    svg = parse(charts.activity(grouping.span(everything), everything, paths.HOME, "All"))
    heights = [float(r.get("height", "")) for r in svg.iter(f"{SVG}rect")]
    assert heights[1] == 4 * heights[0] > 0
    assert charts.activity(grouping.span(everything), [], paths.HOME, "None") == ""
    assert charts.activity(None, [], paths.HOME, "Empty") == ""


def test_example_site_shows_charts_whose_bars_reach_built_pages(example_site: Path) -> None:
    docs = example_site.parent / "docs"
    pages = [
        paths.HOME,
        paths.TIMELINE,
        paths.actor_path("john-kirby"),
        paths.place_path("kyiv"),
        paths.topic_path("withdrawal"),
        paths.month_path(2022, 3),
        paths.year_path(2022),
    ]
    for page in pages:
        html = (example_site / paths.page_url(page) / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'<a href="([^"]+)" aria-label="[^"]*">', html)
        assert hrefs, f"no chart bar links on {page}"
        base = urljoin("http://site/", paths.page_url(page))
        for href in hrefs:
            link = urlparse(urljoin(base, href))
            target = example_site / link.path.lstrip("/") / "index.html"
            assert target.is_file(), f"{page}: {href} is broken"
            if link.fragment:
                assert f'id="{link.fragment}"' in target.read_text(encoding="utf-8"), href
    # Every actor page with entries has its chart, which counts only that actor's entries.
    kirby = (docs / paths.actor_path("john-kirby")).read_text(encoding="utf-8")
    assert "1 entry in 2 days (29 March 2022: 1 entry)." in kirby


def test_the_scale_stands_beside_the_bars_not_in_what_scrolls() -> None:
    """On a phone the bars scroll sideways: a scale drawn among them scrolled out of view."""
    days = [entry("a", 2022, 3, 1), *(entry(f"b{i}", 2022, 3, 31) for i in range(3))]
    figure = parse(charts.activity(grouping.span(days), days, paths.HOME, "x"))
    body = figure.find("div[@class='cc-chart-body']")
    assert body is not None
    scale, bars = list(body)
    assert scale.tag == f"{SVG}svg" and scale.get("class") == "cc-chart-scale"
    assert [t.text for t in scale.iter(f"{SVG}text")] == ["3", "0"]
    assert bars.tag == "div" and bars.get("class") == "cc-chart-bars"
    drawn = bars.find(f"{SVG}svg")
    assert drawn is not None and len(list(drawn.iter(f"{SVG}rect"))) == 31
    assert [t.text for t in drawn.iter(f"{SVG}text")] == ["1 March 2022", "31 March 2022"]
    # The two drawings split the chart's 640 units between them, so the page's styles
    # can size them side by side to one scale.
    assert scale.get("viewBox") == "0 0 30 150" and drawn.get("viewBox") == "30 0 610 150"


def test_few_bars_are_labelled_each_and_many_by_their_ends() -> None:
    few = [entry("a", 2022, 3, 28), entry("b", 2022, 3, 29)]
    labels = [
        t.text
        for t in parse(charts.activity(grouping.span(few), few, paths.HOME, "x")).iter(f"{SVG}text")
    ]
    assert labels[2:] == ["28 Mar", "29 Mar"]
    many = [entry("a", 2022, 1, 1), entry("b", 2022, 3, 31)]
    labels = [
        t.text
        for t in parse(charts.activity(grouping.span(many), many, paths.HOME, "x")).iter(
            f"{SVG}text"
        )
    ]
    assert labels[2:] == ["1 January 2022", "31 March 2022"]


def test_month_and_year_pages_chart_their_own_days_and_months(example_site: Path) -> None:
    docs = example_site.parent / "docs"
    month = (docs / paths.month_path(2022, 3)).read_text(encoding="utf-8")
    assert "6 entries in 31 days (28 March 2022: 1 entry; 29 March 2022: 5 entries)." in month
    year = (docs / paths.year_path(2022)).read_text(encoding="utf-8")
    assert "6 entries in 12 months (March 2022: 6 entries)." in year


def test_a_list_pages_bars_lead_to_where_the_list_shows_the_period() -> None:
    # Eight entries over four months, listed two a page, newest first.
    days = [(1, 5), (1, 9), (1, 20), (3, 1), (3, 2), (4, 7), (4, 8), (6, 1)]
    every = tuple(entry(f"e{n}", 2022, month, day) for n, (month, day) in enumerate(days))
    span = (dt.date(2020, 1, 1), dt.date(2022, 12, 31))  # three years: a bar a month
    first = paths.actor_path("a")
    pages = {pager.path(pager.number): listed for pager, listed in render.paged(first, every, 2)}
    pager = next(render.paged(first, every, 2))[0]
    marks = charts.landmarks(every, charts.anchors(span, every))
    bars = [b for b in charts.series(span, every, pager).bars if b.count]
    assert [(b.label, b.target, b.anchor) for b in bars] == [
        ("January 2022", paths.listing_path(first, 3), "month-2022-01"),  # e3 e2 | e1 e0
        ("March 2022", paths.listing_path(first, 2), "month-2022-03"),  # e5 e4 | e3
        ("April 2022", first, "month-2022-04"),  # e7 e6 | e5
        ("June 2022", first, "month-2022-06"),  # e7
    ]
    # Each anchor sits on the period's newest entry, on the page the bar leads to.
    for bar in bars:
        assert bar.target is not None
        marked = [e.slug for e in pages[bar.target] if marks.get(e.slug) == bar.anchor]
        newest = max((e for e in every if charts._key(e, charts.Unit.MONTH).month ==
                      int(bar.anchor[-2:])), key=every.index)  # fmt: skip
        assert marked == [newest.slug]
    assert len(marks) == len(bars)  # one mark a period, none elsewhere
    # Without a list, bars lead to the chronicle's own month pages.
    plain = [b for b in charts.series(span, every).bars if b.count]
    assert (plain[0].target, plain[0].anchor) == (paths.month_path(2022, 1), "")
    markup = charts.activity(span, every, first, "Entries naming A", pager)
    assert 'href="page-3/#month-2022-01"' in markup and 'href="./#month-2022-06"' in markup
