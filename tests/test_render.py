"""Pages from records: every record value reaches the page as inert text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape

from generator import build, grouping, headings, paths, render
from tests.conftest import project_settings
from tests.helpers import article, copy_mini, parse_html, write

PAYLOADS = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "x{: onclick=alert(1) }",
    "Heading end {: onclick=alert(1) }",
    "&lt;img src=x onerror=alert(1)&gt;",
    "**bold** `code` # heading | table |",
]


def pages(tmp: Path, files: dict[str, str]) -> dict[str, str]:
    content = copy_mini(tmp)
    write(content, files)
    settings = project_settings(tmp, content)
    corpus, issues, bodies = build.load(settings)
    assert not [i for i in issues if i.severity == "error"], issues
    chronicle = grouping.group(corpus)
    return {str(path): made() for path, made in render.makers(chronicle, bodies, settings.root)}


def html_of(page_text: str) -> str:
    """Return a generated page's HTML: its text under the front matter, as MkDocs gets it."""
    front, body = page_text.split("---\n", 2)[1:]
    assert "cc_html: true" in front
    return body


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_values_are_inert_on_every_page(tmp_path: Path, payload: str) -> None:
    quoted = payload.replace('"', '\\"')
    record = (
        f'---\ntitle: "{quoted}"\ndate: 2022-03-29\nsummary: "{quoted}"\n'
        f'actors: [john-kirby]\ntags: [withdrawal]\nsources:\n  - name: "{quoted}"\n'
        f'quotes:\n  - id: qa\n    by: john-kirby\n    text: "{quoted}"\n---\nBody.\n'
    )
    actor = f'---\nname: "{quoted}"\nkind: person\nrole: "{quoted}"\n---\n{payload}\n'
    topic = f'---\nname: "{quoted}"\n---\n{payload}\n'
    files = {
        "articles/2022/2022-03-29-hostile.md": record,
        "actors/hostile.md": actor,
        "topics/withdrawal.md": topic,
    }
    result = pages(tmp_path, files)
    # An actor's profile and a topic's description are Markdown, as an entry's body is:
    # on their pages `**bold**` is bold; everything else is a value, shown as written.
    markdown = {"actors/hostile.md", "topics/withdrawal.md"}
    for path, text in result.items():
        html = html_of(text)
        elements = parse_html(html)
        assert not set(elements.names) & {"script", "img"}, path
        if path not in markdown:
            assert "code" not in elements.names and "<strong>bold" not in html, path
        for tag, attrs in elements.tags:
            for name, value in attrs.items():
                assert not name.startswith("on"), (path, tag, name)
                assert not (value or "").strip().lower().startswith("javascript"), (path, tag)
    # Inert is not enough: readers must see what was written, escaped once, not dropped
    # or mangled. The entry shows it as its title, summary, source, statement and topic.
    entry = html_of(result["entries/hostile.md"])
    assert parse_html(entry).text.count(payload) == 5
    assert entry.count(str(escape(payload))) == 5
    for path in ("actors/hostile.md", "topics/withdrawal.md"):  # their names
        assert payload in parse_html(html_of(result[path])).text, path


def test_page_titles_are_html_escaped_in_front_matter(tmp_path: Path) -> None:
    record = (
        "---\ntitle: '</title><script>x</script>'\ndate: 2022-03-29\nsummary: s\n"
        "actors: [john-kirby]\nsources:\n  - name: r\n---\nBody.\n"
    )
    text = pages(tmp_path, {"articles/2022/2022-03-29-t.md": record})["entries/t.md"]
    front = text.split("---\n", 2)[1]
    assert 'title: "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"' in front


def test_entry_page_shows_corrections_and_answers(tmp_path: Path) -> None:
    result = pages(tmp_path, {})
    kirby = html_of(result["entries/kirby-repositioning.md"])
    assert "Corrected the time of the briefing" in kirby
    assert 'href="../zelenskyy-talks/#quote-distrust"' in kirby
    talks = html_of(result["entries/zelenskyy-talks.md"])
    assert 'id="quote-distrust"' in talks
    assert "Answered by" in talks and "../kirby-repositioning/#quote-repositioning" in talks


def test_month_page_lists_month_only_entries(tmp_path: Path) -> None:
    month = html_of(pages(tmp_path, {})["timeline/2022/03/index.md"])
    assert "During the month" in month
    assert 'href="../../../entries/talks-month/"' in month


def test_headings_in_a_body_get_anchors_and_join_the_table_of_contents(tmp_path: Path) -> None:
    record = (
        "---\ntitle: Talks\ndate: 2022-03-29\nsummary: s\nactors: [john-kirby]\n"
        "sources:\n  - name: r\nquotes:\n  - id: qb\n    by: john-kirby\n    text: said\n"
        "---\n## Background\n\nText.\n\n## Statements\n\nMore.\n"
    )
    html = html_of(pages(tmp_path, {"articles/2022/2022-03-29-t.md": record})["entries/t.md"])
    assert '<h2 id="background">Background<a class="headerlink" href="#background"' in html
    # The body's "Statements" comes first; the page's own section gets the next id.
    [title] = headings.toc_tokens(html)
    assert [(t["id"], t["name"]) for t in title["children"]][:3] == [
        ("background", "Background"),
        ("statements", "Statements"),
        ("statements_1", "Statements"),
    ]


