"""Test helpers: small content trees (a record is a dict of files to write), and HTML
read as MkDocs makes it and a browser parses it."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini" / "content"


REWRITTEN = "golden files rewritten; review the diff"


def updating_golden() -> bool:
    """Say whether this run rewrites the golden files (UPDATE_GOLDEN=1); fail under CI.

    A run that rewrites them compares the output with itself, so it must never pass:
    the tests that rewrite fail with `REWRITTEN` after writing. In CI (CI=true) such a
    run would only hide a change, so it is refused before anything is written.
    """
    if os.environ.get("UPDATE_GOLDEN") != "1":
        return False
    if os.environ.get("CI") == "true":
        pytest.fail("UPDATE_GOLDEN=1 is refused under CI=true: regenerate golden files locally")
    return True


def copy_mini(tmp: Path) -> Path:
    """Copy the small fixture chronicle into `tmp` and return its content folder."""
    target = tmp / "content"
    shutil.copytree(MINI, target)
    return target


def ended_process() -> int:
    """Return the id of a process that has run and ended (a build killed outright)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file below `folder`, by its path from there, in path order."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write(content: Path, files: dict[str, str]) -> None:
    """Write files (path relative to content/ -> text) into a content tree."""
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def article(
    title: str = "An event",
    date: str = "2022-03-29",
    actors: str = "[john-kirby]",
    extra: str = "",
    body: str = "Body.",
) -> str:
    """Return the text of an article record, valid unless the arguments make it not."""
    return (
        f"---\ntitle: {title}\ndate: {date}\nsummary: What happened.\nactors: {actors}\n"
        f"sources:\n  - name: A report\n{extra}---\n{body}\n"
    )


@dataclass
class Html:
    """A page as a browser's parser sees it: every start tag with its attributes, the text."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: str = ""

    @property
    def names(self) -> list[str]:
        """Return the tag names in document order."""
        return [tag for tag, _ in self.tags]


def parse_html(html: str) -> Html:
    """Parse HTML with the standard library's parser (character references decoded)."""
    found = Html()
    chunks: list[str] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.tags.append((tag, dict(attrs)))

        def handle_data(self, data: str) -> None:
            chunks.append(data)

    collector = Collector(convert_charrefs=True)
    collector.feed(html)
    collector.close()
    found.text = "".join(chunks)
    return found


def search_fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Return Pagefind's stored documents by URL (gzip, a `pagefind_dcd` tag, then JSON)."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        doc = json.loads(data)
        found[doc["url"]] = doc
    return found


def taken_elsewhere(docs: Path) -> bool:
    """Say whether another process finds the build folder's lock (`buildlock`) taken."""
    code = (
        "import sys, filelock; from pathlib import Path\n"
        "from generator.buildlock import lock_path\n"
        "try: filelock.FileLock(lock_path(Path(sys.argv[1]))).acquire(timeout=0)\n"
        "except filelock.Timeout: sys.exit(3)\n"
    )
    return subprocess.run([sys.executable, "-c", code, str(docs)], check=False).returncode == 3
