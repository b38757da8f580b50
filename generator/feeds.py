"""Atom feeds: the whole chronicle, each actor and each topic, latest entries first.

A feed holds the entries that went out last: by the day each was `published` on the
chronicle, or, without one, by its event's date. So an entry added today about an
event of last year reaches subscribers, where a feed of the latest events would leave
it out. Feeds are generated files in the docs folder, which MkDocs copies as they are.
They are deterministic: times come from the entries' dates (an entry is "updated" on
its latest update or correction), never from the clock. Ids are `urn:uuid:` names derived from the
site's name and the entry's path, so they stay the same when the site moves to a new
address or gains a `site_url`. Links are absolute when `site_url` is set, and relative
to the feed's own address otherwise, which Atom allows.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import jinja2
from markupsafe import Markup

from generator import bodylinks, paths, render
from generator.bodies import Body
from generator.grouping import Chronicle
from generator.models import Article, EventDate
from generator.pagecache import PageCache, Produce, make
from generator.siteinfo import SiteInfo
from generator.writer import Output

SIZE = 20
ATOM = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class Feed:
    """One feed: where it is written, the page it follows, its title and its entries."""

    path: PurePosixPath
    page: PurePosixPath
    title: str
    entries: tuple[Article, ...]


@dataclass(frozen=True)
class Items:
    """What the feeds of one run make their items from, and the items' contents made so
    far: an entry is in several feeds (the chronicle's, its actors', its topics'), and
    its content is made once for all of them.

    `known`: the published records' pages that links in bodies point to (without them,
    such links are shown as their text); `template`: an entry's content.
    """

    chronicle: Chronicle
    bodies: Mapping[str, Body]
    site: SiteInfo
    known: Mapping[str, bodylinks.Target]
    template: jinja2.Template
    contents: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        chronicle: Chronicle,
        bodies: Mapping[str, Body],
        site: SiteInfo,
        known: Mapping[str, bodylinks.Target] | None = None,
        env: jinja2.Environment | None = None,
    ) -> Items:
        """Return what feeds of `chronicle` are made from: with the records' pages
        (`known`) and the template environment, if the caller has them already."""
        if known is None:
            known = bodylinks.targets(
                chronicle.entries, chronicle.actors, chronicle.places, chronicle.topics
            )
        template = (env or render.environment()).get_template("feed_content.html.j2")
        return cls(chronicle, bodies, site, known, template)

    def content(self, entry: Article) -> str:
        """Return an entry's content in a feed, its links as from its page (the item's base)."""
        made = self.contents.get(entry.slug)
        if made is None:
            html = Markup()
            body = self.bodies.get(entry.slug)
            if body is not None:
                to = render.links_from(paths.entry_path(entry.slug))
                html = bodylinks.rewrite(body.html, entry.source_path, self.known, to.record)
            rendered = self.template.render(entry=entry, body=html, actors=self.chronicle.actors)
            made = self.contents[entry.slug] = rendered.strip()
        return made


def feeds(chronicle: Chronicle, site: SiteInfo) -> list[Feed]:
    """Return the feed of the whole chronicle, then one per actor and per topic."""
    found = [Feed(paths.FEED, paths.HOME, site.name, chronicle.entries)]
    for actor_id, entries in chronicle.by_actor.items():
        name = chronicle.actors[actor_id].name
        found.append(Feed(paths.actor_feed_path(actor_id), paths.actor_path(actor_id),
                          f"{site.name}: {name}", entries))  # fmt: skip
    for tag, entries in chronicle.by_tag.items():
        name = chronicle.topics[tag].name
        found.append(Feed(paths.topic_feed_path(tag), paths.topic_path(tag),
                          f"{site.name}: topic {name}", entries))  # fmt: skip
    return found


def outputs(
    chronicle: Chronicle,
    bodies: Mapping[str, Body],
    site: SiteInfo,
    cache: PageCache | None = None,
    env: jinja2.Environment | None = None,
) -> Iterator[Output]:
    """Yield every feed as a file of the docs folder.

    With a `cache`, a feed is written again only when what `atom` reads changed: the
    feed (its entries), the bodies it shows, the names of their actors and topics and
    the site's details. The cache's lookups hold the records' pages bodies link to
    (`render.sources`); `env` is the pages' template environment, if there is one.
    """
    known = cache.sources.get("records") if cache else None
    items = Items.of(chronicle, bodies, site, known, env)
    when = {e.slug: published(e) for e in chronicle.entries}
    targets_of: dict[str, list[bodylinks.Target | None]] = {}  # what each body links to
    for feed in feeds(chronicle, site):
        latest = newest(feed.entries, when)
        pairs = [(e, bodies[e.slug]) for e in latest if e.slug in bodies]
        shown = [body for _, body in pairs]
        # The pages the bodies link to (`bodylinks`): their ids are in the links.
        linked = [t for e, b in pairs for t in _linked(e, b, items.known, targets_of)]
        # The names the items show (speakers are among an entry's actors): a name
        # changed elsewhere leaves this feed as it is.
        names = {("actor", a): chronicle.actors[a].name for e in latest for a in e.actors}
        names |= {("topic", t): chronicle.topics[t].name for e in latest for t in e.tags}
        values = {"feed": feed, "bodies": shown, "names": names, "site": site,
                  "links": linked}  # fmt: skip
        yield Output(feed.path, make(cache, feed.path, "atom", values, _atom(feed, items, latest)))


def _linked(
    entry: Article,
    body: Body,
    known: Mapping[str, bodylinks.Target],
    found: dict[str, list[bodylinks.Target | None]],
) -> list[bodylinks.Target | None]:
    """Return the pages an entry's body links to, found once for all its feeds."""
    if entry.slug not in found:
        links = bodylinks.links(entry.source_path, body.html)
        found[entry.slug] = [known.get(file) for file, _, _ in links]
    return found[entry.slug]


