"""Hostile and broken records, as golden pairs: each gets exactly its expected report.

A case is `tests/fixtures/bad/<case>.md` (placed as `content/articles/<case>.md`) or a
folder `tests/fixtures/bad/<case>/` laid over `content/`, beside the small valid tree in
`tests/fixtures/bad/_base/`, plus `<case>.expected`: the lines `chronicle check`
prints, its summary line and its exit code. A new case is two files and no code.
Regenerate the expected files after a deliberate change of messages with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_hostile.py

(the run rewrites them and fails, so a rewrite is never taken for a pass; under
CI=true it is refused) and read the diff before committing it. Cases that are
accepted (exit 0) are rendered inert: they are built together into one site (see
`hostile_site` in conftest.py), which the safety scan, the link check and the
browser test look at.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
from pathlib import Path

import material
import pytest
from hostile import BAD, bad_cases, case_name, check_output, hostile_tree

from generator import build, cli, scan
from generator.issues import Issue
from generator.records import find
from generator.settings import Settings
from tests.helpers import REWRITTEN, updating_golden

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("case", bad_cases(), ids=case_name)
def test_case_gets_exactly_its_expected_report(case: Path, tmp_path: Path) -> None:
    root = hostile_tree(tmp_path, [case])
    got = check_output(root)
    expected = BAD / f"{case_name(case)}.expected"
    if updating_golden():
        expected.write_text(got, encoding="utf-8")
        pytest.fail(f"{REWRITTEN}: {expected.name}")
    assert expected.is_file(), f"missing {expected.name}; run with UPDATE_GOLDEN=1"
    assert got == expected.read_text(encoding="utf-8")


def test_every_expected_file_has_its_case() -> None:
    names = {case_name(c) for c in bad_cases()}
    orphans = [p.name for p in BAD.glob("*.expected") if p.stem not in names]
    assert orphans == []


def test_a_failing_case_names_its_file_and_stops_the_run(tmp_path: Path) -> None:
    root = hostile_tree(tmp_path, [BAD / "yaml-duplicate-keys.md"])
    lines = check_output(root).splitlines()
    assert lines[0].startswith("content/articles/yaml-duplicate-keys.md:4: ")
    assert lines[-1] == "exit 1"


def test_links_and_special_files_in_content_are_refused(tmp_path: Path) -> None:
    root = hostile_tree(tmp_path, [])
    articles = root / "content" / "articles"
    (articles / "passwd.md").symlink_to("/etc/passwd")
    (articles / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(articles / "pipe.md")
    report = check_output(root)
    assert "content/articles/passwd.md: symbolic links are not allowed in content/" in report
    assert "content/articles/elsewhere: symbolic links are not allowed in content/" in report
    assert "content/articles/pipe.md: not a regular file" in report
    assert report.endswith("exit 1\n")
    github = io.StringIO()
    with contextlib.redirect_stdout(github), contextlib.redirect_stderr(io.StringIO()):
        cli.main(["--root", str(root), "check", "--format", "github"])
    assert "::error file=content/articles/passwd.md,title=" in github.getvalue()
    issues: list[Issue] = []
    assert all("passwd" not in str(p) for p in find(root / "content", issues))


def test_a_content_folder_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    """`content -> /` would read, and publish, whatever the link points at."""
    root = hostile_tree(tmp_path / "project", [])
    elsewhere = tmp_path / "elsewhere"
    (root / "content").rename(elsewhere)
    (root / "content").symlink_to(elsewhere, target_is_directory=True)
    report = check_output(root)
    assert report.startswith("content: symbolic links are not allowed in content/")
    assert "articles" not in report and report.endswith("exit 1\n")


def test_a_file_name_ending_in_a_line_break_is_no_id(tmp_path: Path) -> None:
    """`john-kirby<newline>.md` passed as the id john-kirby and stood in for that actor."""
    root = hostile_tree(tmp_path, [])
    actors = root / "content" / "actors"
    first = next(actors.glob("*.md"))
    (actors / f"{first.stem}\n.md").write_text("---\nname: Impostor\nkind: person\n---\n")
    report = check_output(root)
    assert f"content/actors/{first.stem}\\n.md:2: file name must be an id" in report
    assert report.endswith("exit 1\n")


def test_accepted_cases_build_into_a_site_that_passes_the_scan(hostile_site: Path) -> None:
    theme = [ROOT / "site_config" / "overrides", Path(material.__file__).parent / "templates"]
    assert scan.scan_site(hostile_site, scan.theme_scripts(theme)) == []
    entries = {p.parent.name for p in (hostile_site / "entries").glob("*/index.html")}
    assert {"script-in-title", "script-in-every-field", "body-script", "bom", "crlf"} <= entries


def test_payloads_are_shown_as_text_not_markup(hostile_site: Path) -> None:
    page = (hostile_site / "entries" / "script-in-title" / "index.html").read_text()
    assert "<script>window.__pwned" not in page
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title
    assert "window.__pwned" in title  # shown, escaped, not dropped


def test_a_link_left_in_the_docs_folder_is_removed_before_mkdocs_reads_it(tmp_path: Path) -> None:
    root = hostile_tree(tmp_path, [])
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "key.txt").write_text("secret")
    docs = root / "build" / "docs"
    docs.mkdir(parents=True)
    (docs / "leak").symlink_to(secrets, target_is_directory=True)
    (docs / "leak.md").symlink_to(secrets / "key.txt")
    settings = Settings(root=root, today=dt.date(2026, 1, 1))
    result = build.generate(settings)
    assert not (docs / "leak").exists() and not (docs / "leak").is_symlink()
    assert not (docs / "leak.md").is_symlink()
    assert {"leak", "leak.md"} <= {p.as_posix() for p in result.report.removed}
    assert (secrets / "key.txt").read_text() == "secret"  # removed the link, not its target


def test_a_link_in_site_config_stops_the_build_with_a_message(tmp_path: Path) -> None:
    root = hostile_tree(tmp_path, [])
    shutil.copytree(ROOT / "site_config", root / "site_config")
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "site_config" / "assets" / "passwd.txt").symlink_to("/etc/passwd")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(root), "build", "--pages-only"])
    assert code == cli.EXIT_INVALID
    assert "passwd.txt: a symbolic link; the build stopped." in err.getvalue()
    assert not (root / "build" / "docs" / "assets" / "passwd.txt").exists()
