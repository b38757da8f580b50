"""Edit links: each page made from one record links to that record's file on the Git host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import editlinks
from tests.cli_helpers import chronicle, make_project

REPO = "https://git.example.org/newsroom/chronicle"
EDIT = re.compile(r'<a href="([^"]*)" title="Edit this page"')


def test_a_path_is_percent_encoded_so_a_folder_name_neither_cuts_nor_breaks_out() -> None:
    found = editlinks.link(REPO, "edit/main/", None, 'content/a b#1/"x" & y%.md')
    assert found == f"{REPO}/edit/main/content/a%20b%231/%22x%22%20%26%20y%25.md"


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "template", "expected"),
    [
        (REPO, "edit/main/", None, f"{REPO}/edit/main/content/actors/kirby.md"),
        (REPO + "/", "edit/main", None, f"{REPO}/edit/main/content/actors/kirby.md"),
        (None, f"{REPO}/-/edit/main/", None, f"{REPO}/-/edit/main/content/actors/kirby.md"),
        (REPO, None, "src/{path_noext}?mode=edit", f"{REPO}/src/content/actors/kirby?mode=edit"),
        (REPO, None, None, None),
    ],
)  # fmt: skip
def test_a_link_joins_as_mkdocs_joins_its_own(
    repo_url: str | None, edit_uri: str | None, template: str | None, expected: str | None
) -> None:
    assert editlinks.link(repo_url, edit_uri, template, "content/actors/kirby.md") == expected


def test_hand_written_pages_are_found_by_their_path_in_the_docs(tmp_path: Path) -> None:
    pages = tmp_path / "site_config" / "pages"
    (pages / "guide").mkdir(parents=True)
    (pages / "about.md").write_text("# About\n", encoding="utf-8")
    (pages / "guide" / "style.md").write_text("# Style\n", encoding="utf-8")
    assert editlinks.hand_written(pages, tmp_path) == {
        "about.md": "site_config/pages/about.md",
        "guide/style.md": "site_config/pages/guide/style.md",
    }
    assert editlinks.hand_written(tmp_path / "nowhere", tmp_path) == {}


def built(tmp: Path, settings: str) -> Path:
    """Build the mini chronicle with `settings` added to mkdocs.yml; return the project."""
    project = make_project(tmp)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(settings)
    result = chronicle(project, "build")
    assert result.returncode == 0, result.stderr
    return project


def edit_links(project: Path, page: str) -> list[str]:
    html = (project / "site" / page / "index.html").read_text(encoding="utf-8")
    return EDIT.findall(html)


def test_the_built_site_links_each_record_page_to_its_file_and_listings_to_none(
    tmp_path: Path,
) -> None:
    project = built(tmp_path, f"edit_uri: {REPO}/edit/main/\n")

    def edit_link(page: str) -> list[str]:
        return edit_links(project, page)

    base = f"{REPO}/edit/main/"
    assert edit_link("entries/kirby-repositioning") == [
        base + "content/articles/2022/2022-03-29-kirby-repositioning.md"
    ]
    assert edit_link("actors/john-kirby") == [base + "content/actors/john-kirby.md"]
    assert edit_link("topics/negotiations") == [base + "content/topics/negotiations.md"]
    assert edit_link("about") == [base + "site_config/pages/about.md"]
    # A topic without a file, a day, an index: no one file to edit.
    for page in ("topics/withdrawal", "timeline/2022/03/29", "actors", ""):
        assert edit_link(page) == [], page


def test_repo_url_alone_gives_no_edit_link(tmp_path: Path) -> None:
    """MkDocs would guess `edit/master/docs/` for a GitHub address: broken on every page."""
    project = built(tmp_path, "repo_url: https://github.com/example/chronicle\n")
    for page in ("entries/kirby-repositioning", "about"):
        assert edit_links(project, page) == [], page
