"""Content problems as values: every stage returns issues instead of raising on the first one.

Editors fix records faster when a run reports everything that is wrong at once, each
problem pointing at a file, a line and a field, the way a compiler does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from generator.wording import counted

# Characters a terminal or a CI runner would act on rather than show (a file named
# "x\n::error ..." would post a fake annotation): written as escapes in messages.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NUMBERS = re.compile(r"(\d+)")  # split by it, text and numbers alternate: "a[", "2", "]"


class Severity(StrEnum):
    """How bad a problem is; warnings fail the run only in strict mode."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one record: where it is and what was expected."""

    path: Path
    line: int | None
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def location(self, root: Path | None = None) -> str:
        """Return `file:line` with the file relative to `root` when it lies below it."""
        where = shown(self.path, root)
        return f"{where}:{self.line}" if self.line else where

    def format(self, root: Path | None = None) -> str:
        """Return the compiler-style line: `file:line: field: message`."""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        field = f"{self.field}: " if self.field else ""
        return printable(f"{self.location(root)}: {prefix}{field}{self.message}")


class ValidationFailed(Exception):
    """Raised by the pipeline when content has errors; carries every issue of the run."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        super().__init__(summary(issues))
        self.issues: tuple[Issue, ...] = tuple(sorted(issues, key=order))


def printable(text: str) -> str:
    """Return text with its control characters as escapes (`\x1b`), for one line of a
    terminal or a CI log."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def shown(path: Path, root: Path | None) -> str:
    """Return a file as every message names it: from `root` when it lies below it
    (`content/actors/x.md`), as given otherwise. Only the folder is resolved: a symbolic
    link is named as itself, not as its target."""
    if root is None:
        return str(path)
    located, top = path.parent.resolve() / path.name, root.resolve()
    return located.relative_to(top).as_posix() if located.is_relative_to(top) else str(path)


def order(issue: Issue) -> tuple[str, int, tuple[str | int, ...], str]:
    """Return the order issues are reported in: by file, line, field, then message.

    Numbers in a field count as numbers: `actors[2]` before `actors[10]`, which share a
    line when the list is written `[a, b, ...]`.
    """
    parts = _NUMBERS.split(issue.field)
    field = tuple(int(part) if i % 2 else part for i, part in enumerate(parts))
    return (str(issue.path), issue.line or 0, field, issue.message)


def errors(issues: Iterable[Issue]) -> list[Issue]:
    """Return only the errors."""
    return [i for i in issues if i.severity is Severity.ERROR]


def blocking(issues: Iterable[Issue], strict: bool) -> list[Issue]:
    """Return the issues that stop a build: errors, and warnings too when strict."""
    return [i for i in issues if strict or i.severity is Severity.ERROR]


def summary(issues: Sequence[Issue]) -> str:
    """Return the closing line of a report, e.g. `2 errors in 2 files`."""
    n_err = len(errors(issues))
    n_warn = len(issues) - n_err
    files = len({i.path for i in issues})
    parts = []
    if n_err:
        parts.append(counted(n_err, "error"))
    if n_warn:
        parts.append(counted(n_warn, "warning"))
    if not parts:
        return "no problems found"
    return f"{' and '.join(parts)} in {counted(files, 'file')}"


def within(issues: Iterable[Issue], paths: Iterable[Path]) -> list[Issue]:
    """Return the issues of files at or below `paths` (what `chronicle check <files>` shows)."""
    wanted = {p.resolve() for p in paths}
    return [
        i for i in issues
        if (found := i.path.resolve()) in wanted or any(found.is_relative_to(w) for w in wanted)
    ]  # fmt: skip
