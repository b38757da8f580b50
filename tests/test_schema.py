"""Field rules of one record at a time: types, required fields, partial dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import records, schema
from generator.issues import Issue, Severity
from generator.models import Precision, Stance
from tests.helpers import article

EXPECTED_DATE = "expected YYYY-MM-DD (or YYYY-MM, or YYYY-MM-DDTHH:MM+03:00)"


def parse_article(text: str, name: str = "2022-03-29-event.md") -> tuple[object, list[Issue]]:
    raw = records.split(Path(name), text)
    assert not isinstance(raw, Issue), raw
    issues: list[Issue] = []
    return schema.read_article(raw, issues), issues


def lines(issues: list[Issue]) -> list[str]:
    return [i.format() for i in issues]


def test_valid_article_is_typed() -> None:
    extra = (
        "quotes:\n  - id: q\n    by: john-kirby\n    text: Words\n    stance: claim\n"
        "    responds_to: other#x\n"
    )
    entry, issues = parse_article(article(extra=extra))
    assert issues == []
    assert entry.slug == "event"
    assert entry.date.date == dt.date(2022, 3, 29)
    assert entry.quotes[0].stance is Stance.CLAIM
    assert str(entry.quotes[0].responds_to) == "other#x"


@pytest.mark.parametrize(
    ("written", "precision", "label", "calendar"),
    [
        ("2022-03", Precision.MONTH, "March 2022", "March 2022"),
        ("2022-03-29", Precision.DAY, "29 March 2022", "29 March 2022"),
        ("2022-03-29T14:00+03:00", Precision.TIME, "29 March 2022, 14:00 (UTC+03:00)",
         "29 March 2022"),
    ],
)  # fmt: skip
def test_partial_dates(written: str, precision: Precision, label: str, calendar: str) -> None:
    entry, issues = parse_article(article(date=written), f"{written[:10]}-event.md")
    assert issues == []
    assert entry.date.precision is precision
    assert entry.date.label() == label
    assert entry.date.calendar_label() == calendar  # a span's ends: no hour


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2022-3-30", f"date: {EXPECTED_DATE}, found '2022-3-30'"),
        ("2022-02-30", "date: not a real date (day is out of range for month): '2022-02-30'"),
        ("1850-01-01", "date: not a real date (dates before 1900 are not supported): '1850-01-01'"),
        ("yesterday", f"date: {EXPECTED_DATE}, found 'yesterday'"),
        ("2022-03-29T14:00", "date: write the time with its offset from UTC, as the source "
         "gives it (like 2022-03-29T14:00+03:00, or Z for UTC), found '2022-03-29T14:00'"),
        ("2022-03-29T14:00+25:00", "date: expected an offset from UTC from -12:00 to +14:00, "
         "found '+25:00' in '2022-03-29T14:00+25:00'"),
        ("2022-03-29T14:00-13:00", "date: expected an offset from UTC from -12:00 to +14:00, "
         "found '-13:00' in '2022-03-29T14:00-13:00'"),
    ],
)  # fmt: skip
def test_bad_dates_name_the_line_and_what_was_found(date: str, message: str) -> None:
    entry, issues = parse_article(article(date=date))
    assert entry is None
    assert lines(issues) == [f"2022-03-29-event.md:3: {message}"]


def test_a_time_in_utc_may_be_written_z() -> None:
    entry, issues = parse_article(article(date="2022-03-29T14:00Z"))
    assert issues == []
    assert entry.date.label() == "29 March 2022, 14:00 (UTC+00:00)"


@pytest.mark.parametrize("blank", ['""', '"   "', ""])
def test_a_blank_required_text_is_empty_not_missing(blank: str) -> None:
    entry, issues = parse_article(article(title=blank))
    assert entry is not None  # read on, so the rules across records check it too
    assert lines(issues) == ["2022-03-29-event.md:2: title: required field is empty"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [("2022-03-100-days.md", "100-days"), ("2022-03-2022-elections.md", "2022-elections"),
     ("2022-03-5th-round.md", "5th-round"), ("2022-03-29-30-killed.md", "30-killed")],
)  # fmt: skip
def test_an_id_may_start_with_digits_after_a_month_or_a_day(name: str, slug: str) -> None:
    assert schema.slug_of(Path(name)) == slug


def test_a_file_name_with_a_space_after_its_date_is_one_error_not_a_date() -> None:
    """`2022-03-29 Bad Name.md` has no date prefix: no advice to rename it `2022-03-29-29 ...`."""
    _, issues = parse_article(article(), "2022-03-29 Bad Name.md")
    assert [i.message for i in issues] == [
        "file name must be YYYY-MM-DD-words-with-hyphens.md, found '2022-03-29 Bad Name.md'; "
        "rename it 2022-03-29-bad-name.md"
    ]
    _, issues = parse_article(article(), "2022-03-29_kirby_repositioning.md")
    assert [i.message for i in issues] == [
        "file name must be YYYY-MM-DD-words-with-hyphens.md, found "
        "'2022-03-29_kirby_repositioning.md'; rename it 2022-03-29-kirby-repositioning.md"
    ]


def test_missing_required_fields_are_all_reported() -> None:
    text = "---\ntitle: Only a title\n---\nBody\n"
    entry, issues = parse_article(text)
    assert entry is None
    assert lines(issues) == [
        "2022-03-29-event.md:2: date: required field is missing",
        "2022-03-29-event.md:2: summary: required field is missing",
        "2022-03-29-event.md:2: actors: required field is missing: list at least one",
        "2022-03-29-event.md:2: sources: required field is missing: list at least one source",
    ]


def test_yaml_typing_traps_stay_text() -> None:
    entry, issues = parse_article(article(title="NO", extra="tags: [no, yes]\n"))
    assert issues == []
    assert entry.title == "NO"
    assert entry.tags == ("no", "yes")


def test_unknown_field_is_a_warning_with_a_suggestion() -> None:
    entry, issues = parse_article(article(extra="actor: [x]\n"))
    assert entry is not None
    assert [(i.severity, i.message) for i in issues] == [
        (Severity.WARNING, "unknown field 'actor' (did you mean 'actors'?)")
    ]


def test_source_url_must_be_http() -> None:
    bad_url = "  - name: A report\n    url: javascript:alert(1)\n"
    text = article().replace("  - name: A report\n", bad_url)
    _, issues = parse_article(text)
    assert lines(issues) == [
        "2022-03-29-event.md:8: sources[0].url: expected an http:// or https:// address, "
        "found 'javascript:alert(1)'"
    ]


def test_bad_stance_and_reference() -> None:
    extra = (
        "quotes:\n  - id: qa\n"
        "    by: a\n    text: t\n    stance: rumour\n    responds_to: nowhere\n"
    )
    _, issues = parse_article(article(extra=extra))
    assert [i.field for i in issues] == ["quotes[0].stance", "quotes[0].responds_to"]
    assert "expected one of statement, claim, assessment, denial, confirmation" in issues[0].message


def test_a_misspelt_field_in_a_source_quote_or_correction_is_told() -> None:
    """Unread, its value would be lost without a word: the record's own fields are
    checked so, and so are those of each item of its lists."""
    extra = (
        "  - name: Another report\n    link: https://example.org/r\n"
        "quotes:\n  - id: said\n    by: john-kirby\n    text: Yes\n    respond_to: a#b\n"
        "corrections:\n  - date: 2022-03-30\n    text: Fixed.\n    why: a typo\n"
    )
    _, issues = parse_article(article(extra=extra))
    assert [(i.severity, i.line, i.field, i.message) for i in issues] == [
        (Severity.WARNING, 9, "sources[1].link",
         "unknown field 'link' (expected name, published, url)"),
        (Severity.WARNING, 14, "quotes[0].respond_to",
         "unknown field 'respond_to' (did you mean 'responds_to'?)"),
        (Severity.WARNING, 18, "corrections[0].why", "unknown field 'why' (expected date, text)"),
    ]  # fmt: skip


def test_a_quote_needs_an_id() -> None:
    """Answers and links name a statement by its id: one numbered by its place would
    change when a statement before it is added or removed, and answers with it."""
    extra = "quotes:\n  - by: john-kirby\n    text: Yes\n"
    _, issues = parse_article(article(extra=extra))
    assert lines(issues) == ["2022-03-29-event.md:9: quotes[0].id: required field is missing"]


def test_draft_must_be_a_boolean() -> None:
    _, issues = parse_article(article(extra="draft: maybe\n"))
    assert lines(issues) == ["2022-03-29-event.md:8: draft: expected true or false, found 'maybe'"]


def test_actor_kind_is_checked() -> None:
    raw = records.split(Path("john-kirby.md"), "---\nname: John Kirby\nkind: human\n---\n")
    assert not isinstance(raw, Issue)
    issues: list[Issue] = []
    assert schema.read_actor(raw, issues).name == "John Kirby"  # read on: see validate
    assert lines(issues) == [
        "john-kirby.md:3: kind: expected one of person, organisation, state, armed-group, "
        "found 'human'"
    ]


def test_place_coordinates_are_range_checked() -> None:
    raw = records.split(Path("kyiv.md"), "---\nname: Kyiv\nkind: city\nlatitude: 95\n---\n")
    assert not isinstance(raw, Issue)
    issues: list[Issue] = []
    assert schema.read_place(raw, issues).latitude is None
    assert lines(issues) == ["kyiv.md:4: latitude: expected a number from -90 to 90, found '95'"]


def test_a_topic_file_needs_a_name_and_has_no_other_field() -> None:
    raw = records.split(Path("peace_talks.md"), "---\nkind: talks\n---\nRounds of talks.\n")
    assert not isinstance(raw, Issue)
    issues: list[Issue] = []
    assert schema.read_topic(raw, issues).description == "Rounds of talks."
    assert lines(issues) == [
        "peace_talks.md:2: warning: kind: unknown field 'kind'",
        "peace_talks.md:2: file name must be an id like 'john-kirby.md', found 'peace_talks.md'",
        "peace_talks.md:2: name: required field is missing",
    ]


def test_a_topic_file_gives_the_name_and_description() -> None:
    raw = records.split(Path("peace-talks.md"), "---\nname: Peace talks\n---\nRounds.\n")
    assert not isinstance(raw, Issue)
    issues: list[Issue] = []
    topic = schema.read_topic(raw, issues)
    assert issues == []
    assert topic is not None and (topic.id, topic.name, topic.description) == (
        "peace-talks", "Peace talks", "Rounds."
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2022/2022-04-30-event.md", "2022-03-29 differs from the date in the file name "
         "(2022-04-30); rename the file 2022-03-29-event.md"),
        ("2021/2022-03-29-event.md", "2022-03-29 is filed in the folder 2021/; move the file "
         "to 2022/"),
        ("2022/2022-03-event.md", "2022-03-29 differs from the date in the file name (2022-03); "
         "rename the file 2022-03-29-event.md"),
    ],
)  # fmt: skip
def test_a_file_named_or_filed_under_another_date_is_a_warning(name: str, message: str) -> None:
    """Editors find entries by their file names: one filed under another date is lost."""
    entry, issues = parse_article(article(), name)
    assert entry is not None
    assert [(i.severity, i.field, i.message) for i in issues] == [
        (Severity.WARNING, "date", message)
    ]


def test_a_file_named_for_its_date_or_without_one_is_fine() -> None:
    for name in ("2022/2022-03-29-event.md", "event.md", "2022-03-29-event.md",
                 "100-days.md", "2022-03-29-100-days.md"):  # fmt: skip
        assert parse_article(article(), name)[1] == [], name


@pytest.mark.parametrize(
    "name", ["2022-3-29-kyiv-talks.md", "29-03-2022-kyiv-talks.md", "20220329-kyiv-talks.md",
             "2022-3-kyiv-talks.md"],
)  # fmt: skip
def test_a_date_written_otherwise_in_a_file_name_is_an_error(name: str) -> None:
    """The id is the file's name: the date would stay in the entry's address for good."""
    _entry, issues = parse_article(article(), name)
    assert [(i.severity, i.field, i.message) for i in issues] == [
        (Severity.ERROR, "", "file name must start with the date as YYYY-MM-DD (YYYY-MM for "
         f"an entry dated to the month), found {name!r}; rename it 2022-03-29-kyiv-talks.md"),
    ]  # fmt: skip
