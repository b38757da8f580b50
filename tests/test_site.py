"""The example chronicle, built with the real MkDocs: the pages a reader opens."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from generator import paths
from tests.helpers import search_fragments


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_home_lists_latest_entries_and_counts(example_site: Path) -> None:
    html = read(example_site, "")
    assert "6 entries" in html
    assert 'href="entries/kirby-repositioning/"' in html
    assert 'href="timeline/"' in html


def test_timeline_year_month_and_day_pages_link_down(example_site: Path) -> None:
    assert 'href="2022/03/"' in read(example_site, "timeline")
    assert "March 2022" in read(example_site, "timeline")
    month = read(example_site, "timeline/2022/03")
    assert 'href="28/"' in month and 'href="29/"' in month
    day = read(example_site, "timeline/2022/03/29")
    assert "Pentagon calls Russian moves near Kyiv a repositioning" in day
    assert 'href="../../../../actors/john-kirby/"' in day
    assert "a repositioning, not a real withdrawal" in day


def test_entry_page_links_its_day_and_actors_and_shows_quotes(example_site: Path) -> None:
    html = read(example_site, "entries/kirby-repositioning")
    assert 'href="../../timeline/2022/03/29/"' in html
    assert 'href="../../actors/john-kirby/"' in html
    assert 'id="quote-repositioning"' in html
    assert "News report on the Pentagon" in html


def test_actor_page_lists_entries_in_date_order_and_quotes(example_site: Path) -> None:
    html = read(example_site, "actors/john-kirby")
    assert "In their own words" in html
    assert "a repositioning, not a real withdrawal" in html
    index = read(example_site, "actors")
    assert index.index("People") < index.index("John Kirby")
    assert "Organisations" in index and "States" in index


def test_every_generated_page_is_built(example_site: Path, tmp_path: Path) -> None:
    docs = example_site.parent / "docs"
    for md in docs.rglob("*.md"):
        rel = md.relative_to(docs).with_suffix("")
        built = example_site / (rel.parent if rel.name == "index" else rel) / "index.html"
        assert built.is_file(), f"{md} was not built"


def test_search_index_holds_body_and_quote_words(example_site: Path) -> None:
    docs = search_fragments(example_site)
    kirby = docs["/entries/kirby-repositioning/"]
    assert "repositioning" in kirby["content"]
    assert kirby["meta"]["title"].startswith("Pentagon calls Russian moves near Kyiv")
    assert kirby["filters"]["actor"] == ["John Kirby", "US Department of Defense"]
    assert kirby["filters"]["place"] == ["Kyiv"] and kirby["filters"]["month"] == ["2022-03"]
    assert any("prioritizing the Donbas" in d["content"] for d in docs.values())
    # Entries, actors and places are searchable; listings (days, topics) would only repeat them.
    assert "/actors/john-kirby/" in docs and "/places/kyiv/" in docs
    assert not any(url.startswith("/timeline/") for url in docs)


def test_material_search_index_is_not_built(example_site: Path) -> None:
    assert not (example_site / "search" / "search_index.json").exists()
    assert 'action="../../search/"' in read(example_site, "entries/kirby-repositioning")


def test_nav_is_small_and_fixed(example_site: Path) -> None:
    html = read(example_site, "entries/kirby-repositioning")
    assert html.count('class="md-nav__item') < 30
    assert paths.entry_path("kirby-repositioning").as_posix() == "entries/kirby-repositioning.md"


def test_generated_pages_keep_their_contents_and_anchors_without_markdown(
    example_site: Path,
) -> None:
    """The hook hands MkDocs our HTML: the page's "On this page" list still names its entries."""
    html = read(example_site, "timeline/2022/03/29")
    toc = LexborHTMLParser(html).css_first("nav.md-nav--secondary")
    assert toc is not None, "the day page has a table of contents"
    links = [(a.attributes.get("href"), a.text(strip=True)) for a in toc.css("a")]
    assert (
        "#pentagon-calls-russian-moves-near-kyiv-a-repositioning-not-a-withdrawal",
        "Pentagon calls Russian moves near Kyiv a repositioning, not a withdrawal",
    ) in links
    for anchor, _ in links:
        assert f'id="{anchor[1:]}"' in html
    assert 'title="Permanent link">&para;</a></h2>' in html
    # Pages written by hand are still Markdown, converted by MkDocs.
    assert "<h1 id=" in read(example_site, "about")


def test_generated_pages_are_not_converted_again(example_site: Path) -> None:
    """No Markdown syntax of ours can surface: what the template wrote is what is served."""
    html = read(example_site, "entries/kirby-repositioning")
    assert 'markdown="' not in html and "](" not in html
