"""The code version: every cache and stamp trusts it to change when the output could.

A template or a library that changes without changing the digest would leave every
page the caches hold as the old code made it, until a `--clean` build.
"""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path

import pytest

from generator import codeversion

PACKAGE = Path(codeversion.__file__).resolve().parent


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the generator package, to change without touching the real one."""
    copy = tmp_path / "generator"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def installed() -> dict[str, str]:
    return {name: version(name) for name in codeversion._LIBRARIES}


def test_the_digest_is_the_packages_wherever_it_lies(package: Path) -> None:
    """The copy is the package: the test below changes what the real digest covers."""
    assert codeversion.digest(package, installed()) == codeversion.code_version()


def test_a_changed_template_changes_the_digest(package: Path) -> None:
    """Pages are made from the templates: a changed one must not leave cached pages."""
    before = codeversion.digest(package, installed())
    template = package / "templates" / "entry.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert codeversion.digest(package, installed()) != before


def test_a_changed_library_version_changes_the_digest(package: Path) -> None:
    """An upgraded Markdown or sanitizer renders bodies differently with the same code."""
    versions = installed()
    before = codeversion.digest(package, versions)
    upgraded = {**versions, "markdown": versions["markdown"] + ".post1"}
    assert codeversion.digest(package, upgraded) != before
