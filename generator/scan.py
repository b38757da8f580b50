"""An independent check of the built site: no page may carry script the theme did not put there.

Escaping and sanitizing happen before MkDocs runs; this scan looks at what MkDocs
actually wrote, with a real HTML5 parser (Lexbor, which reads markup the way
browsers do), so a hole anywhere upstream (a template, a plugin, a new page type)
fails the build instead of reaching readers. It allows only the scripts the theme
and our own assets ship: files under known folders by path, and inline scripts
that match the theme's templates exactly.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator import parallel, urls

FORBIDDEN_TAGS = frozenset(
    {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "portal"}
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
     "cite", "longdesc", "ping", "manifest", "codebase", "lowsrc", "dynsrc", "srcset",
     "imagesrcset", "content"}
)  # fmt: skip
UNSAFE_SCHEMES = frozenset({"javascript", "data", "vbscript"})
SCRIPT_FOLDERS = ("assets/", "pagefind/")  # the theme's, our site_config/assets, Pagefind's
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
# The data scripts a page may hold, once each: Material's settings (a second one, say
# from a forged cache, could switch on features that run titles as HTML) and the map's.
DATA_SCRIPT_IDS = frozenset({"__config", "cc-map-config"})
# Material's search partial links "share" to this exact no-op, handled by its bundle.
_THEME_LINKS = frozenset({("search-share", "javascript:void(0)")})
_SCRIPT_IN_TEMPLATE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
PAGES_A_PROCESS = 2000  # a process takes a moment to start: worth it from this many pages


@dataclass(frozen=True)
class Finding:
    """One thing in one built file that must not be there."""

    path: PurePosixPath
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def theme_scripts(template_dirs: Iterable[Path]) -> tuple[re.Pattern[str], ...]:
    """Return patterns for the inline scripts the theme's templates emit.

    Each `{{ value }}` in a template script may become any text without quotes,
    angle brackets, backslashes or line breaks, so a template value cannot close
    the script's string literal; everything else must match character for character.
    """
    patterns: set[str] = set()
    for folder in template_dirs:
        for template in sorted(folder.rglob("*.html")):
            if template.name == "redirect.html":  # plugin page that follows a page's meta
                continue
            for body in _SCRIPT_IN_TEMPLATE.findall(template.read_text(encoding="utf-8")):
                if "{%" in body:
                    continue
                parts = _JINJA_VALUE.split(body.strip())
                patterns.add(r"[^\"'<>\\\n]*".join(re.escape(p) for p in parts))
    return tuple(re.compile(p) for p in sorted(patterns))


def scan_site(
    site: Path,
    allowed_inline: Sequence[re.Pattern[str]],
    since: float | None = None,
    root: str = "/",
) -> list[Finding]:
    """Return every finding in the HTML and SVG files of a built site.

    `since` (a time in seconds) limits the scan to files written from then on: an
    incremental build copies the other pages from a site that passed this scan.
    `root`: the site's path on its server (`/chronicle/` for a project page), which a
    script path from the server's root must start with (MkDocs' 404 page writes them so).
    """
    pages = [
        PurePosixPath(path.relative_to(site).as_posix())
        for path in sorted(p for p in site.rglob("*") if p.suffix in (".html", ".svg"))
        if since is None or path.stat().st_mtime >= since
    ]
    scan_share = functools.partial(_scan_pages, site, tuple(allowed_inline), root)
    count = parallel.workers(len(pages), PAGES_A_PROCESS)
    return [f for found in parallel.map_shares(scan_share, pages, count) for f in found]


def _scan_pages(
    site: Path, allowed: Sequence[re.Pattern[str]], root: str, pages: Sequence[PurePosixPath]
) -> list[list[Finding]]:
    """Return the findings of each page of `site` (the paths of a share of its pages)."""
    found = []
    scripts = ScriptFiles(site, root)
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8", errors="replace")
        found.append([Finding(rel, m) for m in scan_html(html, rel, site, allowed, scripts)])
    return found


def scan_html(
    html: str,
    rel: PurePosixPath,
    site: Path,
    allowed_inline: Sequence[re.Pattern[str]],
    scripts: ScriptFiles | None = None,
) -> Iterator[str]:
    """Yield a message for each forbidden element, attribute, URL or script in one page."""
    scripts = scripts or ScriptFiles(site)
    tree = LexborHTMLParser(html)
    data_ids: set[str] = set()  # the data scripts met so far on this page
    for node in tree.root.traverse() if tree.root is not None else ():
        tag = node.tag or ""
        if tag in FORBIDDEN_TAGS:
            yield f"<{tag}> element"
        if tag == "meta" and (node.attributes.get("http-equiv") or "").lower() == "refresh":
            yield "<meta http-equiv=refresh>"
        yield from _attributes(node, tag)
        if tag == "script":
            yield from _script(node, rel, scripts, allowed_inline, data_ids)


def _attributes(node: LexborNode, tag: str) -> Iterator[str]:
    attrs = node.attributes
    for name, value in attrs.items():  # the parser lowercases names, as browsers do
        if name.startswith("on"):
            yield f"event handler attribute {name!r} on <{tag}>"
        elif name == "style" and value and re.search(r"javascript:|expression\(", value, re.I):
            yield f"script in a style attribute on <{tag}>"
        elif name in URL_ATTRIBUTES and value:
            if tag == "meta" and name == "content":
                continue  # meta content is text, except refresh, refused above
            for url in _urls(name, value):
                scheme = urls.scheme(url)
                if scheme in UNSAFE_SCHEMES and (attrs.get("data-md-component"), url) not in (
                    _THEME_LINKS
                ):
                    yield f"{scheme}: URL in {name!r} on <{tag}>"


def _urls(name: str, value: str) -> list[str]:
    if name.endswith("srcset"):
        return [c.strip().split(" ")[0] for c in value.split(",") if c.strip()]
    return [value]


def _script(
    node: LexborNode,
    rel: PurePosixPath,
    scripts: ScriptFiles,
    allowed_inline: Sequence[re.Pattern[str]],
    data_ids: set[str],
) -> Iterator[str]:
    src = node.attributes.get("src")
    kind = (node.attributes.get("type") or "").strip().lower()
    body = (node.text(deep=True) or "").strip()
    if src is not None:
        if not scripts.known(src, rel.parent):
            yield f"<script src={src!r}>: not one of the theme's or our own scripts"
    elif kind in DATA_SCRIPT_TYPES:
        ident = node.attributes.get("id") or ""
        if ident not in DATA_SCRIPT_IDS or ident in data_ids:
            yield f"<script type={kind!r} id={ident!r}>: not one of the page's own data scripts"
        data_ids.add(ident)
        try:
            json.loads(body or "null")
        except ValueError:
            yield f"<script type={kind!r}> that is not JSON"
    elif not any(p.fullmatch(body) for p in allowed_inline):
        yield f"inline <script> the theme does not emit: {body[:80]!r}"


class ScriptFiles:
    """Which script paths name a file the theme or our assets put in a site.

    Every page links the same few scripts: each is looked up on disk once, by its
    path inside the site, not once per page that links it.
    """

    def __init__(self, site: Path, root: str = "/") -> None:
        self.site = site.resolve()
        self.root = root if root.endswith("/") else root + "/"  # the site's path on its server
        self._known: dict[str, bool] = {}

    def known(self, src: str, folder: PurePosixPath) -> bool:
        """Return whether `src`, linked from a page in `folder`, is one of those scripts."""
        if urls.scheme(src) is not None or src.startswith("//") or "?" in src or "#" in src:
            return False
        if src.startswith("/") and not src.startswith(self.root):
            return False  # on the same server, but outside the site
        # As a browser reads a path: from the site's root, or from the page's folder.
        from_root = src[len(self.root) :] if src.startswith("/") else None
        inside = posixpath.normpath(from_root if from_root is not None else f"{folder}/{src}")
        if inside not in self._known:
            self._known[inside] = self._look_up(inside)
        return self._known[inside]

    def _look_up(self, inside: str) -> bool:
        target = (self.site / inside).resolve()
        if not target.is_relative_to(self.site) or not target.is_file():
            return False
        found = target.relative_to(self.site).as_posix()
        return found.endswith(".js") and found.startswith(SCRIPT_FOLDERS)
