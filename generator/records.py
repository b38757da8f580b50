"""Find record files and split them into front matter and body, reporting what is off.

This is the only module that reads `content/`. It refuses what is not an ordinary
UTF-8 Markdown file of a sane size (links, devices, huge files), because a chronicle
takes contributions from many hands and the build machine's files must never leak
into the published site.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.issues import Issue, Severity
from generator.textcache import TextCache
from generator.wording import suggest
from generator.yamltext import Parsed, YamlError, parse

MAX_RECORD_BYTES = 256 * 1024
_BOM = "\ufeff"
NO_LINKS = "symbolic links are not allowed in content/"
NOT_MD = "not read: a record's file name ends in .md"


@dataclass(frozen=True)
class RawRecord:
    """One record file, read: its front matter as data and its Markdown body."""

    path: Path
    front: Parsed
    body: str
    body_line: int

    def line_of(self, field: str) -> int | None:
        """Return the line a field path starts on."""
        return self.front.line_of(field)


def find(folder: Path, issues: list[Issue]) -> list[Path]:
    """Return every `*.md` record below `folder`, sorted; report links and special files."""
    if folder.is_symlink():  # content/articles itself swapped for a link elsewhere
        issues.append(Issue(folder, None, "", NO_LINKS))
        return []
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for entry in _walk(str(folder)):
        if entry.is_symlink():
            issues.append(Issue(Path(entry.path), None, "", NO_LINKS))
        elif entry.is_dir(follow_symlinks=False):
            continue
        elif not entry.is_file(follow_symlinks=False):
            issues.append(Issue(Path(entry.path), None, "", "not a regular file"))
        elif entry.name.endswith(".md") and entry.name != "README.md":
            found.append(Path(entry.path))
        elif entry.name != "README.md":  # a `.markdown` or `.MD` record would be lost
            # One named as Markdown is a record: an error, where a picture kept beside
            # the records is only told of.
            severity = Severity.ERROR if _looks_like_markdown(entry.name) else Severity.WARNING
            issues.append(Issue(Path(entry.path), None, "", NOT_MD, severity))
    return found


def readable(content: Path, issues: list[Issue]) -> bool:
    """Return whether `content/` may be read: not when it is itself a symbolic link,
    which would have the build read (and publish) a folder outside the project."""
    if content.is_symlink():
        issues.append(Issue(content, None, "", NO_LINKS))
        return False
    return True


def strays(content: Path, folders: Iterable[str], issues: list[Issue]) -> None:
    """Report what sits in `content/` outside its folders of records: never read, so a
    record put there would be lost without a word."""
    if not content.is_dir():
        return
    folders = sorted(folders)
    with os.scandir(content) as listing:
        entries = sorted((e for e in listing if not e.name.startswith(".")), key=_name)
    for entry in entries:
        if entry.name in folders or entry.name == "README.md":
            continue
        where = ", ".join(f"content/{f}/" for f in folders)
        message = f"not read: records go in {where}"
        if entry.is_dir(follow_symlinks=False):
            message += suggest(entry.name, folders)
            records = any(_looks_like_markdown(e.name) for e in _walk(entry.path))
        else:
            records = _looks_like_markdown(entry.name)
        # Records in a misspelt folder (content/article/) would be lost: an error.
        severity = Severity.ERROR if records else Severity.WARNING
        issues.append(Issue(Path(entry.path), None, "", message, severity))


def _looks_like_markdown(name: str) -> bool:
    """Say whether a file's name says it is Markdown, whatever its case (`x.MD`)."""
    return name.lower().endswith((".md", ".markdown", ".mdown", ".mkd")) and name != "README.md"


def _walk(folder: str) -> Iterator[os.DirEntry[str]]:
    """Yield every entry below `folder` in the order of their paths, not following links.

    Each folder's entries sorted by name, each followed by what it holds: the order of
    the sorted paths. The entries know their own type (the system lists it with the
    name), so a run over 5,000 records asks the system about none of them here.
    """
    with os.scandir(folder) as listing:
        entries = sorted((e for e in listing if not e.name.startswith(".")), key=_name)
    for entry in entries:
        yield entry
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def read(path: Path, cache: TextCache | None = None) -> RawRecord | Issue:
    """Read one record file; return the record or the one issue that stops it.

    With a `cache`, a text read before is not parsed again (records that stop at an
    issue are not kept: they are parsed each time, to report it).
    """
    size = path.stat().st_size
    if size > MAX_RECORD_BYTES:
        return Issue(
            path, None, "", f"file is {size} bytes; a record may be at most {MAX_RECORD_BYTES}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:  # told with the run's other issues, not as a traceback that hid them
        return Issue(path, None, "", f"cannot be read: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Issue(path, line, "", "not valid UTF-8 text; save the file as UTF-8")
    if cache is not None:
        kept = cache.get(text, lambda: _storable(split(path, text)))
        if kept is not None:
            data, lines, body, body_line = kept
            return RawRecord(path, Parsed(data, lines), body, body_line)
    return split(path, text)


def _storable(record: RawRecord | Issue) -> list[object] | None:
    """Return a record as JSON values for the cache; an issue is not kept."""
    if isinstance(record, Issue):
        return None
    return [record.front.data, record.front.lines, record.body, record.body_line]


def split(path: Path, text: str) -> RawRecord | Issue:
    """Split a record's text at its `---` lines and parse the front matter."""
    text = text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        return Issue(path, None, "", "file contains NUL bytes; is it really Markdown?")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Issue(path, 1, "", _missing_front_matter(text))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        return Issue(path, 1, "", "front matter is not closed: add a line with --- after it")
    try:
        front = parse("\n".join(lines[1:end]), first_line=2)
    except YamlError as exc:
        return Issue(path, exc.line, "", exc.message)
    body = "\n".join(lines[end + 1 :])
    return RawRecord(path, front, body, end + 2)


def _missing_front_matter(text: str) -> str:
    if not text.strip():
        return "file is empty; a record starts with front matter between --- lines"
    if text.lstrip().startswith("+++"):
        return "TOML front matter (+++) is not supported; use YAML between --- lines"
    if text.lstrip().startswith("{"):
        return "JSON front matter is not supported; use YAML between --- lines"
    return "expected front matter: the file must start with a line ---"
