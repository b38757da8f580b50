"""The record schema: which fields articles, actors, places and topics have, and their types.

Each reader turns one raw record into a model, or reports why it cannot. Names of
actors and places are kept as written here; `validate` resolves them against the
registries, because that needs every file read first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from generator.fields import IDENT, Reader
from generator.issues import Issue
from generator.models import (
    Actor,
    ActorKind,
    Article,
    Correction,
    EventDate,
    Place,
    PlaceKind,
    Quote,
    QuoteRef,
    Source,
    Stance,
    Topic,
)
from generator.paths import RESERVED_IDS
from generator.records import RawRecord
from generator.slugs import slugify
from generator.yamltext import Data

ARTICLE_FIELDS = frozenset(
    {"title", "date", "summary", "actors", "places", "tags", "sources", "quotes", "draft",
     "published", "updated", "corrections", "slug"}
)  # fmt: skip
ACTOR_FIELDS = frozenset({"name", "kind", "affiliation", "role", "country", "aliases"})
PLACE_FIELDS = frozenset({"name", "kind", "country", "region", "latitude", "longitude", "aliases"})
TOPIC_FIELDS = frozenset({"name"})
SOURCE_FIELDS = frozenset({"name", "url", "published"})
QUOTE_FIELDS = frozenset({"id", "by", "text", "stance", "responds_to"})
CORRECTION_FIELDS = frozenset({"date", "text"})
K = TypeVar("K", ActorKind, PlaceKind, Stance)
# A day's date, or a month's; not the month of `2022-03-29 Bad Name.md` (a day and a
# space), while `2022-03-100-days.md` is a month's entry with the id `100-days`.
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-(?:\d{2}-|(?!\d{2}(?:[^\w-]|\Z)))")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\Z", re.IGNORECASE)
_LEADING_DATE = re.compile(r"^[\d\s_.-]*")  # what stands before a file name's words
# A date written otherwise at the head of a file name: 2022-3-30-, 30-03-2022-, 20220330-.
_OTHER_DATE = re.compile(r"^(?:\d{1,4}[-_.]\d{1,2}(?:[-_.]\d{1,4})?|\d{6}|\d{8})(?:[-_.\s]|\Z)")
PLACEHOLDER = "TODO:"  # what `chronicle new` writes where the editor still has to write


def slug_of(path: Path) -> str:
    """Return an article's id: its file name without the date prefix and `.md`."""
    return _DATE_PREFIX.sub("", path.stem)


def read_article(raw: RawRecord, issues: list[Issue]) -> Article | None:
    """Return the article a record describes, or None when it has no date to file it by.

    An article with errors in other fields is returned as far as it could be read, so
    the rules across records check it too and one run reports all its errors; its
    errors keep it, and the whole build, from being published.
    """
    r = Reader(raw, issues=[], known=ARTICLE_FIELDS)
    r.check_unknown()
    d = raw.front.data
    slug = r.ident("slug", d.get("slug")) or slug_of(raw.path)
    misnamed = not IDENT.match(slug)  # told below, with the name to give it once the date is read
    _not_reserved(r, "slug" if d.get("slug") else "", slug)
    title = r.text("title", d.get("title"), required=True)
    date = r.event_date("date", d.get("date"))
    summary = r.text("summary", d.get("summary"), required=True)
    actors = r.names("actors", d.get("actors"), required=True)
    places = r.names("places", d.get("places"))
    tags = [r.ident(f"tags[{i}]", t) for i, t in enumerate(r.names("tags", d.get("tags")))]
    for i, tag in enumerate(tags):
        _not_reserved(r, f"tags[{i}]", tag)
    sources = _sources(r, d.get("sources"))
    quotes = _quotes(r, d.get("quotes"), slug)
    corrections = []
    for path, item in r.items("corrections", d.get("corrections")):
        r.check_unknown(path, item, CORRECTION_FIELDS)
        day = r.day(f"{path}.date", item.get("date"), required=True)
        text = r.text(f"{path}.text", item.get("text"), required=True)
        if day and text:
            corrections.append(Correction(day, text))
    draft = r.flag("draft", d.get("draft"))
    published = r.day("published", d.get("published"))
    updated = r.day("updated", d.get("updated"))
    if not draft:
        _check_finished(r, {"title": title, "summary": summary} |
                        {f"sources[{i}].name": s.name for i, s in enumerate(sources)})  # fmt: skip
    if misnamed:
        _misnamed(r, raw.path, date)
    if date is None:  # every field read, so its other errors are told now too
        issues.extend(r.issues)
        return None
    if not misnamed:
        _check_file_name(r, raw.path, date)
    issues.extend(r.issues)
    return Article(
        slug=slug,
        source_path=raw.path,
        title=title,
        date=date,
        summary=summary,
        actors=tuple(actors),
        body=raw.body,
        body_line=raw.body_line,
        places=tuple(places),
        tags=tuple(t for t in tags if t),
        sources=tuple(sources),
        quotes=tuple(quotes),
        draft=draft,
        published=published,
        updated=updated,
        corrections=tuple(corrections),
    )


