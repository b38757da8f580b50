"""What keeps large chronicles fast: fixed nav, bounded pages, incremental writes and builds.

Timings belong to `make bench`; these tests check the behaviour the timings rest on,
on two synthetic chronicles (generator/synthetic.py) built with the real MkDocs.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from generator import build, incremental_site, linktree, paths, render, site, swap, synthetic
from generator.settings import Settings
from tests.conftest import TODAY, project_settings
from tests.helpers import ROOT, search_fragments, tree

pytestmark = pytest.mark.slow
SMALL, LARGE = 60, 300
NAV_TAG = re.compile(r"<(/?)nav\b")


def make(tmp: Path, n: int) -> Settings:
    synthetic.write_corpus(tmp, n, seed=1)
    return project_settings(tmp, tmp / "content")


def built_small(tmp_path: Path) -> Settings:
    """A small synthetic chronicle, generated and built: a published site to rebuild."""
    settings = make(tmp_path, SMALL)
    build.generate(settings)
    site.build_site(settings)
    return settings


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Settings]:
    """A small and a five times larger synthetic chronicle, each built once."""
    built = {}
    for n in (SMALL, LARGE):
        settings = make(tmp_path_factory.mktemp(f"n{n}"), n)
        build.generate(settings)
        site.build_site(settings)
        built[n] = settings
    return built


def primary_nav(html: str) -> str:
    """Return Material's primary navigation of a page: its <nav> element, nested ones too."""
    start = html.index('<nav class="md-nav md-nav--primary')
    depth = 0
    for tag in NAV_TAG.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start : tag.end()]
    raise AssertionError("unclosed <nav>")


def html_pages(site_dir: Path) -> list[Path]:
    return [p for p in site_dir.rglob("index.html") if "pagefind" not in p.parts]


def test_nav_of_a_page_is_the_same_whatever_the_size(sites: dict[int, Settings]) -> None:
    navs = []
    for settings in sites.values():
        html = (settings.site / "entries").rglob("index.html").__next__().read_text("utf-8")
        navs.append(primary_nav(html))
    assert navs[0] == navs[1]
    assert navs[0].count("md-nav__link") < 30


def test_mean_page_size_does_not_grow_with_the_chronicle(sites: dict[int, Settings]) -> None:
    means = {}
    for n, settings in sites.items():
        pages = html_pages(settings.site)
        means[n] = sum(p.stat().st_size for p in pages) / len(pages)
    # Five times the entries: the mean page may differ a little (more entry pages, fuller
    # days), but a page that carried every entry (a nav of entries) would grow fivefold.
    assert means[LARGE] < 1.2 * means[SMALL], means


def test_no_listing_holds_more_than_one_page_of_entries(sites: dict[int, Settings]) -> None:
    docs = sites[LARGE].docs
    entry_link = re.compile(r'href="(?:\.\./)+entries/[^"#]+/"')
    longest = max(
        (len(entry_link.findall(p.read_text(encoding="utf-8"))), p)
        for folder in ("actors", "places", "topics")
        for p in (docs / folder).rglob("*.md")
    )
    assert longest[0] <= 2 * render.PER_PAGE  # each entry once, its statements at most once
    continued = sorted((docs / "actors").glob("*/page-2.md"))
    assert continued, "the most frequent actor of the larger chronicle has a second page"
    first = paths.actor_path(continued[0].parent.name)
    older = paths.href(first, paths.listing_path(first, 2))
    text = (docs / first).read_text(encoding="utf-8")
    assert f'<a href="{older}">Older</a>' in text
    assert text.count('class="cc-pager"') == 2  # above the list and below it
    assert "the older pages hold earlier statements" in text
    last = sorted(continued[0].parent.glob("page-*.md"), key=lambda p: int(p.stem[5:]))[-1]
    assert "the older pages hold" not in last.read_text(encoding="utf-8")  # there are none
    listed = re.findall(r'<li><time datetime="([^"]+)"', text.split('id="entries"')[1])
    assert listed == sorted(listed, reverse=True)  # newest first, as the pager says
    contested = [docs / "contested.md", *sorted((docs / "contested").glob("page-*.md"))]
    assert len(contested) > 1, "the larger chronicle has more than a page of contested entries"
    for page in contested:
        assert page.read_text(encoding="utf-8").count("<h2>") <= render.CONTESTED_PER_PAGE


def test_a_second_run_rewrites_nothing(tmp_path: Path) -> None:
    settings = make(tmp_path, SMALL)
    build.generate(settings)
    before = {p: p.stat().st_mtime_ns for p in settings.docs.rglob("*") if p.is_file()}
    again = build.generate(settings)
    assert again.report.written == () and again.report.removed == ()
    assert {p: p.stat().st_mtime_ns for p in settings.docs.rglob("*") if p.is_file()} == before


def add_record(settings: Settings, slug: str, day: str) -> None:
    """Add a copy of the first record under a new id and date."""
    source = min((settings.content / "articles").rglob("*.md"))
    text = re.sub(r"^date: .*$", f"date: {day}", source.read_text(), count=1, flags=re.M)
    target = settings.content / "articles" / day[:4] / f"{day}-{slug}.md"
    target.write_text(text, encoding="utf-8")


