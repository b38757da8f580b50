"""What the site says about itself in mkdocs.yml: its name, address and description,
and whether it asks for edit links.

Feeds and exports need the site's name and, when it is known, its public address
(`site_url`), which live in the MkDocs configuration. It is read here, at the edge,
and passed down as a frozen value. The generator runs without MkDocs, so the file is
read as MkDocs reads it without MkDocs' code: `!ENV` through the same small library
MkDocs uses, `INHERIT` merged the same way, and the tags only MkDocs can resolve
(Python names, `!relative` paths: theme and extension settings we never read) read
as nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml
import yaml_env_tag

DEFAULT_NAME = "Conflict Chronicle"


class ConfigError(Exception):
    """mkdocs.yml cannot be read: its YAML is broken, or a file it inherits is missing."""


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads its configuration, as far as the site's description goes."""


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_Loader.add_constructor("!relative", lambda loader, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


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
    data = resolved(config)
    url = str(data.get("site_url") or "").strip() or None
    if url and not url.endswith("/"):
        url += "/"  # MkDocs serves the site below site_url as a folder
    return SiteInfo(
        name=str(data.get("site_name") or DEFAULT_NAME),
        url=url,
        description=str(data.get("site_description") or ""),
        edit_links=bool(data.get("edit_uri") or data.get("edit_uri_template")),
    )


def read_config(config: Path) -> tuple[dict[str, Any], list[Path]]:
    """Return a config file's settings as MkDocs would read them (`!ENV` resolved, those
    of the file it inherits beneath them), and the files they come from, nearest first:
    a change to any of those files is one to every page."""
    return _chain(config, ())


def resolved(config: Path) -> dict[str, Any]:
    """Return a config file's settings as MkDocs would read them (see `read_config`)."""
    return read_config(config)[0]


def _chain(config: Path, below: tuple[Path, ...]) -> tuple[dict[str, Any], list[Path]]:
    """Return a config file's settings merged over those it inherits, and the files read.

    `below`: the files that inherit this one, so a file inheriting itself, directly or
    not, is an error rather than a loop without end."""
    if config.resolve() in below:
        raise ConfigError(f"{config}: INHERIT leads back to this file")
    try:
        with config.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_Loader) or {}  # a safe loader, with two tags
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{config}: expected settings (name: value), found {type(data).__name__}")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data, [config]
    inherited = config.parent / str(parent)
    if not inherited.is_file():
        raise ConfigError(f"{config}: INHERIT names {parent!r}, which is not a file")
    base, files = _chain(inherited, (*below, config.resolve()))
    return _merged(base, data), [config, *files]


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Return `over` laid on `base` as MkDocs merges INHERIT: mappings key by key, the
    rest replaced."""
    merged = dict(base)
    for key, value in over.items():
        below = merged.get(key)
        both = isinstance(below, dict) and isinstance(value, dict)
        merged[key] = _merged(below, value) if both else value  # type: ignore[arg-type]
    return merged