def _misnamed(r: Reader, path: Path, date: EventDate | None) -> None:
    """Report a file name that gives no id, with the name to give it when the date is known
    (`2022-03-29_kirby_repositioning.md`: rename it `2022-03-29-kirby-repositioning.md`)."""
    message = f"file name must be YYYY-MM-DD-words-with-hyphens.md, found {path.name!r}"
    words = slugify(_LEADING_DATE.sub("", path.stem))
    if date is not None:
        message += f"; rename it {date.iso()[:10]}-{words}.md"
    r.error("", message)


def _check_file_name(r: Reader, path: Path, date: EventDate) -> None:
    """Warn when the file's name or year folder says another date than its `date`.

    Files sort by name in the editors' folders, as the guide lays them out: one that
    says 29 March but holds 30 April is where no editor looks for it.
    """
    written = date.iso()[:10]  # the day or the month, without a time
    prefix = _DATE_PREFIX.match(path.name)
    if prefix is None:
        # A name without a date is fine (`kyiv-talks.md`); one with a date written
        # otherwise is not: the id is the file's name, so the date would be part of the
        # entry's address for good (entries/2022-3-30-kyiv-talks/).
        other = _OTHER_DATE.match(path.stem)
        if other:
            words = slugify(path.stem[other.end() :]) or "entry"
            r.error("", f"file name must start with the date as YYYY-MM-DD (YYYY-MM for "
                        f"an entry dated to the month), found {path.name!r}; rename it "
                        f"{written}-{words}.md")  # fmt: skip
    elif prefix.group(0)[:-1] != written:
        named = prefix.group(0)[:-1]
        r.warn("date", f"{written} differs from the date in the file name ({named}); "
                       f"rename the file {written}-{slug_of(path)}.md")  # fmt: skip
    folder = path.parent.name
    if re.fullmatch(r"\d{4}", folder) and folder != written[:4]:
        r.warn("date", f"{written} is filed in the folder {folder}/; move the file to "
                       f"{written[:4]}/")  # fmt: skip


def _check_finished(r: Reader, texts: dict[str, str]) -> None:
    """Refuse to publish an entry that still holds a placeholder written by `chronicle new`
    in one of its `texts` (by field path)."""
    for path, text in texts.items():
        if text.startswith(PLACEHOLDER):
            r.error(path, f"still holds the placeholder {text!r}: write it, or keep `draft: true`")


def _sources(r: Reader, value: Data | None) -> list[Source]:
    if value in (None, "", []):
        r.no_list("sources", value, "source")
        return []
    sources = []
    for path, item in r.items("sources", value):
        r.check_unknown(path, item, SOURCE_FIELDS)
        name = r.text(f"{path}.name", item.get("name"), required=True)
        url = r.text(f"{path}.url", item.get("url")) or None
        if url and not _URL.match(url):
            r.error(f"{path}.url", f"expected an http:// or https:// address, found {url!r}")
            url = None
        published = r.day(f"{path}.published", item.get("published"))
        sources.append(Source(name, url, published))
    return sources


def _quotes(r: Reader, value: Data | None, slug: str) -> list[Quote]:
    quotes: list[Quote] = []
    seen: set[str] = set()
    for path, item in r.items("quotes", value):
        r.check_unknown(path, item, QUOTE_FIELDS)
        # Required: answers and links name a statement by its id, which must not change
        # when the statements before it do, as a number given by its place would.
        qid = r.ident(f"{path}.id", item.get("id"), required=True)
        if qid and qid in seen:
            r.error(f"{path}.id", f"quote id {qid!r} is used twice in this record")
        seen.add(qid)
        by = r.text(f"{path}.by", item.get("by"), required=True)
        text = r.text(f"{path}.text", item.get("text"), required=True, multiline=True)
        stance_text = r.text(f"{path}.stance", item.get("stance")) or "statement"
        stance = _one_of(r, f"{path}.stance", stance_text, Stance) or Stance.STATEMENT
        target = _quote_ref(r, f"{path}.responds_to", item.get("responds_to"), slug)
        quotes.append(Quote(qid, by, text, stance, target))
    return quotes


