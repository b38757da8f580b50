"""The search index: Pagefind run on the search documents, beside the rest of the build.

Pagefind has no incremental mode: it indexes whatever it is given, all of it (4.3 s for
the 5,000 entries of the benchmark's chronicle). A build whose search documents did
not change since the published index was made of them does not run it: the published
index is linked into the new site as it is. Which documents the published index was
made of is kept beside the docs folder (`manifest_path`): a digest of their names,
sizes, times and inodes (the writer replaces a changed document by a new file, so its
inode changes even where its size and time would not). It is removed before Pagefind
starts and written once the new site is in place, so an interrupted build leaves no
manifest vouching for an index that is not online.

One index, not one a part of the chronicle (a year, a month) merged in the reader's
browser, which would let a rebuild index a month instead of everything: Pagefind
answers a word an index does not hold with the words it finds by cutting the word
short (Pagefind issue #780, not configurable in 1.5), so every part that lacks a rare
word would add results that merely share its first letters. Tried and measured: the
one entry holding a test word came back with 208 others.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from importlib.metadata import version
from pathlib import Path

from generator import pagefind_order, paths, swap, writer
from generator.codeversion import code_version
from generator.linktree import link_tree
from generator.search import OUTPUT


class IndexFailed(Exception):
    """Pagefind could not index the search documents."""


def manifest_path(source: Path) -> Path:
    """Return the file saying which search documents the published index was made of."""
    return paths.beside(source, "-index.json")


def documents_digest(source: Path) -> str:
    """Return a digest of the search documents in `source` as they are on disk."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{version('pagefind_bin')}:{code_version()}\n".encode())
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            digest.update(f"{os.path.relpath(path, source)}\0{signature}\n".encode())
    return digest.hexdigest()


