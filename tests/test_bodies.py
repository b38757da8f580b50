"""Entry bodies: Markdown rendered, then sanitized; every removal reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import bodies
from generator.issues import Issue, Severity
from generator.models import Article, EventDate
from tests.helpers import parse_html

BODY_LINE = 10


def render(body: str) -> tuple[str, list[Issue]]:
    entry = Article("x", Path("x.md"), "T", EventDate(2022, 3, 1), "S", ("a",), body,
                    body_line=BODY_LINE)  # fmt: skip
    issues: list[Issue] = []
    return bodies.render_all([entry], issues)["x"].html, issues


def messages(issues: list[Issue]) -> list[tuple[int | None, str]]:
    return sorted((i.line, i.message) for i in issues)


def test_material_features_pass_untouched_and_unreported() -> None:
    html, issues = render(
        "## Part\n\n|a|b|\n|:-|-:|\n|1|2|\n\nSee[^1].\n\n[^1]: A note.\n\n"
        '!!! note "Careful"\n    Body.\n\n```python\nx = 1\n```\n\n*[UN]: United Nations\n\n'
        "The UN met. [Link](https://example.org/a?b=1) ![map](https://example.org/m.png)\n\n"
        "Term\n: Definition\n\n<mark>marked</mark> <kbd>Ctrl</kbd> H<sub>2</sub>O"
    )
    assert issues == []
    for part in ('<th align="left">', '<td align="right">', 'class="footnote-ref"',
                 'href="#fn:1"', 'id="fnref:1"', 'class="admonition note"',
                 'class="admonition-title"', 'class="language-python"', '<abbr title="United',
                 'href="https://example.org/a?b=1"', 'src="https://example.org/m.png"',
                 "<dt>Term</dt>", "<mark>marked</mark>", "<h2>Part</h2>"):  # fmt: skip
        assert part in html, part


@pytest.mark.parametrize(
    ("body", "line", "words", "gone"),
    [
        ("Fine.\n\n<script>alert(1)</script>", 12, "HTML tag <script>", "alert"),
        ("a\nb <img src=x onerror=alert(1)>", 11, "attribute 'onerror' on <img>", "onerror"),
        ("[a](javascript:alert(1))", 10, "'javascript' link", "javascript"),
        ("x\n[a](JaVaScRiPt:alert(1))", 11, "'javascript' link", "alert"),
        ('<a href="java&#x09;script:alert(1)">a</a>', 10, "'javascript' link", "alert"),
        ("[a](&#106;avascript:alert(1))", 10, "'javascript' link", "alert"),
        ("[a](data:text/html;base64,PHNjcmlwdD4=)", 10, "'data' link", "data:"),
        ("<iframe src=https://e.org></iframe>", 10, "HTML tag <iframe>", "iframe"),
        ("<svg><a xlink:href=javascript:x>a</a></svg>", 10, "HTML tag <svg>", "xlink"),
        ("<form action=x><button formaction=y>b</button></form>", 10, "HTML tag <form>", "form"),
        ('<p style="background:url(x)">a</p>', 10, "attribute 'style'", "style"),
        ("a\n\n<!-- hidden -->", 12, "HTML comment", "hidden"),
        ("# Title\n\nText", 10, "start headings in a body at ##", "<h1"),
        ("<object data=x></object><embed src=y>", 10, "HTML tag <object>", "object"),
        ("x\n\n[a](../entries/other/)", 12, "link to '../entries/other/', a path", "other"),
        ("[a](/etc/passwd.md)", 10, "link to '/etc/passwd.md' was removed", "passwd"),
        ('<a href="x.md ">a</a>', 10, "link to 'x.md ' was removed", "x.md"),
        ('<a href="\\\\evil.example/x.md&#9;">a</a>', 10, "a link to a record is its file", "evil"),
        ("[a](x.MD)", 10, "link to 'x.MD' was removed", "x.MD"),
        ("[a](x.md?y=1)", 10, "link to 'x.md?y=1' was removed", "y=1"),
        ('<img src="photo.jpg" alt="p">', 10, "link to 'photo.jpg', a path", "photo"),
        ('<div id="__config">{"features": []}</div>', 10, "id '__config' is reserved", "__config"),
        ('x\n<p id=" __CONFIG">a</p>', 11, "id ' __CONFIG' is reserved", "CONFIG"),
        ('<p id="quote-kirby">a</p>', 10, "id 'quote-kirby' is reserved", "quote-kirby"),
        ('<p class="note md-status">a</p>', 10, "class 'md-status' is reserved", "md-status"),
    ],
)
def test_unsafe_markup_is_removed_and_reported_on_its_line(
    body: str, line: int, words: str, gone: str
) -> None:
    html, issues = render(body)
    assert gone not in html
    assert all(i.severity is Severity.WARNING and i.field == "body" for i in issues)
    assert any(words in m and at == line for at, m in messages(issues)), messages(issues)


def test_attribute_list_syntax_stays_text() -> None:
    html, issues = render('Para {: onclick="alert(1)" }\n{: .x onmouseover=alert(1) }')
    attributes = {name for _, attrs in parse_html(html).tags for name in attrs}
    assert attributes == set()  # no element got an attribute from the braces
    assert "{: onclick=" in html  # they are shown as the text the editor wrote
    assert issues == []


def test_links_get_rel_and_no_report() -> None:
    html, issues = render("[a](https://example.org)")
    assert 'rel="noopener noreferrer nofollow"' in html
    assert issues == []


@pytest.mark.parametrize(
    "body",
    [
        "[" * 5000,
        "![" * 3000,
        "[a](" * 2000 + "word " * 4000,
        "- " * 3000 + "a",
        "a\n: b\n" * 1000,
        "*[a]: b\n" * 2000 + "word " * 5000,
        "<b>x</b>" * 6000,
    ],
    ids=["brackets", "images", "open-links", "nested-list", "deflist", "abbr", "tags"],
)
def test_pathological_markdown_is_an_error_and_an_empty_body(body: str) -> None:
    html, issues = render(body)
    assert html == ""
    assert [i.severity for i in issues] == [Severity.ERROR]
    assert issues[0].line == BODY_LINE


def test_the_error_points_at_the_costly_paragraph() -> None:
    _, issues = render("Intro.\n\nMore.\n\n" + "[" * 40)
    assert [i.line for i in issues] == [BODY_LINE + 4]


def test_a_body_keeps_its_own_ids_and_classes() -> None:
    html, issues = render('<h2 id="background">Background</h2>\n\n<p class="note md-x">a</p>')
    assert '<h2 id="background">' in html
    assert '<p class="note">' in html  # the reserved class alone is removed
    assert [m for _, m in messages(issues)] == [
        "class 'md-x' is reserved for the page itself and was removed"
    ]


def test_a_link_to_another_records_file_is_kept_for_bodylinks() -> None:
    """Checked and pointed at the record's page later, when every record is known."""
    html, issues = render("See [the talks](2022-03-29-istanbul-talks.md#quote-x) and "
                          "[Kirby](../../actors/john-kirby.md).")  # fmt: skip
    assert 'href="2022-03-29-istanbul-talks.md#quote-x"' in html
    assert 'href="../../actors/john-kirby.md"' in html
    assert issues == []
