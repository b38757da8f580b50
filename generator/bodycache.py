"""Remember rendered bodies between runs: Markdown and sanitizing are most of reading.

A body's HTML and the sanitizer's findings depend only on its Markdown text and on the
generator (`pagecache.code_version`), so they are kept by a digest of the text. The
findings are stored relative to the body's first line: moving a body down its file
(a longer front matter) still reports the right line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import markdown

from generator import bodies
from generator.issues import Issue, Severity
from generator.models import Article
from generator.pagecache import code_version

Finding = tuple[int | None, str, str, str]  # line from the body's start, field, message, severity


class BodyCache:
    """Bodies rendered by earlier runs, by digest of their Markdown."""

    def __init__(self, file: Path, reuse: bool = True) -> None:
        self.file = file
        self._version = code_version()
        self._before = self._load() if reuse else {}
        self._after: dict[str, tuple[str, list[Finding]]] = {}

    def render_all(self, entries: Iterable[Article], issues: list[Issue]) -> dict[str, bodies.Body]:
        """Return every entry's body as `bodies.render_all` would, rendering only new texts."""
        md = bodies.markdown_renderer()
        return {entry.slug: self._body(md, entry, issues) for entry in entries}

    def _body(self, md: markdown.Markdown, entry: Article, issues: list[Issue]) -> bodies.Body:
        key = hashlib.blake2b(entry.body.encode(), digest_size=16).hexdigest()
        known = self._before.get(key) or self._after.get(key)
        if known is None:
            found: list[Issue] = []
            html = bodies.render(md, entry, found).html
            known = (html, [_relative(i, entry.body_line) for i in found])
        self._after[key] = known
        html, findings = known
        for line, field, message, severity in findings:
            at = None if line is None else entry.body_line + line
            issues.append(Issue(entry.source_path, at, field, message, Severity(severity)))
        return bodies.Body(entry.slug, html)

    def save(self) -> None:
        """Keep the bodies of this run (only those: removed entries are forgotten)."""
        data = {"version": self._version, "bodies": dict(sorted(self._after.items()))}
        tmp = self.file.with_suffix(".tmp")
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        tmp.replace(self.file)

    def _load(self) -> dict[str, tuple[str, list[Finding]]]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != self._version:
            return {}
        return {
            key: (html, [(line, field, message, sev) for line, field, message, sev in findings])
            for key, (html, findings) in data["bodies"].items()
        }


def _relative(issue: Issue, body_line: int) -> Finding:
    line = None if issue.line is None else issue.line - body_line
    return (line, issue.field, issue.message, issue.severity.value)
