"""Typed readers for front-matter fields: one place that turns text into values or issues.

Every scalar arrives as text (see `yamltext`), so each rule here says exactly what
it expected and what it found, instead of trusting YAML's guesses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.issues import Issue, Severity
from generator.models import EventDate
from generator.records import RawRecord
from generator.slugs import slugify
from generator.wording import suggest
from generator.yamltext import Data

# `\Z`, not `$`: `$` also matches before a final newline, and `john-kirby\n.md` would
# pass as the id of john-kirby.md (then standing in for it).
IDENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\Z")
_MONTH = re.compile(r"^(\d{4})-(\d{2})\Z")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(Z|[+-](\d{2}):(\d{2}))?\Z")
# Controls, and the marks that force a direction on the text after them (U+202A-202E:
# a quote could read backwards from where they stand); isolates (U+2066-2069) stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e]")
# What takes no room on a page: a text of these alone says nothing, as a blank one.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
EARLIEST_YEAR = 1900
MAX_TEXT = 2000


@dataclass
class Reader:
    """Reads the fields of one record, collecting an issue for each problem."""

    record: RawRecord
    issues: list[Issue] = field(default_factory=list)
    known: frozenset[str] = frozenset()

    def error(self, path: str, message: str) -> None:
        """Report an error on a field path."""
        self.issues.append(Issue(self.record.path, self.record.line_of(path), path, message))

    def no_list(self, path: str, value: Data | None, noun: str = "") -> None:
        """Report a required list that is empty (`[]`) or missing: list at least one."""
        found = "required field is empty" if value == [] else "required field is missing"
        self.error(path, f"{found}: list at least one{f' {noun}' if noun else ''}")

    def warn(self, path: str, message: str) -> None:
        """Report a warning on a field path."""
        self.issues.append(
            Issue(self.record.path, self.record.line_of(path), path, message, Severity.WARNING)
        )

    def check_unknown(self, path: str = "", item: dict[str, Data] | None = None,
                      known: frozenset[str] | None = None) -> None:  # fmt: skip
        """Warn about fields the schema does not know, suggesting the closest one: the
        record's own, or those of one `item` of a list at `path` (a source, a quote) that
        knows the fields `known`. Unread, a misspelt field's value would be lost unseen."""
        fields = self.record.front.data if item is None else item
        known = self.known if known is None else known
        for key in fields:
            if key not in known:
                hint = suggest(key, known)
                if not hint and item is not None:  # a few fields: name them all
                    hint = f" (expected {', '.join(sorted(known))})"
                self.warn(f"{path}.{key}" if path else key, f"unknown field {key!r}{hint}")

    def text(
        self, path: str, value: Data | None, required: bool = False, multiline: bool = False
    ) -> str:
        """Return a text value, stripped; report a missing, blank or non-text one."""
        if value is None:
            if required:
                self.error(path, "required field is missing")
            return ""
        if not isinstance(value, str):
            self.error(path, f"expected text, found {describe(value)}")
            return ""
        value = value.strip()
        if not value.strip(_INVISIBLE).strip():  # `title:`, `title: ""`, spaces: nothing said
            if required:
                self.error(path, "required field is empty")
            return ""
        if len(value) > MAX_TEXT and not multiline:
            self.error(path, f"text is {len(value)} characters; at most {MAX_TEXT} allowed")
        if _CONTROL.search(value) or (not multiline and "\n" in value):
            self.error(path, "text contains line breaks or control characters")
        return value

    def ident(self, path: str, value: Data | None, required: bool = False) -> str:
        """Return an id (lowercase words joined by hyphens), or "" for none."""
        text = self.text(path, value, required)
        if text and not IDENT.match(text):
            # `tags: [US response]`: a name where its id goes; say what the id would be
            made = slugify(text)
            hint = f" (as an id: {made!r})" if made != "untitled" else ""
            self.error(path, f"expected lowercase words joined by hyphens, found {text!r}{hint}")
            return ""
        return text

    def names(self, path: str, value: Data | None, required: bool = False) -> list[str]:
        """Return a list of names or ids (a single text is taken as a list of one)."""
        if value in (None, "", []):
            if required:
                self.no_list(path, value)
            return []
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.error(path, f"expected a list, found {describe(value)}")
            return []
        result: list[str] = []
        for i, item in enumerate(items):
            name = self.text(f"{path}[{i}]", item, required=True)
            if name and name not in result:
                result.append(name)
        return result

    def items(self, path: str, value: Data | None) -> list[tuple[str, dict[str, Data]]]:
        """Return the mappings of a list-of-mappings field with their paths."""
        if value is None or value == "":
            return []
        if not isinstance(value, list):
            self.error(path, f"expected a list, found {describe(value)}")
            return []
        result = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                result.append((f"{path}[{i}]", item))
            else:
                self.error(f"{path}[{i}]", f"expected a mapping of fields, found {describe(item)}")
        return result

    def flag(self, path: str, value: Data | None) -> bool:
        """Return a yes/no field written `true` or `false`."""
        if value is None or value == "":
            return False
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        self.error(path, f"expected true or false, found {describe(value)}")
        return False

    def number(self, path: str, value: Data | None, low: float, high: float) -> float | None:
        """Return a number within [low, high]."""
        if value is None or value == "":
            return None
        try:
            number = float(value) if isinstance(value, str) else None
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            self.error(path, f"expected a number from {low:g} to {high:g}, found {describe(value)}")
            return None
        return number

    def day(self, path: str, value: Data | None, required: bool = False) -> dt.date | None:
        """Return a calendar day written YYYY-MM-DD."""
        text = self.text(path, value, required)
        if not text:
            return None
        match = _DAY.match(text)
        try:
            if match:
                return _checked_year(dt.date(*map(int, match.groups())))
        except ValueError as exc:
            self.error(path, f"{exc}: {text!r}")
            return None
        self.error(path, f"expected a date YYYY-MM-DD, found {text!r}")
        return None

    def event_date(self, path: str, value: Data | None) -> EventDate | None:
        """Return an event date: YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM (or Z)."""
        text = self.text(path, value, required=True)
        if not text:
            return None
        try:
            return parse_event_date(text)
        except ValueError as exc:
            self.error(path, str(exc))
            return None


