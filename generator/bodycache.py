"""Rendered bodies kept between runs: Markdown and sanitizing are most of reading.

A body's HTML and the sanitizer's findings depend only on its Markdown text and on the
generator, so they are kept by the text (`textcache`). The findings are stored
relative to the body's first line: a body moved down its file (a longer front
matter) still reports the right line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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

    def render_all(self, entries: Iterable[Article], issues: list[Issue]) -> dict[str, bodies.Body]:
        """Return every entry's body as `bodies.render_all` would, rendering only new texts.

        New texts are rendered in several processes when there are many (a first build).
        A cache used again (the live preview's `session`) gives an entry it saw last
        run, the very same article, the same body object.
        """
        entries = list(entries)
        todo = [e for e in entries if not self._made.has(e) and not self._kept.has(e.body)]
        todo = list({e.body: e for e in todo}.values())
        count = parallel.workers(len(todo), BODIES_A_PROCESS)
        made = parallel.map_shares(render_values, todo, count)
        new = {entry.body: value for entry, value in zip(todo, made, strict=True)}
        found = {entry.slug: self._body(entry, issues, new) for entry in entries}
        self._made.settle()
        return found

    def _body(
        self, entry: Article, issues: list[Issue], new: dict[str, list[object]]
    ) -> bodies.Body:
        """Return an entry's body, kept or just rendered (`new`), and report its findings."""

        def make() -> tuple[bodies.Body, list[list[Any]]]:
            html, findings = self._kept.get(entry.body, lambda: new[entry.body])
            return bodies.Body(entry.slug, Markup(html), digest(entry.body)), findings

        body, findings = self._made.get(entry, None, make)
        for line, field, message, severity in findings:
            at = None if line is None else entry.body_line + line
            issues.append(Issue(entry.source_path, at, field, message, Severity(severity)))
        return body

    def save(self) -> None:
        """Keep the bodies of this run (only those: removed entries are forgotten)."""
        self._kept.save()


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
