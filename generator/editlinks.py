"""Links to edit a page's source on the Git host: Material's "Edit this page" button.

MkDocs makes a page's edit link from its file in the docs folder, which here is
generated (`build/docs/`) and not what an editor should change: that is the record a
page shows (`content/articles/...`, named by the page's `cc_source`), or the
hand-written page in `site_config/pages/`. A page made from many records (a day, an
index) has no one file to edit, and no link. `edit_uri` in mkdocs.yml is therefore
the address of the Git host's edit view at the repository's root
(`https://github.com/<owner>/<repo>/edit/main/`), with the file's path from the
project's root after it; the project is the repository.

MkDocs makes up an `edit_uri` (`edit/master/docs/`) when `repo_url` is a known Git
host's and mkdocs.yml sets none: that would be a broken link on every page, so only
an `edit_uri` (or `edit_uri_template`) written in mkdocs.yml counts
(`siteinfo.SiteInfo.edit_links`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Protocol
from urllib.parse import quote, urljoin

from mkdocs.utils import markdown_extensions


class Template(Protocol):
    """An `edit_uri_template` as MkDocs' config holds it: a format string (which also
    knows `!q`)."""

    def format(self, *, path: str, path_noext: str) -> str:
        """Return the template with the file's path put in."""
        ...


def hand_written(pages: Path, root: Path) -> dict[str, str]:
    """Return the project's path of each hand-written page, by its path in the docs."""
    if not pages.is_dir() or not pages.is_relative_to(root):
        return {}
    found = (p for p in pages.rglob("*") if p.suffix in markdown_extensions and p.is_file())
    return {p.relative_to(pages).as_posix(): p.relative_to(root).as_posix() for p in found}


def link(
    repo_url: str | None, edit_uri: str | None, template: Template | None, path: str
) -> str | None:
    """Return the link to edit `path` (from the repository's root), as MkDocs joins one
    (`Page._set_edit_url`); None when mkdocs.yml asks for no edit links.

    The path is percent-encoded first (a folder may be named `a b#1`), so a template
    takes it as `{path}`, not `{path!q}`, and the link is safe in an attribute.
    """
    path = quote(path, safe="/")
    if template:
        target = template.format(path=path, path_noext=posixpath.splitext(path)[0])
    elif edit_uri:
        target = edit_uri.rstrip("/") + "/" + path
    else:
        return None
    base = repo_url or ""
    if base and not base.endswith("/") and not target.startswith(("?", "#")):
        base += "/"
    return urljoin(base, target)
