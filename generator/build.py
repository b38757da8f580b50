"""Run the generator's stages in order: read, validate, group, render, write.

Everything is read and checked before anything is written, so a bad record leaves
the previous output as it was and the editor sees every problem of the run at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar

from generator import (
    bodies,
    bodylinks,
    exports,
    feeds,
    grouping,
    paths,
    records,
    render,
    schema,
    search,
    search_index,
    siteinfo,
    validate,
    writer,
)
from generator.bodycache import BodyCache
from generator.grouping import Chronicle
from generator.issues import Issue, ValidationFailed, blocking
from generator.models import Article
from generator.pagecache import Digests, PageCache
from generator.progress import Progress
from generator.records import RawRecord
from generator.settings import Settings
from generator.textcache import TextCache

if TYPE_CHECKING:  # a session holds Caches: it imports this module
    from generator.session import Session

T = TypeVar("T")
FOLDERS = ("actors", "places", "topics", "articles")  # content/'s folders of records


@dataclass(frozen=True)
class Result:
    """What a generator run produced: the chronicle, what was written, and warnings."""

    chronicle: Chronicle
    report: writer.WriteReport
    issues: tuple[Issue, ...]
    indexer: search_index.Indexer | None = None


@dataclass(frozen=True)
class Caches:
    """What earlier runs read and rendered, kept beside the docs folder (see `textcache`)."""

    records: TextCache
    bodies: BodyCache
    exports: TextCache  # the entries' lines in the data files (`exports.Stored`)

    @classmethod
    def beside(cls, docs: Path, reuse: bool) -> Caches:
        """Return the caches kept beside `docs`; with `reuse` off, start them empty."""
        return cls(
            TextCache(paths.beside(docs, "-records.json"), reuse),
            BodyCache(paths.beside(docs, "-bodies.json"), reuse),
            TextCache(paths.beside(docs, "-exports.json"), reuse),
        )

    def save(self) -> None:
        """Keep what this run read and rendered (`generate` saves the exports, made later)."""
        self.records.save()
        self.bodies.save()


def load(
    settings: Settings,
    progress: Progress | None = None,
    caches: Caches | None = None,
    session: Session | None = None,
) -> tuple[validate.Corpus, list[Issue], dict[str, bodies.Body]]:
    """Read and validate all content; return the corpus, every issue, and the bodies.

    With `caches`, records and bodies an earlier run already read are taken from them;
    with a `session`, unchanged files are not even read (see `session`).
    """
    progress = progress or Progress()
    issues: list[Issue] = []
    raws: dict[Path, RawRecord] = {}
    found_paths: dict[str, list[Path]] = {name: [] for name in FOLDERS}
    if records.readable(settings.content, issues):
        records.strays(settings.content, FOLDERS, issues)
        found_paths = {name: records.find(settings.content / name, issues) for name in FOLDERS}
    # Bodies are rendered during validation (the sanitizer's findings are issues too),
    # in other processes from the moment their records are read.
    ahead = caches.bodies.rendering(len(found_paths["articles"])) if caches else None

    def read_folder(name: str, reader: Callable[[RawRecord, list[Issue]], T | None]) -> list[T]:
        found = []
        for path in progress.counted(found_paths[name], name):
            read = partial(records.read, path, caches.records if caches else None)
            raw = session.read(path, read) if session else read()
            if isinstance(raw, Issue):
                issues.append(raw)
                continue
            raws[path] = raw
            item = session.typed(raw, reader, issues) if session else reader(raw, issues)
            if item is not None:
                found.append(item)
                if ahead is not None and isinstance(item, Article):
                    ahead.add(item)
        return found

    try:
        # Actors, places and topics first: articles name them; validation resolves the names.
        with progress.stage("read"):
            actors = read_folder("actors", schema.read_actor)
            places = read_folder("places", schema.read_place)
            topics = read_folder("topics", schema.read_topic)
            articles = read_folder("articles", schema.read_article)
        with progress.stage("validate"):
            corpus = validate.check(articles, actors, places, topics, raws, settings, issues)
            if session:
                corpus = session.settle(corpus)
        with progress.stage("render"):
            if ahead is not None:
                rendered = ahead.finish(corpus.articles, issues)
            else:
                rendered = bodies.render_all(corpus.articles, issues)
    finally:
        if ahead is not None:
            ahead.close()
    issues += _link_problems(corpus, rendered)
    return corpus, issues, rendered


def _link_problems(corpus: validate.Corpus, rendered: dict[str, bodies.Body]) -> list[Issue]:
    """Return a warning for each link in a body to a file that is no published record."""
    published = (a for a in corpus.articles if not a.draft)
    known = bodylinks.targets(published, corpus.actors.items, corpus.places.items, corpus.topics)
    drafts = {bodylinks.file_key(a.source_path): a.slug for a in corpus.articles if a.draft}
    quotes = {a.slug: {q.id for q in a.quotes} for a in corpus.articles if not a.draft}
    found: list[Issue] = []
    for entry in corpus.articles:
        body = rendered.get(entry.slug)
        if body is None or ".md" not in body.html:
            continue
        found += bodylinks.issues_of(
            entry.source_path, body.html, entry.body, entry.body_line, known, drafts, quotes
        )
    return found


def outputs(
    settings: Settings,
    chronicle: Chronicle,
    rendered: dict[str, bodies.Body],
    cache: PageCache | None = None,
    session: Session | None = None,
    stored: exports.Stored | None = None,
) -> Iterator[writer.Output]:
    """Yield every file of the docs folder: generated pages, then hand-written files.

    Pages are rendered when the writer makes them (`writer.Output`); those the `cache`
    finds unchanged are made as None, and the writer keeps their files.
    A `session` lends its template environment and the entries it exported before;
    `stored`, the entries earlier runs exported.
    """
    site = siteinfo.read(settings.config)
    env = session.environment if session else None
    for path, made in render.makers(chronicle, rendered, settings.root, cache, env):
        yield writer.Output(path, writer.encoded(made))
    # Feeds and data files sit beside the pages: MkDocs copies them as they are.
    yield from feeds.outputs(chronicle, rendered, site, cache, env)
    yield from exports.outputs(chronicle, site, session.exports if session else None, stored)
    yield from static_files(settings.site_config)


def page_problems(site_config: Path) -> list[Issue]:
    """Return what is wrong with the front matter of the hand-written pages.

    MkDocs reads a page whose front matter is not valid YAML as having none, and builds
    it with the broken lines for its title ("title: [broken" in the navigation): a
    mistake there is told as a record's is, with its file and line.
    """
    found = []
    for path in sorted((site_config / "pages").rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            found.append(Issue(path, None, "", f"cannot be read: {exc}"))
            continue
        if text.split("\n", 1)[0].rstrip() == "---":  # a page may have no front matter
            parsed = records.split(path, text)
            if isinstance(parsed, Issue):
                found.append(parsed)
    return found


def static_files(site_config: Path) -> Iterator[writer.Output]:
    """Yield the hand-written pages and assets kept in `site_config/`."""
    for folder, prefix in (("pages", ""), ("assets", "assets/")):
        base = site_config / folder
        if base.is_symlink():
            raise writer.UnsafePath(f"refusing to publish {base}: a symbolic link")
        if not base.is_dir():
            continue
        inside = base.resolve()
        for path in sorted(base.rglob("*")):
            # A link, or a file in a linked folder, would publish whatever it points to.
            if path.is_symlink() or not path.resolve().is_relative_to(inside):
                raise writer.UnsafePath(f"refusing to publish {path}: a symbolic link")
            if not path.is_file():
                continue
            rel = PurePosixPath(prefix + path.relative_to(base).as_posix())
            yield writer.Output(rel, path.read_bytes())


def generate(
    settings: Settings,
    progress: Progress | None = None,
    search_documents: bool = True,
    reuse: bool = True,
    index: bool = False,
    session: Session | None = None,
    yield_to_index: bool = False,
) -> Result:
    """Generate the docs folder from content; raise ValidationFailed on blocking issues.

    The live preview has no search index, so it asks for no `search_documents`.
    Pages whose inputs did not change since the last run are not rendered again
    (`pagecache`); `reuse=False` renders every page, as a clean build should.
    With `index`, Pagefind starts on the search documents as soon as they are written
    (unless they did not change since the published index: `search_index`), before the
    pages are rendered, and runs beside the rest of the build
    (`Result.indexer`; `site.build_site` waits for it). `yield_to_index`, for a
    process that only builds, lets Pagefind go first when it is what the build will
    wait for (`search_index.yield_to`).
    A `session` (the live preview's) keeps what this run read for the next one.
    """
    progress = progress or Progress()
    writer.refuse_links(settings.docs, settings.root)
    kept = session.caches if session else None
    caches = kept or Caches.beside(settings.docs, reuse)
    corpus, issues, rendered = load(settings, progress=progress, caches=caches, session=session)
    issues += page_problems(settings.site_config)
    if blocking(issues, settings.strict):
        raise ValidationFailed(issues)  # nothing written, not even the caches
    if kept is None:  # a session keeps them in memory after its first run: saving costs more
        caches.save()  # values of a text alone: valid whatever happens next
    if session:
        session.caches = caches
    # Group only published entries; drafts were validated above and stop here.
    chronicle = grouping.group(corpus)
    digests = session.digests if session else Digests()  # records digested once a run
    indexer = None
    if search_documents:
        with progress.stage("search"):
            # Search documents live beside the docs: MkDocs would publish them as pages.
            folder = search.source_folder(settings.docs)
            search_cache = PageCache(folder, chronicle, {}, reuse, digests)
            documents = search_cache.write(search.documents(chronicle, rendered, search_cache))
        if index:
            # Most documents rendered anew: most pages will be, and that is the longer
            # road; a few: the pages are soon done, and the index is what is waited for.
            behind = search_cache.renders > (len(documents.written) + documents.unchanged) / 2
            changed = bool(documents.written or documents.removed)
            indexer = search_index.Indexer(folder, settings.site, behind, reuse, changed)
    try:  # stopped from here on, Pagefind and its folder go (below)
        if indexer is not None:
            indexer.start(yield_cpu=yield_to_index)
        with progress.stage("render"):
            before = session.pages.saved() if session and session.pages else None
            lookups = render.sources(chronicle)
            cache = PageCache(settings.docs, chronicle, lookups, reuse, digests, before)
            if session:
                session.pages = None  # until this run's pages are written
            stored = exports.Stored(caches.exports, digests)
            files = list(outputs(settings, chronicle, rendered, cache, session, stored))
        with progress.stage("write"):
            # Each page is rendered as the writer comes to it (`writer.Output`): its
            # time counts as rendering, nested in the writing (`Progress.stage`).
            with progress.making("render", "pages rendered") as make:
                report = cache.write(files, save=session is None, make=make)
            if kept is None:
                caches.exports.save()
        if session:
            session.pages = cache
    except BaseException:
        if indexer is not None:
            indexer.cancel()
        raise
    return Result(chronicle, report, tuple(issues), indexer)
