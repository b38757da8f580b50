"""Turn an entry's Markdown body into sanitized HTML, and say what had to be removed.

Bodies are the one place editors write free Markdown. We render them ourselves with a
fixed set of extensions, clean the HTML with nh3 (an allow-list sanitizer), and the
entry page's template places the result as it is (generated pages skip Markdown: the
hook hands their HTML to MkDocs unchanged). The editor is told about
anything the allow-list removed, because silently changing an entry is losing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

from generator import bodylinks, mdlimits, urls
from generator.issues import Issue, Severity
from generator.models import Article
from generator.textcache import digest

TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
     "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
     "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
     "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "section"}
)  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
    "*": {"id", "class"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Ids and classes the page around a body already uses for its own ends. Material reads
# its settings from the first element with the id `__config` (the body comes first: a
# body's JSON there could switch features on) and finds its parts by `md-` classes;
# our templates link to `quote-` and `cc-` ids. A body keeps every other id and class.
RESERVED_ANCHORS = ("__", "cc-", "quote-")
RESERVED_CLASSES = ("md-", "cc-")
# Material styles what these produce (tables, footnotes, admonitions, code blocks);
# `attr_list` stays off: it is how `{: onclick=... }` would reach the page.
EXTENSIONS = ("tables", "footnotes", "sane_lists", "abbr", "def_list", "admonition", "fenced_code")
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}  # `align`, not `style`
_HINTS = {"h1": "; start headings in a body at ## (the page title is the only #)"}
_REMOVED = " is not allowed and was removed"
_RESERVED = " is reserved for the page itself and was removed"


@dataclass(frozen=True)
class Body:
    """An entry's body as safe HTML, and the digest of the Markdown it was made from.

    The HTML is a function of that Markdown and of the generator, so `source` stands
    for it wherever bodies are compared (`pagecache` keys): a page's key then digests
    a few dozen characters, not the whole body, every run.
    """

    slug: str
    html: Markup = field(repr=False, compare=False)
    source: str


def markdown_renderer() -> markdown.Markdown:
    """Return the Markdown converter for bodies (one serves many: `render` resets it)."""
    return markdown.Markdown(
        extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS, output_format="html"
    )


def render_all(entries: Iterable[Article], issues: list[Issue]) -> dict[str, Body]:
    """Return every entry's body as sanitized HTML; report what the sanitizer removed."""
    md = markdown_renderer()
    return {entry.slug: render(md, entry, issues) for entry in entries}


def render(md: markdown.Markdown, entry: Article, issues: list[Issue]) -> Body:
    """Return one body as sanitized HTML; a body too costly to read is an error, left empty."""
    if (found := mdlimits.problem(entry.body)) is not None:
        offset, message = found
        issues.append(Issue(entry.source_path, entry.body_line + offset, "body", message))
        return Body(entry.slug, Markup(), digest(entry.body))
    try:
        raw = md.reset().convert(entry.body)
    except RecursionError:
        message = "Markdown nested too deeply to read; flatten lists, quotes and definitions"
        issues.append(Issue(entry.source_path, entry.body_line, "body", message))
        return Body(entry.slug, Markup(), digest(entry.body))
    clean = sanitize(raw)
    for problem, needle in removed(raw, clean):
        line = entry.body_line + line_in(entry.body, needle)
        issues.append(Issue(entry.source_path, line, "body", problem, Severity.WARNING))
    return Body(entry.slug, Markup(clean), digest(entry.body))


def record_text(md: markdown.Markdown, text: str) -> Markup:
    """Return an actor's profile, or a place's or topic's description, as sanitized HTML.

    Their files are Markdown as entries are, and editors write them so: emphasis,
    paragraphs, links. Read as text they showed `**bold**` and ran paragraphs into one.
    A text too costly to read as Markdown is shown as it is written.
    """
    if mdlimits.problem(text) is not None:
        return Markup("<p>{}</p>").format(text)
    return Markup(sanitize(md.reset().convert(text)))


