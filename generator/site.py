"""Build the static site with MkDocs, atomically: a failed build leaves `site/` as it was.

MkDocs writes into its `site_dir` as it goes, and a strict build that fails has
already replaced the old site. So we build into a fresh folder beside `site/`, check
it, and only then swap it in with two renames.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from generator import incremental_site, scan, search, search_index, shards, swap
from generator.grouping import Chronicle
from generator.issues import shown
from generator.progress import Progress
from generator.settings import Settings

DIRTY_WARNING = "A 'dirty' build is being performed"


class SiteBuildFailed(Exception):
    """MkDocs reported errors or warnings; the previous site was kept."""


@contextmanager
def _capture_warnings() -> Iterator[list[str]]:
    """Collect MkDocs' warnings: `--strict` alone can let some of them pass."""
    found: list[str] = []

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                found.append(record.getMessage())

    handler = Handler()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


def build_site(
    settings: Settings,
    progress: Progress | None = None,
    incremental: bool = False,
    epoch: int | None = None,
    indexer: search_index.Indexer | None = None,
    workers: int | None = None,
    staging: incremental_site.Staging | None = None,
) -> Path:
    """Build the docs folder into `settings.site` with MkDocs in strict mode.

    Pagefind indexes the search documents in its own process meanwhile (`indexer`, if
    the generator already started it; otherwise it starts here); its index is put into
    the staging folder before the swap, so the site and its index change together.
    `incremental` starts from a copy of the current site and lets MkDocs
    rebuild only pages whose Markdown the generator rewrote (see `incremental_site.py`);
    that copy is made in `staging`, if the caller started one before generating.
    `epoch` (see `content_epoch`) stands for the build time wherever MkDocs writes one,
    so the same content gives the same bytes. The safety scan runs last, before the swap.
    A full build of a large site runs MkDocs in `workers` processes (by default, one a
    core when there are enough pages; see `shards.py`).
    """
    progress = progress or Progress()
    target = settings.site
    staging = staging or incremental_site.Staging(settings, incremental)
    folder = staging.folder
    source = search.source_folder(settings.docs)
    indexer = indexer or search_index.Indexer(source, target, reuse=incremental).start()
    try:
        started = time.time() - 1.0  # file times may lag the clock by a tick
        try:
            dirty = staging.ready()
        except incremental_site.CopyFailed as exc:
            raise SiteBuildFailed(str(exc)) from exc
        with progress.stage("mkdocs"), _source_date(epoch):
            count = 1 if dirty else workers or shards.workers(shards.page_count(settings))
            if count > 1:
                try:
                    shards.build(settings, folder, count, _mkdocs, swap.set_aside_beside(target))
                except shards.SharesFailed as exc:
                    raise SiteBuildFailed(str(exc)) from exc
            else:
                _mkdocs(settings, folder, dirty)
        with progress.stage("search (after MkDocs)"):
            try:
                indexer.finish(folder)
            except search_index.IndexFailed as exc:
                raise SiteBuildFailed(f"Pagefind could not index the search pages: {exc}") from exc
        with progress.stage("safety scan"):
            _scan(settings, folder, since=started if dirty else None)
        # No stamp vouches for a site while it is being replaced: stopped in between, the
        # next build is a full one.
        incremental_site.forget(settings)
        swap.swap(folder, target)
    except BaseException:
        indexer.cancel()
        staging.discard()
        # What a share build set aside; with no site in place, one of them may be it.
        for tree in swap.old_trees(target, own=True) if target.exists() else ():
            shutil.rmtree(tree, ignore_errors=True)
        raise
    # The new site is online. What vouches for it is written now; should that fail, the
    # next build is a full one, and this one did not fail.
    with contextlib.suppress(OSError):
        incremental_site.record(settings, staging.fingerprint)
        indexer.published()
    return target


class DropMessage(logging.Filter):
    """Drop log records whose message starts with a given text."""

    def __init__(self, start: str) -> None:
        super().__init__()
        self.start = start

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.start)


