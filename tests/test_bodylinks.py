"""Links in a body to other records' files: checked, and pointed at their pages."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from generator import bodies, bodylinks, build
from generator.issues import Severity
from tests.conftest import project_settings
from tests.helpers import article, copy_mini, write

LINKING = "articles/2022/2022-03-29-linking.md"
BODY = (
    "See [the talks](2022-03-29-zelenskyy-talks.md#quote-distrust),\n"
    "[Kirby](../../actors/john-kirby.md) in [Kyiv](../../places/kyiv.md),\n"
    "[a draft](2022-03-30-draft-entry.md) and [nothing](2022-03-29-no-such-entry.md),\n"
    "on [the talks](../../topics/negotiations.md).\n\n"
    "All month: [the talks went on](2022-03-talks-month.md)."
)


def generated(tmp: Path, extra: dict[str, str] | None = None) -> tuple[Path, list[str]]:
    """Generate the mini chronicle with the linking entry; return docs/ and the warnings."""
    content = copy_mini(tmp)
    write(content, {LINKING: article(title="Linking", body=BODY), **(extra or {})})
    settings = project_settings(tmp, content)
    result = build.generate(settings)
    warned = [f"{i.line}: {i.message}" for i in result.issues if i.severity is Severity.WARNING]
    return settings.docs, warned


def test_links_to_records_point_at_their_pages(tmp_path: Path) -> None:
    docs, _ = generated(tmp_path)
    page = (docs / "entries" / "linking.md").read_text(encoding="utf-8")
    assert 'href="../zelenskyy-talks/#quote-distrust"' in page
    assert 'href="../../actors/john-kirby/"' in page
    assert 'href="../../places/kyiv/"' in page
    assert 'href="../../topics/negotiations/"' in page
    assert ".md" not in page.split('<div class="cc-body">', 1)[1].split("</div>", 1)[0]
    # A link naming no published record is shown as its text.
    assert "\na draft and nothing,\n" in page


def test_links_to_no_published_record_are_warnings_on_their_lines(tmp_path: Path) -> None:
    _, warned = generated(tmp_path)
    body_line = 9  # the line after the front matter `article` writes
    assert warned == [
        f"{body_line + 2}: link to '2022-03-30-draft-entry.md': that entry is a draft, so "
        "the link is shown as text until it is published",
        f"{body_line + 2}: link to '2022-03-29-no-such-entry.md': no actor, place, topic "
        "or published entry has that file; the link is shown as text",
    ]


def test_a_feed_item_points_the_links_from_its_entry_page(tmp_path: Path) -> None:
    docs, _ = generated(tmp_path)
    feed = (docs / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:base="entries/linking/"' in feed
    assert 'href="../zelenskyy-talks/#quote-distrust"' in feed


def test_a_linked_entry_given_another_id_moves_the_link_with_it(tmp_path: Path) -> None:
    """The link names the file; the page cache notes the page it led to, and renders the
    linking page again when that changes."""
    docs, _ = generated(tmp_path)
    page = docs / "entries" / "linking.md"
    assert 'href="../talks-month/"' in page.read_text(encoding="utf-8")
    target = tmp_path / "content" / "articles" / "2022" / "2022-03-talks-month.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("title:", "slug: talks-all-month\ntitle:", 1), "utf-8")
    build.generate(project_settings(tmp_path, tmp_path / "content"))
    assert 'href="../talks-all-month/"' in page.read_text(encoding="utf-8")


def test_a_link_written_in_html_is_pointed_too_and_loses_the_rel_for_other_sites() -> None:
    record = Path("content/articles/2022/2022-03-29-a.md")
    html = bodies.sanitize('<a title="The talks" href="2022-03-29-b.md#quote-x">the talks</a>')
    known = {bodylinks.key(record, "2022-03-29-b.md"): ("entry", "b")}

    def link(target: bodylinks.Target, anchor: str) -> str:
        return f"../{target[1]}/#{anchor}"

    assert bodylinks.rewrite(Markup(html), record, known, link) == (
        '<a title="The talks" href="../b/#quote-x">the talks</a>'
    )


def test_each_warning_is_on_the_line_its_link_is_written() -> None:
    """Not on an earlier link whose file name ends alike, nor in a code span, and the
    same broken link written twice is told twice, on each line."""
    record = Path("content/articles/2022/2022-03-29-a.md")
    markdown = ("Line one [k](../../places/kyiv.md), `see kyiv.md`.\n\n"
                "Line three [bad](kyiv.md).\n\nLine five [bad again](kyiv.md).")  # fmt: skip
    known = {bodylinks.key(record, "../../places/kyiv.md"): ("place", "kyiv")}
    body = bodies.sanitize(bodies.markdown_renderer().convert(markdown))
    issues = bodylinks.issues_of(record, body, markdown, 20, known, {})
    assert [(i.line, i.message.split(":")[0]) for i in issues] == [
        (22, "link to 'kyiv.md'"),
        (24, "link to 'kyiv.md'"),
    ]


def test_a_link_to_a_statement_its_entry_does_not_hold_is_a_warning() -> None:
    """`#quote-nope` led to the top of the page, unremarked: an id mistyped, or renamed."""
    record = Path("content/articles/2022/2022-03-29-a.md")
    markdown = ("[said](2022-03-29-b.md#quote-distrust) and [not said](2022-03-29-b.md#quote-nope)"
                ", [a heading](2022-03-29-b.md#background).")  # fmt: skip
    known = {bodylinks.key(record, "2022-03-29-b.md"): ("entry", "b")}
    body = bodies.sanitize(bodies.markdown_renderer().convert(markdown))
    issues = bodylinks.issues_of(record, body, markdown, 20, known, {}, {"b": {"distrust"}})
    assert [(i.line, i.severity, i.message) for i in issues] == [
        (20, Severity.WARNING, "link to '2022-03-29-b.md#quote-nope': entry 'b' has no "
         "statement with id 'nope' (its statements: distrust); the link leads to the top of "
         "its page"),
    ]  # fmt: skip