def test_adding_a_record_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    settings = make(tmp_path, SMALL)
    build.generate(settings)
    add_record(settings, "added-entry", "2023-06-15")
    result = build.generate(settings)
    written = {str(p) for p in result.report.written}
    assert "entries/added-entry.md" in written
    assert "timeline/2023/06/15.md" in written
    # The new one, the latest listed, and the entries before and after it (they link to it).
    slugs = [e.slug for e in result.chronicle.entries]
    at = slugs.index("added-entry")
    others = {f"entries/{s}.md" for s in ("added-entry", "index", slugs[at - 1], slugs[at + 1])}
    assert {p for p in written if p.startswith("entries/")} == others
    assert len(written) < 35, sorted(written)  # its lists, feeds, data files and neighbours


def test_incremental_site_build_rebuilds_changed_pages_and_drops_removed_ones(
    tmp_path: Path,
) -> None:
    settings = built_small(tmp_path)
    untouched = html_pages(settings.site / "entries")[0]
    marked = untouched.stat().st_mtime_ns + 10**12  # newer than its Markdown: up to date
    os.utime(untouched, ns=(marked, marked))
    add_record(settings, "added-entry", "2023-06-15")
    build.generate(settings)
    site.build_site(settings, incremental=True)
    assert (settings.site / "entries" / "added-entry" / "index.html").is_file()
    day = (settings.site / "timeline/2023/06/15/index.html").read_text(encoding="utf-8")
    assert "entries/added-entry/" in day
    # Dirty mode skipped the unchanged page: the copy kept the time we marked it with.
    assert untouched.stat().st_mtime_ns == marked
    # The record goes away: so does its page, and the search index forgets it.
    next((settings.content / "articles").rglob("*-added-entry.md")).unlink()
    build.generate(settings)
    site.build_site(settings, incremental=True)
    assert not (settings.site / "entries" / "added-entry").exists()
    assert not any("added-entry" in url for url in search_fragments(settings.site))


def test_incremental_build_gives_the_same_site_as_a_clean_one(tmp_path: Path) -> None:
    """Rebuilding only what changed must publish exactly what a full rebuild would."""
    settings = make(tmp_path / "a", SMALL)
    result = build.generate(settings)
    site.build_site(settings, epoch=site.content_epoch(result.chronicle))
    add_record(settings, "added-entry", "2023-06-15")
    result = build.generate(settings)
    site.build_site(settings, incremental=True, epoch=site.content_epoch(result.chronicle))
    clean = make(tmp_path / "b", SMALL)
    add_record(clean, "added-entry", "2023-06-15")
    result = build.generate(clean)
    site.build_site(clean, epoch=site.content_epoch(result.chronicle))
    incremental, full = tree(settings.site), tree(clean.site)
    assert sorted(incremental) == sorted(full)
    assert [p for p in full if incremental[p] != full[p]] == []


def test_incremental_build_never_writes_through_to_the_published_site(tmp_path: Path) -> None:
    """The staging copy shares files with the live site by hard links: MkDocs must
    write new files beside them, never into them, or a failed build would be half live."""
    settings = built_small(tmp_path)
    published = tree(settings.site)
    add_record(settings, "added-entry", "2023-06-15")
    with incremental_site.Staging(settings, incremental=True) as staging:
        build.generate(settings)  # while the published site is linked into `staging`
        assert staging.ready()
        site._mkdocs(settings, staging.folder, dirty=True)
        assert tree(settings.site) == published
        day = "timeline/2023/06/15/index.html"
        assert "entries/added-entry/" in (staging.folder / day).read_text(encoding="utf-8")
        # Pages MkDocs skipped are still the published files, not copies of them.
        linked = [p for p in html_pages(staging.folder / "entries") if p.stat().st_nlink > 1]
        assert linked and all("added-entry" not in str(p) for p in linked)
    assert not staging.folder.exists()  # never swapped in: removed