def _mkdocs(settings: Settings, staging: Path, dirty: bool) -> None:
    """Run MkDocs into `staging`; raise SiteBuildFailed on any error or warning."""
    config = load_config(
        str(settings.config), docs_dir=str(settings.docs), site_dir=str(staging), strict=True
    )
    unshare = incremental_site.Unshare()
    if dirty:  # `staging` may share its files with the published site
        config.plugins["chronicle-unshare"] = unshare
    # MkDocs warns on every dirty build; strict mode would fail on it. We chose dirty
    # builds knowingly (incremental_site checks when they are safe), so drop that one.
    quiet = logging.getLogger("mkdocs.commands.build")
    expected = DropMessage(DIRTY_WARNING)
    quiet.addFilter(expected)
    error: Abort | MkDocsException | jinja2.TemplateError | None = None
    try:
        with _capture_warnings() as warnings:
            try:
                mkdocs_build(config, dirty=dirty)
            except (Abort, MkDocsException, jinja2.TemplateError) as exc:
                error = exc
    finally:
        quiet.removeFilter(expected)
    told = [locate(w, settings.site_config / "pages") for w in warnings]
    if error is not None:
        raise SiteBuildFailed("\n".join([*told, _said(error, settings.root)])) from error
    if told:
        raise SiteBuildFailed("\n".join(["MkDocs warned:", *told]))
    incremental_site.keep_published(unshare.rewritten, staging, settings.site)


def _said(error: Exception, root: Path) -> str:
    """Return MkDocs' error in one line; a template's (an override in site_config/,
    mkdocs.yml's theme) with its file and line, rather than a page of traceback."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = shown(Path(error.filename), root) if error.filename else error.name or "?"
        return f"{where}:{error.lineno}: template error: {error.message}"
    if isinstance(error, jinja2.TemplateError):
        return f"template error: {error}"
    return str(error)


_DOC_LINK = re.compile(r"^Doc file '(?P<doc>[^']+)' contains (?P<what>.*?)'(?P<link>[^']*)'")


def locate(warning: str, pages: Path) -> str:
    """Return MkDocs' warning about a link in a hand-written page, said from its file.

    MkDocs names the page as the docs folder has it (`about.md`); the editor wrote
    `site_config/pages/about.md`, and wants the line the link is on.
    """
    found = _DOC_LINK.match(warning)
    if found is None or not (pages / found["doc"]).is_file():
        return warning
    source = pages / found["doc"]
    text = source.read_text(encoding="utf-8", errors="replace")
    at = text.find(found["link"]) if found["link"] else -1
    line = f":{text.count(chr(10), 0, at) + 1}" if at >= 0 else ""
    return f"{source.relative_to(pages.parent.parent)}{line}: {warning}"


def content_epoch(chronicle: Chronicle) -> int:
    """Return the newest date in the chronicle (entries, updates, corrections) as seconds.

    MkDocs stamps the sitemap and its gzip header with the build time; standing in
    the content's own newest date makes two builds of one content byte-identical.
    """
    days = [dt.date(1970, 1, 1)]
    for entry in chronicle.entries:
        days.append(entry.date.first_day)
        days.extend(d for d in (entry.published, entry.last_changed) if d is not None)
    newest = max(days)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


@contextmanager
def _source_date(epoch: int | None) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH, which MkDocs reads, for one build only, then restore it."""
    if epoch is None:
        yield
        return
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _scan(settings: Settings, staging: Path, since: float | None = None) -> None:
    """Fail the build when a built page carries script the theme did not put there."""
    config = load_config(str(settings.config), docs_dir=str(settings.docs))
    allowed = scan.theme_scripts(Path(d) for d in config.theme.dirs)
    root = urlsplit(config.site_url or "/").path or "/"  # `/chronicle/` for a project page
    findings = scan.scan_site(staging, allowed, since, root)
    if findings:
        lines = [str(f) for f in findings[:50]]
        more = [f"... and {len(findings) - 50} more"] if len(findings) > 50 else []
        raise SiteBuildFailed("\n".join(["the built site failed its safety scan:", *lines, *more]))
