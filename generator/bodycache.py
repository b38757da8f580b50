"""Rendered bodies kept between runs: Markdown and sanitizing are most of reading.

A body's HTML and the sanitizer's findings depend only on its Markdown text and on the
generator, so they are kept by the text (`textcache`). The findings are stored
relative to the body's first line: a body moved down its file (a longer front
matter) still reports the right line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import markdown

from generator import bodies
from generator.issues import Issue, Severity
from generator.models import Article
from generator.textcache import TextCache


class BodyCache:
    """Bodies rendered by earlier runs, by their Markdown."""

    def __init__(self, file: Path, reuse: bool = True) -> None:
        self._kept = TextCache(file, reuse)

    def render_all(self, entries: Iterable[Article], issues: list[Issue]) -> dict[str, bodies.Body]:
        """Return every entry's body as `bodies.render_all` would, rendering only new texts."""
        md = bodies.markdown_renderer()
        return {entry.slug: self._body(md, entry, issues) for entry in entries}

    def _body(self, md: markdown.Markdown, entry: Article, issues: list[Issue]) -> bodies.Body:
        def compute() -> list[object]:
            found: list[Issue] = []
            html = bodies.render(md, entry, found).html
            relative = [
                [None if i.line is None else i.line - entry.body_line, i.field, i.message,
                 i.severity.value]
                for i in found
            ]  # fmt: skip
            return [html, relative]

        html, findings = self._kept.get(entry.body, compute)
        for line, field, message, severity in findings:
            at = None if line is None else entry.body_line + line
            issues.append(Issue(entry.source_path, at, field, message, Severity(severity)))
        return bodies.Body(entry.slug, html)

    def save(self) -> None:
        """Keep the bodies of this run (only those: removed entries are forgotten)."""
        self._kept.save()
