"""Rendered bodies kept between runs: Markdown and sanitizing are most of reading.

A body's HTML and the sanitizer's findings depend only on its Markdown text and on the
generator, so they are kept by the text (`textcache`). The findings are stored
relative to the body's first line: a body moved down its file (a longer front
matter) still reports the right line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator import bodies, parallel
from generator.issues import Issue, Severity
from generator.memo import ByObject
from generator.models import Article
from generator.textcache import TextCache, digest

BODIES_A_PROCESS = 1000  # a process takes a moment to start: worth it from this many bodies


class BodyCache:
    """Bodies rendered by earlier runs, by their Markdown."""

    def __init__(self, file: Path, reuse: bool = True) -> None:
        self._kept = TextCache(file, reuse)
        self._made: ByObject[tuple[bodies.Body, list[list[Any]]]] = ByObject()

    def render_all(
        self,
        entries: Iterable[Article],
        issues: list[Issue],
        ahead: dict[str, list[object]] | None = None,
    ) -> dict[str, bodies.Body]:
        """Return every entry's body as `bodies.render_all` would, rendering only new texts.

        New texts are rendered in several processes when there are many (a first build),
        unless `ahead` has them already (`Rendering`). A cache used again (the live
        preview's `session`) gives an entry it saw last run, the very same article, the
        same body object.
        """
        entries = list(entries)
        new = dict(ahead or {})
        todo = [e for e in entries if e.body not in new and self.wants(e)]
        todo = list({e.body: e for e in todo}.values())
        count = parallel.workers(len(todo), BODIES_A_PROCESS)
        made = parallel.map_shares(render_values, todo, count)
        new |= {entry.body: value for entry, value in zip(todo, made, strict=True)}
        found = {entry.slug: self._body(entry, issues, new) for entry in entries}
        self._made.settle()
        return found

    def rendering(self, expected: int) -> Rendering:
        """Start rendering ahead, for a run that expects about `expected` entries."""
        return Rendering(self, expected)

    def wants(self, entry: Article) -> bool:
        """Say whether an entry's body is to be rendered: neither kept nor made before."""
        return not self._made.has(entry) and not self._kept.has(entry.body)

    def _body(
        self, entry: Article, issues: list[Issue], new: dict[str, list[object]]
    ) -> bodies.Body:
        """Return an entry's body, kept or just rendered (`new`), and report its findings."""

        def make() -> tuple[bodies.Body, list[list[Any]]]:
            source = digest(entry.body)  # the body's key in the cache, and its stand-in
            html, findings = self._kept.get_by(source, lambda: new[entry.body])
            return bodies.Body(entry.slug, Markup(html), source), findings

        body, findings = self._made.get(entry, None, make)
        for line, field, message, severity in findings:
            at = None if line is None else entry.body_line + line
            issues.append(Issue(entry.source_path, at, field, message, Severity(severity)))
        return body

    def save(self) -> None:
        """Keep the bodies of this run (only those: removed entries are forgotten)."""
        self._kept.save()


class Rendering:
    """Bodies rendered in other processes while the records are still being read.

    A first build of a large chronicle spends a second and more reading records on one
    core, then as long rendering bodies on every core. Bodies need only their own text,
    so they are sent out a share at a time as their records are read (`add`), and
    `finish` collects them after validation, as `BodyCache.render_all` would render them.
    Processes start with the first full share: with few records, or few bodies that
    are new (a rebuild, the preview), none starts and `finish` renders in this one.
    """

    SHARE = 250  # bodies sent to a process at once

    def __init__(self, cache: BodyCache, expected: int) -> None:
        self._cache = cache
        self._count = parallel.workers(expected, BODIES_A_PROCESS)
        self._pool: ProcessPoolExecutor | None = None
        self._waiting: list[Article] = []
        self._sent: list[tuple[list[Article], Future[list[list[object]]]]] = []
        self._seen: set[str] = set()

    def add(self, entry: Article) -> None:
        """Send an entry's body out to be rendered, if it is to be."""
        if self._count < 2 or entry.body in self._seen or not self._cache.wants(entry):
            return
        self._seen.add(entry.body)
        self._waiting.append(entry)
        if len(self._waiting) >= self.SHARE:
            self._pool = self._pool or parallel.pool(self._count)
            self._send()

    def finish(self, entries: Iterable[Article], issues: list[Issue]) -> dict[str, bodies.Body]:
        """Return every entry's body (`BodyCache.render_all`), with what was rendered ahead."""
        self._send()
        ahead: dict[str, list[object]] = {}
        for share, future in self._sent:
            ahead |= {e.body: v for e, v in zip(share, future.result(), strict=True)}
        self.close()
        return self._cache.render_all(entries, issues, ahead)

    def close(self) -> None:
        """Stop the processes (at once, if `finish` was never reached)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _send(self) -> None:
        if self._pool is not None and self._waiting:
            self._sent.append((self._waiting, self._pool.submit(render_values, self._waiting)))
            self._waiting = []


def render_values(entries: Sequence[Article]) -> list[list[object]]:
    """Return each entry's body HTML and findings (lines from the body's start), as kept."""
    md = bodies.markdown_renderer()
    values: list[list[object]] = []
    for entry in entries:
        found: list[Issue] = []
        html = bodies.render(md, entry, found).html
        relative = [
            [None if i.line is None else i.line - entry.body_line, i.field, i.message,
             i.severity.value]
            for i in found
        ]  # fmt: skip
        values.append([html, relative])
    return values
