"""The search index: Pagefind run on the search documents, one shard at a time.

Pagefind has no incremental mode: it indexes whatever it is given, all of it, and took
4.3 s for the 5,000 entries of the benchmark's chronicle, more than everything else a
rebuild does. So the documents come in shards (`search.shard_of`), each indexed into a
Pagefind bundle of its own, and a build indexes only the shards whose documents changed
since the published index was made: adding today's entry reindexes this month's.
The search page merges the bundles in the reader's browser (Pagefind's `mergeIndex`);
the first shard's bundle, with Pagefind's scripts, is `pagefind/`, the others' are
folders in it, named in `pagefind/shards.json`.

Which shards are current is kept beside the docs folder (`manifest_path`): for each
shard, a digest of its documents' names, sizes, times and inodes when the published
bundle was made of them (the writer replaces a changed document by a new file, so its
inode changes even where its size and time would not). Before the swap it vouches only
for the bundles the old and the new site share; after it, for all of the new site's.
So an interrupted build leaves no manifest vouching for a bundle that is not online.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from generator import pagefind_order
from generator.linktree import link_tree
from generator.pagecache import code_version
from generator.search import MAIN, OUTPUT

SHARDS_FILE = "shards.json"  # in the primary bundle: the other bundles, for the search page
_BUNDLE = ("pagefind-entry.json", "index", "fragment", "filter")  # besides pagefind.*.pf_meta


class IndexFailed(Exception):
    """Pagefind could not index the search documents."""


@dataclass(frozen=True)
class Shard:
    """A folder of search documents, indexed as one Pagefind bundle."""

    name: str
    source: Path
    digest: str  # of its documents as they are on disk: see the module's docstring


def manifest_path(source: Path) -> Path:
    """Return the file saying which published bundles were made from which documents."""
    return source.with_name(source.name + "-index.json")


def shards(source: Path) -> list[Shard]:
    """Return the shards in `source`, MAIN first, then by name."""
    if not source.is_dir():
        return []
    names = sorted(p.name for p in source.iterdir() if p.is_dir())
    names.sort(key=lambda name: name != MAIN)
    return [Shard(name, source / name, _digest(source / name)) for name in names]


def _digest(folder: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            digest.update(f"{os.path.relpath(path, folder)}\0{signature}\n".encode())
    return digest.hexdigest()


def _version() -> str:
    """Return what, besides the documents, shapes a bundle: Pagefind and our code."""
    return f"{version('pagefind_bin')}:{code_version()}"


def _bundle(site: Path, name: str, primary: str) -> Path:
    """Return where shard `name`'s bundle sits in `site`."""
    return site / OUTPUT if name == primary else site / OUTPUT / name


