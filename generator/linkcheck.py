"""Check every internal link of a built site: the file exists, and so does the anchor.

Generated pages reach MkDocs as finished HTML, so MkDocs does not check their links;
this checks what readers get: links the theme, the hook and our templates write, with
the same HTML5 parser the safety scan uses. It works offline on the site folder,
which a crawler such as linkchecker cannot do without a web server and which would
take minutes on a large chronicle; external links are not its business.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

_LINKS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
          "source": "src", "audio": "src", "video": "src"}  # fmt: skip
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


@dataclass(frozen=True)
class BrokenLink:
    """A link in one page that leads nowhere in the site."""

    page: PurePosixPath
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


def broken_links(site: Path) -> list[BrokenLink]:
    """Return every internal link in the site's HTML pages whose target or anchor is missing."""
    site = site.resolve()
    ids = cache(lambda page: _ids(site / page))  # each target page is parsed once
    broken = []
    for path in sorted(site.rglob("*.html")):
        page = PurePosixPath(path.relative_to(site).as_posix())
        for link in _links(path.read_text(encoding="utf-8", errors="replace")):
            if reason := _check(site, page, link, ids):
                broken.append(BrokenLink(page, link, reason))
    return broken


def _links(html: str) -> Iterator[str]:
    tree = LexborHTMLParser(html)
    for tag, attribute in _LINKS.items():
        for node in tree.css(f"{tag}[{attribute}]"):
            value = (node.attributes.get(attribute) or "").strip()
            if value and not _EXTERNAL.match(value):
                yield value


def _check(
    site: Path, page: PurePosixPath, link: str, ids: Callable[[PurePosixPath], frozenset[str]]
) -> str | None:
    """Return why a link is broken, or None when its file (and anchor) exist."""
    parts = urlsplit(link)
    target_page = page
    if parts.path:
        base = (
            PurePosixPath("/") if parts.path.startswith("/") else PurePosixPath("/") / page.parent
        )
        resolved = (site / _normal(base / unquote(parts.path)).lstrip("/")).resolve()
        if not resolved.is_relative_to(site):
            return "leaves the site"
        if resolved.is_dir():
            resolved = resolved / "index.html"
        if not resolved.is_file():
            return "no such file"
        target_page = PurePosixPath(resolved.relative_to(site).as_posix())
    fragment = unquote(parts.fragment)
    if fragment and target_page.suffix == ".html" and fragment not in ids(target_page):
        return f"no element with id {fragment!r}"
    return None


def _normal(path: PurePosixPath) -> str:
    """Return a POSIX path with `.` and `..` resolved, never above the root."""
    parts: list[str] = []
    for part in path.parts[1:]:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/" + "/".join(parts)


def _ids(path: Path) -> frozenset[str]:
    tree = LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace"))
    found = {n.attributes.get("id") or "" for n in tree.css("[id]")}
    found |= {n.attributes.get("name") or "" for n in tree.css("a[name]")}
    return frozenset(found - {""})
