"""Finding and splitting record files: ordinary UTF-8 Markdown only, with true line numbers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.issues import Issue, Severity
from generator.records import MAX_RECORD_BYTES, RawRecord, find, read, strays

GOOD = "---\ntitle: T\ndate: 2022-03-29\n---\nBody line one.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def record(path: Path) -> RawRecord:
    result = read(path)
    assert isinstance(result, RawRecord), result
    return result


def problem(path: Path) -> Issue:
    result = read(path)
    assert isinstance(result, Issue), result
    return result


def test_find_lists_markdown_records_sorted_and_skips_readme_and_hidden(tmp_path: Path) -> None:
    b = write(tmp_path / "2022" / "b.md", GOOD)
    a = write(tmp_path / "a.md", GOOD)
    write(tmp_path / "README.md", "# how to write records")
    write(tmp_path / ".hidden.md", GOOD)
    issues: list[Issue] = []
    assert find(tmp_path, issues) == [b, a]  # sorted by path: "2022/" < "a.md"
    assert issues == []


def test_find_tells_of_files_it_does_not_read(tmp_path: Path) -> None:
    """A record saved as `.markdown` or `.MD` would otherwise be left out without a word,
    and with only a warning, a build would publish the chronicle without it: an error.
    A file of another kind (notes, a picture) is only told of."""
    for name in ("c.markdown", "d.MD", "notes.txt"):
        write(tmp_path / "2022" / name, GOOD)
    issues: list[Issue] = []
    assert find(tmp_path, issues) == []
    assert [(i.path.name, i.severity, i.message) for i in issues] == [
        (name, severity, "not read: a record's file name ends in .md")
        for name, severity in (
            ("c.markdown", Severity.ERROR),
            ("d.MD", Severity.ERROR),
            ("notes.txt", Severity.WARNING),
        )
    ]


def test_strays_are_what_content_holds_outside_its_folders(tmp_path: Path) -> None:
    for folder in ("articles", "actors"):
        (tmp_path / folder).mkdir()
    write(tmp_path / "README.md", "# content")
    write(tmp_path / ".git-keep", "")
    write(tmp_path / "2022-03-29-lost.md", GOOD)
    write(tmp_path / "article" / "2022-03-29-lost-too.md", GOOD)
    write(tmp_path / "pictures" / "map.png", "")
    write(tmp_path / "notes.txt", "")
    issues: list[Issue] = []
    strays(tmp_path, ("articles", "actors"), issues)
    where = "content/actors/, content/articles/"
    # Records outside the folders would be published without: errors; anything else, told.
    assert [(i.path.name, i.severity, i.message) for i in issues] == [
        ("2022-03-29-lost.md", Severity.ERROR, f"not read: records go in {where}"),
        ("article", Severity.ERROR, f"not read: records go in {where} (did you mean 'articles'?)"),
        ("notes.txt", Severity.WARNING, f"not read: records go in {where}"),
        ("pictures", Severity.WARNING, f"not read: records go in {where}"),
    ]


def test_find_refuses_symbolic_links_to_files_and_folders(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside" / "secret.md", GOOD)
    content = tmp_path / "content"
    write(content / "ok.md", GOOD)
    (content / "leak.md").symlink_to(outside)
    (content / "passwd.md").symlink_to("/etc/passwd")
    (content / "folder").symlink_to(outside.parent, target_is_directory=True)
    issues: list[Issue] = []
    assert find(content, issues) == [content / "ok.md"]
    assert sorted(i.path.name for i in issues) == ["folder", "leak.md", "passwd.md"]
    assert all("symbolic links are not allowed" in i.message for i in issues)


def test_find_refuses_a_folder_that_is_itself_a_link(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "secret.md", GOOD)
    (tmp_path / "articles").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    issues: list[Issue] = []
    assert find(tmp_path / "articles", issues) == []
    assert [i.message for i in issues] == ["symbolic links are not allowed in content/"]


def test_find_refuses_special_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    issues: list[Issue] = []
    assert find(tmp_path, issues) == []
    assert [(i.path.name, i.message) for i in issues] == [("pipe.md", "not a regular file")]


def test_a_missing_folder_has_no_records(tmp_path: Path) -> None:
    assert find(tmp_path / "nope", []) == []


def test_read_splits_front_matter_and_body_with_line_numbers(tmp_path: Path) -> None:
    raw = record(write(tmp_path / "a.md", GOOD))
    assert raw.front.data == {"title": "T", "date": "2022-03-29"}
    assert raw.line_of("date") == 3
    assert raw.body == "Body line one.\n"
    assert raw.body_line == 5


@pytest.mark.parametrize(
    "data",
    [
        GOOD.replace("\n", "\r\n").encode(),
        GOOD.replace("\n", "\r").encode(),
        b"\xef\xbb\xbf" + GOOD.encode(),
        b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode(),
        GOOD.replace("---\nBody", "...\nBody").encode(),
    ],
    ids=["crlf", "cr", "bom", "bom-crlf", "yaml-document-end"],
)
def test_line_endings_and_bom_do_not_shift_lines(tmp_path: Path, data: bytes) -> None:
    raw = record(write(tmp_path / "a.md", data))
    assert raw.front.data == {"title": "T", "date": "2022-03-29"}
    assert raw.line_of("date") == 3
    assert raw.body.strip() == "Body line one."
    assert raw.body_line == 5


def test_front_matter_only_is_a_record_with_an_empty_body(tmp_path: Path) -> None:
    raw = record(write(tmp_path / "a.md", "---\ntitle: T\n---"))
    assert raw.front.data == {"title": "T"}
    assert raw.body == ""


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 1, "file is empty"),
        (b"  \n\n", 1, "file is empty"),
        (b"Just prose.\n", 1, "expected front matter"),
        (b'+++\ntitle = "T"\n+++\n', 1, "TOML front matter"),
        (b'{"title": "T"}\n', 1, "JSON front matter"),
        (b"---\ntitle: T\nBody without a closing line\n", 1, "front matter is not closed"),
        (b"---\ntitle: T\n---\ncaf\xe9\n", 4, "not valid UTF-8"),
        (b"---\ntitle: T\x00\n---\n", None, "NUL bytes"),
        (b"---\n- a\n---\n", 2, "must be a mapping"),
        (b"---\ntitle: T\ntitle: U\n---\n", 3, "duplicate field 'title'"),
    ],
)
def test_broken_files_get_one_issue_with_a_line(
    tmp_path: Path, data: bytes, line: int | None, words: str
) -> None:
    issue = problem(write(tmp_path / "a.md", data))
    assert words in issue.message
    assert issue.line == line


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    path = write(tmp_path / "big.md", GOOD + "x" * MAX_RECORD_BYTES)
    assert "a record may be at most" in problem(path).message
    assert isinstance(read(write(tmp_path / "ok.md", GOOD + "x" * 1000)), RawRecord)


def test_a_file_that_cannot_be_read_is_an_issue_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reported with the run's other issues (a traceback hid them), naming the file."""
    locked = write(tmp_path / "locked.md", GOOD)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    issue = problem(locked)
    assert (issue.path, issue.message) == (locked, "cannot be read: Permission denied")
    assert isinstance(read(write(tmp_path / "ok.md", GOOD)), RawRecord)
