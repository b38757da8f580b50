"""Incremental site builds: rebuild only the pages whose Markdown changed.

The writer rewrites a Markdown file only when its bytes change, so after adding one
entry only a handful of pages (the entry, its day, month, actors, places, topics,
home) are newer than their HTML. MkDocs' dirty mode rebuilds exactly those. We run
it on a copy of the published site, so a failed build still leaves `site/` as it was.

The copy is made of hard links, not of bytes (`linktree`), without the search index,
which `search_index` assembles. MkDocs writes a file by truncating it in place, which
through a hard link would change the published site mid-build; so once MkDocs has
listed its files, before it writes any, every file it is going to write (the files it
finds modified, by its own test, and the theme's templates it always renders) is
unlinked from the copy and written anew (`Unshare`); those that come out as they
were are put back as the published files (`keep_published`).

Dirty mode is only right when nothing else changed: the stamp beside the docs
folder records what the last build was made from (mkdocs.yml, the theme overrides,
the MkDocs and Material versions) and which docs files it had. When the stamp does
not match, the build is a full one; files that left the docs folder since the stamp
are removed from the copy, so a deleted entry does not stay online.

Linking the published site's files (20,000 of them at 5,000 entries) takes about a
second; it needs nothing the generator makes, so `Staging` starts it in a process of
its own (`python -m generator.linktree`) when the build starts, and it is done while
the generator still renders. Not a thread: between its thousands of system calls it
would take turns with the rendering for Python's lock, and slow it down by as much as
it saved.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, get_files

from generator import paths, search, siteinfo, swap, writer
from generator.codeversion import code_version
from generator.settings import Settings


def stamp_path(settings: Settings) -> Path:
    """Return the file that records what the last site build was made from."""
    return paths.beside(settings.docs, "-site.json")


def forget(settings: Settings) -> None:
    """Remove the stamp: call before the published site is replaced."""
    stamp_path(settings).unlink(missing_ok=True)


def fingerprint(settings: Settings) -> str:
    """Return a digest of everything besides the docs that shapes every page.

    The hook and the generator's code are part of it: the hook renders our pages for
    MkDocs with the generator's help (headings, the shared navigation).
    """
    digest = hashlib.sha256()
    for name in ("mkdocs", "mkdocs-material"):
        digest.update(f"{name}={version(name)}\n".encode())
    digest.update(f"generator={code_version()}\n".encode())
    # mkdocs.yml with any file it INHERITs, and what it leaves to the environment
    # (`site_url: !ENV ...`), which shapes every page too.
    config, inputs = siteinfo.read_config(settings.config)
    hooks = settings.site_config / "hooks.py"
    if hooks.is_file():
        inputs.append(hooks)
    overrides = settings.site_config / "overrides"
    if overrides.is_dir():
        inputs += sorted(p for p in overrides.rglob("*") if p.is_file())
    for path in inputs:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps(config, sort_keys=True, default=str).encode())
    digest.update(str(settings.site).encode())
    return digest.hexdigest()


def _docs_files(docs: Path) -> list[str]:
    found = []
    for dirpath, _, filenames in os.walk(docs):
        rel = os.path.relpath(dirpath, docs).replace(os.sep, "/")
        found += [name if rel == "." else f"{rel}/{name}" for name in filenames]
    return sorted(found)


def last_build(settings: Settings, current: str | None = None) -> dict[str, Any] | None:
    """Return the stamp of the published site when a dirty build may start from it.

    `current`: the `fingerprint` of the settings, when the caller already took it.
    """
    try:
        last = json.loads(stamp_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    current = current or fingerprint(settings)
    if not isinstance(last, dict) or last.get("fingerprint") != current:
        return None
    return last if settings.site.is_dir() and not _dated_ahead(settings.site) else None


def _dated_ahead(site: Path) -> bool:
    """Say whether the published site's top files are dated after now.

    MkDocs' dirty build renders a page only when its Markdown is newer than its HTML: a
    site restored from a machine whose clock runs ahead, or touched into the future,
    would keep every old page, however the docs changed. Such a site is built anew.
    (Its top files stand for the rest: a build writes them all, and so does a copy.)
    """
    ahead = time.time_ns() + 2_000_000_000  # seconds of leeway for a file system's clock
    with os.scandir(site) as entries:
        return any(e.stat(follow_symlinks=False).st_mtime_ns > ahead for e in entries)


PACKAGE_HOME = Path(__file__).resolve().parent.parent  # the folder that holds `generator/`


def copier(settings: Settings, staging: Path) -> list[str]:
    """Return the command that links the published site's files into `staging`.

    The search index is left out: `search_index` puts it in, made anew or linked.
    `Staging` runs it in the folder that holds this package (`PACKAGE_HOME`), so it
    finds the package whether or not it is installed.
    """
    site, into = str(settings.site.resolve()), str(staging.resolve())
    return [sys.executable, "-m", "generator.linktree", site, into, "--skip", search.OUTPUT]


def finish_copy(settings: Settings, staging: Path, last: dict[str, Any]) -> None:
    """Fit a copy of the published site to the docs the generator just wrote.

    The files MkDocs is going to write are unlinked from it by MkDocs' run itself
    (`Unshare`), which lists them anyway.
    """
    remove_published(staging, set(last.get("files", [])) - set(_docs_files(settings.docs)))


class CopyFailed(Exception):
    """The published site could not be copied for a rebuild."""


class Staging:
    """The folder a new site is built in, beside the published one, until it is swapped in.

    With `incremental`, and when a dirty build is safe, the published site is linked
    into it by another process from the moment it is made (see the module's
    docstring); `ready`, called once the docs are generated, waits for that and says
    whether the build is dirty. Used as a context manager, it removes the folder if
    the build stops before the swap.
    """

    def __init__(self, settings: Settings, incremental: bool) -> None:
        self.settings = settings
        site = settings.site
        # A site folder committed as a link: its target would be linked into the new site.
        writer.refuse_links(site, settings.root)
        site.parent.mkdir(parents=True, exist_ok=True)
        self._copy: subprocess.Popen[bytes] | None = None
        swap.sweep(site)  # what builds killed outright left beside the site
        self.folder = swap.scratch_folder(site, "staging")
        try:  # stopped here (Ctrl-C, `kill`) before a `with` holds it: no folder left behind
            # Taken before anything is built: a file changed meanwhile (mkdocs.yml) may or
            # may not have been read, so the stamp must not say the site was built from it.
            self.fingerprint = fingerprint(settings)
            self._last = last_build(settings, self.fingerprint) if incremental else None
            if self._last is not None:
                self._copy = subprocess.Popen(
                    copier(settings, self.folder),
                    cwd=PACKAGE_HOME,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
        except BaseException:
            self.discard()
            raise

    def ready(self) -> bool:
        """Wait for the copy and fit it to the generated docs; say if the build is dirty."""
        if self._last is None or self._copy is None:
            return False
        _, errors = self._copy.communicate()
        if self._copy.returncode != 0:
            message = errors.decode("utf-8", "replace").strip()
            raise CopyFailed(f"{self.settings.site} could not be copied: {message}")
        finish_copy(self.settings, self.folder, self._last)
        return True

    def discard(self) -> None:
        """Remove the folder, unless it was swapped in (then it is no longer there)."""
        if self._copy is not None and self._copy.poll() is None:
            self._copy.kill()
            self._copy.communicate()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.discard()


class _NoOptions(Config):  # type: ignore[no-untyped-call]  # MkDocs' class
    """`Unshare` takes no options."""


class Unshare(BasePlugin[_NoOptions]):  # type: ignore[no-untyped-call]  # MkDocs' class
    """In a dirty MkDocs build, unlink every file it will write from its site folder first.

    `site._mkdocs` adds it to a dirty build's plugins. The test is MkDocs' own
    (`File.is_modified`, which its dirty build also asks), on the very files it is
    about to build, so the two cannot disagree (a file dated as its output, which
    MkDocs would keep, is unlinked too, and MkDocs writes a file whose output is
    missing: `_dated_alike`); a file it will not write stays a link to the published
    one. Elsewhere (a share of a full build, `shards`) there is no link to break, and
    a file unlinked is one MkDocs writes anew anyway.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rewritten: list[Path] = []  # what this build unlinked: `keep_published`

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Unlink the files MkDocs is about to write, and the theme's templates it renders."""
        self.rewritten = unshare(files, config)
        return files


