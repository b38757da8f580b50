"""Atom feeds: valid by a real parser, latest first, stable ids, found from the pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlparse

import feedparser
from markupsafe import Markup

from generator import feeds
from generator.bodies import Body
from generator.grouping import Chronicle
from generator.models import (
    Actor,
    ActorKind,
    Article,
    Correction,
    EventDate,
    Quote,
    Source,
    Stance,
)
from generator.siteinfo import SiteInfo

BASE = "http://chronicle.test/"
HOSTILE = 'Kirby <script>alert("x")</script> & Co\x07'


def parse(data: bytes, location: str) -> feedparser.FeedParserDict:
    """Parse a feed as a reader that fetched it from `location` would."""
    headers = {"content-location": location, "content-type": "application/atom+xml"}
    return feedparser.parse(data, response_headers=headers)


def article(slug: str, day: int, **extra: object) -> Article:
    return Article(
        slug=slug,
        source_path=Path(f"{slug}.md"),
        title=f"Entry {slug}",
        date=EventDate(2022, 3, day),
        summary="What happened.",
        actors=("kirby",),
        body="",
        **extra,  # type: ignore[arg-type]
    )


def chronicle_of(entries: tuple[Article, ...], name: str = "John Kirby") -> Chronicle:
    actor = Actor("kirby", name, ActorKind.PERSON, Path("kirby.md"))
    return Chronicle(entries, (), {"kirby": actor}, {}, {}, {"kirby": entries}, {}, {})


def test_example_feeds_parse_without_errors_and_links_reach_pages(example_site: Path) -> None:
    found = sorted(example_site.glob("feed*.xml"))
    assert example_site / "feed.xml" in found
    assert example_site / "feed-actor-john-kirby.xml" in found
    for path in found:
        location = BASE + path.relative_to(example_site).as_posix()
        feed = parse(path.read_bytes(), location)
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.version == "atom10"
        assert feed.entries, path
        for item in feed.entries:
            target = urlparse(item.link).path.lstrip("/")
            assert (example_site / target / "index.html").is_file(), (path, item.link)
    whole = parse((example_site / "feed.xml").read_bytes(), BASE + "feed.xml")
    assert len(whole.entries) == 6
    kirby = parse(
        (example_site / "feed-actor-john-kirby.xml").read_bytes(),
        BASE + "feed-actor-john-kirby.xml",
    )
    assert [e.title for e in kirby.entries] == [
        "Pentagon calls Russian moves near Kyiv a repositioning, not a withdrawal"
    ]
    assert kirby.feed.updated == "2022-03-29T00:00:00Z"


def test_every_page_announces_the_chronicle_feed_and_actor_pages_their_own(
    example_site: Path,
) -> None:
    pattern = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" '
                         r'href="([^"]+)">')  # fmt: skip
    for html_file in example_site.rglob("*.html"):
        page_url = BASE + html_file.relative_to(example_site).as_posix()
        links = pattern.findall(html_file.read_text(encoding="utf-8"))
        assert links, f"{html_file} announces no feed"
        for _title, href in links:
            target = urlparse(urljoin(page_url, href)).path.lstrip("/")
            assert (example_site / target).is_file(), (html_file, href)
            # Material fetches sitemap.xml beside every alternate link; it must be there.
            sitemap = urlparse(urljoin(urljoin(page_url, href), "sitemap.xml")).path.lstrip("/")
            assert (example_site / sitemap).is_file(), (html_file, href)
    kirby = (example_site / "actors" / "john-kirby" / "index.html").read_text(encoding="utf-8")
    assert ("Atom feed: John Kirby", "../../feed-actor-john-kirby.xml") in pattern.findall(kirby)
    topic = (example_site / "topics" / "withdrawal" / "index.html").read_text(encoding="utf-8")
    assert "../../feed-topic-withdrawal.xml" in topic


def test_a_feed_holds_the_latest_entries_newest_first() -> None:
    entries = tuple(article(f"e{day:02d}", day) for day in range(1, 26))
    chronicle = chronicle_of(entries)
    feed = feeds.feeds(chronicle, SiteInfo())[0]
    parsed = parse(feeds.atom(feed, feeds.Items.of(chronicle, {}, SiteInfo())), BASE + "feed.xml")
    assert len(parsed.entries) == feeds.SIZE
    assert parsed.entries[0].title == "Entry e25"
    assert parsed.entries[-1].title == f"Entry e{25 - feeds.SIZE + 1:02d}"
    assert parsed.feed.updated == "2022-03-25T00:00:00Z"


def test_an_entry_published_today_about_an_old_event_leads_the_feed() -> None:
    """A feed of the latest events would never carry it: subscribers follow what is new."""
    entries = tuple(article(f"e{day:02d}", day) for day in range(2, 26))
    late = article("late", 1, published=dt.date(2022, 4, 10))
    chronicle = chronicle_of((late, *entries))
    feed = feeds.feeds(chronicle, SiteInfo())[0]
    parsed = parse(feeds.atom(feed, feeds.Items.of(chronicle, {}, SiteInfo())), BASE + "feed.xml")
    assert [e.title for e in parsed.entries[:2]] == ["Entry late", "Entry e25"]
    assert parsed.entries[0].published == "2022-04-10T00:00:00Z"
    assert parsed.entries[1].published == "2022-03-25T00:00:00Z"  # no `published`: its event
    assert parsed.feed.updated == "2022-04-10T00:00:00Z"
    assert len(parsed.entries) == feeds.SIZE


def test_updated_times_come_from_corrections_and_moments_not_the_clock() -> None:
    corrected = article("c", 1, corrections=(Correction(dt.date(2022, 4, 2), "Fixed."),))
    assert feeds.rfc3339(feeds.updated(corrected)) == "2022-04-02T00:00:00Z"
    moment = dt.datetime(2022, 3, 29, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    timed = EventDate(2022, 3, 29, moment)
    assert feeds.rfc3339(feeds.moment(timed)) == "2022-03-29T14:00:00+03:00"
    assert feeds.rfc3339(feeds.moment(EventDate(2022, 3))) == "2022-03-01T00:00:00Z"


def test_updated_is_the_later_of_the_update_day_and_the_corrections() -> None:
    """Readers' feed apps show an entry again when its `updated` moves: an update day
    alone moves it, and so does a correction after the update (`Article.last_changed`)."""
    only = article("u", 1, updated=dt.date(2022, 4, 5))
    assert feeds.rfc3339(feeds.updated(only)) == "2022-04-05T00:00:00Z"
    fix = Correction(dt.date(2022, 4, 5), "Fixed.")
    later = article("c", 1, updated=dt.date(2022, 4, 1), corrections=(fix,))
    assert feeds.rfc3339(feeds.updated(later)) == "2022-04-05T00:00:00Z"
    early = Correction(dt.date(2022, 4, 1), "Fixed.")
    earlier = article("d", 1, updated=dt.date(2022, 4, 5), corrections=(early,))
    assert feeds.rfc3339(feeds.updated(earlier)) == "2022-04-05T00:00:00Z"
    assert feeds.rfc3339(feeds.updated(article("n", 1))) == "2022-03-01T00:00:00Z"


def test_entries_published_on_one_day_come_last_in_chronicle_order_first() -> None:
    """A day's entries go out together; the one the chronicle puts last is the latest
    (a feed reads newest first), and two builds must agree on the order."""
    day = dt.date(2022, 4, 10)
    first, second = article("b-first", 1, published=day), article("a-second", 2, published=day)
    older = article("older", 3)
    assert [e.slug for e in feeds.newest((first, second, older))] == [
        "a-second", "b-first", "older",
    ]  # fmt: skip


def test_ids_survive_a_new_address_and_links_follow_site_url() -> None:
    entries = (article("a", 1),)
    chronicle = chronicle_of(entries)
    local, hosted = SiteInfo(), SiteInfo(url="https://example.org/chronicle/")
    feed = feeds.feeds(chronicle, local)[1]
    assert feed.path == PurePosixPath("feed-actor-kirby.xml")
    here, there = (feeds.atom(feed, feeds.Items.of(chronicle, {}, s)) for s in (local, hosted))
    one = parse(here, BASE + "feed-actor-kirby.xml")
    two = parse(there, "https://elsewhere.test/feed.xml")
    assert one.feed.id == two.feed.id and one.entries[0].id == two.entries[0].id
    assert one.entries[0].id.startswith("urn:uuid:")
    assert one.entries[0].link == BASE + "entries/a/"
    assert two.entries[0].link == "https://example.org/chronicle/entries/a/"
    assert two.feed.links[0].href == "https://example.org/chronicle/feed-actor-kirby.xml"


def test_record_values_are_escaped_and_control_characters_dropped() -> None:
    entries = (article("a", 1),)
    chronicle = chronicle_of(entries, name=HOSTILE)
    bodies = {"a": Body("a", Markup("<p>Body &amp; <em>more</em></p>"), "digest")}
    feed = feeds.feeds(chronicle, SiteInfo())[1]
    data = feeds.atom(feed, feeds.Items.of(chronicle, bodies, SiteInfo()))
    assert b"<script>" not in data
    parsed = parse(data, BASE + "feed-actor-kirby.xml")
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == 'Conflict Chronicle: Kirby <script>alert("x")</script> & Co'
    assert parsed.entries[0].content[0].value == "<p>Body &amp; <em>more</em></p>"
    assert feeds.atom(feed, feeds.Items.of(chronicle, bodies, SiteInfo())) == data


def test_an_entry_travels_with_its_statements_and_sources_escaped() -> None:
    """A reader of the feed sees who said what and who reports it, as the page does."""
    said = Quote("q", "kirby", 'a "repositioning" <b>not</b> a withdrawal', Stance.ASSESSMENT)
    source = Source(HOSTILE, "https://example.org/report?a=1&b=2", dt.date(2022, 3, 30))
    entries = (article("a", 1, quotes=(said,), sources=(source,)),)
    chronicle = chronicle_of(entries, name=HOSTILE)
    feed = feeds.feeds(chronicle, SiteInfo())[0]
    parsed = parse(feeds.atom(feed, feeds.Items.of(chronicle, {}, SiteInfo())), BASE + "feed.xml")
    assert not parsed.bozo, parsed.get("bozo_exception")
    content = parsed.entries[0].content[0].value
    assert "<script>" not in content and "<b>not</b>" not in content
    assert '“a "repositioning" &lt;b&gt;not&lt;/b&gt; a withdrawal”' in content
    assert '— Kirby &lt;script&gt;alert("x")&lt;/script&gt; &amp; Co (assessment)' in content
    assert '<a href="https://example.org/report?a=1&amp;b=2">Kirby &lt;script&gt;' in content
    assert "(30 March 2022)" in content
