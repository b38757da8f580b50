"""The search index in shards: a rebuild indexes only the shards whose documents changed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator import build, search, search_index, site, synthetic
from generator.settings import Settings
from tests.conftest import project_settings
from tests.helpers import search_bundles, search_fragments, tree
from tests.test_scale import add_record

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A small synthetic chronicle of three years, built once."""
    synthetic.write_corpus(tmp_path, 60, seed=1)
    built = project_settings(tmp_path, tmp_path / "content")
    build.generate(built)
    site.build_site(built)
    return built


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The shards Pagefind is started on, in order."""
    names: list[str] = []
    real = search_index.start

    def start(source: Path, output: Path, behind: bool) -> subprocess.Popen[bytes]:
        names.append(source.name)
        return real(source, output, behind)

    monkeypatch.setattr(search_index, "start", start)
    return names


def latest_day(settings: Settings) -> str:
    return max(p.name[:10] for p in (settings.content / "articles").rglob("*.md"))


def test_the_built_index_has_a_bundle_a_shard(settings: Settings) -> None:
    bundles = search_bundles(settings.site)
    names = [b.name for b in bundles[1:]]
    latest = latest_day(settings)
    assert names[:2] == ["entries-2022", "entries-2023"]
    assert f"entries-{latest[:7]}" in names and all(
        n.startswith("entries-2024-") for n in names[2:]
    )
    # Merged bundles carry only their index: the search page loads Pagefind's scripts once.
    assert (bundles[0] / "pagefind-ui.js").is_file()
    assert not any(b.suffix in (".js", ".css", ".pagefind") for b in bundles[1].iterdir())


def test_adding_todays_entry_reindexes_only_its_month(
    settings: Settings, started: list[str]
) -> None:
    day = latest_day(settings)
    published = tree(settings.site)
    add_record(settings, "added-entry", day)
    result = build.generate(settings, index=True)
    assert result.indexer is not None
    staging = settings.site.with_name("staging")
    staging.mkdir()
    result.indexer.finish(staging)
    assert started == [f"entries-{day[:7]}"]
    assert tree(settings.site) == published  # kept bundles are linked, never written through
    assert "/entries/added-entry/" in search_fragments(staging)
    kept = staging / "pagefind" / "entries-2022" / "pagefind-entry.json"
    assert kept.stat().st_ino == (settings.site / kept.relative_to(staging)).stat().st_ino


def test_a_bundle_not_published_is_not_trusted_next_time(
    settings: Settings, started: list[str]
) -> None:
    add_record(settings, "added-entry", "2023-06-15")
    result = build.generate(settings, index=True)
    assert result.indexer is not None
    staging = settings.site.with_name("staging")
    staging.mkdir()
    result.indexer.finish(staging)  # the build fails here, before the swap
    source = search.source_folder(settings.docs)
    assert search_index.Indexer(source, settings.site).indexed == ["entries-2023"]
    site.build_site(settings, incremental=True)
    assert started[-1] == "entries-2023"
    assert search_index.Indexer(source, settings.site).indexed == []


def test_a_clean_build_or_a_missing_bundle_indexes_again(settings: Settings) -> None:
    source = search.source_folder(settings.docs)
    every = [s.name for s in search_index.shards(source)]
    assert search_index.Indexer(source, settings.site).indexed == []
    assert search_index.Indexer(source, settings.site, reuse=False).indexed == every
    for bundle in search_bundles(settings.site)[1:2]:
        (bundle / "pagefind-entry.json").unlink()
    assert search_index.Indexer(source, settings.site).indexed == ["entries-2022"]


def test_an_entry_in_a_new_year_makes_the_last_one_a_shard(
    settings: Settings, started: list[str]
) -> None:
    (settings.content / "articles" / "2025").mkdir()
    add_record(settings, "new-year", "2025-01-02")
    build.generate(settings)
    site.build_site(settings, incremental=True)
    assert started == ["entries-2024", "entries-2025-01"]
    names = [b.name for b in search_bundles(settings.site)[1:]]
    assert names == ["entries-2022", "entries-2023", "entries-2024", "entries-2025-01"]
