"""Turn an entry's Markdown body into sanitized HTML, and say what had to be removed.

Bodies are the one place editors write free Markdown. We render them ourselves with a
fixed set of extensions, clean the HTML with nh3 (an allow-list sanitizer), and embed
the result as an HTML block MkDocs passes through untouched. The editor is told about
anything the allow-list removed, because silently changing an entry is losing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3

from generator.issues import Issue, Severity
from generator.models import Article

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
EXTENSIONS = ("tables", "footnotes", "sane_lists", "abbr", "def_list")
MAX_BRACKETS = 2000


@dataclass(frozen=True)
class Body:
    """An entry's body as safe HTML."""

    slug: str
    html: str


def render_all(entries: Iterable[Article], issues: list[Issue]) -> dict[str, Body]:
    """Return every entry's body as sanitized HTML; report what the sanitizer removed."""
    md = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
    bodies = {}
    for entry in entries:
        bodies[entry.slug] = render(md, entry, issues)
    return bodies


def render(md: markdown.Markdown, entry: Article, issues: list[Issue]) -> Body:
    """Return one body as sanitized HTML."""
    text = entry.body
    if text.count("[") > MAX_BRACKETS or text.count("<") > MAX_BRACKETS:
        issues.append(
            Issue(
                entry.source_path,
                None,
                "body",
                f"more than {MAX_BRACKETS} '[' or '<' characters; is this really prose?",
            )
        )
        return Body(entry.slug, "")
    raw = md.reset().convert(text)
    for problem in sorted(set(_unsafe(raw))):
        issues.append(
            Issue(
                entry.source_path,
                None,
                "body",
                f"{problem} is not allowed and was removed",
                Severity.WARNING,
            )
        )
    clean = nh3.clean(
        raw,
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Body(entry.slug, clean)


def _unsafe(html: str) -> list[str]:
    """Return a description of each tag, attribute or URL the allow-list rejects."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.found.append(f"HTML tag <{tag}>")
            return
        allowed = ATTRIBUTES.get(tag, set()) | ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed:
                self.found.append(f"attribute {name!r} on <{tag}>")
            elif name in ("href", "src") and value and ":" in value.split("/")[0]:
                scheme = value.split(":", 1)[0].strip().lower()
                if scheme not in URL_SCHEMES:
                    self.found.append(f"{scheme}: link")

    def handle_comment(self, data: str) -> None:
        self.found.append("HTML comment")
