"""`chronicle import FILE.csv`: an ACLED export becomes entries, actors and places, once."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest

from tests.cli_helpers import chronicle, make_project
from tests.helpers import FIXTURES

EVENTS = FIXTURES / "acled" / "events.csv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def snapshot(project: Path) -> dict[str, bytes]:
    """Return every content file's bytes by path: to see exactly what an import changed."""
    content = project / "content"
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("*.md")}


def rows() -> tuple[list[str], list[dict[str, str]]]:
    with EVENTS.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], table: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_import_creates_entries_actors_and_places_that_pass_check(project: Path) -> None:
    before = snapshot(project)
    result = chronicle(project, "import", str(EVENTS))
    assert result.returncode == 0, result.stderr
    added = sorted(set(snapshot(project)) - set(before))
    assert added == [
        "actors/civilians-ukraine.md",
        "actors/government-of-russia-2000.md",
        "actors/government-of-ukraine-2019.md",
        "actors/military-forces-of-russia-2000.md",
        "actors/military-forces-of-ukraine-2019.md",
        "actors/wagner-group.md",
        "articles/2022/2022-03-29-agreement-istanbul-ukr9003.md",
        "articles/2022/2022-03-29-shelling-artillery-missile-attack-kharkiv-ukr9001.md",
        "articles/2022/2022-03-30-armed-clash-irpin-ukr9002.md",
        "places/irpin.md",
        "places/istanbul.md",
        "places/kharkiv.md",
        "topics/agreement.md",
        "topics/armed-clash.md",
        "topics/battles.md",
        "topics/explosions-remote-violence.md",
        "topics/shelling-artillery-missile-attack.md",
        "topics/strategic-developments.md",
    ]
    assert "3 entries, 6 actors, 3 places and 6 topics created" in result.stderr
    # Topics are named as ACLED names the event types, not by their ids.
    topic = (project / "content/topics/explosions-remote-violence.md").read_text(encoding="utf-8")
    assert topic.startswith("---\nname: Explosions/Remote violence\n---\n")
    assert chronicle(project, "check", "--strict").returncode == 0


def test_imported_records_carry_the_columns(project: Path) -> None:
    assert chronicle(project, "import", str(EVENTS)).returncode == 0
    content = project / "content"
    entry = (content / "articles/2022/2022-03-30-armed-clash-irpin-ukr9002.md").read_text()
    # actor1, then actor2 and its associated actor, in ACLED's order
    assert "actors:\n- military-forces-of-ukraine-2019\n- military-forces-of-russia-2000\n" \
           "- wagner-group\n" in entry  # fmt: skip
    assert "date: '2022-03-30'" in entry
    assert "tags:\n- armed-clash\n- battles\n" in entry
    assert "- name: Ukrainska Pravda\n" in entry
    assert "event UKR9002" in entry
    # a quoted value across two lines; the summary holds all of it, so the body does not repeat it
    assert entry.count("Fighting continued into the night.") == 1
    shelling = (content / "articles/2022/2022-03-29-shelling-artillery-missile-attack-kharkiv"
                "-ukr9001.md").read_text()  # fmt: skip
    assert "- name: Ukrinform\n- name: Kyiv Independent\n" in shelling  # `;`-separated sources
    assert "Reported fatalities (ACLED): 2." in shelling
    summary = next(line for line in shelling.splitlines() if line.startswith("summary:"))
    assert "[size=" not in summary  # ACLED's coding notes stay in the body only
    assert "Several houses were damaged. [size=no report]\n" in shelling
    place = (content / "places/kharkiv.md").read_text()
    assert "latitude: 49.9935\nlongitude: 36.2304\n" in place
    assert "region: Kharkivska\n" in place
    assert (
        "kind: organisation" in (content / "actors/military-forces-of-russia-2000.md").read_text()
    )
    assert "kind: armed-group" in (content / "actors/wagner-group.md").read_text()
    assert "kind: state" in (content / "actors/government-of-russia-2000.md").read_text()


