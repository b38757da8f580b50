"""Turn a table of events (an ACLED export, CSV) into records, actors, places and topics.

Every row is read and checked first; a malformed row is reported with its line in
the file and nothing is written. The new files are then read back through the same
rules `chronicle check` applies, so an import cannot leave the chronicle invalid.
Each event gets a stable entry id from ACLED's `event_id_cnty` (or a hash of the
row), so importing the same file again adds nothing twice.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path

from generator import scaffold, slugs
from generator.acled import Event, read_events
from generator.fields import MAX_TEXT
from generator.issues import Issue, ValidationFailed, errors
from generator.models import Actor, ActorKind, EventDate, Place
from generator.registry import Registry, normal
from generator.settings import Settings
from generator.validate import Corpus

EARTH_KM = 6371.0
NEAR_KM = 30.0  # a city's extent: an event within this of a known place happened there
LONGEST_IDENT = 40  # characters of an event id kept in its entry's id; longer ones, digested
ACLED_SOURCE = "ACLED (Armed Conflict Location & Event Data), event "  # then the event's id


@dataclass(frozen=True)
class Plan:
    """What an import will create, and how many events were already in the chronicle."""

    entries: tuple[scaffold.NewRecord, ...]
    actors: tuple[scaffold.NewRecord, ...]
    places: tuple[scaffold.NewRecord, ...]
    topics: tuple[scaffold.NewRecord, ...]
    already: int

    @property
    def files(self) -> tuple[scaffold.NewRecord, ...]:
        """Return every file to create: actors, places and topics first, as entries name them."""
        return self.actors + self.places + self.topics + self.entries


@dataclass
class _Names:
    """Ids handed out during one import, so that one name gets one id and ids never clash."""

    registry: Registry[Actor] | Registry[Place]
    made: dict[str, str]
    files: dict[str, scaffold.NewRecord]

    def taken(self, ident: str) -> bool:
        return ident in self.registry.items or ident in self.files

    def free_id(self, *candidates: str) -> str:
        """Return the first candidate id not in use, numbering the last one if all are."""
        ids = [slugs.slugify(c) for c in candidates]
        for ident in ids:
            if not self.taken(ident):
                return ident
        n = 2
        while self.taken(f"{ids[-1]}-{n}"):
            n += 1
        return f"{ids[-1]}-{n}"


def plan(settings: Settings, source: Path, corpus: Corpus, draft: bool = False) -> Plan:
    """Return the files an import of `source` creates; raise ValidationFailed on any problem."""
    issues: list[Issue] = []
    events = read_events(source, issues)  # malformed rows are reported, the rest checked too
    existing = {a.slug: a for a in corpus.articles}
    known = imported(corpus)
    actors = _Names(corpus.actors, {}, {})
    places = _Names(corpus.places, {}, {})
    entries: dict[Path, tuple[Event, scaffold.NewRecord]] = {}
    for event in events:
        slug = entry_id(event)
        if event.ident in known:
            continue
        if slug in existing:  # another entry has its id: one with an id alike, or by hand
            message = (
                f"event {event.ident!r} would be the entry {slug!r}, an id "
                f"{existing[slug].source_path.name} already has: give the event another id"
            )
            issues.append(Issue(source, event.line, "event_id_cnty", message))
            continue
        if shared := [n for n in event.actors if corpus.actors.shared.get(normal(n))]:
            ids = " and ".join(repr(i) for i in corpus.actors.shared[normal(shared[0])])
            message = (
                f"{shared[0]!r} names more than one actor here ({ids}), so which one the "
                "event means is not known: write its entry with `chronicle new`"
            )
            issues.append(Issue(source, event.line, "actor", message))
            continue
        actor_ids = [
            _actor_id(settings, actors, name, kind)
            for name, kind in zip(event.actors, event.kinds, strict=True)
        ]
        place_id = _place_id(settings, places, corpus.places, event)
        record = _entry(settings, event, slug, actor_ids, place_id, draft)
        if record.path in entries:  # ids that slugify alike ("ukr-1": UKR-1, UKR_1)
            first = entries[record.path][0]
            message = (
                f"event {event.ident!r} would be written to {record.path.name}, as event "
                f"{first.ident!r} (line {first.line}) is: give them ids that differ"
            )
            issues.append(Issue(source, event.line, "event_id_cnty", message))
            continue
        entries[record.path] = (event, record)
    result = Plan(
        tuple(r for _, r in entries.values()),
        tuple(actors.files.values()),
        tuple(places.files.values()),
        _topics(settings, corpus, [e for e, _ in entries.values()]),
        already=len(events) - len(entries),
    )
    issues += _problems(
        settings, source, corpus, result, {p: e.line for p, (e, _) in entries.items()}
    )
    if issues:
        raise ValidationFailed(issues)
    return result


def write(settings: Settings, result: Plan) -> list[Path]:
    """Create every file of a checked plan; refuse if one appeared since it was made."""
    return [scaffold.create(record, settings) for record in result.files]


def entry_id(event: Event) -> str:
    """Return the stable entry id of an event: its kind, place and ACLED id (or row hash).

    The id ends with the ACLED id whole: cut short to fit, a long place name would
    give two events of one kind there the same id, and one would overwrite the other.
    """
    tail = slugs.slugify(event.ident)
    if len(tail) > LONGEST_IDENT:  # not ACLED's (UKR123456): stand for it by its digest
        tail = "event-" + hashlib.blake2b(event.ident.encode(), digest_size=5).hexdigest()
    room = slugs.SLUG_LENGTH - len(tail) - 1
    head = slugs.slugify(f"{event.sub_event_type} {event.location}", room)
    return f"{head}-{tail}"


def source_name(ident: str) -> str:
    """Return the source an imported entry cites for its ACLED event."""
    return f"{ACLED_SOURCE}{ident}"


def imported(corpus: Corpus) -> set[str]:
    """Return the ACLED ids of the events the chronicle already has an entry for.

    Read from the source each imported entry cites (`source_name`), not from file
    names, so an entry renamed by its editor is still known.
    """
    return {
        s.name.removeprefix(ACLED_SOURCE)
        for a in corpus.articles
        for s in a.sources
        if s.name.startswith(ACLED_SOURCE)
    }


def _actor_id(settings: Settings, names: _Names, name: str, kind: ActorKind) -> str:
    known = names.registry.resolve(name) or names.made.get(name)
    if known is not None:
        return known
    ident = names.free_id(name)
    names.made[name] = ident
    profile = (
        f"Named in ACLED event data as “{name}”; the kind ({kind.value}) was guessed on import."
    )
    text = scaffold.dump_record({"name": name, "kind": kind.value}, profile)
    names.files[ident] = scaffold.NewRecord(settings.content / "actors" / f"{ident}.md", text)
    return ident


def _place_id(settings: Settings, names: _Names, registry: Registry[Place], event: Event) -> str:
    key = f"{event.location}\x1f{event.admin1}\x1f{event.country}"
    # The place of that name, or any of the places that share it, lying where it was.
    found = registry.resolve(event.location)
    candidates = (found,) if found else registry.shared.get(normal(event.location), ())
    for existing in candidates:
        if _same_place(registry.items[existing], event):
            return existing
    if key in names.made:
        return names.made[key]
    ident = names.free_id(
        event.location,
        f"{event.location} {event.admin1}",
        f"{event.location} {event.admin1} {event.country}",
    )
    names.made[key] = ident
    fields: dict[str, object] = {"name": event.location, "kind": "city", "country": event.country}
    if event.admin1:
        fields["region"] = event.admin1
    fields |= {"latitude": event.latitude, "longitude": event.longitude}
    text = scaffold.dump_record(fields, "")
    names.files[ident] = scaffold.NewRecord(settings.content / "places" / f"{ident}.md", text)
    return ident


def _same_place(place: Place, event: Event) -> bool:
    """Return whether a known place of the event's name is where the event happened.

    Many villages share a name, so a name alone is not enough: the place must lie
    within `NEAR_KM` of the event's coordinates (or, without coordinates, be in the
    same region).
    """
    if place.latitude is None or place.longitude is None:
        return normal(place.region) in ("", normal(event.admin1))
    north = math.radians(place.latitude - event.latitude)
    east = math.radians(place.longitude - event.longitude)
    east *= math.cos(math.radians((place.latitude + event.latitude) / 2))
    return EARTH_KM * math.hypot(north, east) <= NEAR_KM


def _topics(
    settings: Settings, corpus: Corpus, events: list[Event]
) -> tuple[scaffold.NewRecord, ...]:
    """Return a topic file for each event type and sub-type the chronicle has none for,
    named as ACLED names it ("Explosions/Remote violence"), not by its id."""
    names = {slugs.slugify(kind): kind for e in events for kind in (e.event_type, e.sub_event_type)}
    return tuple(
        scaffold.NewRecord(
            settings.content / "topics" / f"{ident}.md",
            scaffold.dump_record({"name": name}, f"Events ACLED codes as “{name}”."),
        )
        for ident, name in sorted(names.items())
        if ident not in corpus.topics
    )


def _entry(
    settings: Settings, event: Event, slug: str, actor_ids: list[str], place_id: str, draft: bool
) -> scaffold.NewRecord:
    fields: dict[str, object] = {
        "title": f"{event.sub_event_type} in {event.location}",
        "date": event.date.isoformat(),
        "summary": _summary(event),
        "actors": actor_ids,
        "places": [place_id],
        "tags": sorted({slugs.slugify(event.event_type), slugs.slugify(event.sub_event_type)}),
        "sources": [{"name": s} for s in event.sources] + [{"name": source_name(event.ident)}],
    }
    if draft:
        fields["draft"] = True
    else:  # goes out with this import: feeds carry it as new (`feeds.newest`)
        fields["published"] = settings.today.isoformat()
    day = event.date
    path = scaffold.article_path(settings.content, EventDate(day.year, day.month, day.day), slug)
    body = _body(event, str(fields["summary"]))
    return scaffold.NewRecord(path, scaffold.dump_record(fields, body))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_CODING_NOTE = re.compile(r"\s*\[[a-z ]+=[^\]]*\]")  # ACLED's "[size=no report]" and the like


def _summary(event: Event) -> str:
    """Return ACLED's notes as the summary (their first sentences if long), or a description."""
    notes = _CODING_NOTE.sub("", " ".join(event.notes.split()))
    if not notes:
        who = ", ".join(event.actors)
        return f"{event.event_type}: {event.sub_event_type.lower()} in {event.location} ({who})."
    summary = ""
    for sentence in _SENTENCE_END.split(notes):
        if len(summary) + len(sentence) > 600 and summary:
            break
        summary = f"{summary} {sentence}".strip()
    return summary[:MAX_TEXT]  # one long first sentence: as long as a summary may be


def _body(event: Event, summary: str) -> str:
    """Return the body: ACLED's full notes unless the summary already says all of them."""
    whole = " ".join(event.notes.split())
    lines = [event.notes.strip()] if whole and whole != summary else []
    if event.fatalities is not None:
        lines.append(f"Reported fatalities (ACLED): {event.fatalities}.")
    where = ", ".join(p for p in (event.location, event.admin1, event.country) if p)
    lines.append(
        f"Imported from ACLED event {event.ident}: {event.event_type}, "
        f"{event.sub_event_type.lower()}, in {where}."
    )
    return "\n\n".join(lines) + "\n"


def _problems(
    settings: Settings, source: Path, corpus: Corpus, result: Plan, rows: dict[Path, int]
) -> list[Issue]:
    """Read the planned files back with `check`'s rules; blame problems on their CSV rows."""
    return [
        Issue(source, rows.get(i.path), i.field, f"{i.message} (in {i.path.name})")
        for i in errors(scaffold.check_new(settings, corpus, result.files))
    ]
