"""The MkDocs hook renders generated pages as the HTML they are, and MkDocs still checks them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build, site
from tests.conftest import project_settings

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