def parse_event_date(text: str) -> EventDate:
    """Return the event date written in `text`; raise ValueError saying what is wrong.

    A pure function, so `chronicle new` checks a date with the same rule as `check`.
    """
    if timed := _MOMENT.match(text):
        _check_offset(text, timed)
    try:
        if match := _MONTH.match(text):
            year, month = map(int, match.groups())
            _checked_year(dt.date(year, month, 1))
            return EventDate(year, month)
        if day := _DAY.match(text):
            date = _checked_year(dt.date(*map(int, day.groups())))
            return EventDate(date.year, date.month, date.day)
        if timed:
            moment = dt.datetime.fromisoformat(text)
            _checked_year(moment.date())
            return EventDate(moment.year, moment.month, moment.day, moment)
    except ValueError as exc:
        raise ValueError(f"not a real date ({exc}): {text!r}") from None
    raise ValueError(f"expected YYYY-MM-DD (or YYYY-MM, or YYYY-MM-DDTHH:MM+03:00), found {text!r}")


def _check_offset(text: str, timed: re.Match[str]) -> None:
    """Refuse a time without its offset from UTC, or with one no place on Earth keeps.

    A bare 14:00 does not say when it was: feeds would have to guess it was UTC.
    """
    offset, hours, minutes = timed.groups()
    if offset is None:
        raise ValueError(
            "write the time with its offset from UTC, as the source gives it "
            f"(like 2022-03-29T14:00+03:00, or Z for UTC), found {text!r}"
        )
    east = -1 if offset.startswith("-") else 1
    if hours is not None and not (
        int(minutes) < 60 and -720 <= east * (int(hours) * 60 + int(minutes)) <= 840
    ):
        raise ValueError(
            f"expected an offset from UTC from -12:00 to +14:00, found {offset!r} in {text!r}"
        )


def _checked_year(date: dt.date) -> dt.date:
    if date.year < EARLIEST_YEAR:
        raise ValueError(f"dates before {EARLIEST_YEAR} are not supported")
    return date


def describe(value: Data | None) -> str:
    """Return how a value looks, for error messages."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)
