"""MkDocs glue, kept to this one file: hand MkDocs our pages' HTML, and regenerate
pages when `mkdocs serve` rebuilds.

Generated pages are finished HTML under their front matter (marked `cc_html`): the
hook renders them in place of MkDocs' `Page.render`, which would set up and run
Python-Markdown for each (most of a build's time), and gives MkDocs the table of
contents and anchors Markdown's `toc` extension would have found.
Pages written by hand (about, contributing) are Markdown and go through as usual.

Material renders its whole navigation (sidebar and tabs) into every page. On a page
the navigation does not list, nothing in it is active and it differs from page to
page only by its links, which are relative to the page; `shared_partial` renders it
once for all pages whose links come out the same (site_config/overrides/partials).

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
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.toc import get_toc
from mkdocs.utils import normalize_url

from generator import build, headings, incremental_site, preview
from generator.issues import ValidationFailed
from generator.session import Session
from generator.settings import Settings

log = logging.getLogger("mkdocs.hooks.chronicle")
_preview: dict[str, Any] = {}  # MkDocs loads a hook once a process: this lives as long


def on_startup(command: str, dirty: bool, **_: Any) -> None:
    """When MkDocs serves, start the session its rebuilds share; only then do we generate."""
    if command == "serve":
        _preview["session"] = Session()


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
    return server


def on_config(config: Any, **_: Any) -> Any:
    """Regenerate the docs folder from content before each serve build."""
    session = _preview.get("session")
    if session is None:
        return config
    settings = _settings(config)
    try:
        result = build.generate(settings, search_documents=False, session=session)
    except ValidationFailed as failed:
        for issue in failed.issues:
            log.error(issue.format(settings.root))
        log.error("content has errors; the preview shows the last good version")
        return config
    # Serve rebuilds are dirty (generator/preview.py): remove pages of removed records.
    removed = (str(path) for path in result.report.removed)
    incremental_site.remove_published(Path(config.site_dir), removed)
    if not _preview.get("frozen"):
        # What the first run read stays for the session: Python's collector need not
        # look through it again on every rebuild (a tenth of each at 5,000 records).
        gc.freeze()
        _preview["frozen"] = True
    return config


def _settings(config: Any) -> Settings:
    """Return the project's settings: its root is where mkdocs.yml is."""
    return Settings(root=Path(config.config_file_path).parent)


def on_files(files: Files, config: Any, **_: Any) -> Files:
    """In the preview's rebuilds, hand MkDocs only the pages it is going to build.

    A rebuild is dirty: MkDocs builds the pages whose Markdown is newer than their
    HTML, a few dozen for one saved record, but still makes a page object for each of
    the other thousands and walks them all (a third of its rebuild at 5,000 records).
    Those pages stay in the preview's site as built before. The nav's pages stay, so
    MkDocs can build the nav; so does every page when a hand-written page changed,
    since MkDocs checks its links against all the others. Not in `chronicle build`,
    nor in the preview's first build, which builds every page.
    """
    if not _preview.get("built"):
        return files
    pages = files.documentation_pages()
    changed = [f for f in pages if f.is_modified()]
    hand_written = _settings(config).site_config / "pages"
    if any((hand_written / f.src_uri).is_file() for f in changed):
        return files
    keep = {f.src_uri for f in changed} | set(_nav_pages(config.nav or []))
    return Files([f for f in files if not f.is_documentation_page() or f.src_uri in keep])


def on_post_build(config: Any, **_: Any) -> None:
    """Note that the preview's site has every page: its rebuilds may leave some out."""
    if "session" in _preview:
        _preview["built"] = True


def _nav_pages(items: Any) -> Iterator[str]:
    """Yield the documentation files the nav configuration names."""
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from _nav_pages(value)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Have a generated page rendered as the HTML it is, instead of by Python-Markdown.

    MkDocs calls `page.render(config, files)` next; for a `cc_html` page that is
    `_render_html`, which sets what `Page.render` sets: the content, the table of
    contents and the ids MkDocs checks links to the page's anchors against.
    """
    if page.meta.get("cc_html"):
        page.render = functools.partial(_render_html, page, markdown)
    return markdown


def _render_html(page: Any, html: str, config: Any, files: Any) -> None:
    """Render a generated page: its text is the page's HTML already."""
    page.content = html
    page.toc = get_toc(headings.toc_tokens(html))
    page.present_anchor_ids = headings.anchor_ids(html)


THEME_PREFIX = "theme/"  # names the theme's own template under one we override


def on_env(env: Environment, config: Any, **_: Any) -> Environment:
    """Let our partials include the theme's template of the same name, and share renderings.

    The theme's own templates stay reachable as `theme/<name>`, so an override can wrap
    the original instead of copying it. Each build gets its own store of renderings.
    The theme's templates are compiled once and kept beside the docs folder (a quarter
    of a second in every build and every preview rebuild); Jinja checks each against
    its source before using it.
    """
    docs = Path(config.docs_dir)
    compiled = docs.with_name(docs.name + "-templates")
    compiled.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
    custom = config.theme.custom_dir
    originals = FileSystemLoader([d for d in config.theme.dirs if d != custom])
    loaders = [env.loader] if env.loader is not None else []
    env.loader = ChoiceLoader([*loaders, PrefixLoader({THEME_PREFIX.rstrip("/"): originals})])
    env.globals["cc_shared_partial"] = shared_partial({})
    return env


def shared_partial(store: dict[tuple[str, ...], Markup]) -> Callable[..., Markup]:
    """Return a template function rendering a theme partial once for pages that share it.

    `{{ cc_shared_partial("partials/nav.html") }}` renders the theme's template as its
    `{% include %}` would (with the page's context); a page whose navigation shows no
    active item reuses the rendering of an earlier page whose navigation links are the
    same. Any other page is rendered as usual.
    """

    @pass_context
    def render(context: Context, name: str) -> Markup:
        key = _links_key(context)
        if key is not None and (name, *key) in store:
            return store[(name, *key)]
        template = context.environment.get_template(THEME_PREFIX + name)
        parts = template.root_render_func(template.new_context(context.get_all(), True))
        html = Markup(context.environment.concat(parts))
        if key is not None:
            store[(name, *key)] = html
        return html

    return render


def _links_key(context: Context) -> tuple[str, ...] | None:
    """Return the navigation's links as this page writes them; None if an item is active."""
    nav, page, config = context.get("nav"), context.get("page"), context.get("config")
    if not isinstance(nav, Navigation) or page is None or config is None:
        return None
    items = list(_walk(nav.items))
    if any(getattr(item, "active", False) for item in items):
        return None
    extra = config.extra or {}
    paths = [".", config.theme.get("logo") or "", extra.get("homepage") or ""]
    paths += [item.url for item in items if getattr(item, "url", None) is not None]
    return tuple(normalize_url(str(path), page) for path in paths if path)


def _walk(items: list[Any]) -> Iterator[Any]:
    """Yield every item of the navigation, sections' children after their section."""
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