def test_importing_again_adds_nothing(project: Path) -> None:
    assert chronicle(project, "import", str(EVENTS)).returncode == 0
    once = snapshot(project)
    again = chronicle(project, "import", str(EVENTS))
    assert again.returncode == 0, again.stderr
    assert "0 entries, 0 actors, 0 places and 0 topics created; 3 events already" in again.stderr
    assert snapshot(project) == once


def test_rows_without_an_event_id_get_a_stable_hash_id(project: Path, tmp_path: Path) -> None:
    header, table = rows()
    header.remove("event_id_cnty")
    for row in table:
        del row["event_id_cnty"]
    source = write_csv(tmp_path / "no-ids.csv", header, table)
    assert chronicle(project, "import", str(source)).returncode == 0
    once = snapshot(project)
    table[0]["notes"] += " An edited note is a different event."
    write_csv(source, header, table)
    again = chronicle(project, "import", str(source))
    assert again.returncode == 0
    assert "1 entry, 0 actors, 0 places and 0 topics created; 2 events already" in again.stderr
    assert len(snapshot(project)) == len(once) + 1


def test_a_name_listed_as_an_alias_joins_the_existing_actor(project: Path) -> None:
    kirby = project / "content/actors/john-kirby.md"
    kirby.write_text(kirby.read_text().replace(
        "aliases: [Kirby]", 'aliases: [Kirby, "Military Forces of Russia (2000-)"]'
    ))  # fmt: skip  # not true to life; any actor will do
    assert chronicle(project, "import", str(EVENTS)).returncode == 0
    assert not (project / "content/actors/military-forces-of-russia-2000.md").exists()
    entry = project / "content/articles/2022/2022-03-30-armed-clash-irpin-ukr9002.md"
    assert "- john-kirby\n" in entry.read_text()


def test_a_known_place_is_reused_when_the_event_is_near_it(project: Path, tmp_path: Path) -> None:
    header, table = rows()
    near = dict(table[0], event_id_cnty="UKR9005", location="Kiev", admin1="Kyiv City",
                latitude="50.45", longitude="30.52")  # fmt: skip  # `Kiev` is an alias of kyiv
    far = dict(near, event_id_cnty="UKR9006", location="Kyiv", admin1="Elsewhere",
               latitude="48.0", longitude="37.0")  # fmt: skip  # same name, 300 km away
    source = write_csv(tmp_path / "kyiv.csv", header, [near, far])
    assert chronicle(project, "import", str(source)).returncode == 0
    articles = project / "content/articles/2022"
    assert "places:\n- kyiv\n" in (articles / "2022-03-29-shelling-artillery-missile-attack-kiev"
                                    "-ukr9005.md").read_text()  # fmt: skip
    assert "places:\n- kyiv-elsewhere\n" in (articles / "2022-03-29-shelling-artillery-missile"
                                              "-attack-kyiv-ukr9006.md").read_text()  # fmt: skip
    assert sorted(p.name for p in (project / "content/places").iterdir()) == [
        "kyiv-elsewhere.md", "kyiv.md"
    ]  # fmt: skip


def test_one_name_in_two_regions_makes_two_places(project: Path, tmp_path: Path) -> None:
    header, table = rows()
    twin = dict(table[0], event_id_cnty="UKR9004", admin1="Kyivska", latitude="50.1",
                longitude="30.2")  # fmt: skip
    source = write_csv(tmp_path / "twins.csv", header, [table[0], twin])
    assert chronicle(project, "import", str(source)).returncode == 0
    places = project / "content/places"
    assert "region: Kharkivska" in (places / "kharkiv.md").read_text()
    assert "region: Kyivska" in (places / "kharkiv-kyivska.md").read_text()


