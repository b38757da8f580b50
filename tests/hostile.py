"""The hostile-record fixtures: golden cases in tests/fixtures/bad and trees built from them."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Iterable
from pathlib import Path

from generator import cli

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
BASE = BAD / "_base"


def bad_cases() -> list[Path]:
    """Return every case: a `<case>.md` record or a `<case>/` folder laid over content/."""
    return sorted(
        p for p in BAD.iterdir()
        if not p.name.startswith(("_", ".")) and (p.suffix == ".md" or p.is_dir())
    )  # fmt: skip


def case_name(case: Path) -> str:
    """Return a case's name: its file name without `.md`, or its folder name."""
    return case.stem if case.suffix == ".md" else case.name


def hostile_tree(root: Path, cases: Iterable[Path]) -> Path:
    """Lay out `root/content`: the valid base tree plus the given cases; return root."""
    content = root / "content"
    shutil.copytree(BASE, content, symlinks=True)
    for case in cases:
        if case.is_dir():
            shutil.copytree(case, content, symlinks=True, dirs_exist_ok=True)
        else:
            shutil.copyfile(case, content / "articles" / case.name)
    return root


def check_output(root: Path) -> str:
    """Run `chronicle check` on a tree; return its report, summary and exit code as text."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(root), "check"])
    return out.getvalue() + err.getvalue() + f"exit {code}\n"


def accepted_cases() -> list[Path]:
    """Return the cases whose expected report ends in exit 0: they must render inert."""
    return [
        c for c in bad_cases()
        if (BAD / f"{case_name(c)}.expected").read_text(encoding="utf-8").endswith("exit 0\n")
    ]  # fmt: skip