class Indexer:
    """Pagefind at work on the search documents in `source`, in a thread of this process.

    `behind`: see the function `start`. With `reuse` (a rebuild), an index published
    from these very documents is kept instead (`kept`); a clean build indexes anew, and
    so does a run that `changed` the documents (wrote or removed any), which need not
    look: Pagefind starts at once, and the documents' digest is taken later (`finish`).
    `finish` puts the index into the staging site, `published` records it once online.
    """

    def __init__(
        self,
        source: Path,
        site: Path,
        behind: bool = False,
        reuse: bool = True,
        changed: bool = False,
    ) -> None:
        self.source, self.site, self.manifest = source, site, manifest_path(source)
        self.digest: str | None = None  # of the documents indexed: see `published`
        self.kept = reuse and not changed and self._published()
        self.output: Path | None = None  # where Pagefind writes: made by `start`
        self._behind = behind
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = False
        self._error: str | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._launched = threading.Event()  # set once Pagefind's process is started

    def start(self, yield_cpu: bool = False) -> Indexer:
        """Start indexing (unless the published index is kept), into a folder beside the site.

        With `yield_cpu`, when Pagefind is what the build will wait for (not `behind`),
        this process then lowers its own priority below Pagefind's (see `yield_to`).
        """
        if self.kept:
            return self
        self.site.parent.mkdir(parents=True, exist_ok=True)
        self.output = swap.scratch_folder(self.site, "search")  # becomes the site's pagefind/
        self.manifest.unlink(missing_ok=True)  # until the new index is online
        self._thread.start()
        # Pagefind keeps the priority it started with: step back once it has started.
        if yield_cpu and not self._behind and self._launched.wait(timeout=LAUNCH_WAIT):
            yield_to()
        return self

    def _published(self) -> bool:
        """Say whether the published index was made of the documents as they are now."""
        self.digest = self._documents_digest()
        try:
            saved = json.loads(self.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(saved, dict) or saved.get("documents") != self.digest:
            return False
        return (self.site / OUTPUT / "pagefind-entry.json").is_file()

    def _run(self) -> None:
        """Index the documents, then put the index in order."""
        try:
            assert self.output is not None  # `start` made it before this thread
            with self._lock:
                if self._cancelled:
                    return
                self._process = start(self.source, self.output, self._behind)
            self._launched.set()
            if not self._failed(self._process):
                self._failed(self._ordering())
        except Exception as exc:  # reported by `finish`, in the build's own thread
            self._error = f"{type(exc).__name__}: {exc}"
        finally:
            self._launched.set()  # whatever happened: `start` may be waiting for it

    def _failed(self, process: subprocess.Popen[bytes]) -> bool:
        """Wait for a process; keep what it said on failure (`finish` reports it)."""
        _, errors = process.communicate()
        if process.returncode != 0:
            self._error = errors.decode("utf-8", "replace").strip()
        return process.returncode != 0

    def _ordering(self) -> subprocess.Popen[bytes]:
        """Start putting Pagefind's index in order (`pagefind_order`), in a process of its
        own: Python's lock stays with the build's rendering, at the priority Pagefind had."""
        assert self.output is not None
        with self._lock:
            if self._cancelled:
                raise IndexFailed("cancelled")
            command = [sys.executable, "-m", pagefind_order.__name__, str(self.output)]
            self._process = launch(command, self._behind)
            return self._process

    def finish(self, staging: Path) -> None:
        """Wait for Pagefind and put the index into `staging`; raise IndexFailed on error.

        The digest of documents indexed anew is taken here, while Pagefind still runs
        in a rebuild: a thread taking it beside the rendering waited for Python's lock
        at every file, and slowed the rendering.
        """
        if self.digest is None:
            self.digest = self._documents_digest()
        if self._thread.ident is not None:
            self._thread.join()
        if self._error is not None:
            raise IndexFailed(self._error)
        target = staging / OUTPUT
        shutil.rmtree(target, ignore_errors=True)
        if self.kept:
            link_tree(self.site / OUTPUT, target, enter=lambda name: True)
        elif self.output is not None:
            self.output.rename(target)
            self.output = None

    def _documents_digest(self) -> str:
        return documents_digest(self.source) if self.source.is_dir() else ""

    def published(self) -> None:
        """Record that the index is online: call once the new site is in place."""
        manifest = json.dumps({"documents": self.digest}) + "\n"
        writer.replace_file(self.manifest, manifest.encode())

    def cancel(self) -> None:
        """Stop Pagefind and remove what it wrote."""
        with self._lock:
            self._cancelled = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        if self._thread.ident is not None:
            self._thread.join()
        if self.output is not None:
            shutil.rmtree(self.output, ignore_errors=True)


YIELD = 10  # how far a process steps back (`nice`): Pagefind behind a build, a build behind it
LAUNCH_WAIT = 10.0  # seconds: a launch that takes longer is not waited for


def yield_to() -> None:
    """Lower this process's priority (`nice`), where the system has priorities.

    A rebuild renders a few pages and then waits for Pagefind, which indexes every
    document again: on two cores the build's own process took turns with it until it
    was done with its pages, MkDocs and the scan, and Pagefind finished late. Behind
    Pagefind, that work still ends first, and Pagefind sooner: eight rebuilds at 5,000
    records took 7.1 s on average against 8.0 s, alternating with eight as before.
    For a process that only builds (`chronicle build`, the benchmark): the priority
    stays lowered, since only a privileged process may raise it again.
    """
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: the build runs as it would
            os.nice(YIELD)


def start(source: Path, output: Path, behind: bool) -> subprocess.Popen[bytes]:
    """Start Pagefind on the search documents in `source`, writing its index into `output`.

    `behind` runs it at a lower priority (`nice`, where there is one), for a build
    that renders most pages: Pagefind then indexes beside the rest of the build and is
    done long before MkDocs is, while every moment it takes from page rendering delays
    the whole build. A rebuild renders a few pages and then waits for the index:
    there it runs as usual.
    """
    from pagefind_bin import get_executable  # noqa: PLC0415  # only needed when indexing

    command = [str(get_executable()), "--site", str(source), "--output-path", str(output),
               "--force-language", "en", "--silent"]  # fmt: skip
    return launch(command, behind)


def launch(command: list[str], behind: bool) -> subprocess.Popen[bytes]:
    """Start a step of the index, at a lower priority (`nice`, where there is one) when
    it runs `behind` the build."""
    if behind and (nice := shutil.which("nice")):
        command = [nice, "-n", str(YIELD), *command]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
