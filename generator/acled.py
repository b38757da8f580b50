"""Read an ACLED export (CSV): one checked `Event` per row, or an issue naming the row.

ACLED (Armed Conflict Location & Event Data) exports one event per row. We read the
columns the chronicle uses and check each value, reporting every malformed row with
its line in the file, the way `chronicle check` reports a record.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.issues import Issue
from generator.models import ActorKind

REQUIRED = ("event_date", "event_type", "sub_event_type", "actor1", "country", "location",
            "latitude", "longitude", "source")  # fmt: skip
OPTIONAL = ("event_id_cnty", "actor2", "assoc_actor_1", "assoc_actor_2", "admin1", "notes",
            "fatalities", "inter1", "inter2")  # fmt: skip
ACTOR_NAME_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y")
_ARMED = re.compile(
    r"militia|rebel|armed group|insurgent|wagner|liberation|brigade|battalion|islamic state"
    r"|jihad|mujahideen|guerrilla|separatist|army of|(?<!military forces of the )front\b",
    re.IGNORECASE,
)
_STATE = re.compile(r"^government of\b", re.IGNORECASE)
# ACLED's actor types (`inter1`, `inter2`), as numbers in older exports and words in newer ones.
_INTER = {
    "1": ActorKind.ORGANISATION, "state forces": ActorKind.ORGANISATION,
    "2": ActorKind.ARMED_GROUP, "rebel group": ActorKind.ARMED_GROUP,
    "3": ActorKind.ARMED_GROUP, "political militia": ActorKind.ARMED_GROUP,
    "4": ActorKind.ARMED_GROUP, "identity militia": ActorKind.ARMED_GROUP,
}  # fmt: skip
_Bad = Callable[[str, str], None]  # reports a problem in one column of the current row


@dataclass(frozen=True)
class Event:
    """One row of the export, checked: what happened, when, where, and who took part."""

    line: int
    ident: str
    date: dt.date
    event_type: str
    sub_event_type: str
    actors: tuple[str, ...]
    kinds: tuple[ActorKind, ...]
    country: str
    admin1: str
    location: str
    latitude: float
    longitude: float
    sources: tuple[str, ...]
    notes: str
    fatalities: int | None


def guess_kind(name: str, inter: str = "") -> ActorKind:
    """Guess an actor's kind from ACLED's actor type or name; editors can correct the file after.

    State forces ("Military Forces of Russia (2000-)") are organisations of a state;
    governments are the state itself; rebels and militias are armed groups; crowds,
    civilians and everything else are organisations. ACLED rarely names a person.
    """
    if _STATE.search(name):
        return ActorKind.STATE
    if inter.strip().lower() in _INTER:
        return _INTER[inter.strip().lower()]
    if _ARMED.search(name) and "forces of" not in name.lower():
        return ActorKind.ARMED_GROUP
    return ActorKind.ORGANISATION


def read_events(path: Path, issues: list[Issue]) -> list[Event]:
    """Return every row of an export as an event; report each malformed row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        issues.append(Issue(path, None, "", "not valid UTF-8 text; export the table as UTF-8 CSV"))
        return []
    reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        found = ", ".join(header) or "nothing"
        issues.append(Issue(path, 1, "", f"missing column(s) {', '.join(missing)}; found {found}"))
        return []
    reader.fieldnames = header
    events: list[Event] = []
    first_line: dict[str, int] = {}
    try:
        for line, row in _rows(reader):
            event = _event(path, line, row, issues)
            if event is None:
                continue
            if event.ident in first_line:
                issues.append(
                    Issue(
                        path,
                        line,
                        "event_id_cnty",
                        f"event {event.ident!r} "
                        f"appears twice (first on line {first_line[event.ident]})",
                    )
                )
                continue
            first_line[event.ident] = line
            events.append(event)
    except csv.Error as exc:
        issues.append(Issue(path, reader.line_num, "", f"malformed CSV: {exc}"))
    return events


def _rows(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield each row with the line it starts on (a quoted value may span lines)."""
    start = reader.line_num + 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _event(path: Path, line: int, row: dict[str, str], issues: list[Issue]) -> Event | None:
    """Return one row as an event, or None after reporting what is wrong with it."""
    found: list[Issue] = []

    def bad(column: str, message: str) -> None:
        found.append(Issue(path, line, column, message))

    extra = row.pop(None, None)  # type: ignore[call-overload]
    if extra or any(v is None for v in row.values()):
        given = len(row) - sum(v is None for v in row.values()) + len(extra or [])
        issues.append(Issue(path, line, "", f"row has {given} values; the header has {len(row)}"))
        return None
    value = {k: " ".join((row.get(k) or "").split()) for k in (*REQUIRED, *OPTIONAL)}
    actors = _actors(value)
    for column in REQUIRED:
        if not value[column]:
            bad(column, "required value is missing")
    date = _date(value["event_date"], bad)
    latitude = _number(value["latitude"], -90, 90, "latitude", bad)
    longitude = _number(value["longitude"], -180, 180, "longitude", bad)
    fatalities = _count(value["fatalities"], bad)
    issues.extend(found)
    if found or date is None or latitude is None or longitude is None:
        return None
    return Event(
        line=line,
        ident=value["event_id_cnty"] or row_hash(row),
        date=date,
        event_type=value["event_type"],
        sub_event_type=value["sub_event_type"],
        actors=tuple(name for name, _ in actors),
        kinds=tuple(kind for _, kind in actors),
        country=value["country"],
        admin1=value["admin1"],
        location=value["location"],
        latitude=latitude,
        longitude=longitude,
        sources=tuple(dict.fromkeys(s.strip() for s in value["source"].split(";") if s.strip())),
        notes=(row.get("notes") or "").strip(),
        fatalities=fatalities,
    )


def row_hash(row: dict[str, str]) -> str:
    """Return a short hash of a row's values: a stable id for rows without `event_id_cnty`."""
    text = "\x1f".join(f"{k}={' '.join((v or '').split())}" for k, v in sorted(row.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _actors(value: dict[str, str]) -> list[tuple[str, ActorKind]]:
    """Return a row's actors in ACLED's order with their kinds; associates are `;`-separated."""
    found: dict[str, ActorKind] = {}
    for column in ACTOR_NAME_COLUMNS:
        inter = value[f"inter{column[-1]}"] if column.startswith("actor") else ""
        for name in (n.strip() for n in value[column].split(";")):
            if name and name not in found:
                found[name] = guess_kind(name, inter)
    return list(found.items())


def _date(text: str, bad: _Bad) -> dt.date | None:
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    bad("event_date", f"expected a date like 2022-03-29 or 29 March 2022, found {text!r}")
    return None


def _number(text: str, low: float, high: float, column: str, bad: _Bad) -> float | None:
    try:
        number = float(text) if text else None
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        if text:
            bad(column, f"expected a number from {low:g} to {high:g}, found {text!r}")
        return None
    return number


def _count(text: str, bad: _Bad) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        bad("fatalities", f"expected a whole number of 0 or more, found {text!r}")
        return None
    return int(text)
