"""The pipeline as a whole: everything is checked before anything is written."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator import build, writer
from generator.issues import Severity, ValidationFailed
from tests.cli_helpers import built_nothing, chronicle
from tests.conftest import ROOT, project_settings
from tests.helpers import article, copy_mini, write

BROKEN = {
    "articles/2022/2022-03-29-typo.md": article(actors="[kirbi]"),
    "articles/2022/2022-03-31-bad-date.md": article(date="2022-3-31"),
    "articles/2022/2022-04-01-malformed.md": "---\ntitle: [unclosed\n---\nBody\n",
    "articles/2022/2022-03-29-no-summary.md": article().replace("summary: What happened.\n", ""),
}


def test_generate_writes_pages_for_published_entries(tmp_path: Path) -> None:
    settings = project_settings(tmp_path, copy_mini(tmp_path))
    result = build.generate(settings)
    docs = settings.docs
    assert (docs / "entries" / "kirby-repositioning.md").is_file()
    assert not (docs / "entries" / "draft-entry.md").exists()
    assert (docs / "timeline" / "2022" / "03" / "29.md").is_file()
    assert not (docs / "timeline" / "2022" / "03" / "30.md").exists()
    assert len(result.chronicle.entries) == 3


def test_second_run_rewrites_nothing(tmp_path: Path) -> None:
    settings = project_settings(tmp_path, copy_mini(tmp_path))
    first = build.generate(settings)
    second = build.generate(settings)
    assert first.report.written
    assert second.report.written == ()
    assert second.report.unchanged == len(first.report.written)


def test_invalid_content_reports_every_error_and_writes_nothing(tmp_path: Path) -> None:
    content = copy_mini(tmp_path)
    write(content, BROKEN)
    settings = project_settings(tmp_path, content)
    with pytest.raises(ValidationFailed) as failed:
        build.generate(settings)
    assert sorted({i.path.name for i in failed.value.issues}) == sorted(
        Path(p).name for p in BROKEN
    )
    assert not settings.docs.exists()


def test_invalid_content_keeps_previous_pages(tmp_path: Path) -> None:
    content = copy_mini(tmp_path)
    settings = project_settings(tmp_path, content)
    build.generate(settings)
    before = {p: p.read_bytes() for p in settings.docs.rglob("*") if p.is_file()}
    write(content, BROKEN)
    with pytest.raises(ValidationFailed):
        build.generate(settings)
    after = {p: p.read_bytes() for p in settings.docs.rglob("*") if p.is_file()}
    assert after == before


def test_cli_build_fails_with_compiler_style_errors(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "site_config").mkdir(parents=True)
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    content = copy_mini(project)
    write(content, BROKEN)
    result = chronicle(project, "build")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "4 errors in 4 files; nothing was written."
    assert (
        "content/articles/2022/2022-03-29-typo.md:5: actors[0]: unknown actor 'kirbi' "
        "(did you mean 'john-kirby'?)"
    ) in lines
    assert (
        "content/articles/2022/2022-03-31-bad-date.md:3: date: expected YYYY-MM-DD "
        "(or YYYY-MM, or YYYY-MM-DDTHH:MM+03:00), found '2022-3-31'"
    ) in lines
    assert built_nothing(project)


def test_cli_usage_error_exits_2(tmp_path: Path) -> None:
    result = chronicle(tmp_path, "build")
    assert result.returncode == 2
    assert "no content/ folder" in result.stderr


def test_a_linked_folder_in_site_config_is_not_published(tmp_path: Path) -> None:
    """`site_config/assets -> /elsewhere` would publish whatever is there."""
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "key.txt").write_text("secret")
    site_config = tmp_path / "site_config"
    (site_config / "pages").mkdir(parents=True)
    (site_config / "pages" / "folder").symlink_to(secrets, target_is_directory=True)
    with pytest.raises(writer.UnsafePath, match="a symbolic link"):
        list(build.static_files(site_config))
    (site_config / "pages" / "folder").unlink()
    (site_config / "assets").symlink_to(secrets, target_is_directory=True)
    with pytest.raises(writer.UnsafePath, match="a symbolic link"):
        list(build.static_files(site_config))


def test_a_hand_written_page_with_broken_front_matter_stops_the_build(tmp_path: Path) -> None:
    """MkDocs built it with the broken line for its title and its place in the menu."""
    site_config = tmp_path / "site_config"
    shutil.copytree(ROOT / "site_config", site_config)
    about = site_config / "pages" / "about.md"
    about.write_text("---\ntitle: [broken\n---\n" + about.read_text("utf-8"), "utf-8")
    settings = replace(project_settings(tmp_path), site_config=site_config)
    with pytest.raises(ValidationFailed) as failed:
        build.generate(settings)
    assert [(i.path, i.severity) for i in failed.value.issues] == [(about, Severity.ERROR)]
    assert failed.value.issues[0].line is not None
    assert not settings.docs.exists()
    about.write_text(about.read_text("utf-8").replace("[broken", "About"), "utf-8")
    assert build.page_problems(site_config) == []
