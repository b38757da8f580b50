"""A full build shared out between MkDocs processes publishes what one process would."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator import build, shards, site, swap, synthetic
from generator.settings import Settings
from tests.conftest import project_settings
from tests.helpers import tree

pytestmark = pytest.mark.slow


def make(tmp: Path) -> Settings:
    synthetic.write_corpus(tmp, 40, seed=3)
    return project_settings(tmp, tmp / "content")


def test_a_build_in_three_processes_is_the_same_site_as_in_one(tmp_path: Path) -> None:
    built = {}
    for workers in (1, 3):
        settings = make(tmp_path / str(workers))
        result = build.generate(settings)
        epoch = site.content_epoch(result.chronicle)
        site.build_site(settings, epoch=epoch, workers=workers)
        built[workers] = tree(settings.site)
    one, three = built[1], built[3]
    assert sorted(one) == sorted(three)
    assert [name for name in one if one[name] != three[name]] == []
    assert sum(name.endswith("index.html") for name in one) > 60
    # The shares' own folders are set aside and removed in the background.
    for workers in (1, 3):
        left = swap.old_trees((tmp_path / str(workers)) / "site")
        deadline = time.monotonic() + 60
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = [p for p in left if p.exists()]
        assert left == []
    assert not list(tmp_path.rglob(".site-*"))


def test_a_warning_in_any_share_fails_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    settings = make(tmp_path)
    build.generate(settings)
    site.build_site(settings, workers=1)
    published = tree(settings.site)
    # Pages are dealt out in file order: the third page is the third share's first.
    pages = sorted(p.relative_to(settings.docs).as_posix() for p in settings.docs.rglob("*.md"))
    third = settings.docs / pages[2]
    markdown = third.read_text("utf-8").replace("cc_html: true\n", "")  # Markdown, not HTML
    third.write_text(markdown + "\n[gone](no-such-page.md)\n", "utf-8")
    with pytest.raises(site.SiteBuildFailed, match="no-such-page"):
        site.build_site(settings, workers=3)
    assert tree(settings.site) == published
    assert [p.name for p in settings.site.parent.iterdir() if p.name.startswith(".site")] == []


def test_failures_in_two_shares_are_reported_together(tmp_path: Path) -> None:
    settings = make(tmp_path)
    build.generate(settings)
    pages = sorted(p.relative_to(settings.docs).as_posix() for p in settings.docs.rglob("*.md"))
    for page, target in ((pages[1], "first-gone.md"), (pages[2], "second-gone.md")):
        path = settings.docs / page  # the second and the third share's first pages
        markdown = path.read_text("utf-8").replace("cc_html: true\n", "")
        path.write_text(markdown + f"\n[gone]({target})\n", "utf-8")
    with pytest.raises(site.SiteBuildFailed) as failed:
        site.build_site(settings, workers=3)
    assert "first-gone" in str(failed.value) and "second-gone" in str(failed.value)


def test_placeholders_stand_newer_than_their_sources(tmp_path: Path) -> None:
    """MkDocs' dirty mode builds a page whose output is older than its source: never these."""
    source = tmp_path / "docs" / "a.md"
    source.parent.mkdir()
    source.write_text("# A\n")
    shards._placeholders(tmp_path / "out", ["a/index.html", "a/b/index.html", "x.css"])
    made = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*"))
    assert made == ["a", "a/b", "a/b/index.html", "a/index.html", "x.css"]
    for name in ("a/index.html", "a/b/index.html", "x.css"):
        placeholder = tmp_path / "out" / name
        assert placeholder.stat().st_size == 0
        assert placeholder.stat().st_mtime > source.stat().st_mtime + 86_400


def test_small_sites_build_in_one_process_and_large_ones_on_every_core() -> None:
    assert shards.workers(100, cores=8) == 1
    assert shards.workers(shards.PAGES_A_SHARE * 2, cores=8) == 2
    assert shards.workers(50_000, cores=2) == 2
    assert shards.workers(50_000, cores=1) == 1