@pytest.mark.parametrize(
    "shaper", ["mkdocs.yml", "site_config/hooks.py", "site_config/overrides/main.html"]
)
def test_a_change_to_what_shapes_every_page_makes_the_next_build_a_full_one(
    tmp_path: Path, shaper: str
) -> None:
    """A dirty build would keep every page the change should have changed."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    settings = Settings(root=tmp_path, today=TODAY)
    settings.docs.mkdir(parents=True)
    settings.site.mkdir()
    incremental_site.record(settings)
    assert incremental_site.last_build(settings) is not None
    with (tmp_path / shaper).open("a", encoding="utf-8") as changed:
        changed.write("\n")
    assert incremental_site.last_build(settings) is None


def test_a_new_address_from_the_environment_makes_the_next_build_a_full_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`site_url: !ENV CHRONICLE_SITE_URL`: every page's canonical link changes with it,
    while mkdocs.yml's bytes stay the same."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    settings = Settings(root=tmp_path, today=TODAY)
    settings.docs.mkdir(parents=True)
    settings.site.mkdir()
    monkeypatch.setenv("CHRONICLE_SITE_URL", "https://one.example.org/")
    incremental_site.record(settings)
    assert incremental_site.last_build(settings) is not None
    monkeypatch.setenv("CHRONICLE_SITE_URL", "https://two.example.org/")
    assert incremental_site.last_build(settings) is None


def test_without_hard_links_the_staging_folder_is_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some file systems have no hard links: the incremental build copies instead."""
    settings = built_small(tmp_path)

    def refuse(source: str, target: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(linktree.os, "link", refuse)
    staging = tmp_path / "staging"
    linktree.link_tree(settings.site, staging, enter=lambda name: name != "pagefind")
    copied = html_pages(staging / "entries")
    assert copied and all(p.stat().st_nlink == 1 for p in copied)
    published = settings.site / "entries"
    assert all(p.read_bytes() == (published / p.relative_to(staging / "entries")).read_bytes()
               for p in copied)  # fmt: skip
    assert not (staging / "pagefind").exists()


def test_a_failed_copy_of_the_published_site_fails_the_build_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is made in another process; its error stops the build, which says why."""
    settings = built_small(tmp_path)
    published = tree(settings.site)

    def failing(settings: Settings, staging: Path) -> list[str]:
        return [sys.executable, "-c", "import sys; sys.exit('[Errno 28] No space left on device')"]

    monkeypatch.setattr(incremental_site, "copier", failing)
    add_record(settings, "added-entry", "2023-06-15")
    with incremental_site.Staging(settings, incremental=True) as staging:
        build.generate(settings)
        with pytest.raises(site.SiteBuildFailed, match=r"could not be copied: .*No space left"):
            site.build_site(settings, incremental=True, staging=staging)
    assert tree(settings.site) == published
    assert not staging.folder.exists()


def test_a_build_that_fails_at_the_swap_keeps_the_site_and_no_stamp_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp vouches for the published site: one written before the swap, or left
    from before it, could describe docs that are not online, and the next dirty build
    would trust it. With none, the next build is a full one."""
    settings = built_small(tmp_path)
    published = tree(settings.site)

    def full_disk(new: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(swap, "swap", full_disk)
    add_record(settings, "added-entry", "2023-06-15")
    build.generate(settings)
    with pytest.raises(OSError, match="No space left"):
        site.build_site(settings, incremental=True)
    assert tree(settings.site) == published
    assert incremental_site.last_build(settings) is None


def test_a_stamp_that_cannot_be_written_after_the_swap_does_not_fail_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new site is online by then: the build succeeded, and the next one is full."""
    settings = built_small(tmp_path)

    def full_disk(settings: Settings, made_from: str | None = None) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(incremental_site, "record", full_disk)
    add_record(settings, "added-entry", "2023-06-15")
    build.generate(settings)
    site.build_site(settings, incremental=True)
    assert (settings.site / "entries" / "added-entry" / "index.html").is_file()
    assert incremental_site.last_build(settings) is None


def test_a_page_rewritten_within_the_second_of_its_html_is_built_again(tmp_path: Path) -> None:
    """A file system that keeps whole seconds dates such a page as its HTML; MkDocs'
    dirty build takes only a newer page as changed, and the old page stayed online."""
    settings = built_small(tmp_path)
    record = min((settings.content / "articles").rglob("*.md"))
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r'^title: "?', 'title: "Edited ', text, count=1, flags=re.M))
    result = build.generate(settings)
    edited = next(e for e in result.chronicle.entries if e.title.startswith("Edited"))
    page = paths.entry_path(edited.slug)
    assert page in result.report.written
    docs = settings.docs / page
    html = settings.site / paths.page_url(page) / "index.html"
    assert "Edited" not in html.read_text(encoding="utf-8")
    published = html.stat().st_mtime_ns
    os.utime(docs, ns=(published, published))  # as whole seconds would have it
    site.build_site(settings, incremental=True)
    assert "Edited" in html.read_text(encoding="utf-8")


def test_a_rebuild_keeps_the_published_files_it_wrote_again_unchanged(tmp_path: Path) -> None:
    """MkDocs writes the 404 page and the sitemaps on every build; what came out the same
    stays the published file (its inode and time), so nothing unchanged looks changed."""
    settings = built_small(tmp_path)

    def files() -> dict[str, tuple[int, int]]:
        found = {}
        for path in settings.site.rglob("*"):
            if path.is_file():
                info = path.stat()
                found[path.relative_to(settings.site).as_posix()] = (info.st_ino, info.st_mtime_ns)
        return found

    before = files()
    build.generate(settings)
    site.build_site(settings, incremental=True)
    assert files() == before
    add_record(settings, "added-entry", "2023-06-15")
    result = build.generate(settings)
    site.build_site(settings, incremental=True, epoch=site.content_epoch(result.chronicle))
    after = files()
    changed = {name for name in before if after.get(name) != before[name]}
    assert "entries/added-entry/index.html" in set(after) - set(before)
    assert "timeline/2023/06/index.html" in changed  # the month lists it
    assert "404.html" not in changed  # written again, the same bytes: the published file
    assert not any(name.endswith(".kept") for name in after)
