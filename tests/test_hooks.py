"""The MkDocs hook renders generated pages as the HTML they are, and MkDocs still checks them."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import time
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import get_files
from watchdog.observers.polling import PollingObserver

from generator import build, site
from generator.preview import POLL_VARIABLE
from generator.settings import Settings
from tests.conftest import ROOT, TODAY, project_settings
from tests.helpers import taken_elsewhere, tree

pytestmark = pytest.mark.slow

DAY = "timeline/2022/03/29.md"
ENTRY_ANCHOR = "pentagon-calls-russian-moves-near-kyiv-a-repositioning-not-a-withdrawal"


def test_links_into_generated_pages_are_checked_against_their_anchors(tmp_path: Path) -> None:
    """A hand-written page is Markdown; MkDocs checks its links with the ids the hook gave it."""
    settings = project_settings(tmp_path)
    build.generate(settings)
    page = settings.docs / "links.md"
    page.write_text(f"# Links\n\n[The day]({DAY}#{ENTRY_ANCHOR})\n", encoding="utf-8")
    built = site.build_site(settings)
    assert f'href="../timeline/2022/03/29/#{ENTRY_ANCHOR}"' in (
        built / "links" / "index.html"
    ).read_text(encoding="utf-8")
    page.write_text(f"# Links\n\n[The day]({DAY}#no-such-anchor)\n", encoding="utf-8")
    with pytest.raises(site.SiteBuildFailed, match="no-such-anchor"):
        site.build_site(settings)


def test_the_shared_navigation_is_the_html_the_theme_renders_on_every_page(
    tmp_path: Path,
) -> None:
    """Pages share one rendering of Material's nav and tabs where their links are the
    same, and of its blocks that link only to the site's root; the site must be byte
    for byte the one the theme's own partials and blocks build."""
    built = {}
    for name in ("shared", "theme"):
        root = tmp_path / name
        root.mkdir()
        shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        for folder in ("site_config", "content"):  # mkdocs.yml watches content/
            shutil.copytree(ROOT / folder, root / folder)
        if name == "theme":
            overrides = root / "site_config" / "overrides"
            for partial in ("nav.html", "tabs.html"):
                (overrides / "partials" / partial).unlink()
            main = overrides / "main.html"
            text = main.read_text(encoding="utf-8")
            theirs = re.sub(r'cc_shared_block\("\w+", super\)', "super()", text)
            assert theirs.count("super()") >= text.count("super") == 4
            main.write_text(theirs, encoding="utf-8")
        settings = Settings(root=root, today=TODAY)
        result = build.generate(settings)
        built[name] = tree(site.build_site(settings, epoch=site.content_epoch(result.chronicle)))
    assert sorted(built["shared"]) == sorted(built["theme"])
    assert [n for n in built["shared"] if built["shared"][n] != built["theme"][n]] == []
    assert sum(n.endswith("index.html") for n in built["shared"]) > 40


def load_hooks() -> ModuleType:
    """Load site_config/hooks.py as MkDocs does: a file, not a package's module, entered
    in `sys.modules` under its name before it runs."""
    spec = importlib.util.spec_from_file_location(
        "chronicle_hooks", ROOT / "site_config" / "hooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def live_server(tmp_path: Path) -> LiveReloadServer:
    watched = tmp_path / "content"
    watched.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path / "docs"))
    server.watch(str(watched))
    server.watch(str(watched))  # MkDocs counts watch() calls per path
    return server


def test_the_preview_is_told_of_changes_instead_of_polling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(POLL_VARIABLE, raising=False)
    server = live_server(tmp_path)
    load_hooks().on_serve(server, SimpleNamespace(docs_dir=str(tmp_path / "docs")))
    assert not isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(tmp_path / "content"): 2}
    assert len(server.observer.emitters) == 1  # content/ only, once: not the docs


