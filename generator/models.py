"""The chronicle's data: frozen dataclasses with no I/O, shared by every stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Precision(StrEnum):
    """How exactly an event's date is known."""

    MONTH = "month"
    DAY = "day"
    TIME = "time"


@dataclass(frozen=True)
class EventDate:
    """When an event happened: a month, a day, or a moment with its UTC offset.

    Month-precision events sort before that month's days; timed events sort after
    untimed ones of the same day, in order of their local time.
    """

    year: int
    month: int
    day: int | None = None
    moment: dt.datetime | None = None

    @property
    def precision(self) -> Precision:
        """Return how exactly the date is known."""
        if self.moment is not None:
            return Precision.TIME
        return Precision.DAY if self.day is not None else Precision.MONTH

    @property
    def date(self) -> dt.date | None:
        """Return the calendar day, or None for a month-precision date."""
        return dt.date(self.year, self.month, self.day) if self.day is not None else None

    @property
    def first_day(self) -> dt.date:
        """Return the calendar day, or a month's first: where a month-precision event
        starts, for spans, checks against today and time stamps."""
        return dt.date(self.year, self.month, self.day or 1)

    def sort_key(self) -> tuple[int, int, int, str]:
        """Return a key that orders months, then days, then times within a day."""
        time = self.moment.strftime("%H:%M:%S") if self.moment else ""
        return (self.year, self.month, self.day or 0, time)

    def iso(self) -> str:
        """Return the date as written in ISO 8601 at its own precision."""
        if self.moment is not None:
            return self.moment.isoformat(timespec="minutes")
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}"

    def calendar_label(self) -> str:
        """Return the day or month for readers, without a time: `29 March 2022`, `March
        2022`. What a span reads in ("from March 2022 to 29 March 2022"), where an hour
        and its offset would stand out of place."""
        if self.day is None:
            return f"{MONTH_NAMES[self.month - 1]} {self.year}"
        return day_label(self.first_day)

    def label(self) -> str:
        """Return the date for readers: `29 March 2022`, `March 2022`, `29 March 2022, 14:00`."""
        text = self.calendar_label()
        if self.moment is not None:
            text += f", {self.moment.strftime('%H:%M')}"
            offset = self.moment.strftime("%z")
            if offset:
                text += f" (UTC{offset[:3]}:{offset[3:]})"
        return text


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_label(day: dt.date) -> str:
    """Return a calendar day as readers see it everywhere: `29 March 2022`."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


class Stance(StrEnum):
    """What a statement does: state, claim, assess, deny or confirm."""

    STATEMENT = "statement"
    CLAIM = "claim"
    ASSESSMENT = "assessment"
    DENIAL = "denial"
    CONFIRMATION = "confirmation"


class ActorKind(StrEnum):
    """The kinds of actor the actors index groups by."""

    PERSON = "person"
    ORGANISATION = "organisation"
    STATE = "state"
    ARMED_GROUP = "armed-group"

    @property
    def plural(self) -> str:
        """Return the heading for a group of actors of this kind."""
        return {
            "person": "People",
            "organisation": "Organisations",
            "state": "States",
            "armed-group": "Armed groups",
        }[self.value]

    @property
    def label(self) -> str:
        """Return the kind as a reader sees it on an actor's page ("Armed group")."""
        return self.value.replace("-", " ").capitalize()


class PlaceKind(StrEnum):
    """The kinds of place."""

    CITY = "city"
    REGION = "region"
    COUNTRY = "country"
    SITE = "site"

    @property
    def label(self) -> str:
        """Return the kind as a reader sees it on a place's page ("City")."""
        return self.value.capitalize()

    @property
    def preposition(self) -> str:
        """Return what a reader puts before the place's name: "in Kyiv", "at the dam"."""
        return "at" if self is PlaceKind.SITE else "in"


@dataclass(frozen=True)
class Source:
    """Where an entry's facts come from."""

    name: str
    url: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class QuoteRef:
    """A pointer to a statement: the entry it is in and its id there."""

    entry: str
    quote: str

    def __str__(self) -> str:
        return f"{self.entry}#{self.quote}"


@dataclass(frozen=True)
class Quote:
    """Exact words of one actor, and what they do in the argument."""

    id: str
    by: str
    text: str
    stance: Stance = Stance.STATEMENT
    responds_to: QuoteRef | None = None


@dataclass(frozen=True)
class Correction:
    """A change made to an entry after it was published."""

    date: dt.date
    text: str


@dataclass(frozen=True)
class Article:
    """One article record: an event, who took part, where, and what was said."""

    slug: str
    source_path: Path
    title: str
    date: EventDate
    summary: str
    actors: tuple[str, ...]
    body: str
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    quotes: tuple[Quote, ...] = ()
    draft: bool = False
    published: dt.date | None = None  # the day it went out on the chronicle, if given
    updated: dt.date | None = None
    corrections: tuple[Correction, ...] = ()
    body_line: int = 1  # the file line the body starts on, for the sanitizer's reports

    def sort_key(self) -> tuple[tuple[int, int, int, str], str]:
        """Return the chronicle order: by date, then slug."""
        return (self.date.sort_key(), self.slug)

    @property
    def last_changed(self) -> dt.date | None:
        """Return the day the entry last changed after it went out: its `updated` day or
        its latest correction, whichever is later; None if it never did. The entry's
        page, its feeds and the site's time stamp all ask this one question."""
        days = [d for d in (self.updated, *(c.date for c in self.corrections)) if d]
        return max(days, default=None)


@dataclass(frozen=True)
class Actor:
    """Someone who acts or speaks: a person, organisation, state or armed group."""

    id: str
    name: str
    kind: ActorKind
    source_path: Path
    profile: str = ""
    role: str = ""
    affiliation: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """Somewhere events happen."""

    id: str
    name: str
    kind: PlaceKind
    source_path: Path
    description: str = ""
    country: str = ""
    region: str = ""
    latitude: float | None = None
    longitude: float | None = None
    aliases: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Topic:
    """A subject entries are filed under (their `tags`), with the name readers see.

    A topic file (`content/topics/<id>.md`) gives it a name and a description. A tag
    that no file describes is a topic too, named by its id, so an editor can file an
    entry under a new topic first and write its file later.
    """

    id: str
    name: str
    source_path: Path | None = None  # None: a tag no topic file describes
    description: str = ""
