"""Field readers on their own: each rule at the edges of what it accepts.

`schema` reads records through these; an off-by-one or a case slip here would let a
wrong value in, or keep a right one out, in every field that uses the rule. Values
come through the real front-matter parser, so they arrive as text, as in a record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import fields, records
from generator.fields import Reader, parse_event_date
from generator.issues import Issue
from generator.models import EventDate
from generator.yamltext import Data


def read(front: str) -> tuple[Reader, dict[str, Data]]:
    """Return a reader of a record holding `front` (YAML lines), and its fields."""
    raw = records.split(Path("x.md"), f"---\n{front}---\n")
    assert not isinstance(raw, Issue), raw
    return Reader(raw), raw.front.data


def told(reader: Reader) -> list[str]:
    return [i.format() for i in reader.issues]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False)],
)
def test_a_flag_is_true_or_false_in_any_case(written: str, expected: bool) -> None:
    """`draft: True` is how many editors (and Python) write it: it must not pass as
    false and publish a draft, nor be an error."""
    reader, data = read(f"draft: {written}\n")
    assert reader.flag("draft", data["draft"]) is expected
    assert reader.issues == []


def test_a_missing_flag_is_false_and_anything_else_is_an_error() -> None:
    reader, data = read("draft:\nlisted: yes\n")
    assert reader.flag("draft", data["draft"]) is False
    assert reader.flag("absent", None) is False
    assert reader.issues == []
    assert reader.flag("listed", data["listed"]) is False
    assert told(reader) == ["x.md:3: listed: expected true or false, found 'yes'"]


def test_text_of_the_longest_length_passes_and_one_character_more_is_refused() -> None:
    """The limit keeps a pasted article out of a title or summary; 2000 is its bound."""
    longest, longer = "a" * 2000, "a" * 2001
    reader, data = read(f"summary: {longest}\ntitle: {longer}\n")
    assert reader.text("summary", data["summary"]) == longest
    assert reader.issues == []
    assert reader.text("title", data["title"]) == longer  # reported, not cut
    assert told(reader) == ["x.md:3: title: text is 2001 characters; at most 2000 allowed"]
    assert fields.MAX_TEXT == 2000


def test_a_text_of_invisible_characters_alone_is_empty() -> None:
    """A title of a zero-width space and a no-break space shows nothing: it is not a title."""
    reader, data = read('title: "\\u200b\\u00a0\\u2060"\nname: "Zero\\u200bwidth"\n')
    assert reader.text("title", data["title"], required=True) == ""
    assert told(reader) == ["x.md:2: title: required field is empty"]
    assert reader.text("name", data["name"], required=True) == "Zero\u200bwidth"  # inside: kept
    assert len(reader.issues) == 1


@pytest.mark.parametrize("mark", ["\\u202e", "\\u202d", "\\u202a"])
def test_marks_that_force_a_direction_are_refused(mark: str) -> None:
    """U+202E makes what follows read backwards: a quote must read as it was said."""
    reader, data = read(f'text: "said {mark}dias"\n')
    reader.text("text", data["text"], multiline=True)
    assert told(reader) == ["x.md:2: text: text contains line breaks or control characters"]


def test_isolates_for_text_in_another_direction_are_kept() -> None:
    reader, data = read('name: "\\u2067\u0645\u062d\u0645\u062f\\u2069"\n')
    reader.text("name", data["name"], required=True)
    assert reader.issues == []


def test_a_multiline_text_has_no_length_limit() -> None:
    """A body-like field (a quote's full text) may be long; only one-line fields are held."""
    reader, data = read(f"text: {'a' * 2001}\n")
    assert reader.text("text", data["text"], multiline=True) == "a" * 2001
    assert reader.issues == []


@pytest.mark.parametrize("offset", ["+14:00", "-12:00", "Z", "+05:45", "+00:00"])
def test_offsets_every_place_on_earth_keeps_are_accepted(offset: str) -> None:
    """Kiribati keeps +14:00, Baker Island -12:00: the bounds themselves are real."""
    date = parse_event_date(f"2022-03-29T14:00{offset}")
    assert date == EventDate(2022, 3, 29, date.moment)
    assert date.moment is not None and date.moment.tzinfo is not None


@pytest.mark.parametrize("offset", ["+14:30", "-12:30", "+15:00", "+03:60"])
def test_offsets_beyond_those_kept_on_earth_are_refused(offset: str) -> None:
    text = f"2022-03-29T14:00{offset}"
    with pytest.raises(ValueError) as raised:
        parse_event_date(text)
    assert str(raised.value) == (
        f"expected an offset from UTC from -12:00 to +14:00, found {offset!r} in {text!r}"
    )


def test_a_time_without_an_offset_is_refused() -> None:
    """A bare 14:00 does not say when it was: feeds would have to guess UTC."""
    with pytest.raises(ValueError, match="write the time with its offset from UTC"):
        parse_event_date("2022-03-29T14:00")


def test_the_earliest_year_is_accepted_and_the_year_before_refused() -> None:
    """The bound is 1900: earlier dates are far more likely typos (1922 for 2022 is
    not caught, 1022 is)."""
    assert fields.EARLIEST_YEAR == 1900
    assert parse_event_date("1900-01-01") == EventDate(1900, 1, 1)
    assert parse_event_date("1900-01") == EventDate(1900, 1)
    for text in ("1899-12-31", "1899-12"):
        with pytest.raises(ValueError) as raised:
            parse_event_date(text)
        assert str(raised.value) == (
            f"not a real date (dates before 1900 are not supported): {text!r}"
        )
    reader, data = read("first: 1900-01-01\nbefore: 1899-12-31\n")
    assert reader.day("first", data["first"]) == dt.date(1900, 1, 1)
    assert reader.day("before", data["before"]) is None
    assert told(reader) == ["x.md:3: before: dates before 1900 are not supported: '1899-12-31'"]


@pytest.mark.parametrize("value", ["90", "-90", "0", "89.999"])
def test_numbers_at_their_bounds_are_accepted(value: str) -> None:
    """A place at a pole is at latitude 90 exactly: the bounds are inclusive."""
    reader, data = read(f"latitude: {value}\n")
    assert reader.number("latitude", data["latitude"], -90, 90) == float(value)
    assert reader.issues == []


@pytest.mark.parametrize("value", ["90.5", "-90.001", "north", "[1, 2]"])
def test_numbers_beyond_their_bounds_or_not_numbers_are_refused(value: str) -> None:
    reader, data = read(f"latitude: {value}\n")
    assert reader.number("latitude", data["latitude"], -90, 90) is None
    shown = "a list" if value.startswith("[") else repr(value)
    assert told(reader) == [f"x.md:2: latitude: expected a number from -90 to 90, found {shown}"]


def test_names_keep_their_order_and_drop_a_name_written_twice() -> None:
    """An actor listed twice would be counted, charted and linked twice."""
    reader, data = read("actors: [john-kirby, Kirby, john-kirby]\nplaces: Kyiv\n")
    assert reader.names("actors", data["actors"]) == ["john-kirby", "Kirby"]
    assert reader.names("places", data["places"]) == ["Kyiv"]  # one text: a list of one
    assert reader.issues == []


def test_names_that_are_required_must_list_one() -> None:
    """An empty list is told as empty, not as missing: the field is there."""
    reader, data = read("actors: []\ntags: {a: b}\n")
    assert reader.names("actors", data["actors"], required=True) == []
    assert reader.names("tags", data["tags"]) == []
    assert reader.names("places", data.get("places"), required=True) == []
    assert told(reader) == [
        "x.md:2: actors: required field is empty: list at least one",
        "x.md:3: tags: expected a list, found a mapping",
        "x.md:2: places: required field is missing: list at least one",  # where it would go
    ]


def test_a_name_written_where_an_id_goes_is_told_its_id() -> None:
    """`tags: [US response]`: the topic's name, where its id goes."""
    reader, data = read("tag: US response\nother: ../..\n")
    assert reader.ident("tag", data["tag"]) == ""
    reader.ident("other", data["other"])  # nothing to make an id of: no hint
    assert told(reader) == [
        "x.md:2: tag: expected lowercase words joined by hyphens, found 'US response' "
        "(as an id: 'us-response')",
        "x.md:3: other: expected lowercase words joined by hyphens, found '../..'",
    ]
