"""MkDocs glue, kept to this one file: hand MkDocs our pages' HTML, and regenerate
pages when `mkdocs serve` rebuilds.

Generated pages are finished HTML under their front matter (marked `cc_html`): the
hook renders them in place of MkDocs' `Page.render`, which would set up and run
Python-Markdown for each (most of a build's time), and gives MkDocs the table of
contents and anchors Markdown's `toc` extension would have found.
Pages written by hand (about, contributing) are Markdown and go through as usual.

Material renders its whole navigation (sidebar and tabs) into every page; most pages
show it alike, and `generator/navshare.py` renders it once for those.

`chronicle build` generates the pages before it calls MkDocs. Under `mkdocs serve`
(or `chronicle serve`), MkDocs reloads the config on every change to a watched folder
(`watch:` in mkdocs.yml lists content/), and this hook regenerates the pages first,
so the browser reloads with the edit: through one `Session` that keeps what each
rebuild read for the next, with the system announcing changes (`preview`), and with
MkDocs handed only the pages a rebuild builds.
"""

from __future__ import annotations

import functools
import gc
import html
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.structure.files import Files
from mkdocs.structure.toc import get_toc

from generator import (
    build,
    editlinks,
    headings,
    incremental_site,
    navshare,
    preview,
    preview_errors,
    siteinfo,
)
from generator.buildlock import BuildLock
from generator.issues import Severity, ValidationFailed
from generator.session import Session
from generator.settings import Settings

log = logging.getLogger("mkdocs.hooks.chronicle")


@dataclass
class _Preview:
    """What the preview's builds share, for as long as MkDocs serves.

    MkDocs loads a hook once a process, and calls its functions with no state of ours:
    this one object (`_preview`) is it. `session` is set only under `serve`.
    """

    session: Session | None = None
    lock: BuildLock | None = None  # the build folder's, held from `on_config` to the build's end
    built: bool = False  # MkDocs finished a build: the site holds every page so far
    written: set[str] = field(default_factory=set)  # pages written since that build
    frozen: bool = False  # the first run's objects are out of the collector's way
    errors: Sequence[str] = ()  # of the content, while it has any: every page shows them
    warned: frozenset[str] = frozenset()  # warnings the terminal has shown, still standing
    section: Any = None  # the nav item marked active for the page being rendered
    shaped_by: str | None = None  # what shaped every page of the last build (`fingerprint`)


_preview = _Preview()


def on_startup(command: str, **_: Any) -> None:
    """When MkDocs serves, start the session its rebuilds share; only then do we generate."""
    if command == "serve":
        _preview.session = Session()


def on_shutdown(**_: Any) -> None:
    """When the preview stops, save what its last run rendered, for the next build."""
    session, lock = _preview.session, _preview.lock
    if session is not None and lock is not None:
        with lock:  # written beside the docs: a build running now waits, or is waited for
            session.close()


def on_serve(server: Any, config: Any, **_: Any) -> Any:
    """Watch content/, not the generated docs, and have the system announce changes.

    MkDocs watches its docs folder too; the docs are regenerated from content/ (in
    `watch:`) by `on_config`, so watching them would only cost time. MkDocs also polls
    every watched file twice a second: at 5,000 records that is a sixth of a core,
    taken from the rebuilds, and a quarter of a second's wait on average. Where the
    system announces changes (inotify, FSEvents, ...), we watch with that instead,
    unless `preview.POLL_VARIABLE` is set (`chronicle serve --poll`): changes on
    network drives and in WSL's /mnt are not announced.
    """
    server.unwatch(config.docs_dir)
    if not os.environ.get(preview.POLL_VARIABLE):
        preview.announced_changes(server)

    # While content has errors, every page served shows them (`preview_errors`); the
    # "not found" page reloads on the next build as the others do (MkDocs' own script,
    # which MkDocs adds to every page but that one).
    def reloading(page: bytes) -> bytes:
        return bytes(server._inject_js_into_html(page, server._visible_epoch))

    server.set_app(preview_errors.showing(server.get_app(), lambda: _preview.errors, reloading))
    server.builder = _told(server.builder)
    return server


def _told(builder: Callable[[], None]) -> Callable[[], None]:
    """Return MkDocs' rebuild, with what stops it shown on the pages served.

    When a rebuild fails (mkdocs.yml no longer valid YAML, a broken theme override),
    MkDocs' server holds every request until a rebuild succeeds ("The server will
    appear stuck"): the browser waited, with no word of why. The failure is told on the
    pages instead, which are served from the last build as when content has errors.
    """

    def build() -> None:
        try:
            builder()
        except Exception as exc:  # whatever it is, it is told, not hidden
            text = " ".join(str(exc).split()) or type(exc).__name__
            message = f"chronicle serve: this change could not be built: {text}"
            _preview.errors = [*_preview.errors, message]
            log.error(message)
            log.error("the preview shows the last version it could build")

    return build