def unshare(files: Files, config: MkDocsConfig) -> list[Path]:
    """Unlink from the site folder the `files` a dirty MkDocs build is about to write,
    and the theme's templates it renders every time (see `Unshare`); return them."""
    site = Path(config.site_dir)
    rewritten = [Path(f.abs_dest_path) for f in files if f.is_modified() or _dated_alike(f)]
    for name in (*config.theme.static_templates, *config.extra_templates):
        rewritten += [site / name, site / f"{name}.gz"]  # sitemap.xml.gz beside its XML
    for path in rewritten:
        path.unlink(missing_ok=True)
    return rewritten


def _dated_alike(file: File) -> bool:
    """Say whether a file's source and its output bear the same time.

    MkDocs' dirty build takes a page as changed when its Markdown is newer than its
    HTML. A file system that keeps whole seconds (FAT, exFAT, HFS+, some network
    shares) dates a page the generator rewrote within the second its HTML was written
    alike, and the old page stayed online for good. Such a page is built again (an
    unchanged one comes out as it was: `keep_published`); on a file system that keeps
    nanoseconds two writes are never dated alike.
    """
    if file.abs_src_path is None:
        return False
    try:
        return os.stat(file.abs_src_path).st_mtime_ns == os.stat(file.abs_dest_path).st_mtime_ns
    except OSError:
        return False


