"""Reading ACLED rows: kinds of actor, line numbers across quoted line breaks, stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import acled
from generator.issues import Issue
from generator.models import ActorKind
from tests.helpers import FIXTURES


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Military Forces of Russia (2000-)", ActorKind.ORGANISATION),
        ("Police Forces of Ukraine (2019-)", ActorKind.ORGANISATION),
        ("Government of Ukraine (2019-)", ActorKind.STATE),
        ("Wagner Group", ActorKind.ARMED_GROUP),
        ("Donetsk People's Republic Militia", ActorKind.ARMED_GROUP),
        ("Unidentified Armed Group (Ukraine)", ActorKind.ARMED_GROUP),
        ("Civilians (Ukraine)", ActorKind.ORGANISATION),
        ("Protesters (Russia)", ActorKind.ORGANISATION),
    ],
)
def test_guess_kind(name: str, kind: ActorKind) -> None:
    assert acled.guess_kind(name) is kind


@pytest.mark.parametrize(
    ("name", "inter", "kind"),
    [
        ("Kraken Unit", "1", ActorKind.ORGANISATION),  # state forces, by ACLED's code
        ("Kraken Unit", "State forces", ActorKind.ORGANISATION),
        ("Freedom of Russia Legion", "2", ActorKind.ARMED_GROUP),  # a rebel group
        ("Rada of the Village", "Political militia", ActorKind.ARMED_GROUP),
        ("Government of Russia (2000-)", "1", ActorKind.STATE),
        ("Wagner Group", "8", ActorKind.ARMED_GROUP),  # "other forces": the name decides
    ],
)
def test_guess_kind_prefers_acleds_actor_type(name: str, inter: str, kind: ActorKind) -> None:
    assert acled.guess_kind(name, inter) is kind


def test_read_events_keeps_the_line_each_row_starts_on() -> None:
    issues: list[Issue] = []
    events = acled.read_events(FIXTURES / "acled" / "events.csv", issues)
    assert issues == []
    assert [(e.ident, e.line) for e in events] == [("UKR9001", 2), ("UKR9002", 3), ("UKR9003", 5)]
    clash = events[1]
    assert clash.actors == (
        "Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)", "Wagner Group",
    )  # fmt: skip
    assert (clash.latitude, clash.longitude, clash.fatalities) == (50.5218, 30.2506, 0)


def test_iso_dates_and_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    source = tmp_path / "api.csv"
    header = ",".join(acled.REQUIRED)
    row = "2022-03-29,Battles,Armed clash,A,Ukraine,Kyiv,50.45,30.52,Report"
    source.write_text(f"\ufeff{header}\n{row}\n", encoding="utf-8")
    issues: list[Issue] = []
    (event,) = acled.read_events(source, issues)
    assert issues == []
    assert event.date.isoformat() == "2022-03-29"
    assert event.ident == acled.row_hash(dict(zip(acled.REQUIRED, row.split(","), strict=True)))


def test_row_hash_is_stable_and_ignores_spacing_but_not_content() -> None:
    row = {"event_date": "29 March 2022", "notes": "Shelling  reported."}
    assert acled.row_hash(row) == acled.row_hash({"notes": "Shelling reported.",
                                                  "event_date": "29 March 2022"})  # fmt: skip
    assert acled.row_hash(row) != acled.row_hash(row | {"notes": "Shelling denied."})
