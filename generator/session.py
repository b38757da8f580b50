"""What a long-running process keeps in memory between generator runs: the live preview.

`chronicle serve` regenerates the chronicle every time an editor saves a file. Each
run reads every record file, types it, resolves its names and digests it for the page
cache (`pagecache`), though one file changed since the run before. A `Session` keeps
those results, so the next run reads only the files whose size or times changed and
digests only the records made from them.

A file changed in the same tick of the file system's clock as it was last read could
keep its times and size: like Git's index, the session trusts a file's times only
once they lie RACY_NS before the moment it read the file, and reads a file changed
more recently again. One-off builds (`chronicle build`) need none of this: they read
every file once anyway.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from generator import render
from generator.build import Caches
from generator.exports import Exported
from generator.issues import Issue
from generator.memo import ByObject
from generator.models import Article
from generator.pagecache import Digests, PageCache
from generator.records import RawRecord
from generator.validate import Corpus

T = TypeVar("T")
RACY_NS = 2_000_000_000  # file times this close to a read are not trusted next run


@dataclass(frozen=True)
class _Read:
    """A file as last read: its times and size, when it was read, and what came of it."""

    signature: tuple[int, ...]
    read_at: int
    raw: RawRecord | Issue


class Session:
    """Records read, typed and digested by the runs of one process, kept for the next run.

    A run calls `read` for every record file and `typed` for every raw record, then
    `settle` with the records it validated; what the run did not ask for is forgotten.
    `caches` are the text caches (`build.Caches`) the session's runs share: loaded
    once, kept in memory, saved only by the first run; `pages` is the page cache of
    the last run that wrote the docs, saved to disk only when the session closes
    (`close`): a tenth of a second a run at 5,000 records. The session also lends its
    runs one template environment and the entries they exported (`exports`).
    """

    def __init__(self, racy_ns: int = RACY_NS) -> None:
        self.racy_ns = racy_ns
        self.digests = Digests()
        self.exports: ByObject[Exported] = ByObject()
        self.environment = render.environment()  # its templates are compiled once
        self.caches: Caches | None = None
        self.pages: PageCache | None = None  # the last run's, once it wrote the docs
        self._files: dict[Path, _Read] = {}
        self._typed: ByObject[tuple[object, tuple[Issue, ...]]] = ByObject()
        self._resolved: dict[Path, Article] = {}
        self._seen_files: dict[Path, _Read] = {}

    def read(self, path: Path, read: Callable[[], RawRecord | Issue]) -> RawRecord | Issue:
        """Return what `read` returned for `path` last time if the file is unchanged."""
        try:
            info = os.lstat(path)
        except OSError:
            return read()
        signature = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_dev)
        kept = self._seen_files.get(path) or self._files.get(path)
        settled = kept is not None and max(signature[:2]) < kept.read_at - self.racy_ns
        if kept is None or kept.signature != signature or not settled:
            kept = _Read(signature, time.time_ns(), read())
        self._seen_files[path] = kept
        return kept.raw

    def typed(
        self,
        raw: RawRecord,
        reader: Callable[[RawRecord, list[Issue]], T | None],
        issues: list[Issue],
    ) -> T | None:
        """Return `reader(raw, issues)`, or what it returned for this very record before.

        The issues it reported then are reported again.
        """

        def make() -> tuple[object, tuple[Issue, ...]]:
            found: list[Issue] = []
            return reader(raw, found), tuple(found)

        value, found = self._typed.get(raw, reader, make)
        issues.extend(found)
        return value  # type: ignore[return-value]  # what `reader` returned

    def settle(self, corpus: Corpus) -> Corpus:
        """Return the validated corpus, each article last run's object if unchanged.

        Validation makes new articles (names resolved to ids) every run; one read from
        an unchanged file that resolves to an equal article is last run's object, so
        its digest is remembered (`Digests` remembers by object). Only an article made
        from the very same raw record counts: its text is the same objects, so equal
        means identical, not merely equal after conversion (50 and 50.0).
        """
        unchanged = {p for p, r in self._seen_files.items() if self._files.get(p) is r}
        articles = []
        for article in corpus.articles:
            before = self._resolved.get(article.source_path)
            same = article.source_path in unchanged and before == article
            articles.append(before if same and before is not None else article)
        self._files, self._seen_files = self._seen_files, {}
        self._typed.settle()
        self._resolved = {a.source_path: a for a in articles}
        records = [
            *corpus.actors.items.values(),
            *corpus.places.items.values(),
            *corpus.topics.values(),
        ]
        self.digests.retain([*records, *articles, *(q for a in articles for q in a.quotes)])
        self.exports.settle()
        return replace(corpus, articles=tuple(articles))

    def close(self) -> None:
        """Save the page cache of the last run that wrote the docs, for the next build.

        Unless a cache was saved since: another run (a `chronicle build` beside the
        preview) wrote the docs after this session did, and its cache describes them.
        """
        if self.pages is not None and not self.pages.file.exists():
            self.pages.save()