def keep_published(rewritten: Iterable[Path], site_dir: Path, published: Path) -> None:
    """Put the published file back in place of each one a dirty build wrote again with
    the same bytes.

    MkDocs writes the 404 page and the sitemaps on every build, and a page whose
    Markdown changed may come out as it was. Keeping the published file (a hard link,
    its time and inode) keeps what did not change unchanged for whatever copies the
    site on by time and size (`rsync`, a web server's caching headers). A file that
    cannot be linked stays as MkDocs wrote it.
    """
    for path in rewritten:
        old = published / path.relative_to(site_dir)
        try:
            if old.is_symlink() or not old.is_file() or not path.is_file():
                continue
            if old.stat().st_size != path.stat().st_size or old.read_bytes() != path.read_bytes():
                continue
            kept = path.with_name(f".{path.name}.kept")
            os.link(old, kept)
        except OSError:
            continue
        try:
            os.replace(kept, path)
        except OSError:
            kept.unlink(missing_ok=True)


def site_files(settings: Settings, site_dir: Path) -> tuple[MkDocsConfig, Files]:
    """Return MkDocs' config for a build into `site_dir`, and the files it would build.

    The docs and the theme's files, listed as MkDocs' own build lists them.
    """
    config = load_config(str(settings.config), docs_dir=str(settings.docs), site_dir=str(site_dir))
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return config, files


def remove_published(site_dir: Path, gone: Iterable[str]) -> None:
    """Remove what MkDocs published for docs files that are gone (dirty builds keep it)."""
    for name in sorted(gone):
        published = paths.page_url(PurePosixPath(name))
        if name.endswith(".md"):
            published += "index.html"
        gone_file = site_dir / published
        gone_file.unlink(missing_ok=True)
        for folder in gone_file.parents:  # the page's own folder, if nothing else is in it
            if folder == site_dir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()


def record(settings: Settings, made_from: str | None = None) -> None:
    """Remember what the site just published was made from: the `fingerprint` taken
    when its build started (`made_from`; by default, now) and the docs files."""
    stamp = {"fingerprint": made_from or fingerprint(settings), "files": _docs_files(settings.docs)}
    writer.replace_file(stamp_path(settings), json.dumps(stamp, indent=1).encode())
