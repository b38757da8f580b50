"""Output paths and the links between pages derive from one place."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import PurePosixPath

from hypothesis import given
from hypothesis import strategies as st

from generator import paths


def test_links_are_relative_between_published_pages() -> None:
    day = paths.day_path(dt.date(2022, 3, 9))
    assert day == PurePosixPath("timeline/2022/03/09.md")
    assert paths.href(day, paths.actor_path("john-kirby")) == "../../../../actors/john-kirby/"
    assert paths.href(paths.HOME, day) == "timeline/2022/03/09/"
    assert paths.href(day, paths.HOME) == "../../../../"
    assert paths.href(paths.entry_path("x"), paths.entry_path("y")) == "../y/"
    assert paths.href(day, paths.FEED) == "../../../../feed.xml"


_PART = st.sampled_from(["a", "b", "actors", "index.md", "x.md", "2022", "03"])


@given(st.lists(_PART, max_size=5), st.lists(_PART, max_size=5))
def test_relative_agrees_with_posixpath_relpath(target: list[str], folder: list[str]) -> None:
    to, here = "/".join(target) or ".", "/".join(folder) or "."
    assert paths.relative(to, here) == posixpath.relpath(to, here)


@given(
    st.lists(st.sampled_from(["a", "b", "index", "2022"]), max_size=3),
    st.sampled_from(["index.md", "x.md", "feed.xml", "x.csv"]),
)
def test_page_url_is_where_mkdocs_publishes_the_file(folders: list[str], name: str) -> None:
    """The string shortcut agrees with the rule as MkDocs states it, on paths."""
    target = PurePosixPath(*folders, name)
    if target.suffix != ".md":
        expected = target.as_posix()
    else:
        stem = target.with_suffix("")
        folder = stem.parent if stem.name == "index" else stem
        expected = "" if str(folder) == "." else f"{folder.as_posix()}/"
    assert paths.page_url(target) == expected
