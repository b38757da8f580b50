"""The search index: made again when its documents change, kept as published when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build, search, search_index, site, synthetic
from generator.settings import Settings
from tests.conftest import project_settings
from tests.helpers import search_fragments
from tests.test_scale import add_record

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A small synthetic chronicle, built once."""
    synthetic.write_corpus(tmp_path, 60, seed=1)
    built = project_settings(tmp_path, tmp_path / "content")
    build.generate(built)
    site.build_site(built)
    return built


def indexer(settings: Settings, reuse: bool = True) -> search_index.Indexer:
    return search_index.Indexer(search.source_folder(settings.docs), settings.site, reuse=reuse)


def test_a_rebuild_with_the_same_search_documents_keeps_the_published_index(
    settings: Settings, pagefind_runs: list[tuple[Path, bool]]
) -> None:
    entry = settings.site / "pagefind" / "pagefind-entry.json"
    before = entry.stat().st_ino
    build.generate(settings, index=True).indexer.cancel()  # type: ignore[union-attr]
    site.build_site(settings, incremental=True)
    assert pagefind_runs == []
    assert entry.stat().st_ino == before  # linked into the new site, not written again
    assert "/entries/" in "".join(search_fragments(settings.site))


def test_adding_an_entry_indexes_again_and_finds_it(
    settings: Settings, pagefind_runs: list[tuple[Path, bool]]
) -> None:
    add_record(settings, "added-entry", "2023-06-15")
    build.generate(settings)
    site.build_site(settings, incremental=True)
    assert [source for source, _ in pagefind_runs] == [search.source_folder(settings.docs)]
    assert "/entries/added-entry/" in search_fragments(settings.site)
    assert indexer(settings).kept


def test_an_index_made_beside_the_build_is_kept_by_the_next_rebuild(settings: Settings) -> None:
    """Documents written this run: Pagefind starts at once, their digest is taken later."""
    add_record(settings, "added-entry", "2023-06-15")
    result = build.generate(settings, index=True)
    assert result.indexer is not None and not result.indexer.kept
    site.build_site(settings, incremental=True, indexer=result.indexer)
    assert "/entries/added-entry/" in search_fragments(settings.site)
    assert indexer(settings).kept


def test_an_index_not_published_is_not_trusted(settings: Settings) -> None:
    add_record(settings, "added-entry", "2023-06-15")
    result = build.generate(settings, index=True)
    assert result.indexer is not None and not result.indexer.kept
    staging = settings.site.with_name("staging")
    staging.mkdir()
    result.indexer.finish(staging)  # the build fails here, before the swap
    assert not indexer(settings).kept
    site.build_site(settings, incremental=True)
    assert indexer(settings).kept


def test_a_clean_build_or_a_missing_index_indexes_again(settings: Settings) -> None:
    assert indexer(settings).kept
    assert not indexer(settings, reuse=False).kept
    (settings.site / "pagefind" / "pagefind-entry.json").unlink()
    assert not indexer(settings).kept