def test_malformed_rows_are_reported_by_line_and_nothing_is_written(
    project: Path, tmp_path: Path
) -> None:
    header, table = rows()
    table[0] |= {"event_id_cnty": "X1", "event_date": "2022-13-01", "fatalities": "many"}
    table[1] |= {"event_id_cnty": "X2", "latitude": "north", "actor1": ""}
    table[2] |= {"event_id_cnty": "X3", "event_date": "2099-01-01"}
    source = write_csv(tmp_path / "bad.csv", header, table)
    with source.open("a", encoding="utf-8") as f:
        f.write("X4,29 March 2022,only,four\n")
    before = snapshot(project)
    result = chronicle(project, "import", str(source))
    assert result.returncode == 1
    # Line 1 is the header; the second event's notes span lines 3 and 4.
    assert result.stderr.splitlines() == [
        "bad.csv:2: event_date: expected a date like 2022-03-29 or 29 March 2022, "
        "found '2022-13-01'",
        "bad.csv:2: fatalities: expected a whole number of 0 or more, found 'many'",
        "bad.csv:3: actor1: required value is missing",
        "bad.csv:3: latitude: expected a number from -90 to 90, found 'north'",
        "bad.csv:5: date: 2099-01-01 is in the future; record events that happened "
        "(in 2099-01-01-agreement-istanbul-x3.md)",
        "bad.csv:6: row has 4 values; the header has 31",
        "6 errors in 1 file; nothing was written.",
    ]
    assert snapshot(project) == before


