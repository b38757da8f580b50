"""Data exports: published records only, CSV that parses, JSON that round-trips."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import build, exports
from tests.conftest import ROOT, project_settings

DRAFT = """---
title: "An unpublished entry that must not be exported"
date: 2022-03-30
summary: "A draft."
actors: [john-kirby]
places: [kyiv]
sources:
  - name: "A report"
quotes:
  - id: secret
    by: john-kirby
    text: "Words not yet published."
draft: true
---
Draft body.
"""
FORMULA = """---
title: "=HYPERLINK(\\"http://example.invalid\\")"
date: 2022-03-30
summary: "-1 looks like a number but is text."
actors: [john-kirby]
sources:
  - name: "@mention"
  - name: "Agency;=cmd|' /C calc'!A0"
quotes:
  - id: reply
    by: john-kirby
    text: "A published answer to a draft."
    stance: denial
    responds_to: unpublished#secret
---
Body.
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content plus a draft and a formula-like entry, generated once."""
    tmp = tmp_path_factory.mktemp("exports")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    articles = content / "articles" / "2022"
    (articles / "2022-03-30-unpublished.md").write_text(DRAFT, encoding="utf-8")
    (articles / "2022-03-30-formula.md").write_text(FORMULA, encoding="utf-8")
    settings = project_settings(tmp, content)
    build.generate(settings)
    return settings.docs / "data"


def published(content: Path) -> list[dict[str, Any]]:
    """Read every article's front matter on our own and keep those not marked draft."""
    found = []
    for path in sorted((content / "articles").rglob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if front.get("draft") is not True:
            found.append(front)
    return found


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_exports_hold_every_published_entry_and_no_draft(data: Path) -> None:
    expected = published(data.parent.parent / "content")
    entries = json.loads((data / "entries.json").read_text(encoding="utf-8"))
    assert len(entries) == len(expected) > 1
    assert len(rows(data / "entries.csv")) == len(expected)
    assert "unpublished" not in {e["id"] for e in entries}
    assert sorted(e["title"] for e in entries) == sorted(f["title"] for f in expected)


def test_actors_and_places_are_every_record_with_published_counts(data: Path) -> None:
    content = data.parent.parent / "content"
    actors = json.loads((data / "actors.json").read_text(encoding="utf-8"))
    places = json.loads((data / "places.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in actors] == sorted(p.stem for p in (content / "actors").glob("*.md"))
    assert [p["id"] for p in places] == sorted(p.stem for p in (content / "places").glob("*.md"))
    kyiv = next(p for p in places if p["id"] == "kyiv")
    # Kyiv is named by three published entries and by the draft, which does not count.
    assert kyiv["entries"] == 3
    assert (kyiv["latitude"], kyiv["longitude"]) == (50.4501, 30.5234)
    assert [r["id"] for r in rows(data / "places.csv")] == [p["id"] for p in places]
    assert float(rows(data / "places.csv")[-1]["longitude"]) == -77.0369


def test_topics_are_every_topic_file_and_tag_with_names_and_published_counts(
    data: Path,
) -> None:
    content = data.parent.parent / "content"
    topics = json.loads((data / "topics.json").read_text(encoding="utf-8"))
    tags = {t for front in published(content) for t in front.get("tags", [])}
    files = {p.stem for p in (content / "topics").glob("*.md")}
    assert [t["id"] for t in topics] == sorted(tags | files)
    us = next(t for t in topics if t["id"] == "us-response")
    assert us["name"] == "US response" and us["url"] == "topics/us-response/"
    assert us["entries"] == sum("us-response" in f.get("tags", []) for f in published(content))
    assert [r["name"] for r in rows(data / "topics.csv")] == [t["name"] for t in topics]


def test_json_round_trips_and_csv_tables_agree_with_it(data: Path) -> None:
    for path in sorted(data.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        records = json.loads(text)
        # One record a line, between the brackets: diffs show the records that changed.
        assert text.splitlines()[1:-1] == [
            json.dumps(r, ensure_ascii=False) + ("," if i < len(records) - 1 else "")
            for i, r in enumerate(records)
        ]
    entries = json.loads((data / "entries.json").read_text(encoding="utf-8"))
    quotes = rows(data / "quotes.csv")
    assert len(quotes) == sum(len(e["quotes"]) for e in entries)
    kirby = next(q for q in quotes if q["id"] == "repositioning")
    assert kirby["responds_to"] == "russia-reduces-kyiv-activity#good-faith"
    assert kirby["stance"] == "assessment" and kirby["by"] == "john-kirby"
    assert len(rows(data / "sources.csv")) == sum(len(e["sources"]) for e in entries)
    for name, columns in (
        ("entries", exports.ENTRY_COLUMNS),
        ("actors", exports.ACTOR_COLUMNS),
        ("topics", exports.TOPIC_COLUMNS),
    ):
        with (data / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            assert tuple(next(csv.reader(handle))) == columns


def test_csv_cells_cannot_start_a_formula_but_json_keeps_the_text(data: Path) -> None:
    entry = next(r for r in rows(data / "entries.csv") if r["id"] == "formula")
    assert entry["title"] == '\'=HYPERLINK("http://example.invalid")'
    assert entry["summary"] == "'-1 looks like a number but is text."
    source = next(r for r in rows(data / "sources.csv") if r["entry"] == "formula")
    assert source["name"] == "'@mention"
    exact = next(e for e in json.loads((data / "entries.json").read_text()) if e["id"] == "formula")
    assert exact["title"] == '=HYPERLINK("http://example.invalid")'
    assert exports.cell(-77.0369) == -77.0369
    assert exports.cell(["a", "b"]) == "a; b"
    assert exports.cell(None) == ""


def test_csv_quotes_commas_and_newlines() -> None:
    text = exports.to_csv(("a", "b"), [{"a": 'one, "two"', "b": "line\nbreak"}])
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["a", "b"],
        ['one, "two"', "line\nbreak"],
    ]


def test_data_page_links_the_files_of_the_built_site(example_site: Path) -> None:
    page = (example_site / "data" / "index.html").read_text(encoding="utf-8")
    for name in ("entries.json", "entries.csv", "quotes.csv", "actors.json", "places.csv"):
        assert f'href="{name}"' in page
        assert (example_site / "data" / name).is_file()
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/"' in home  # the About section of the navigation links the page


def test_same_content_gives_byte_identical_data_feeds_and_charts(
    data: Path, tmp_path: Path
) -> None:
    """A second run in another folder writes the same bytes: no clock, no paths, no order."""
    first = data.parent
    settings = project_settings(tmp_path, first.parent / "content")
    build.generate(settings)
    again = settings.docs
    names = [p.relative_to(first) for p in sorted(first.rglob("*")) if p.is_file()]
    ours = [n for n in names if n.parts[0] == "data" or n.name.startswith("feed")]
    assert len(ours) >= 8 + 3
    for name in [*ours, Path("index.md"), Path("actors/john-kirby.md"), Path("places/index.md")]:
        assert (again / name).read_bytes() == (first / name).read_bytes(), name


def test_no_draft_leaks_into_the_data_files(data: Path) -> None:
    for path in sorted(data.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert "unpublished" not in text and "Words not yet published" not in text, path
    reply = next(r for r in rows(data / "quotes.csv") if r["id"] == "reply")
    assert reply["responds_to"] == "" and reply["stance"] == "denial"


def test_a_rebuild_exports_only_changed_entries_and_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Earlier runs' exports are kept on disk: a rebuild makes only the changed entry's."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = project_settings(tmp_path / "kept", content)
    build.generate(settings)
    record = content / "articles" / "2022" / "2022-03-29-kirby-repositioning.md"
    record.write_text(record.read_text("utf-8").replace('title: "', 'title: "Edited, ', 1), "utf-8")
    made: list[str] = []
    real = exports.entry

    def entry(article: Any, *args: Any) -> dict[str, Any]:
        made.append(article.slug)
        return real(article, *args)

    monkeypatch.setattr(exports, "entry", entry)
    build.generate(settings)
    assert made == ["kirby-repositioning"]
    fresh = project_settings(tmp_path / "fresh", content)
    build.generate(fresh, reuse=False)
    files = sorted(p.name for p in (fresh.docs / "data").iterdir())
    assert "entries.json" in files and "quotes.csv" in files
    for name in files:
        assert (settings.docs / "data" / name).read_bytes() == (
            fresh.docs / "data" / name
        ).read_bytes(), name
    assert "Edited, " in (settings.docs / "data" / "entries.json").read_text("utf-8")


def test_no_cell_starts_a_formula_where_a_spreadsheet_splits_lines_at_semicolons(
    data: Path,
) -> None:
    """Excel in many European locales reads a .csv with `;` as the separator."""
    for table in ("entries", "quotes", "sources", "actors", "places", "topics"):
        text = (data / f"{table}.csv").read_text(encoding="utf-8")
        cells = [cell for line in text.splitlines() for cell in line.split(";")]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))], table
    source = [r for r in rows(data / "sources.csv") if r["entry"] == "formula"][1]
    assert source["name"] == "Agency; =cmd|' /C calc'!A0"
