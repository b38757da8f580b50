"""Grouping by date and by actor, place and topic: sorted, drafts left out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from generator import build, grouping
from generator.models import Article, EventDate, Quote, QuoteRef, Stance
from tests.conftest import project_settings
from tests.helpers import copy_mini


def chronicle(tmp: Path) -> grouping.Chronicle:
    corpus, issues, _ = build.load(project_settings(tmp, copy_mini(tmp)))
    assert issues == []
    return grouping.group(corpus)


def test_drafts_are_not_published(tmp_path: Path) -> None:
    c = chronicle(tmp_path)
    assert "draft-entry" not in [e.slug for e in c.entries]
    assert len(c.entries) == 3


def test_years_months_days(tmp_path: Path) -> None:
    c = chronicle(tmp_path)
    (year,) = c.years
    (month,) = year.months
    assert (year.year, month.month, month.count, year.count) == (2022, 3, 3, 3)
    assert [e.slug for e in month.undated] == ["talks-month"]
    (day,) = month.days
    assert day.date == dt.date(2022, 3, 29)
    assert [e.slug for e in day.entries] == ["zelenskyy-talks", "kirby-repositioning"]


def test_month_precision_entries_are_on_no_day(tmp_path: Path) -> None:
    c = chronicle(tmp_path)
    on_days = {e.slug for y in c.years for m in y.months for d in m.days for e in d.entries}
    assert "talks-month" not in on_days


def test_by_actor_place_and_tag_keep_chronicle_order(tmp_path: Path) -> None:
    c = chronicle(tmp_path)
    assert list(c.by_actor) == sorted(c.by_actor)
    assert [e.slug for e in c.by_actor["volodymyr-zelenskyy"]] == [
        "talks-month", "zelenskyy-talks",
    ]  # fmt: skip
    assert [e.slug for e in c.by_place["kyiv"]] == ["kirby-repositioning"]
    assert set(c.by_tag) == {"withdrawal", "negotiations"}


def test_topics_are_the_topic_files_and_the_tags_of_published_entries(tmp_path: Path) -> None:
    c = chronicle(tmp_path)
    assert {t: c.topics[t].name for t in c.topics} == {
        "negotiations": "Talks & ceasefire <proposals>", "withdrawal": "withdrawal",
    }  # fmt: skip
    assert c.topics["withdrawal"].source_path is None


def said(slug: str, day: int, *answering: str, time: str | None = None) -> Article:
    """An entry of March 2022 whose statements answer those of the entries `answering`."""
    moment = dt.datetime.fromisoformat(f"2022-03-{day:02d}T{time}+00:00") if time else None
    quotes = tuple(
        Quote(f"q{i}", "kirby", "Text.", Stance.ASSESSMENT, QuoteRef(other, "q0"))
        for i, other in enumerate(answering)
    ) or (Quote("q0", "kirby", "Text.", Stance.CLAIM),)
    return Article(slug=slug, source_path=Path(f"{slug}.md"), title=slug,
                   date=EventDate(2022, 3, day, moment), summary="s", actors=("kirby",),
                   body="", quotes=quotes)  # fmt: skip


def order(*entries: Article) -> list[str]:
    return [e.slug for e in grouping.chronicle_order(entries)]


def test_an_answer_comes_after_what_it_answers_on_its_day() -> None:
    """Entries of one day have no time mostly: ids alone would put "a-reply" first."""
    assert order(said("a-reply", 29, "b-claim"), said("b-claim", 29)) == ["b-claim", "a-reply"]
    chain = [said("a", 29, "b"), said("b", 29, "c"), said("c", 29), said("d", 29)]
    assert order(*chain) == ["c", "b", "a", "d"]


def test_dates_times_and_cycles_keep_their_order() -> None:
    # An answer recorded a day earlier, or at an earlier time, stays where its date puts it.
    assert order(said("a", 28, "b"), said("b", 29)) == ["a", "b"]
    early = said("a", 29, "b", time="09:00:00")
    assert order(early, said("b", 29, time="10:00:00")) == ["a", "b"]
    # Answering each other: neither can come first by that rule, so ids decide.
    assert order(said("b", 29, "a"), said("a", 29, "b")) == ["a", "b"]


def test_a_month_only_entry_at_either_end_spans_its_whole_month() -> None:
    """A month-only entry covers its month: the charts that span the chronicle must
    reach the month's last day (30 April), or its bar would fall outside them."""
    april = dataclasses.replace(said("april", 1), date=EventDate(2022, 4))
    assert grouping.span((said("first", 29), april)) == (dt.date(2022, 3, 29), dt.date(2022, 4, 30))
    march = dataclasses.replace(said("march", 1), date=EventDate(2022, 3))
    assert grouping.span((march, said("last", 29))) == (dt.date(2022, 3, 1), dt.date(2022, 3, 29))
    assert grouping.span(()) is None