def _atom(feed: Feed, items: Items, latest: Sequence[Article]) -> Produce[bytes]:
    return lambda _: atom(feed, items, latest)


def moment(date: EventDate) -> dt.datetime:
    """Return when an event happened as an aware time: midnight UTC unless the time is known."""
    if date.moment is not None:
        return date.moment if date.moment.tzinfo else date.moment.replace(tzinfo=dt.UTC)
    return _day(date.first_day)


def published(entry: Article) -> dt.datetime:
    """Return when an entry went out: the day it was published on, else its event's time."""
    return _day(entry.published) if entry.published else moment(entry.date)


def updated(entry: Article) -> dt.datetime:
    """Return when an entry last changed: its latest correction or update, else when it
    was published."""
    changed = entry.last_changed
    return max(published(entry), _day(changed)) if changed else published(entry)


def newest(
    entries: Sequence[Article], when: Mapping[str, dt.datetime] | None = None
) -> list[Article]:
    """Return the entries a feed shows: the SIZE published last, the latest first (on
    one day, the last in chronicle order first). `when`: each entry's `published`, by
    id, worked out once for all feeds."""
    at = when or {e.slug: published(e) for e in entries}
    found = heapq.nlargest(SIZE, range(len(entries)), key=lambda i: (at[entries[i].slug], i))
    return [entries[i] for i in found]


def _day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def rfc3339(when: dt.datetime) -> str:
    """Return a time as Atom writes it (RFC 3339), UTC as `Z`."""
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")


def feed_id(site: SiteInfo, target: PurePosixPath) -> str:
    """Return a stable id for a feed or entry: a name-based UUID of the site and path."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"conflict-chronicle:{site.name}:{target}").urn


def _text(value: str) -> str:
    """Return text without the control characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", value)


def _link(site: SiteInfo, feed: Feed, target: PurePosixPath) -> str:
    return site.absolute(paths.page_url(target)) or paths.href(feed.path, target)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        child.text = _text(text)
    return child


def atom(feed: Feed, items: Items, latest: Sequence[Article] | None = None) -> bytes:
    """Return a feed as an Atom document, its latest entries first.

    `latest`: the feed's `newest` entries, when the caller has them already.
    """
    site, chronicle = items.site, items.chronicle
    latest = newest(feed.entries) if latest is None else latest
    root = ET.Element("feed", {"xmlns": ATOM})
    _add(root, "title", feed.title)
    if site.description:
        _add(root, "subtitle", site.description)
    _add(root, "id", feed_id(site, feed.path))
    _add(root, "link", rel="self", type="application/atom+xml", href=_link(site, feed, feed.path))
    _add(root, "link", rel="alternate", type="text/html", href=_link(site, feed, feed.page))
    last = max((updated(e) for e in latest), default=None)
    _add(root, "updated", rfc3339(last) if last else _EPOCH)
    _add(_add(root, "author"), "name", site.name)
    _add(root, "generator", "Conflict Chronicle")
    for entry in latest:
        _entry(_add(root, "entry"), entry, feed, chronicle, items.content(entry), site)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _entry(
    node: ET.Element,
    entry: Article,
    feed: Feed,
    chronicle: Chronicle,
    content: str,
    site: SiteInfo,
) -> None:
    """Fill one Atom entry: title, link, id, times, summary, content (the body, the
    statements with their speakers, the sources), topics and actors."""
    page = paths.entry_path(entry.slug)
    link = _link(site, feed, page)
    _add(node, "title", entry.title)
    _add(node, "link", rel="alternate", type="text/html", href=link)
    _add(node, "id", feed_id(site, page))
    _add(node, "published", rfc3339(published(entry)))
    _add(node, "updated", rfc3339(updated(entry)))
    _add(node, "summary", entry.summary, type="text")
    _add(node, "content", content, type="html", **{XML_BASE: link})
    for term, label in _categories(entry, chronicle):
        _add(node, "category", term=term, label=label)


def _categories(entry: Article, chronicle: Chronicle) -> Sequence[tuple[str, str]]:
    """Return an entry's topics and actors as (term, label) pairs."""
    topics = [(t, chronicle.topics[t].name) for t in entry.tags]
    return topics + [(a, chronicle.actors[a].name) for a in entry.actors]