def test_with_poll_the_preview_keeps_polling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(POLL_VARIABLE, "1")
    server = live_server(tmp_path)
    load_hooks().on_serve(server, SimpleNamespace(docs_dir=str(tmp_path / "docs")))
    assert isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(tmp_path / "content"): 2}


def test_the_preview_rebuilds_on_changes_not_on_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview reads the files it watches: reading must not set off a rebuild."""
    monkeypatch.delenv(POLL_VARIABLE, raising=False)
    server = live_server(tmp_path)
    record = tmp_path / "content" / "a.md"
    record.write_text("before", "utf-8")
    load_hooks().on_serve(server, SimpleNamespace(docs_dir=str(tmp_path / "docs")))
    server.observer.start()
    try:
        time.sleep(0.3)
        record.read_text("utf-8")
        time.sleep(0.5)
        assert not server._want_rebuild  # MkDocs' flag for "a watched file changed"
        record.write_text("after", "utf-8")
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()


def test_preview_rebuilds_hand_mkdocs_only_the_pages_they_build(tmp_path: Path) -> None:
    """After the preview's first build, MkDocs gets the pages the generator wrote since
    the last build and the nav's; all of them when a hand-written page changed (MkDocs
    checks its links against all)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("site_config", "content"):
        shutil.copytree(ROOT / folder, root / folder)
    settings = Settings(root=root)
    build.generate(settings)
    site.build_site(settings)
    (preview := tmp_path / "preview").mkdir()  # as `mkdocs serve` makes it
    config = load_config(str(settings.config), site_dir=str(preview))
    hooks = load_hooks()
    every = {f.src_uri for f in get_files(config).documentation_pages()}

    def handed() -> set[str]:
        return {f.src_uri for f in hooks.on_files(get_files(config), config).documentation_pages()}

    hooks.on_startup(command="serve", dirty=True)
    hooks.on_config(config)
    assert handed() == every  # the first build builds every page
    hooks.on_post_build(config)
    nav = handed()  # nothing written since: the pages the nav names, and no others
    assert {"index.md", "timeline/index.md", "actors/index.md", "about.md"} <= nav
    assert DAY not in nav and len(nav) < 20
    record = root / "content" / "articles" / "2022" / "2022-03-29-istanbul-talks.md"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace('summary: "', 'summary: "Edited: ', 1), encoding="utf-8")
    hooks.on_config(config)
    assert taken_elsewhere(settings.docs)  # the build folder is the preview's until it built
    kept = handed()
    assert {DAY, "entries/istanbul-talks.md"} | nav <= kept
    assert len(kept) < len(every) / 2
    hooks.on_config(config)  # MkDocs did not finish that build: its pages are still due
    assert handed() == kept
    hooks.on_post_build(config)
    assert not taken_elsewhere(settings.docs)
    assert handed() == nav
    about = root / "site_config" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    hooks.on_config(config)
    assert handed() == every
    hooks.on_build_error(error=RuntimeError("MkDocs failed"))
    assert not taken_elsewhere(settings.docs)


@pytest.mark.parametrize(
    ("page", "tab"),
    [
        ("actors/john-kirby/index.html", "Actors"),
        ("entries/kirby-repositioning/index.html", "Timeline"),
        ("timeline/2022/03/29/index.html", "Timeline"),
        ("places/kyiv/index.html", "Places"),
        ("topics/donbas/index.html", "Topics"),
        ("actors/index.html", "Actors"),  # listed in the nav: marked by Material itself
        ("search/index.html", None),
    ],
)
def test_a_page_outside_the_nav_marks_the_tab_of_its_section(
    example_site: Path, page: str, tab: str | None
) -> None:
    """Readers see where they are: an actor's page is under Actors, an entry's under
    Timeline (`navshare.section_of`), though the nav lists neither."""
    text = " ".join((example_site / page).read_text(encoding="utf-8").split())
    active = re.findall(
        r'md-tabs__item--active"> <a href="[^"]*" class="md-tabs__link"> (\w+)', text
    )
    assert active == ([tab] if tab else [])
