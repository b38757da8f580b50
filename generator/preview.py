"""Live preview: MkDocs' own development server, with the chronicle regenerated on each change.

MkDocs watches content/ (`watch:` in mkdocs.yml) and reloads its config on every
change; the hook in site_config/hooks.py regenerates the pages at that moment.
The system announces changes (inotify, FSEvents: `announced_changes`), or, with
`--poll`, MkDocs polls for them as it does by default. The preview runs without
MkDocs' strict mode, so that an editor's half-written link is a warning in the
terminal rather than a server that stops rebuilding; `chronicle build` stays strict.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any, cast

from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.structure.files import Files
from watchdog.events import (
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from generator import incremental_site, search
from generator.linktree import link_tree
from generator.settings import Settings
from generator.site import DIRTY_WARNING, DropMessage

POLL_VARIABLE = "CHRONICLE_POLL"  # set (to anything): site_config/hooks.py keeps polling


def serve(settings: Settings, host: str, port: int, poll: bool = False) -> None:
    """Serve the site at http://host:port/ until interrupted, reloading on every change.

    With `poll`, the hook keeps MkDocs' polling for changes (site_config/hooks.py:
    POLL_VARIABLE); otherwise the system announces them.
    """
    _show_mkdocs_log()
    # The hook reads the environment (MkDocs passes it nothing of ours): set for the
    # serve, and put back as it was after, as is the log filter. (`kill` stops it as
    # Ctrl-C does, saving the page cache: `cli.stopped_as_by_ctrl_c`.)
    polled = os.environ.get(POLL_VARIABLE)
    if poll:
        os.environ[POLL_VARIABLE] = "1"
    # Dirty rebuilds: the writer rewrites only Markdown that changed, so MkDocs rebuilds
    # only those pages (a handful for one edited record, not the whole chronicle). Its
    # warning that dirty builds may be inaccurate does not apply to the fixed nav.
    build_log = logging.getLogger("mkdocs.commands.build")
    dirty_warning = DropMessage(DIRTY_WARNING)
    build_log.addFilter(dirty_warning)
    try:
        mkdocs_serve(
            config_file=str(settings.config),
            livereload=True,
            build_type="dirty",
            dev_addr=f"{host}:{port}",
            docs_dir=str(settings.docs),
            strict=False,
        )
    finally:
        build_log.removeFilter(dirty_warning)
        if polled is None:
            os.environ.pop(POLL_VARIABLE, None)
        else:
            os.environ[POLL_VARIABLE] = polled


def announced_changes(server: Any) -> None:
    """Move a MkDocs server's watches from its polling observer to the system's own.

    The hook calls this when MkDocs starts serving (`on_serve`), unless POLL_VARIABLE
    is set.
    """
    watched = dict(getattr(server, "_watched_paths", {}))  # MkDocs' count of watch() calls
    if issubclass(cast(type, Observer), PollingObserver) or not watched:
        return
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = _ChangeObserver()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)


def pages_to_build(files: Files, nav: Any, hand_written: Path, written: Collection[str]) -> Files:
    """Return the files a preview rebuild hands MkDocs: the pages it is going to build.

    A rebuild is dirty: MkDocs builds the pages whose Markdown is newer than their
    HTML, a few dozen for one saved record, but still makes a page object for each of
    the other thousands and walks them all (a third of its rebuild at 5,000 records).
    Those pages stay in the preview's site as built before. MkDocs gets the pages the
    generator has `written` since the last build that finished (their paths in the
    docs folder, which the hook keeps, where asking each page's file for its time took
    a tenth of a second), and the pages the `nav` configuration names, so it can build
    the nav; every page when a page written by hand (in `hand_written`) changed,
    since MkDocs checks its links against all the others.
    """
    changed = [f for f in files.documentation_pages() if f.src_uri in written]
    if any((hand_written / f.src_uri).is_file() for f in changed):
        return files
    keep = {f.src_uri for f in changed} | set(_nav_pages(nav or []))
    return Files([f for f in files if not f.is_documentation_page() or f.src_uri in keep])


def seed(settings: Settings, site_dir: Path) -> None:
    """Link the published site into the preview's empty site folder, if it can.

    The preview's first build is dirty, like its rebuilds: MkDocs then renders only
    the pages whose Markdown is newer than their HTML. From an empty folder that is
    every page (10 s at 5,000 entries); from the published site, the pages that
    changed since it was built. Only a site built from the same configuration, theme,
    hook, generator and versions (`incremental_site.last_build`) is used, without its
    search index (the preview has none), and without the pages of docs gone since.
    Hard links, not copies (3 s of the start at 5,000 entries): MkDocs writes a page by
    truncating its file, which through a link would change the published site, so
    every build of the preview first unlinks what it is about to write
    (`incremental_site.unshare`, called by the hook), as a rebuild's staging does.
    """
    last = incremental_site.last_build(settings)
    if last is None or any(site_dir.iterdir()):
        return
    link_tree(settings.site, site_dir, enter=lambda name: name != search.OUTPUT)
    incremental_site.finish_copy(settings, site_dir, last)


def start_over(site_dir: Path) -> None:
    """Empty the preview's site folder, so that its next build writes every page.

    The folder itself stays: MkDocs' server serves from it.
    """
    with os.scandir(site_dir) as found:
        for entry in found:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)


def _nav_pages(items: Any) -> Iterator[str]:
    """Yield the documentation files the nav configuration names."""
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from _nav_pages(value)


_CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent,
    DirMovedEvent, DirDeletedEvent,
]  # fmt: skip


class _FolderGone(FileSystemEventHandler):
    """Tells MkDocs of a folder moved or deleted as of a file: MkDocs heeds files only.

    A folder moved out of the watched tree (to the bin) is told as the folder's event
    alone, not its files': the preview went on as if its records were there.
    """

    def __init__(self, inner: FileSystemEventHandler) -> None:
        super().__init__()
        self.inner = inner

    def dispatch(self, event: FileSystemEvent) -> None:
        if isinstance(event, (DirMovedEvent, DirDeletedEvent)):
            event = FileDeletedEvent(event.src_path)
        self.inner.dispatch(event)


class _ChangeObserver(Observer):  # type: ignore[misc,valid-type]  # the system's class
    """The system's observer, passing on changes only.

    It also reports files opened and closed unchanged; the preview opens the files it
    reads, and MkDocs rebuilds on any event, so those would set off rebuild after rebuild.
    """

    def schedule(
        self, handler: FileSystemEventHandler, *args: Any, event_filter: Any = None, **kwargs: Any
    ) -> Any:
        changes = event_filter or _CHANGES
        return super().schedule(_FolderGone(handler), *args, event_filter=changes, **kwargs)


def _show_mkdocs_log() -> None:
    """Print MkDocs' messages (serving address, rebuilds, our hook's errors) like `mkdocs serve`."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
