"""Links in an entry's body to other records, written as editors see them: by file.

An editor links to another entry, an actor, a place or a topic as to its record file,
relative to the record being written: `[the talks](2022-03-29-istanbul-talks.md)`,
`[Kirby](../../actors/john-kirby.md)`. That is also how a text editor or a Git host
previews the link. The body keeps such links as written (`bodies` lets a path ending
in `.md` through the sanitizer, and nothing else); `problems` reports one that names
no published record, and each page showing the body points them at the record's page
(`rewrite`), or leaves a broken one as plain text.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from urllib.parse import unquote

from markupsafe import Markup

from generator.issues import Issue, Severity
from generator.models import Actor, Article, Place, Topic

Target = tuple[str, str]  # ("entry", slug), ("actor", id), ("place", id) or ("topic", id)
# In sanitized HTML every attribute value is double-quoted and escaped (nh3).
_REL = re.compile(r'\s+rel="[^"]*"')
_LINK = re.compile(
    r'<a(?P<before>[^>]*?) href="(?P<path>[^"#]*?\.md)(?P<anchor>#[^"]*)?"(?P<after>[^>]*)>'
    r"(?P<text>.*?)</a>",
    re.DOTALL,
)


# A record file from the record's folder: no scheme, host, query, space or backslash
# (a browser reads `\\host` as `//host`), nothing a browser would strip or fold.
_RECORD_LINK = re.compile(r"(?!/)[A-Za-z0-9._~%/-]+\.md(?:#[A-Za-z0-9._~%:-]*)?")


def is_record_link(url: str) -> bool:
    """Say whether a body's link names a record file, exactly (the sanitizer keeps these)."""
    return _RECORD_LINK.fullmatch(url) is not None


def key(record: Path, href: str) -> str:
    """Return the file a link in `record`'s body names, as `targets` keys it."""
    path = unquote(html.unescape(href))
    return posixpath.normpath(posixpath.join(record.parent.as_posix(), path))


def file_key(path: Path) -> str:
    """Return a record's file as `targets` and `key` name it."""
    return posixpath.normpath(path.as_posix())


def targets(
    entries: Iterable[Article],
    actors: Mapping[str, Actor],
    places: Mapping[str, Place],
    topics: Mapping[str, Topic],
) -> dict[str, Target]:
    """Return the page kind and id of each record, by its file: the published `entries`,
    and every actor, place and topic (those with a file) by id."""
    found: dict[str, Target] = {file_key(e.source_path): ("entry", e.slug) for e in entries}
    named: tuple[tuple[str, Mapping[str, Actor | Place | Topic]], ...] = (
        ("actor", actors), ("place", places), ("topic", topics)
    )  # fmt: skip
    for kind, records in named:
        found |= {
            file_key(r.source_path): (kind, ident)
            for ident, r in records.items()
            if r.source_path is not None  # a topic no file describes
        }
    return found


def links(record: Path, body: str) -> Iterator[tuple[str, str, str]]:
    """Yield each record link of a sanitized body: the file it names, its href's path
    and its anchor (`#quote-x`, or empty), both as the sanitized HTML has them."""
    for found in _LINK.finditer(body):
        yield key(record, found["path"]), found["path"], found["anchor"] or ""


QUOTE_ANCHOR = "quote-"  # a statement's place on its entry's page: `#quote-<its id>`


def problems(
    record: Path,
    body: str,
    known: Mapping[str, Target],
    drafts: Mapping[str, str],
    quotes: Mapping[str, Collection[str]] | None = None,
) -> list[tuple[str, str]]:
    """Return what is wrong with a body's record links, each with the href it is about.

    `drafts`: the files of entries not published yet, by id. `quotes`: each published
    entry's statement ids, by its id: a link to a statement (`#quote-<id>`) that its
    entry does not hold leads to the top of the page (an id mistyped, or renamed since).
    """
    found = []
    for file, path, hash_anchor in links(record, body):
        href = html.unescape(path + hash_anchor)  # as the editor wrote it
        target = known.get(file)
        if target is not None:
            anchor = unquote(html.unescape(hash_anchor)).removeprefix("#")
            said = quotes.get(target[1]) if quotes is not None and target[0] == "entry" else None
            quote = anchor.removeprefix(QUOTE_ANCHOR)
            if said is not None and anchor.startswith(QUOTE_ANCHOR) and quote not in said:
                ids = ", ".join(sorted(said)) or "none"
                found.append((f"link to {href!r}: entry {target[1]!r} has no statement with "
                              f"id {quote!r} (its statements: {ids}); the link leads to the "
                              "top of its page", href))  # fmt: skip
            continue
        if file in drafts:
            found.append((f"link to {href!r}: that entry is a draft, so the link is shown as "
                          "text until it is published", href))  # fmt: skip
        else:
            found.append((f"link to {href!r}: no actor, place, topic or published entry has "
                          "that file; the link is shown as text", href))  # fmt: skip
    return found


def issues_of(
    record: Path,
    body: str,
    markdown: str,
    first_line: int,
    known: Mapping[str, Target],
    drafts: Mapping[str, str],
    quotes: Mapping[str, Collection[str]] | None = None,
) -> list[Issue]:
    """Return `problems` as warnings on the lines of the Markdown that hold the links.

    A link is found as Markdown writes one (`](file`, a reference `[x]: file`, or an
    `href=`), the nth problem with a file at the nth place it is written.
    """
    issues = []
    seen: dict[str, int] = {}
    for message, href in problems(record, body, known, drafts, quotes):
        nth = seen[href] = seen.get(href, -1) + 1
        line = first_line + _line_of_link(markdown, href, nth)
        issues.append(Issue(record, line, "body", message, Severity.WARNING))
    return issues


def _line_of_link(markdown: str, href: str, nth: int) -> int:
    """Return the 0-based line of the Markdown where the nth link to `href` is written."""
    target = re.escape(href)
    written = re.compile(
        rf"\]\(\s*<?{target}|^\s*\[[^\]]+\]:\s*<?{target}|href\s*=\s*[\"']?{target}",
        re.MULTILINE,
    )
    places = [m.start() for m in written.finditer(markdown)]
    if not places:
        return 0
    return markdown.count("\n", 0, places[min(nth, len(places) - 1)])


def rewrite(
    body: Markup, record: Path, known: Mapping[str, Target], link: Callable[[Target, str], str]
) -> Markup:
    """Return a body with its record links pointing at the records' pages.

    `link(target, anchor)` returns the href of a target's page from the page the body
    is shown on. A link naming no published record becomes its text.
    """

    def point(found: re.Match[str]) -> str:
        target = known.get(key(record, found["path"]))
        if target is None:
            return found["text"]
        anchor = html.unescape(found["anchor"] or "").removeprefix("#")
        href = html.escape(str(link(target, anchor)))  # str: Markup would escape twice
        # The sanitizer's `rel` (nofollow and the rest) is for links to other sites.
        before, after = _REL.sub("", found["before"]), _REL.sub("", found["after"])
        return f'<a{before} href="{href}"{after}>{found["text"]}</a>'

    return Markup(_LINK.sub(point, str(body)))