class Indexer:
    """Pagefind at work on the shards that changed, in a thread of this process.

    `behind`: see the function `start`; with `reuse` off (a clean build) every shard is
    indexed. The published bundles of the other shards are taken over as they are (hard
    links) when `finish` assembles the index in the staging site.
    """

    def __init__(self, source: Path, site: Path, behind: bool = False, reuse: bool = True) -> None:
        self.site, self.manifest = site, manifest_path(source)
        self.shards = shards(source)
        self.primary = self.shards[0].name if self.shards else MAIN
        self.kept = self._published() if reuse else set()
        self.output = site.with_name(f".{site.name}.search")  # made by `start`
        self._behind = behind
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = False
        self._error: str | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Indexer:
        """Start indexing the shards that changed, in a folder beside the site."""
        self.site.parent.mkdir(parents=True, exist_ok=True)
        prefix = f".{self.site.name}-"
        self.output = Path(tempfile.mkdtemp(prefix=prefix, suffix=".search", dir=self.site.parent))
        self._thread.start()
        return self

    @property
    def indexed(self) -> list[str]:
        """Return the names of the shards this build indexes anew."""
        return [s.name for s in self.shards if s.name not in self.kept]

    def _published(self) -> set[str]:
        """Return the shards whose published bundle was made of their documents as they are."""
        try:
            saved = json.loads(self.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        if not isinstance(saved, dict) or saved.get("version") != _version():
            return set()
        if saved.get("primary") != self.primary or not isinstance(saved.get("shards"), dict):
            return set()
        return {
            s.name
            for s in self.shards
            if saved["shards"].get(s.name) == s.digest
            and (_bundle(self.site, s.name, self.primary) / "pagefind-entry.json").is_file()
        }

    def _run(self) -> None:
        """Index each changed shard in turn, then put its bundle in order."""
        try:
            for shard in self.shards:
                if shard.name in self.kept:
                    continue
                out = self.output / shard.name
                with self._lock:
                    if self._cancelled:
                        return
                    self._process = start(shard.source, out, self._behind)
                _, errors = self._process.communicate()
                if self._process.returncode != 0:
                    self._error = errors.decode("utf-8", "replace").strip()
                    return
                pagefind_order.canonicalize(out)
                if shard.name != self.primary:  # merged bundles use the primary's scripts
                    _keep_only_bundle(out)
        except Exception as exc:  # reported by `finish`, in the build's own thread
            self._error = f"{type(exc).__name__}: {exc}"

    def finish(self, staging: Path) -> None:
        """Wait for Pagefind and assemble the index in `staging`; raise IndexFailed on error."""
        self._thread.join()
        if self._error is not None:
            raise IndexFailed(self._error)
        target = staging / OUTPUT
        shutil.rmtree(target, ignore_errors=True)
        for shard in self.shards:  # the primary first: the others go inside its folder
            into = _bundle(staging, shard.name, self.primary)
            if shard.name in self.kept:
                _link_bundle(_bundle(self.site, shard.name, self.primary), into)
            else:
                (self.output / shard.name).rename(into)
        if self.shards:
            merged = [f"{s.name}/" for s in self.shards[1:]]
            (target / SHARDS_FILE).write_text(json.dumps(merged) + "\n", encoding="utf-8")
        shutil.rmtree(self.output, ignore_errors=True)
        self._save(self.kept)  # until the swap: only what the old site and the new share

    def published(self) -> None:
        """Record that the assembled index is online: call once the new site is in place."""
        self._save({s.name for s in self.shards})

    def _save(self, names: set[str]) -> None:
        saved = {s.name: s.digest for s in self.shards if s.name in names}
        data = {"version": _version(), "primary": self.primary, "shards": saved}
        tmp = self.manifest.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.manifest)

    def cancel(self) -> None:
        """Stop Pagefind and remove what it wrote."""
        with self._lock:
            self._cancelled = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        if self._thread.ident is not None:
            self._thread.join()
        shutil.rmtree(self.output, ignore_errors=True)


def start(source: Path, output: Path, behind: bool) -> subprocess.Popen[bytes]:
    """Start Pagefind on the search documents in `source`, writing its bundle into `output`.

    `behind` runs it at a lower priority (`nice`, where there is one), for a build
    that renders most pages: Pagefind then indexes beside the rest of the build and is
    done long before MkDocs is, while every moment it takes from page rendering delays
    the whole build. A rebuild renders a few pages and then waits for the index:
    there it runs as usual.
    """
    from pagefind_bin import get_executable  # noqa: PLC0415  # only needed when indexing

    command = [str(get_executable()), "--site", str(source), "--output-path", str(output),
               "--force-language", "en", "--silent"]  # fmt: skip
    if behind and (nice := shutil.which("nice")):
        command = [nice, "-n", "10", *command]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _keep_only_bundle(bundle: Path) -> None:
    """Remove Pagefind's scripts, styles and WebAssembly from a bundle that is merged."""
    for path in bundle.iterdir():
        if path.name in _BUNDLE or path.suffix == ".pf_meta":
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def _link_bundle(source: Path, target: Path) -> None:
    """Hard-link a published bundle into `target`, without the bundles kept inside it."""
    link_tree(source, target, enter=lambda name: name in _BUNDLE)
    (target / SHARDS_FILE).unlink(missing_ok=True)  # a link: written anew, not through