def _quote_ref(r: Reader, path: str, value: Data | None, slug: str) -> QuoteRef | None:
    text = r.text(path, value)
    if not text:
        return None
    entry, sep, quote = text.partition("#")
    entry = entry or slug
    if not sep or not IDENT.match(entry) or not IDENT.match(quote):
        r.error(path, f"expected <entry-id>#<quote-id>, found {text!r}")
        return None
    return QuoteRef(entry, quote)


def _not_reserved(r: Reader, path: str, ident: str) -> None:
    """Report an id whose page would replace an index page (`actors/index.md`)."""
    if ident in RESERVED_IDS:
        r.error(path, f"the id {ident!r} is reserved for index pages; choose another")


def _named(r: Reader, raw: RawRecord) -> tuple[str, str]:
    """Read what actors, places and topics share: the id (the file's name) and the name."""
    ident = raw.path.stem
    if not IDENT.match(ident):
        r.error("", f"file name must be an id like 'john-kirby.md', found {raw.path.name!r}")
    _not_reserved(r, "", ident)
    return ident, r.text("name", raw.front.data.get("name"), required=True)


def _kind(r: Reader, raw: RawRecord, kinds: type[K]) -> K | None:
    return _one_of(r, "kind", r.text("kind", raw.front.data.get("kind"), required=True), kinds)


def _one_of(r: Reader, path: str, text: str, choices: type[K]) -> K | None:
    """Return the choice `text` names (an actor's or place's kind, a stance); report
    any other text, listing the choices."""
    if text in choices.__members__.values():
        return choices(text)
    if text:
        r.error(path, f"expected one of {', '.join(c.value for c in choices)}, found {text!r}")
    return None


def read_actor(raw: RawRecord, issues: list[Issue]) -> Actor:
    """Return the actor an actor file describes, as far as it could be read (see
    `read_article`): a person unless its kind says otherwise."""
    r = Reader(raw, issues=[], known=ACTOR_FIELDS)
    r.check_unknown()
    ident, name = _named(r, raw)
    kind = _kind(r, raw, ActorKind)
    d = raw.front.data
    actor = Actor(
        id=ident,
        name=name,
        kind=kind or ActorKind.PERSON,
        source_path=raw.path,
        profile=raw.body.strip(),
        role=r.text("role", d.get("role")),
        affiliation=r.ident("affiliation", d.get("affiliation")) or None,
        country=r.ident("country", d.get("country")) or None,
        aliases=tuple(r.names("aliases", d.get("aliases"))),
    )
    issues.extend(r.issues)
    return actor


def read_place(raw: RawRecord, issues: list[Issue]) -> Place:
    """Return the place a place file describes, as far as it could be read (see
    `read_article`): a site unless its kind says otherwise."""
    r = Reader(raw, issues=[], known=PLACE_FIELDS)
    r.check_unknown()
    ident, name = _named(r, raw)
    kind = _kind(r, raw, PlaceKind)
    d = raw.front.data
    place = Place(
        id=ident,
        name=name,
        kind=kind or PlaceKind.SITE,
        source_path=raw.path,
        description=raw.body.strip(),
        country=r.text("country", d.get("country")),
        region=r.text("region", d.get("region")),
        latitude=r.number("latitude", d.get("latitude"), -90, 90),
        longitude=r.number("longitude", d.get("longitude"), -180, 180),
        aliases=tuple(r.names("aliases", d.get("aliases"))),
    )
    issues.extend(r.issues)
    return place


def read_topic(raw: RawRecord, issues: list[Issue]) -> Topic:
    """Return the topic a topic file describes, as far as it could be read (see
    `read_article`)."""
    r = Reader(raw, issues=[], known=TOPIC_FIELDS)
    r.check_unknown()
    ident, name = _named(r, raw)
    issues.extend(r.issues)
    return Topic(id=ident, name=name, source_path=raw.path, description=raw.body.strip())
