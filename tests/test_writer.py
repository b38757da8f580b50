"""The writer: changed files only, stale files pruned, nothing outside the folder."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from generator.writer import Output, UnsafePath, refuse_links, write


def out(path: str, text: str) -> Output:
    return Output(PurePosixPath(path), text.encode())


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    first = write(tmp_path, [out("a.md", "A"), out("b/c.md", "C")])
    assert first.written == (PurePosixPath("a.md"), PurePosixPath("b/c.md"))
    os.utime(tmp_path / "a.md", (1, 1))
    second = write(tmp_path, [out("a.md", "A"), out("b/c.md", "changed")])
    assert second.written == (PurePosixPath("b/c.md"),)
    assert second.unchanged == 1
    assert (tmp_path / "a.md").stat().st_mtime == 1


def test_a_change_that_keeps_the_size_is_written(tmp_path: Path) -> None:
    """The size is compared first to spare reading most files; equal sizes must still
    be compared byte for byte, or a corrected digit would never reach the site."""
    write(tmp_path, [out("a.md", "A")])
    report = write(tmp_path, [out("a.md", "B")])
    assert report.written == (PurePosixPath("a.md"),)
    assert report.unchanged == 0
    assert (tmp_path / "a.md").read_bytes() == b"B"


def test_a_file_to_keep_must_be_there_as_a_regular_file(tmp_path: Path) -> None:
    """No bytes means the page cache vouches for the file as it stands: one deleted by
    another hand, or swapped for a link, would be published missing or as whatever the
    link points to. Kept as it is, a regular file is neither read nor rewritten."""
    root = tmp_path / "out"
    write(root, [out("page.md", "P")])
    os.utime(root / "page.md", (1, 1))
    report = write(root, [Output(PurePosixPath("page.md"), None)])
    assert (report.written, report.unchanged) == ((), 1)
    assert (root / "page.md").stat().st_mtime == 1
    (root / "link.md").symlink_to(root / "page.md")
    for name in ("gone.md", "link.md"):
        with pytest.raises(UnsafePath, match="was to be kept as it is, but it is not there"):
            write(root, [out("page.md", "P"), Output(PurePosixPath(name), None)])
    assert (root / "page.md").read_bytes() == b"P"


def test_stale_files_and_empty_folders_are_pruned(tmp_path: Path) -> None:
    write(tmp_path, [out("a.md", "A"), out("old/x.md", "X")])
    report = write(tmp_path, [out("a.md", "A")])
    assert report.removed == (PurePosixPath("old/x.md"),)
    assert not (tmp_path / "old").exists()


def test_pruning_removes_nested_emptied_folders_and_links_but_keeps_the_rest(
    tmp_path: Path,
) -> None:
    root = tmp_path / "out"
    write(root, [out("a/b/c/x.md", "X"), out("a/keep.md", "K"), out("d/e/y.md", "Y")])
    (root / "empty" / "deeper").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "z.md").write_text("Z", encoding="utf-8")
    (root / "d" / "e" / "link").symlink_to(tmp_path / "elsewhere")
    report = write(root, [out("a/keep.md", "K")])
    assert report.removed == (PurePosixPath("a/b/c/x.md"), PurePosixPath("d/e/link"),
                              PurePosixPath("d/e/y.md"))  # fmt: skip
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == ["a", "a/keep.md"]
    assert (tmp_path / "elsewhere" / "z.md").read_text(encoding="utf-8") == "Z"  # not followed


@pytest.mark.parametrize("bad", ["../evil.md", "/etc/passwd", "a/../../evil.md"])
def test_paths_outside_the_folder_are_refused(tmp_path: Path, bad: str) -> None:
    root = tmp_path / "out"
    with pytest.raises(UnsafePath):
        write(root, [out(bad, "x")])
    assert not (tmp_path / "evil.md").exists()


def test_sibling_folder_with_common_prefix_is_outside(tmp_path: Path) -> None:
    (tmp_path / "out-evil").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "link").symlink_to(tmp_path / "out-evil")
    with pytest.raises(UnsafePath, match="leaves"):
        write(tmp_path / "out", [out("link/x.md", "x")])


def test_a_link_deep_in_the_tree_is_followed_to_where_it_leads(tmp_path: Path) -> None:
    """Every folder on the way counts, not only the page's own: a link two levels up
    leads outside, a link to a folder inside the root stays inside."""
    root = tmp_path / "out"
    (root / "a" / "kept").mkdir(parents=True)
    (tmp_path / "evil").mkdir()
    (root / "a" / "away").symlink_to(tmp_path / "evil")
    (root / "a" / "here").symlink_to(root / "a" / "kept")
    with pytest.raises(UnsafePath, match="leaves"):
        write(root, [out("a/away/b/c/x.md", "x")])
    assert list((tmp_path / "evil").iterdir()) == []
    write(root, [out("a/here/x.md", "x")], prune=False)
    assert (root / "a" / "kept" / "x.md").read_text() == "x"


def test_one_path_twice_or_by_case_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafePath, match="two pages map to one file"):
        write(tmp_path, [out("a.md", "1"), out("A.md", "2")])
    assert list(tmp_path.iterdir()) == []


def test_a_file_made_lazily_is_made_once_after_every_path_is_checked(tmp_path: Path) -> None:
    """A build holds one page's bytes at a time; a bad path still stops all writing."""
    made: list[str] = []

    def maker(name: str) -> Output:
        return Output(PurePosixPath(name), lambda: made.append(name) or name.encode())

    with pytest.raises(UnsafePath):
        write(tmp_path, [maker("a.md"), maker("../b.md")])
    assert made == [] and list(tmp_path.iterdir()) == []
    report = write(tmp_path, [maker("a.md"), maker("b/c.md")])
    assert made == ["a.md", "b/c.md"]
    assert (tmp_path / "b" / "c.md").read_bytes() == b"b/c.md"
    assert [str(p) for p in report.written] == ["a.md", "b/c.md"]


def test_a_build_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    """A `build -> /elsewhere` committed to the repository: the writer would write, and
    prune, wherever it points."""
    root, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (root / "build").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UnsafePath, match="a symbolic link, not a folder"):
        refuse_links(root / "build" / "docs", root)
    refuse_links(root / "site", root)  # no link on the way: fine
    refuse_links(tmp_path / "outside" / "docs", root)  # not below the project: its own
