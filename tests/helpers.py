"""Small builders for test content trees: a record is a dict of files to write."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini" / "content"


def copy_mini(tmp: Path) -> Path:
    """Copy the small fixture chronicle into `tmp` and return its content folder."""
    target = tmp / "content"
    shutil.copytree(MINI, target)
    return target


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