def test_topics_are_shown_by_the_name_their_file_gives_or_by_their_id(tmp_path: Path) -> None:
    topic = "---\nname: Russian withdrawal\n---\nClaims of pulling back.\n"
    unused = "---\nname: Sanctions\n---\nMeasures against Russia.\n"
    result = pages(tmp_path, {"topics/withdrawal.md": topic, "topics/sanctions.md": unused})
    entry = html_of(result["entries/kirby-repositioning.md"])
    assert '<a href="../../topics/withdrawal/">Russian withdrawal</a>' in entry
    index = html_of(result["topics/index.md"])
    # A tag without a file keeps its id, and a topic no entry is filed under is listed.
    assert '<a href="negotiations/">Talks &amp; ceasefire &lt;proposals&gt;</a>' in index
    assert '<a href="sanctions/">Sanctions</a>: no entries yet' in index
    sanctions = result["topics/sanctions.md"]
    assert "No published entry is filed under this topic yet." in html_of(sanctions)
    assert "cc_feed" not in sanctions.split("---\n", 2)[1]  # no feed to announce
    assert "Claims of pulling back." in html_of(result["topics/withdrawal.md"])


def test_days_and_entries_link_to_the_ones_before_and_after(tmp_path: Path) -> None:
    """Readers follow the chronicle day by day: days without entries are skipped."""
    later = article(title="Later <talks>", date="2022-04-02")
    result = pages(tmp_path, {"articles/2022/2022-04-02-later.md": later})
    first = parse_html(html_of(result["timeline/2022/03/29.md"]))
    assert [a for t, a in first.tags if t == "a" and a.get("rel")] == [
        {"rel": "next", "href": "../../04/02/"}
    ]
    last = html_of(result["timeline/2022/04/02.md"])
    assert '<a rel="prev" href="../../03/29/">' in last and 'rel="next"' not in last
    march = html_of(result["timeline/2022/03/index.md"])
    assert '<a rel="next" href="../04/">April 2022<' in march
    kirby = html_of(result["entries/kirby-repositioning.md"])
    assert '<a rel="next" href="../later/">Later &lt;talks&gt;<' in kirby
    assert '<a rel="prev" href="../zelenskyy-talks/">' in kirby


def test_a_body_heading_named_like_a_section_does_not_take_its_link(tmp_path: Path) -> None:
    """The "updated" link beside the date leads to the page's corrections, whatever the
    body's headings are called."""
    extra = "updated: 2022-04-01\n"
    files = {"articles/2022/2022-03-29-x.md": article(extra=extra, body="## Corrections\n\nOurs.")}
    page = pages(tmp_path, files)["entries/x.md"]
    assert '<a href="#cc-corrections">updated 1 April 2022</a>' in page
    section = page.index('<div id="cc-corrections">')
    assert page.index("Updated 1 April 2022.") > section > page.index(">Ours.<")


def test_an_entry_corrected_after_its_update_shows_the_later_day(tmp_path: Path) -> None:
    """The page says when the entry last changed, as its feeds do (`feeds.updated`)."""
    extra = "updated: 2022-04-01\ncorrections:\n  - date: 2022-04-05\n    text: Fixed a name.\n"
    files = {"articles/2022/2022-03-29-x.md": article(extra=extra)}
    page = pages(tmp_path, files)["entries/x.md"]
    assert '<a href="#cc-corrections">updated 5 April 2022</a>' in page
    assert "Updated 1 April 2022." in page  # the `updated` field itself is still shown


@pytest.mark.parametrize(
    ("number", "links"),
    [
        (1, ["Older", "Oldest"]),
        (2, ["Newer", "Older", "Oldest"]),  # the newest page is the newer one: named once
        (3, ["Newest", "Newer", "Older"]),  # and the oldest, the older one
        (4, ["Newest", "Newer"]),
    ],
)
def test_a_pager_names_each_other_page_once(number: int, links: list[str]) -> None:
    pager = render.Pager(number, 4, paths.actor_path("john-kirby"))
    made = (
        render.environment()
        .from_string('{% from "macros.j2" import pager_links with context %}{{ pager_links(p) }}')
        .render(p=pager, to=str)
    )
    assert f"Page {number} of 4" in made
    assert re.findall(r">([^<]+)</a>", made) == links


def test_profiles_and_descriptions_are_markdown_as_entries_are(tmp_path: Path) -> None:
    """They showed `**bold**` and `[link](...)` as written, and ran paragraphs into one."""
    content = copy_mini(tmp_path)
    actor = content / "actors" / "john-kirby.md"
    actor.write_text(
        actor.read_text(encoding="utf-8")
        + "\nHe briefs **daily** from [Kyiv](../places/kyiv.md), not [x](../places/nowhere.md)."
        + '\n\n<script>alert(1)</script><a href="javascript:alert(1)">y</a>\n',
        encoding="utf-8",
    )
    topic = content / "topics" / "withdrawal.md"
    topic.write_text("---\nname: Withdrawal\n---\nForces *pulled back* & more.\n", "utf-8")
    settings = project_settings(tmp_path, content)
    build.generate(settings)
    page = (settings.docs / paths.actor_path("john-kirby")).read_text(encoding="utf-8")
    assert (
        "<p>Spokesman of the US Department of Defense.</p>\n<p>He briefs <strong>daily"
        '</strong> from <a href="../../places/kyiv/">Kyiv</a>, not x.</p>' in page
    )
    assert "<script>" not in page and "javascript:" not in page
    topic_page = (settings.docs / paths.topic_path("withdrawal")).read_text(encoding="utf-8")
    assert "<p>Forces <em>pulled back</em> &amp; more.</p>" in topic_page
    assert 'description: "Forces pulled back &amp; more."' in topic_page  # the page's summary
