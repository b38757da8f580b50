"""Render only the pages whose inputs changed since the last run.

A page is a pure function of its template, the values `render` hands it, and the
records it looks up while rendering: actor, place and topic names, the statements it quotes
or that answer it, the chronicle's lists. Templates reach those lookups only through
the views below, which note every key they are asked for. The cache keeps, for each
page, a digest of its own values and of the result of each lookup. On the next run a
page whose digests all still match, and whose file in the docs folder is still the one
the cache saw written (its size, time and inode), is not rendered again: adding one
entry to 5,000 renders its entry, its day, month and year, the pages that list it,
and the few pages that read the whole chronicle (home, the timeline, the indexes),
instead of all 6,700.

The cache is a JSON file beside the docs folder. It is removed before the writer
touches the docs and saved after, so an interrupted run leaves no cache that could
vouch for a page it did not write. Any change to the generator itself (its code, its
templates, the libraries it renders with) starts a new cache: see
`codeversion.code_version`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum
from pathlib import Path, PurePath, PurePosixPath
from typing import Any, TypeVar

from generator import paths, writer
from generator.codeversion import code_version
from generator.models import Actor, Article, Place, Quote, Topic

T = TypeVar("T")
Key = str | tuple[str, ...] | None  # None: the whole source was read (iterated, counted)
Read = tuple[str, Key]
Produce = Callable[[set[Read]], T]  # makes a page, noting what it looks up
Signature = tuple[int, int, int] | None  # a file's size, time and inode; None: not yet written
Saved = dict[str, tuple[str, list[tuple[Read, str]], Signature]]  # page: key, reads, its file
_LEAVES = (str, int, float, bool, type(None), Enum, dt.date, PurePath)
_RECORDS = (Article, Actor, Place, Quote, Topic)


class Digests:
    """Stable digests of record values, remembered so each record is hashed once a run.

    Records are frozen dataclasses of tuples, dates, enums and strings, whose reprs do
    not depend on the process (no sets, no object ids), so equal values give equal
    digests from one run to the next. Anything else is refused rather than guessed at.
    A dataclass field left out of comparisons is left out of its digest: it is
    derived from the others (a body's HTML from the digest of its Markdown).
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, str]] = {}  # keeps values alive: ids stay unique
        self._fields: dict[type, tuple[str, ...]] = {}  # `dataclasses.fields` is slow

    def of(self, value: object) -> str:
        """Return the digest of `value`.

        Called about 200,000 times a run at 5,000 records, mostly for records already
        digested (the entries of each day and list): the memo is asked first, and a
        sequence asks it for its items itself rather than through a call each.
        """
        known = self._memo.get(id(value))
        if known is not None:
            return known[1]
        if isinstance(value, _LEAVES):
            return repr(value)
        if isinstance(value, _RECORDS):
            parts = [repr(value)]  # records hold no records: one repr, made in C, is faster
        elif isinstance(value, (tuple, list)):
            memo, of = self._memo, self.of
            parts = ["["]
            for item in value:
                found = memo.get(id(item))
                parts.append(of(item) if found is None else found[1])
        elif isinstance(value, Mapping):
            parts = ["{", *(self.of(k) + ":" + self.of(v) for k, v in value.items())]
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts = [type(value).__qualname__]
            parts += [self.of(getattr(value, name)) for name in self._compared(type(value))]
        else:
            raise TypeError(f"no stable digest for a {type(value).__name__}")
        digest = hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()
        self._memo[id(value)] = (value, digest)
        return digest

    def _compared(self, kind: type) -> tuple[str, ...]:
        """Return the names of a dataclass's compared fields: the rest follow from them."""
        names = self._fields.get(kind)
        if names is None:
            fields = dataclasses.fields(kind)
            names = self._fields[kind] = tuple(f.name for f in fields if f.compare)
        return names

    def retain(self, values: Iterable[object]) -> None:
        """Forget every digest but those of `values` (what a `session` keeps for next run)."""
        keep = {id(value) for value in values}
        self._memo = {k: v for k, v in self._memo.items() if k in keep}


class View(Mapping[Any, Any]):
    """A read-only mapping that notes, in `reads`, every key a page looks up in it."""

    def __init__(self, name: str, data: Mapping[Any, Any], reads: set[Read]) -> None:
        self._name, self._data, self._reads = name, data, reads

    def __getitem__(self, key: Any) -> Any:
        self._reads.add((self._name, key))
        return self._data[key]

    def __iter__(self) -> Iterator[Any]:
        self._reads.add((self._name, None))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.add((self._name, None))
        return len(self._data)


class ChronicleView:
    """The chronicle as a page sees it: mappings read by key, anything else read whole.

    A place's page asks how many entries name that place, not every place's entries,
    so an entry elsewhere leaves it as it was.
    """

    BY_KEY = ("actors", "places", "topics", "by_actor", "by_place", "by_tag")

    def __init__(self, chronicle: Any, reads: set[Read]) -> None:
        self._chronicle, self._reads = chronicle, reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._chronicle, name)
        if name in self.BY_KEY:
            return View(f"chronicle.{name}", value, self._reads)
        self._reads.add(("chronicle", name))
        return value


