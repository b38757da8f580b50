"""Search documents: what Pagefind indexes, with record values escaped in text and attributes."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import build, search
from tests.conftest import ROOT, project_settings
from tests.helpers import copy_mini, parse_html

HOSTILE = 'Kirby & "Sons" "><img src=x onerror=alert(1)>'


def test_a_hostile_actor_name_is_a_filter_value_not_markup(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    actor = content / "actors" / "john-kirby.md"
    actor.write_text(actor.read_text().replace("name: John Kirby", f"name: '{HOSTILE}'"))
    settings = project_settings(tmp_path, content)
    result = build.generate(settings)
    name = result.chronicle.actors["john-kirby"].name  # as the chronicle holds it
    doc = search.source_folder(settings.docs) / "entries" / "kirby-repositioning" / "index.html"
    parser = parse_html(doc.read_text(encoding="utf-8"))
    assert "img" not in parser.names
    filters = [a for tag, a in parser.tags if a.get("data-pagefind-filter") == "actor[data-value]"]
    # Pagefind's filter list shows values as HTML: they carry look-alikes of < > & " '.
    assert {f["data-value"] for f in filters} == {
        search.filter_value(name),
        "US Department of Defense",
    }
    assert "onerror" in name and not set("<>&\"'") & set(search.filter_value(name))


def test_documents_sit_at_the_published_address_of_their_page(tmp_path: Path) -> None:
    settings = project_settings(tmp_path)
    build.generate(settings)
    folder = search.source_folder(settings.docs)
    found = {p.parent.relative_to(folder).as_posix() for p in folder.rglob("index.html")}
    assert "entries/kirby-repositioning" in found
    assert "actors/john-kirby" in found and "places/kyiv" in found
    assert not any(f.startswith("timeline") for f in found)


def test_pagefind_yields_to_a_full_build_not_to_a_rebuild(
    tmp_path: Path, pagefind_runs: list[tuple[Path, bool]]
) -> None:
    """A build that renders every page runs Pagefind behind it; a rebuild, which renders
    a few pages and then waits for the index, does not."""
    settings = project_settings(tmp_path)
    for run in range(2):
        result = build.generate(settings, index=True)
        assert result.indexer is not None
        staging = tmp_path / f"staging-{run}"
        staging.mkdir()
        result.indexer.finish(staging)  # never published (`published`): indexed again
    assert [behind for _, behind in pagefind_runs] == [True, False]


def test_an_entrys_corrections_and_sources_are_searched_too(tmp_path: Path) -> None:
    """A reader searching "corrected", or an outlet's name, found nothing: the page shows
    them, the search document left them out."""
    settings = project_settings(tmp_path, copy_mini(tmp_path))
    build.generate(settings)
    doc = search.source_folder(settings.docs) / "entries" / "kirby-repositioning" / "index.html"
    text = doc.read_text(encoding="utf-8")
    assert "<p>Corrected the time of the briefing.</p>" in text
    assert "<p>A news report</p>" in text
