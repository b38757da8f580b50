"""Run `chronicle` the way an editor does: as a command, in a small project of its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import copy_mini

ROOT = Path(__file__).resolve().parent.parent
CHRONICLE = Path(sys.executable).parent / "chronicle"


def make_project(tmp: Path) -> Path:
    """Copy the mini chronicle, mkdocs.yml and site_config/ into `tmp`; return the project."""
    copy_mini(tmp)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "site_config", tmp / "site_config")
    return tmp


def chronicle(root: Path, *args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the installed `chronicle` command (or `python -m generator`) in `root`."""
    command = [sys.executable, "-m", "generator"] if module else [str(CHRONICLE)]
    return subprocess.run(
        [*command, *args], cwd=root, capture_output=True, text=True, timeout=300, check=False
    )


def built_nothing(root: Path) -> bool:
    """Say whether a run left `root` without docs or site: its build folder, if any, holds
    the lock alone (`buildlock`: a lock file stays where it was made)."""
    build = root / "build"
    left = sorted(p.name for p in build.iterdir()) if build.exists() else []
    return left in ([], ["docs.lock"]) and not (root / "site").exists()