def sanitize(html: str) -> str:
    """Return HTML with everything outside the allow-list removed."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_attribute_filter,
    )


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    """Drop links to paths (a body has no files beside it, so they could only break) but
    to other records' files (`bodylinks`), and ids and classes the page keeps for itself
    (`RESERVED_ANCHORS`, `RESERVED_CLASSES`)."""
    if name in ("href", "src") and _relative(value):
        return value if name == "href" and bodylinks.is_record_link(value) else None
    if name == "id" and _reserved_id(value):
        return None
    if name == "class":
        return " ".join(c for c in value.split() if not c.startswith(RESERVED_CLASSES)) or None
    return value


def _reserved_id(value: str) -> bool:
    """Say whether an id is one the page around a body uses (browsers ignore its spaces)."""
    return value.strip().lower().startswith(RESERVED_ANCHORS)


def _relative(url: str) -> bool:
    """Return whether a URL is a path (not a full address, `mailto:` or `#anchor`)."""
    url = url.strip()
    return bool(url) and not url.startswith("#") and _scheme(url) is None and ":" not in url


def removed(raw: str, clean: str) -> list[tuple[str, str]]:
    """Return what the sanitizer took out, each with a pattern that finds it in the source.

    The finder names tags, attributes and link schemes; should nh3 change anything the
    finder does not name, a general warning still says the body was changed. A body
    the sanitizer returned unchanged lost nothing: most bodies, read without parsing.
    """
    if clean == raw:
        return []
    finder = _Finder()
    finder.feed(raw)
    finder.close()
    found = sorted(set(finder.found))
    if not found and _shape(raw) != _shape(clean):
        found = [("markup the sanitizer does not accept was removed", r"<")]
    return found


def line_in(body: str, needle: str) -> int:
    """Return the 0-based line of the first match of `needle` in the body, else 0."""
    match = re.search(needle, body, re.IGNORECASE | re.MULTILINE)
    return body.count("\n", 0, match.start()) if match else 0


class _Finder(HTMLParser):
    """Collects each tag, attribute and URL scheme outside the allow-list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            needle = r"^#\s" if tag == "h1" else rf"<\s*{re.escape(tag)}\b"
            self.found.append((f"HTML tag <{tag}>{_REMOVED}{_HINTS.get(tag, '')}", needle))
            return
        allowed = ATTRIBUTES.get(tag, set()) | ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed:
                message = f"attribute {name!r} on <{tag}>{_REMOVED}"
                self.found.append((message, rf"\b{re.escape(name)}\b"))
            elif name in ("href", "src") and (scheme := _scheme(value or "")):
                self.found.append((f"{scheme!r} link{_REMOVED}", rf"{re.escape(scheme)}\s*:"))
            elif name in ("href", "src") and _relative(value or ""):
                if name == "href" and bodylinks.is_record_link(value or ""):
                    continue  # another record's file: `bodylinks` checks and points it
                message = f"link to {value!r}, a path and not a full https:// address, was removed"
                if ".md" in (value or "").lower() or "\\" in (value or ""):
                    message = (f"link to {value!r} was removed: a link to a record is its file "
                               "from this record's folder, exactly, with / between folders "
                               "(../../actors/john-kirby.md)")  # fmt: skip
                self.found.append((message, rf"[\"'(<]\s*{re.escape(value or '')}"))
            elif name == "id" and _reserved_id(value or ""):
                self.found.append((f"id {value!r}{_RESERVED}", re.escape(value or "")))
            elif name == "class":
                for taken in (c for c in (value or "").split() if c.startswith(RESERVED_CLASSES)):
                    self.found.append((f"class {taken!r}{_RESERVED}", re.escape(taken)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.found.append((f"HTML comment{_REMOVED}", "<!--"))


def _scheme(url: str) -> str | None:
    """Return a URL's scheme when it is one the allow-list refuses."""
    found = urls.scheme(url)
    return None if found is None or found in URL_SCHEMES else found


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = tuple(sorted((k, v or "") for k, v in attrs if k != "rel"))
        self.tags.append((tag, kept))


def _shape(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """Return the start tags and attributes of an HTML fragment, ignoring `rel`."""
    shape = _Shape()
    shape.feed(html)
    shape.close()
    return shape.tags
