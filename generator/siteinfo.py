"""What the site says about itself in mkdocs.yml: its name, address and description,
and whether it asks for edit links.

Feeds and exports need the site's name and, when it is known, its public address
(`site_url`), which live in the MkDocs configuration. It is read here, at the edge,
with MkDocs' own YAML loader (so `!ENV` works as it does for MkDocs), and passed down
as a frozen value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.utils.yaml import yaml_load

DEFAULT_NAME = "Conflict Chronicle"


@dataclass(frozen=True)
class SiteInfo:
    """The site's name, its public address if configured, and its description.

    `edit_links`: mkdocs.yml itself sets `edit_uri` or `edit_uri_template`, where MkDocs
    would otherwise make one up from `repo_url` (`editlinks`).
    """

    name: str = DEFAULT_NAME
    url: str | None = None
    description: str = ""
    edit_links: bool = False

    def absolute(self, site_path: str) -> str | None:
        """Return the public URL of a path from the site root, or None without `site_url`."""
        return urljoin(self.url, site_path) if self.url else None


def read(config: Path) -> SiteInfo:
    """Return the site's description from an MkDocs config file; defaults when it is absent."""
    if not config.is_file():
        return SiteInfo()
    with config.open(encoding="utf-8") as handle:
        data = yaml_load(handle)
    url = str(data.get("site_url") or "").strip() or None
    if url and not url.endswith("/"):
        url += "/"  # MkDocs serves the site below site_url as a folder
    return SiteInfo(
        name=str(data.get("site_name") or DEFAULT_NAME),
        url=url,
        description=str(data.get("site_description") or ""),
        edit_links=bool(data.get("edit_uri") or data.get("edit_uri_template")),
    )
