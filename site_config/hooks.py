"""MkDocs glue, kept to this one file: hand MkDocs our pages' HTML, and regenerate
pages when `mkdocs serve` rebuilds.

Generated pages are finished HTML under their front matter (marked `cc_html`): the
hook renders them in place of MkDocs' `Page.render`, which would set up and run
Python-Markdown for each (most of a build's time), and gives MkDocs the table of
contents and anchors Markdown's `toc` extension would have found.
Pages written by hand (about, contributing) are Markdown and go through as usual.

`chronicle build` generates the pages before it calls MkDocs. Under `mkdocs serve`
(or `chronicle serve`), MkDocs reloads the config on every change to a watched folder
(`watch:` in mkdocs.yml lists content/), and this hook regenerates the pages first,
so the browser reloads with the edit.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import get_toc

from generator import build, headings, incremental_site
from generator.issues import ValidationFailed
from generator.settings import Settings

log = logging.getLogger("mkdocs.hooks.chronicle")
_serving = {"on": False}


def on_startup(command: str, dirty: bool, **_: Any) -> None:
    """Remember whether MkDocs is serving: only then does the hook generate pages."""
    _serving["on"] = command == "serve"


def on_serve(server: Any, config: Any, **_: Any) -> Any:
    """Watch content/, not the generated docs: our own writes would set off a second build.

    MkDocs watches its docs folder by polling every file in it; the docs are regenerated
    from content/ (in `watch:`) by `on_config`, so watching them only costs time.
    """
    server.unwatch(config.docs_dir)
    return server


def on_config(config: Any, **_: Any) -> Any:
    """Regenerate the docs folder from content before each serve build."""
    if not _serving["on"]:
        return config
    settings = Settings(root=Path(config.config_file_path).parent)
    try:
        result = build.generate(settings, search_documents=False)
    except ValidationFailed as failed:
        for issue in failed.issues:
            log.error(issue.format(settings.root))
        log.error("content has errors; the preview shows the last good version")
        return config
    # Serve rebuilds are dirty (generator/preview.py): remove pages of removed records.
    removed = (str(path) for path in result.report.removed)
    incremental_site.remove_published(Path(config.site_dir), removed)
    return config


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
