"""Grouping by date and by actor, place and topic: sorted, drafts left out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import build, grouping
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
