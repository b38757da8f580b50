"""Headings of generated pages get the anchors and contents Markdown's `toc` would give."""

from __future__ import annotations

import html

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import headings

# Text Markdown reads as plain text in a heading, so both sides see the same words.
_WORDS = st.text(alphabet=st.sampled_from("abcXYZ019 -’,:?Київé"), min_size=0, max_size=30).map(
    str.strip
)


def toc_markdown(text: str) -> str:
    return markdown.markdown(
        text, extensions=["toc"], extension_configs={"toc": {"permalink": True}}
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=4))
def test_ids_and_permalinks_are_those_of_markdowns_toc(titles: list[str]) -> None:
    source = "\n\n".join(f"## {t}" for t in titles)
    ours = headings.number("\n".join(f"<h2>{html.escape(t, quote=False)}</h2>" for t in titles))
    assert ours == toc_markdown(source)


def test_ids_already_in_the_page_are_not_given_to_a_heading() -> None:
    page = headings.number('<figure id="statements"></figure>\n<h2>Statements</h2>')
    assert '<h2 id="statements_1">' in page


def test_headings_with_attributes_are_left_alone() -> None:
    page = '<h2 class="x">Kept</h2>'
    assert headings.number(page) == page
    assert headings.toc_tokens(page) == []


def test_the_table_of_contents_nests_headings_under_the_one_before() -> None:
    page = headings.number(
        "<h1>Day</h1><h2><a href='x/'>One &amp; two</a></h2><h3>Sub</h3><h2>Three</h2>"
    )
    [day] = headings.toc_tokens(page)
    assert (day["level"], day["id"], day["name"]) == (1, "day", "Day")
    assert [(t["id"], t["name"]) for t in day["children"]] == [
        ("one-two", "One &amp; two"),
        ("three", "Three"),
    ]
    assert [t["id"] for t in day["children"][0]["children"]] == ["sub"]


def test_anchor_ids_are_every_id_in_the_page() -> None:
    page = headings.number('<h2>A</h2><figure id="quote-q1"></figure>')
    assert headings.anchor_ids(page) == {"a", "quote-q1"}