class PageCache:
    """What each page was made from last time, and what the current run makes it from.

    `sources` are the mappings pages look records up in, by the names their views note
    reads under; `chronicle`'s attributes are read whole. With `reuse` off (a clean
    build) no page counts as fresh, but what this run renders is still remembered.
    `digests` may come from an earlier run of the same process (`session`), and so
    may `before`: what that run saved (`saved()`), in place of loading the file again.
    """

    def __init__(
        self,
        docs: Path,
        chronicle: Any,
        sources: Mapping[str, Mapping[Any, Any]],
        reuse: bool = True,
        digests: Digests | None = None,
        before: Saved | None = None,
    ) -> None:
        self.docs, self.file = docs, paths.beside(docs, "-pages.json")
        self._folder = str(docs)
        self.chronicle, self.sources = chronicle, sources
        self._version = code_version()
        self._digests = digests or Digests()
        self._now: dict[Read, str] = {}
        if not reuse:
            before = {}
        self._before = _load(self.file, self._version) if before is None else before
        self._after: Saved = {}  # as `_before`: what this run's pages were made from
        self.renders = 0  # pages this run rendered (the others were fresh)

    def key(self, template: str, context: Mapping[str, Any]) -> str:
        """Return the digest of a page's template name and the values it is given."""
        return self._digests.of({"template": template, **context})

    def fresh(self, path: PurePosixPath, key: str) -> bool:
        """Say whether the page at `path` is unchanged since it was last written."""
        name = str(path)
        last = self._before.get(name)
        if last is None or last[0] != key or last[2] is None:
            return False
        if _signature(f"{self._folder}/{name}") != last[2]:
            return False  # its file is not the one this cache saw written (or is gone)
        now = self._now  # asked for each read of each page: the lookup comes first
        for read, digest in last[1]:
            found = now.get(read)
            if (self._digest(read) if found is None else found) != digest:
                return False
        self._after[name] = last  # the same key and reads, with the same digests
        return True

    def rendered(self, path: PurePosixPath, key: str, reads: set[Read]) -> None:
        """Remember what a page that was just rendered was made from."""
        ordered = sorted(reads, key=repr)
        self._after[str(path)] = (key, [(read, self._digest(read)) for read in ordered], None)

    def make(
        self, path: PurePosixPath, name: str, values: Mapping[str, Any], produce: Produce[T]
    ) -> T | None:
        """Return the page from `produce`, or None when it is fresh.

        `name` and `values` are what the page is made from besides its lookups (a
        template and its arguments); `produce` makes it, noting lookups in its set.
        """
        key = self.key(name, values)
        if self.fresh(path, key):
            return None
        reads: set[Read] = set()
        made = produce(reads)
        self.rendered(path, key, reads)
        self.renders += 1
        return made

    def write(
        self,
        outputs: Iterable[writer.Output],
        save: bool = True,
        make: Callable[[writer.Output], writer.Data] = writer.Output.made,
    ) -> writer.WriteReport:
        """Write this cache's folder, with no saved cache while the folder is changing.

        Without `save`, the caller saves it later (the live preview: when it stops).
        Pages made lazily are made by `writer.write`, through `make`.
        """
        self.forget()
        report = writer.write(self.docs, outputs, make=make)
        for name, (key, reads, signature) in self._after.items():
            if signature is None:  # rendered by this run: written now, or kept as it was
                self._after[name] = (key, reads, _signature(f"{self._folder}/{name}"))
        if save:
            self.save()
        return report

    def forget(self) -> None:
        """Remove the saved cache: call before the docs folder changes."""
        self.file.unlink(missing_ok=True)

    def save(self) -> None:
        """Save what this run's pages were made from: call once the docs are written."""
        table: dict[tuple[Read, str], int] = {}
        pages = {}
        for path, (key, reads, signature) in sorted(self._after.items()):
            if signature is not None:
                used = [table.setdefault(read, len(table)) for read in reads]
                pages[path] = [key, used, list(signature)]
        reads_out = [[name, _key_out(key), digest] for (name, key), digest in table]
        data = {"version": self._version, "reads": reads_out, "pages": pages}
        writer.replace_file(self.file, json.dumps(data, separators=(",", ":")).encode())

    def saved(self) -> Saved:
        """Return what `save` saved, as a later run would load it (`before`)."""
        return dict(self._after)

    def _digest(self, read: Read) -> str:
        found = self._now.get(read)
        if found is None:
            name, key = read
            source = self.sources.get(name, {})
            if name == "chronicle":
                value = getattr(self.chronicle, str(key))
            elif key is None:
                value = source
            else:
                value = ("found", source[key]) if key in source else ()
            found = self._now[read] = self._digests.of(value)
        return found


def make(
    cache: PageCache | None,
    path: PurePosixPath,
    name: str,
    values: Mapping[str, Any],
    produce: Produce[T],
) -> T | None:
    """Return `cache.make(...)`, or, with no cache, what `produce` makes."""
    return produce(set()) if cache is None else cache.make(path, name, values, produce)


def _key_out(key: Key) -> Any:
    return list(key) if isinstance(key, tuple) else key


def _load(file: Path, current: str) -> Saved:
    """Return the saved pages with their reads, or nothing if the cache is missing or stale."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != current:
        return {}
    try:
        reads = [((name, tuple(key) if isinstance(key, list) else key), digest)
                 for name, key, digest in data["reads"]]  # fmt: skip
        return {
            path: (key, [reads[i] for i in used], (int(size), int(time), int(inode)))
            for path, (key, used, (size, time, inode)) in data["pages"].items()
        }
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):  # not a cache of ours
        return {}


def _signature(path: str) -> Signature:
    """Return a file's size, modification time and inode; None when it is not a file.

    The writer replaces a file it changes by a new one (a new inode); anything else
    that touches a page changes its time, so a cache does not vouch for a page that
    another process (a build beside the preview) or an editor wrote since.
    """
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)
