"""The whole build, as `chronicle build` and the benchmark run it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import jinja2
import pytest

from generator import build, incremental_site, navshare, pipeline
from generator.issues import ValidationFailed
from generator.progress import Progress
from tests.conftest import project_settings
from tests.helpers import article, copy_mini, ended_process, write


def test_publish_reports_the_pages_before_the_site_is_built(tmp_path: Path) -> None:
    settings = project_settings(tmp_path, copy_mini(tmp_path))
    heard: list[tuple[int, bool]] = []

    def generated(result: build.Result) -> None:
        heard.append((len(result.chronicle.entries), settings.site.exists()))

    result = pipeline.publish(settings, Progress(), generated=generated)
    assert heard == [(len(result.chronicle.entries), False)]
    assert (settings.site / "entries" / "kirby-repositioning" / "index.html").is_file()
    assert (settings.site / "pagefind" / "pagefind-entry.json").is_file()
    assert incremental_site.last_build(settings) is not None  # the next build may be dirty


def test_publish_stamps_the_site_with_the_contents_date_not_the_clock(tmp_path: Path) -> None:
    """The mini chronicle's newest date is the update and correction of 1 April 2022
    (the draft of 30 March is not published): 2022-04-01 00:00 UTC is 1648771200.
    Written out, not asked of `site.content_epoch`, which could not then be wrong."""
    settings = project_settings(tmp_path, copy_mini(tmp_path))
    pipeline.publish(settings, Progress())
    header = (settings.site / "sitemap.xml.gz").read_bytes()[:8]
    assert int.from_bytes(header[4:8], "little") == 1_648_771_200  # gzip's MTIME field


def test_publish_leaves_the_published_site_when_content_is_invalid(tmp_path: Path) -> None:
    content = copy_mini(tmp_path)
    settings = project_settings(tmp_path, content)
    pipeline.publish(settings, Progress())
    before = sorted(p.relative_to(settings.site) for p in settings.site.rglob("*"))
    write(content, {"articles/2022/2022-03-31-typo.md": article(actors="[kirbi]")})
    with pytest.raises(ValidationFailed):
        pipeline.publish(settings, Progress())
    assert sorted(p.relative_to(settings.site) for p in settings.site.rglob("*")) == before
    assert not list(tmp_path.glob(".site-*"))  # no staging folder left behind


def test_a_site_dated_ahead_of_the_clock_is_built_anew(tmp_path: Path) -> None:
    """MkDocs' dirty build keeps a page whose HTML is newer than its Markdown: a published
    site dated tomorrow (a clock ahead, a copy from such a machine) would keep every old
    page. It is built whole instead, and shows the edit."""
    content = copy_mini(tmp_path)
    settings = project_settings(tmp_path, content)
    pipeline.publish(settings, Progress())
    tomorrow = time.time() + 86_400
    for path in [settings.site, *settings.site.rglob("*")]:
        os.utime(path, (tomorrow, tomorrow), follow_symlinks=False)
    assert incremental_site.last_build(settings) is None
    record = next((content / "articles").rglob("*kirby-repositioning.md"))
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace('title: "', 'title: "Edited ', 1), encoding="utf-8")
    pipeline.publish(settings, Progress())
    page = settings.site / "entries" / "kirby-repositioning" / "index.html"
    assert "Edited" in page.read_text(encoding="utf-8")


def test_a_build_stopped_while_its_staging_folder_is_set_up_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C or `kill` just after the folder is made, before a `with` holds it."""
    settings = project_settings(tmp_path, copy_mini(tmp_path))

    def stopped(settings: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(incremental_site, "fingerprint", stopped)
    with pytest.raises(KeyboardInterrupt):
        incremental_site.Staging(settings, incremental=True)
    assert list(tmp_path.glob(".site-*")) == []


def test_a_build_stopped_between_the_pages_and_the_site_leaves_no_index_behind(
    tmp_path: Path,
) -> None:
    """Pagefind started with the pages; stopped before the site build took it over, it
    is stopped and its folder removed, as the staging folder is."""
    settings = project_settings(tmp_path, copy_mini(tmp_path))

    def stopped(result: build.Result) -> None:
        assert result.indexer is not None and result.indexer.output is not None
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pipeline.publish(settings, Progress(), generated=stopped)
    assert list(tmp_path.glob(".site-*")) == []


def test_a_build_removes_what_a_build_killed_outright_left_beside_the_site(
    tmp_path: Path,
) -> None:
    """`kill -9` gives a build no chance to clean up: the next one does."""
    settings = project_settings(tmp_path, copy_mini(tmp_path))
    left = tmp_path / f".site-staging-{ended_process()}-abcd1234"
    (left / "entries").mkdir(parents=True)
    pipeline.publish(settings, Progress())
    assert not left.exists()
    assert list(tmp_path.glob(".site-*")) == []


def test_a_clean_build_runs_no_template_code_kept_beside_the_docs(tmp_path: Path) -> None:
    """Compiled templates are code, and Jinja trusts any file whose checksum matches the
    template's source: one committed into a pull request ran in CI's clean build."""
    settings = project_settings(tmp_path, copy_mini(tmp_path))
    pipeline.publish(settings, Progress())
    folder = navshare.compiled_folder(settings.docs)
    template = settings.site_config / "overrides" / "main.html"
    marker = tmp_path / "forged-code-ran"
    cache = jinja2.FileSystemBytecodeCache(str(folder))
    env = jinja2.Environment()
    bucket = cache.get_bucket(env, "main.html", str(template), template.read_text("utf-8"))
    forged = (
        f"open({str(marker)!r}, 'w').close()\n"
        "name, blocks, debug_info = 'main.html', {}, ''\n"
        "def root(context, missing=None, environment=None):\n    return iter(())\n"
    )
    bucket.code = compile(forged, "main.html", "exec")
    cache.set_bucket(bucket)
    # The forgery works: a Jinja that reads the folder runs it.
    loader = jinja2.FileSystemLoader(str(template.parent))
    jinja2.Environment(loader=loader, bytecode_cache=cache).get_template("main.html")
    assert marker.exists()
    marker.unlink()
    pipeline.publish(settings, Progress(), clean=True)
    assert not marker.exists()
    assert (settings.site / "index.html").is_file()