def test_a_missing_column_is_named(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "thin.csv"
    source.write_text("event_date,location\n29 March 2022,Kyiv\n", encoding="utf-8")
    result = chronicle(project, "import", str(source))
    assert result.returncode == 1
    assert result.stderr.startswith(
        "thin.csv:1: missing column(s) event_type, sub_event_type, actor1, country, "
        "latitude, longitude, source; found event_date, location"
    )


def test_dry_run_writes_nothing_and_a_missing_file_is_a_usage_error(project: Path) -> None:
    before = snapshot(project)
    dry = chronicle(project, "import", "--dry-run", str(EVENTS))
    assert dry.returncode == 0
    assert "would create content/places/kharkiv.md" in dry.stdout
    assert snapshot(project) == before
    missing = chronicle(project, "import", "nope.csv")
    assert missing.returncode == 2
    assert "no such file: nope.csv" in missing.stderr


def test_imported_events_are_published(project: Path) -> None:
    assert chronicle(project, "import", str(EVENTS)).returncode == 0
    built = chronicle(project, "build")
    assert built.returncode == 0, built.stderr
    place = (project / "site/places/kharkiv/index.html").read_text(encoding="utf-8")
    assert "shelling-artillery-missile-attack-kharkiv-ukr9001" in place


def test_import_as_drafts_for_review(project: Path) -> None:
    assert chronicle(project, "import", "--draft", str(EVENTS)).returncode == 0
    entry = project / "content/articles/2022/2022-03-30-armed-clash-irpin-ukr9002.md"
    assert "\ndraft: true\n" in entry.read_text()
    built = chronicle(project, "build")
    assert built.returncode == 0, built.stderr
    assert not (project / "site/entries/armed-clash-irpin-ukr9002").exists()


def test_events_at_a_long_place_name_keep_their_whole_ids(project: Path, tmp_path: Path) -> None:
    header, table = rows()
    long_name = "Novooleksandrivka Druha (Kramatorsk district, Donetsk oblast, near the river)"
    first, second = dict(table[0]), dict(table[0])
    first.update(location=long_name, event_id_cnty="UKR123456")
    second.update(location=long_name, event_id_cnty="UKR123457")
    source = write_csv(tmp_path / "long.csv", header, [first, second])
    result = chronicle(project, "import", str(source))
    assert result.returncode == 0, result.stderr
    assert "2 entries" in result.stderr
    made = [p.stem for p in (project / "content" / "articles").rglob("*.md")]
    assert any(name.endswith("ukr123456") for name in made), made
    assert any(name.endswith("ukr123457") for name in made), made


def test_an_imported_entry_renamed_by_its_editor_is_not_imported_again(project: Path) -> None:
    assert chronicle(project, "import", str(EVENTS)).returncode == 0
    entry = next(
        p for p in (project / "content" / "articles").rglob("*.md") if "ACLED" in p.read_text()
    )
    entry.rename(entry.with_name(entry.name[:10] + "-renamed-by-an-editor.md"))
    again = chronicle(project, "import", str(EVENTS))
    assert again.returncode == 0, again.stderr
    assert "0 entries, 0 actors, 0 places and 0 topics created; 3 events already" in again.stderr


def test_two_ids_that_make_one_file_name_are_an_error(project: Path, tmp_path: Path) -> None:
    header, table = rows()
    first, second = dict(table[0]), dict(table[0])
    first["event_id_cnty"], second["event_id_cnty"] = "UKR-1", "UKR_1"
    before = snapshot(project)
    result = chronicle(
        project, "import", str(write_csv(tmp_path / "alike.csv", header, [first, second]))
    )
    assert result.returncode == 1
    assert "alike.csv:3: event_id_cnty: event 'UKR_1' would be written to" in result.stderr
    assert "as event 'UKR-1' (line 2) is" in result.stderr
    assert snapshot(project) == before


def place(project: Path, ident: str, name: str, lat: float, lon: float) -> None:
    text = (
        f"---\nname: {name}\nkind: city\ncountry: Ukraine\nlatitude: {lat}\nlongitude: {lon}\n---\n"
    )
    (project / "content" / "places" / f"{ident}.md").write_text(text, encoding="utf-8")


def test_of_two_places_that_share_a_name_the_one_where_it_happened_is_used(
    project: Path,
) -> None:
    place(project, "irpin-far", "Irpin", 48.0, 37.0)
    place(project, "irpin-near", "Irpin", 50.52, 30.25)  # where the fixture's clash was
    result = chronicle(project, "import", str(EVENTS))
    assert result.returncode == 0, result.stderr
    entries = (project / "content" / "articles").rglob("*irpin*.md")
    assert [("places:\n- irpin-near\n" in p.read_text()) for p in entries] == [True]
    assert not (project / "content" / "places" / "irpin.md").exists()


def test_an_actor_name_two_actors_share_is_not_guessed(project: Path, tmp_path: Path) -> None:
    header, table = rows()
    shared = table[0]["actor1"]
    for ident in ("forces-a", "forces-b"):
        text = f"---\nname: {shared}\nkind: state\n---\n"
        (project / "content" / "actors" / f"{ident}.md").write_text(text, encoding="utf-8")
    before = snapshot(project)
    result = chronicle(project, "import", str(write_csv(tmp_path / "one.csv", header, table[:1])))
    assert result.returncode == 1
    assert "one.csv:2: actor: " in result.stderr
    assert "names more than one actor here ('forces-a' and 'forces-b')" in result.stderr
    assert snapshot(project) == before


def test_an_event_whose_entry_id_another_entry_has_is_an_error(
    project: Path, tmp_path: Path
) -> None:
    header, table = rows()
    assert chronicle(project, "import", str(EVENTS)).returncode == 0
    again = dict(table[0], event_id_cnty=table[0]["event_id_cnty"].replace("UKR", "ukr"))
    result = chronicle(project, "import", str(write_csv(tmp_path / "alike.csv", header, [again])))
    assert result.returncode == 1
    assert "an id 2022-03-29-" in result.stderr and "already has" in result.stderr


def test_a_long_event_id_keeps_the_entry_id_within_its_length() -> None:
    from generator import importer, slugs  # noqa: PLC0415
    from generator.acled import read_events  # noqa: PLC0415

    event = read_events(EVENTS, [])[0]
    long = replace(event, ident="X" * 85)
    made = importer.entry_id(long)
    assert len(made) <= slugs.SLUG_LENGTH
    assert made.startswith("shelling") and "-event-" in made
    assert made != importer.entry_id(replace(event, ident="X" * 84))
