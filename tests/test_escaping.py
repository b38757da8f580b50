"""Record values in pages: whatever a value holds, readers see exactly that text, never markup."""

from __future__ import annotations

import html

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator import render
from generator.escaping import meta, url
from tests.helpers import parse_html

HOSTILE = [
    "<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "Title {: onclick=alert(1) }",
    "# heading",
    "1. not a list",
    "- not a list",
    "| a | b |",
    "**bold** _em_ `code`",
    "!!! note",
    "<https://example.org>",
    "[^1]",
    "a\nb\r\nc",
    '" onmouseover="alert(1)',
    "Київ — «місто»",
]


def shown(value: str) -> tuple[list[str], str]:
    """Render a value as page templates do, into a paragraph, and read the HTML back."""
    template = render.environment().from_string("<p>{{ value }}</p>")
    page = parse_html(template.render(value=value))
    return page.names, page.text


def same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_render_as_their_own_text(value: str) -> None:
    tags, text = shown(value)
    assert tags in ([], ["p"])
    assert same_words(text, value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_any_text_renders_as_itself_without_markup(value: str) -> None:
    tags, text = shown(value)
    assert tags in ([], ["p"])
    assert same_words(text, value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_meta_values_are_yaml_strings_of_escaped_html(value: str) -> None:
    """Control characters too: records cannot hold them today (`yamltext`), but the
    front matter must not depend on that."""
    loaded = yaml.safe_load(f"title: {meta(value)}")["title"]
    assert isinstance(loaded, str)
    assert "<" not in loaded and '"' not in loaded
    assert html.unescape(loaded) == " ".join(value.split())


def test_templates_leave_already_safe_markup_alone() -> None:
    template = render.environment().from_string("{{ value }}")
    assert template.render(value=Markup("<b>ours</b>")) == "<b>ours</b>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
        ("https://example.org/a b", "https://example.org/a%20b"),
        (
            "https://example.org/x)[y](javascript:z",
            "https://example.org/x%29%5By%5D%28javascript:z",
        ),
        ('https://example.org/"onclick=x', "https://example.org/%22onclick=x"),
        ("https://e.org/<a>'", "https://e.org/%3Ca%3E%27"),  # no tag, no end of a '-quoted value
    ],
)
def test_urls_cannot_end_a_markdown_link_early(value: str, expected: str) -> None:
    assert url(value) == expected