def on_config(config: Any, **_: Any) -> Any:
    """Regenerate the docs folder from content before each serve build; keep edit
    links only where mkdocs.yml asks for them (`siteinfo.SiteInfo.edit_links`)."""
    if not siteinfo.read(Path(config.config_file_path)).edit_links:
        config.edit_uri = config.edit_uri_template = None
    session = _preview.session
    if session is None:
        return config
    settings = _settings(config)
    # The build folder is the preview's until this build ends (`buildlock`): a
    # `chronicle build` running now is waited for, and one started now waits.
    if _preview.lock is None:
        _preview.lock = BuildLock(settings.docs, "chronicle serve", log.info)
    _preview.lock.hold()
    _preview.errors = ()  # this run's, if any, from here on
    try:
        result = build.generate(settings, search_documents=False, session=session)
    except ValidationFailed as failed:
        # The page's banner lists the errors first; the terminal tells each at its level.
        issues = sorted(failed.issues, key=lambda i: i.severity is not Severity.ERROR)
        _preview.errors = [issue.format(settings.root) for issue in issues]
        for issue, line in zip(issues, _preview.errors, strict=True):
            (log.error if issue.severity is Severity.ERROR else log.warning)(line)
        log.error("content has errors; the preview shows the last good version")
        return config
    # Serve builds are dirty (generator/preview.py): the first starts from the published
    # site, when there is one to start from; each removes pages of removed records.
    _warn(issue.format(settings.root) for issue in result.issues)
    # mkdocs.yml or the theme's overrides changed since the last build: they shape every
    # page (its title, header, nav), and a dirty build would rebuild only pages whose
    # Markdown changed. Every page is built again, from an empty site folder.
    shaped_by = incremental_site.fingerprint(settings)
    if _preview.shaped_by not in (None, shaped_by):
        preview.start_over(Path(config.site_dir))
        _preview.built = False
    _preview.shaped_by = shaped_by
    if not _preview.built:
        preview.seed(settings, Path(config.site_dir))
    # Pages written since MkDocs last finished a build: the next one builds them.
    _preview.written.update(str(p) for p in result.report.written)
    removed = (str(path) for path in result.report.removed)
    incremental_site.remove_published(Path(config.site_dir), removed)
    if not _preview.frozen:
        # What the first run read stays for the session: Python's collector need not
        # look through it again on every rebuild (a tenth of each at 5,000 records).
        gc.freeze()
        _preview.frozen = True
    return config


def _warn(warnings: Iterable[str]) -> None:
    """Show the content's warnings in the terminal when they appear: each once, not again
    on every save while it stands (`chronicle check` lists them all)."""
    standing = frozenset(warnings)
    for line in sorted(standing - _preview.warned):
        log.warning(line)
    _preview.warned = standing


def _settings(config: Any) -> Settings:
    """Return the project's settings: its root is where mkdocs.yml is."""
    return Settings(root=Path(config.config_file_path).parent)


def on_files(files: Files, config: Any, **_: Any) -> Files:
    """Point each page's edit link at the file an editor changes (`editlinks`): a
    hand-written page's own; a generated page's is set from its record, or left out.

    In the preview's rebuilds, hand MkDocs only the pages it is going to build; in
    all its builds, unlink what MkDocs will write from its site, whose files may be
    links to the published site's (`preview.seed`).

    See `preview.pages_to_build`. Not in `chronicle build`, nor in the preview's first
    build, which builds every page.
    """
    settings = _settings(config)
    sources = editlinks.hand_written(settings.site_config / "pages", settings.root)
    for page in files.documentation_pages():
        page.edit_uri = sources.get(page.src_uri)
    if _preview.session is None:
        return files
    if _preview.built:
        hand_written = settings.site_config / "pages"
        files = preview.pages_to_build(files, config.nav, hand_written, _preview.written)
    incremental_site.unshare(files, config)
    return files


def on_post_build(config: Any, **_: Any) -> None:
    """Note that the preview's site has every page written so far: its rebuilds may
    leave some out."""
    if _preview.session is not None:
        _preview.built = True
        _preview.written = set()
        _release()


def on_build_error(**_: Any) -> None:
    """A failed build lets go of the build folder too."""
    _release()


def _release() -> None:
    if _preview.lock is not None:
        _preview.lock.release()


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    """Have a generated page rendered as the HTML it is, instead of by Python-Markdown,
    and link it to the record it shows for editing (`cc_source`, `editlinks`).

    MkDocs calls `page.render(config, files)` next; for a `cc_html` page that is
    `_render_html`, which sets what `Page.render` sets: the content, the table of
    contents and the ids MkDocs checks links to the page's anchors against.
    """
    source = page.meta.get("cc_source")  # HTML-escaped, as every meta value we write
    if source:
        page.edit_url = editlinks.link(
            config.repo_url, config.edit_uri, config.edit_uri_template, html.unescape(source)
        )
    if page.meta.get("cc_html"):
        page.render = functools.partial(_render_html, page, markdown)
    return markdown


def _render_html(page: Any, made: str, config: Any, files: Any) -> None:
    """Render a generated page: its text (`made`) is the page's HTML already."""
    page.content = made
    page.toc = get_toc(headings.toc_tokens(made))
    page.present_anchor_ids = headings.anchor_ids(made)


def on_page_context(context: Any, page: Any, nav: Any, **_: Any) -> Any:
    """Mark the tab of the section a page belongs to, for a page the nav does not list
    (an actor's, a day's, an entry's: `navshare.section_of`), until it is rendered."""
    _preview.section = navshare.section_of(nav, page)
    if _preview.section is not None:
        _preview.section.active = True
    return context


def on_post_page(output: str, **_: Any) -> str:
    if _preview.section is not None:
        _preview.section.active = False
        _preview.section = None
    return output


def on_env(env: Environment, config: Any, **_: Any) -> Environment:
    """Let the theme's partials be wrapped, and its navigation rendered once (`navshare`)."""
    return navshare.prepare(env, config)
