"""Putting a new site in place: by renames, the old one back on failure, removed later."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator import build, site, swap
from tests.conftest import project_settings
from tests.helpers import ended_process, tree


def test_a_replaced_site_is_removed_in_the_background(tmp_path: Path) -> None:
    """The new site is in place at once; the old one, and earlier leftovers, go after."""
    settings = project_settings(tmp_path)
    build.generate(settings)
    (site.build_site(settings) / "stale.txt").write_text("from the first build", "utf-8")
    cut_short = settings.site.with_name(f".{settings.site.name}-old-1-1")
    (cut_short / "page").mkdir(parents=True)  # a removal a reboot interrupted
    site.build_site(settings)
    assert (settings.site / "index.html").is_file()
    assert not (settings.site / "stale.txt").exists()
    deadline = time.monotonic() + 60
    while swap.old_trees(settings.site) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert swap.old_trees(settings.site) == []


def test_where_no_process_can_start_the_old_site_is_removed_before_returning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site is published by then: a remover that cannot start must not fail the build."""
    trees = [tmp_path / ".site-old-1-1", tmp_path / ".site-old-2-2"]
    for old in trees:
        (old / "page").mkdir(parents=True)
    monkeypatch.setattr(swap.sys, "executable", str(tmp_path / "no-such-python"))
    swap.remove_later(trees)
    assert [t for t in trees if t.exists()] == []


def test_a_swap_that_cannot_put_the_new_site_in_place_puts_the_old_one_back(
    tmp_path: Path,
) -> None:
    settings = project_settings(tmp_path)
    build.generate(settings)
    site.build_site(settings)
    published = tree(settings.site)
    with pytest.raises(FileNotFoundError):
        swap.swap(tmp_path / "no-such-build", settings.site)
    assert tree(settings.site) == published
    assert swap.old_trees(settings.site) == []


def test_stopped_between_the_two_renames_the_old_site_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C just after the published site was renamed aside: it comes back (where the
    system cannot swap the two folders in one step)."""
    monkeypatch.setattr(swap, "exchange", lambda first, second: False)
    target, new = tmp_path / "site", tmp_path / "new"
    (target / "page").mkdir(parents=True)
    new.mkdir()
    renames = []
    real = Path.rename

    def rename(self: Path, to: Path) -> Path:
        done = real(self, to)
        renames.append(self)
        if self == target and len(renames) == 1:
            raise KeyboardInterrupt
        return done

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        swap.swap(new, target)
    assert (target / "page").is_dir() and new.is_dir()
    assert swap.old_trees(target) == []


def test_a_failed_build_keeps_a_site_set_aside_by_another_build(tmp_path: Path) -> None:
    """A build killed between the renames leaves the published site aside, its only copy;
    the next build that fails must not remove it (only a build that succeeds does)."""
    settings = project_settings(tmp_path)
    build.generate(settings)
    site.build_site(settings)
    killed = settings.site.with_name(f".{settings.site.name}-old-1-1")
    settings.site.rename(killed)
    (settings.docs / "about.md").write_text("[gone](no-such-page.md)\n", "utf-8")
    with pytest.raises(site.SiteBuildFailed):
        site.build_site(settings)
    assert (killed / "index.html").is_file()


def test_sweep_removes_the_scratch_folders_of_builds_no_longer_running(tmp_path: Path) -> None:
    """A build killed outright (`kill -9`) leaves its folders; the next build's sweep
    removes them, and nothing else beside the site."""
    target = tmp_path / "site"
    gone, running = ended_process(), os.getpid()
    left = [tmp_path / f".site-{kind}-{gone}-a1b2_c3d" for kind in swap.SCRATCH]
    kept = [
        tmp_path / f".site-staging-{running}-x9y8z7w6",  # a build still at work
        tmp_path / f".site-old-{gone}-1",  # a set-aside site: `swap` removes those
        tmp_path / ".site-notes",  # an editor's
        tmp_path / f".site-drafts-{gone}-a1b2c3d4",  # not a kind of ours
        tmp_path / f".other-staging-{gone}-a1b2c3d4",  # beside another site
    ]
    for folder in left + kept:
        (folder / "page").mkdir(parents=True)
    swap.sweep(target)
    assert [f.name for f in left if f.exists()] == []
    assert [f.name for f in kept if not f.exists()] == []


def test_a_scratch_folder_is_named_for_its_process_and_readable(tmp_path: Path) -> None:
    folder = swap.scratch_folder(tmp_path / "site", "search")
    assert folder.parent == tmp_path
    assert folder.name.startswith(f".site-search-{os.getpid()}-")
    assert folder.stat().st_mode & 0o777 == 0o755
    swap.sweep(tmp_path / "site")  # this process is running: its folder stays
    assert folder.is_dir()


def test_where_the_system_can_the_site_is_in_place_at_every_step_of_a_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renamed aside, then replaced: between the two renames there was no site (a reader
    got an error; a build killed then left none until the next build)."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "was-a").touch()
    if not swap.exchange(first, second):
        pytest.skip("this system cannot swap two folders in one step")
    assert (second / "was-a").exists() and not (first / "was-a").exists()
    target, new = tmp_path / "site", tmp_path / "new"
    (target / "old-page").mkdir(parents=True)
    (new / "new-page").mkdir(parents=True)
    there = []
    real = Path.rename

    def rename(self: Path, to: Path) -> Path:
        there.append(target.is_dir())
        return real(self, to)

    monkeypatch.setattr(Path, "rename", rename)
    swap.swap(new, target)
    assert there == [True]  # one rename, the old tree's, aside: the site was there
    assert (target / "new-page").is_dir() and not new.exists()
    assert [t.name.startswith(".site-old-") for t in swap.old_trees(target)] in ([], [True])
