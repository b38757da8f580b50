"""The MkDocs hook renders generated pages as the HTML they are, and MkDocs still checks them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import build, site
from generator.settings import Settings
from tests.conftest import ROOT, TODAY, project_settings
from tests.helpers import tree

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
    same; the site must be byte for byte the one the theme's own partials build."""
    built = {}
    for name in ("shared", "theme"):
        root = tmp_path / name
        root.mkdir()
        shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        for folder in ("site_config", "content"):  # mkdocs.yml watches content/
            shutil.copytree(ROOT / folder, root / folder)
        if name == "theme":
            for partial in ("nav.html", "tabs.html"):
                (root / "site_config" / "overrides" / "partials" / partial).unlink()
        settings = Settings(root=root, today=TODAY)
        result = build.generate(settings)
        built[name] = tree(site.build_site(settings, epoch=site.content_epoch(result.chronicle)))
    assert sorted(built["shared"]) == sorted(built["theme"])
    assert [n for n in built["shared"] if built["shared"][n] != built["theme"][n]] == []
    assert sum(n.endswith("index.html") for n in built["shared"]) > 40
