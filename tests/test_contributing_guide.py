"""The editors' guide is a page of the site, and the commands it shows work as written."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from tests.cli_helpers import CHRONICLE, ROOT, chronicle

GUIDE = ROOT / "site_config" / "pages" / "contributing.md"


def guide_commands() -> list[list[str]]:
    """Return each `.venv/bin/chronicle ...` command of the guide, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", GUIDE.read_text(encoding="utf-8"))
    lines = (line.strip() for line in text.splitlines())
    return [shlex.split(line) for line in lines if line.startswith(".venv/bin/chronicle new")]


def test_the_guides_commands_create_valid_records(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    commands = guide_commands()
    assert [c[1] for c in commands] == ["new", "new-actor", "new-place"]
    for command in commands:
        result = chronicle(project, *command[1:])
        assert result.returncode == 0, f"{shlex.join(command)}\n{result.stderr}"
        assert (project / result.stdout.strip()).is_file()
    assert chronicle(project, "check", "--strict").returncode == 0
    assert CHRONICLE.name == commands[0][0].rsplit("/", 1)[1]


def test_the_guide_is_built_into_the_site(example_site: Path) -> None:
    page = (example_site / "contributing" / "index.html").read_text(encoding="utf-8")
    for heading in ("Adding an entry in five steps", "Dates", "Drafts", "Corrections",
                    "Importing a table of events", "What the errors mean"):  # fmt: skip
        assert f">{heading}<" in page or f">{heading}</a>" in page, heading
