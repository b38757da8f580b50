"""Give a page's headings their anchors, and read its table of contents back.

Generated pages reach MkDocs as finished HTML (see `site_config/hooks.py`): sending
thousands of them through Python-Markdown was most of a build. What Markdown's `toc`
extension did for them is done here, the same way, so links and permalinks keep
working: each heading gets the id `toc` would give it (its text slugified, made
unique in the page with `_1`, `_2`...) and a permalink; MkDocs is then handed the
page's table of contents and the ids it holds, which its anchor checks read.
"""

from __future__ import annotations

import html
import re
from typing import TypedDict

from markdown.extensions.toc import slugify, strip_tags, unique

# Headings as our templates and the body renderer write them: no attributes yet.
_BARE = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
# Headings `number` wrote: the only ones that go into the table of contents.
_NUMBERED = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="headerlink"', re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'


class TocToken(TypedDict):
    """A heading in a table of contents, as MkDocs' `get_toc` takes it."""

    level: int
    id: str
    name: str
    children: list[TocToken]


def number(page: str) -> str:
    """Return the page with an id and a permalink in every heading that has no attributes.

    Ids already in the page (a quote's anchor, say) are never given to a heading.
    """
    used = set(anchor_ids(page))
    counters: dict[str, int] = {}

    def numbered(match: re.Match[str]) -> str:
        level, inner = match.group(1), match.group(2)
        anchor = unique(slugify(html.unescape(strip_tags(inner)), "-"), used, counters)
        link = PERMALINK.format(id=anchor)
        return f'<h{level} id="{anchor}">{inner}{link}</h{level}>'

    return _BARE.sub(numbered, page)


def toc_tokens(page: str) -> list[TocToken]:
    """Return the page's headings nested as Markdown's `toc` extension reports them."""
    top: list[TocToken] = []
    open_headings: list[TocToken] = []  # the last heading of each level above this one
    for level, anchor, inner in _NUMBERED.findall(page):
        token = TocToken(level=int(level), id=anchor, name=strip_tags(inner), children=[])
        while open_headings and open_headings[-1]["level"] >= token["level"]:
            open_headings.pop()
        (open_headings[-1]["children"] if open_headings else top).append(token)
        open_headings.append(token)
    return top


def anchor_ids(page: str) -> set[str]:
    """Return every id in the page: what links into it may name after `#`."""
    return {html.unescape(anchor) for anchor in _ID.findall(page)}
