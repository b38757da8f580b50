"""Issue formatting: compiler-style lines and one summary line."""

from __future__ import annotations

from pathlib import Path

from generator.issues import Issue, Severity, ValidationFailed, blocking, order, summary


def test_format_is_file_line_field_message(tmp_path: Path) -> None:
    issue = Issue(tmp_path / "content" / "a.md", 6, "actors[1]", "unknown actor 'kirbi'")
    assert issue.format(tmp_path) == "content/a.md:6: actors[1]: unknown actor 'kirbi'"
    assert Issue(Path("a.md"), None, "", "empty").format() == "a.md: empty"


def test_warning_is_marked() -> None:
    issue = Issue(Path("a.md"), 2, "actor", "unknown field", Severity.WARNING)
    assert issue.format() == "a.md:2: warning: actor: unknown field"


def test_summary_counts_errors_warnings_and_files() -> None:
    issues = [
        Issue(Path("a.md"), 1, "x", "m"),
        Issue(Path("a.md"), 2, "y", "m"),
        Issue(Path("b.md"), 1, "z", "m", Severity.WARNING),
    ]
    assert summary(issues) == "2 errors and 1 warning in 2 files"
    assert summary(issues[:1]) == "1 error in 1 file"
    assert summary([]) == "no problems found"


def test_strict_makes_warnings_block() -> None:
    warning = Issue(Path("a.md"), 1, "x", "m", Severity.WARNING)
    assert blocking([warning], strict=False) == []
    assert blocking([warning], strict=True) == [warning]


def test_validation_failed_sorts_by_file_and_line() -> None:
    failed = ValidationFailed([Issue(Path("b.md"), 1, "", "m"), Issue(Path("a.md"), 9, "", "m")])
    assert [i.path.name for i in failed.issues] == ["a.md", "b.md"]


def test_a_message_carries_no_control_character() -> None:
    """A file named "x<newline>::error ..." would post a fake annotation in a CI log."""
    issue = Issue(Path("x\n::error file=mkdocs.yml::\x1b[2Jy.md"), 3, "title", "bad\tvalue")
    line = issue.format()
    assert line == "x\\n::error file=mkdocs.yml::\\x1b[2Jy.md:3: title: bad\\tvalue"
    assert line.isprintable()


def test_fields_of_one_line_are_told_in_their_numbers_order() -> None:
    """`actors: [a, b, ...]` is one line: its eleventh item comes after its second."""
    path = Path("content/articles/2022/x.md")
    found = [Issue(path, 5, f"actors[{n}]", "unknown actor") for n in (10, 2, 1)]
    found.append(Issue(path, 4, "title", "required field is missing"))
    assert [i.field for i in sorted(found, key=order)] == [
        "title", "actors[1]", "actors[2]", "actors[10]"
    ]  # fmt: skip
