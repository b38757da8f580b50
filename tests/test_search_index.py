"""The search index: made again when its documents change, kept as published when not."""

from __future__ import annotations

import subprocess
import sys
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
    # Readable by a web server that runs as another user, as the rest of the site.
    assert (settings.site / "pagefind").stat().st_mode & 0o777 == 0o755


def indexing_an_added_entry(settings: Settings) -> search_index.Indexer:
    """Add an entry and generate: Pagefind indexes the documents again."""
    add_record(settings, "added-entry", "2023-06-15")
    result = build.generate(settings, index=True)
    assert result.indexer is not None and not result.indexer.kept
    return result.indexer


def test_an_index_made_beside_the_build_is_kept_by_the_next_rebuild(settings: Settings) -> None:
    """Documents written this run: Pagefind starts at once, their digest is taken later."""
    site.build_site(settings, incremental=True, indexer=indexing_an_added_entry(settings))
    assert "/entries/added-entry/" in search_fragments(settings.site)
    assert indexer(settings).kept


def test_an_index_not_published_is_not_trusted(settings: Settings) -> None:
    staging = settings.site.with_name("staging")
    staging.mkdir()
    indexing_an_added_entry(settings).finish(staging)  # the build fails here, before the swap
    assert not indexer(settings).kept
    site.build_site(settings, incremental=True)
    assert indexer(settings).kept


def test_a_clean_build_or_a_missing_index_indexes_again(settings: Settings) -> None:
    assert indexer(settings).kept
    assert not indexer(settings, reuse=False).kept
    (settings.site / "pagefind" / "pagefind-entry.json").unlink()
    assert not indexer(settings).kept


YIELDING = """
import os, sys
from pathlib import Path
from generator import search_index
launched_at = []
started = search_index.start
def start(*args):  # in the indexer's thread: the main thread's priority at the launch
    launched_at.append(os.getpriority(os.PRIO_PROCESS, os.getpid()))
    return started(*args)
search_index.start = start
before = os.getpriority(os.PRIO_PROCESS, 0)
behind = sys.argv[3] == "behind"
indexer = search_index.Indexer(Path(sys.argv[1]), Path(sys.argv[2]), behind, reuse=False)
indexer.start(yield_cpu=True)
after = os.getpriority(os.PRIO_PROCESS, 0)
indexer.cancel()
print(before, launched_at[0], after)
"""


@pytest.mark.parametrize("when", ["waited-for", "behind"])
def test_a_build_steps_back_for_pagefind_only_when_it_waits_for_it(
    tmp_path: Path, when: str
) -> None:
    """Pagefind starts at the build's priority; the build then lowers its own (in its
    own process: here a child one), unless Pagefind runs behind the build."""
    source = tmp_path / "docs-search" / "entries" / "one"
    source.mkdir(parents=True)
    (source / "index.html").write_text(
        "<html><body><main data-pagefind-body><h1>One</h1></main></body></html>", "utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-c", YIELDING, str(tmp_path / "docs-search"), str(tmp_path / "site"),
         when],
        capture_output=True, text=True, check=True, cwd=Path(search.__file__).parent.parent,
    )  # fmt: skip
    before, at_launch, after = map(int, done.stdout.split())
    assert at_launch == before
    expected = before if when == "behind" else min(before + search_index.YIELD, 19)
    assert after == expected


def test_a_pagefind_that_cannot_start_fails_the_build_without_hanging_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`start` waits for Pagefind's launch before stepping back: a launch that fails
    ends the wait too, and `finish` reports it."""

    def missing(*_: object) -> None:
        raise FileNotFoundError("pagefind")

    stepped_back: list[bool] = []
    monkeypatch.setattr(search_index, "start", missing)
    monkeypatch.setattr(search_index, "yield_to", lambda: stepped_back.append(True))
    (tmp_path / "docs-search").mkdir()
    indexer = search_index.Indexer(tmp_path / "docs-search", tmp_path / "site", reuse=False)
    indexer.start(yield_cpu=True)
    with pytest.raises(search_index.IndexFailed, match="pagefind"):
        indexer.finish(tmp_path / "staging")
    indexer.cancel()
    assert stepped_back == [True]
