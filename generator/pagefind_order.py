"""Put Pagefind's index in a fixed order, so the search index is reproducible.

Pagefind (1.5) numbers pages in the order it finds their files, which is the order the
file system lists a folder in: ext4 lists by a hash seeded per disk, tmpfs by age, so
the same documents gave a laptop and a CI runner different indexes. And it writes each
filter's values, and the list of filters in its metadata file, in hash-map order.

So we number the pages by their fragment's name (a digest of the fragment, so of the
page's content), and sort the filters. The files are gzipped CBOR behind a
`pagefind_dcd` signature: we decode them, renumber and sort, encode again and rename
each by a digest of its new bytes. Words and fragments are untouched (a word's forms
with accents keep their pages too: numbered afresh, they once pointed at other pages,
and "Київ" found the wrong ones), and the browser
side reads the files by the names the metadata gives, whatever they are.

What the index files hold, as this code reads them (Pagefind 1.5):
- metadata: [version, pages [[fragment, word count]], word chunks [[first word, last
  word, file]], filters [[name, file]], sorts [[name, [page]]], meta fields];
- a word chunk: [[[word, pages, [[form, pages]]]]], where pages are [[page, locations,
  meta locations]], ascending and each written as its difference from the one before,
  and the forms are the word as written with accents or in another script ("київ"
  under "киів", "i̇stanbul" under "istanbul"), with pages of their own;
- a filter: [name, [[value, [page]]]], pages ascending.
A sort lists pages in the order of their values, and ours are unique (`search.py`),
so renumbering keeps it the order a fresh index would have.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import multiprocessing
import sys
from collections.abc import Callable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

import cbor2

from generator import parallel

SIGNATURE = b"pagefind_dcd"
_META_PAGES, _META_CHUNKS, _META_FILTERS, _META_SORTS = 1, 2, 3, 4  # in the metadata record


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _encode(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=6, mtime=0)


def _digest(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def _rename(bundle: Path, rewritten: dict[Path, bytes], language: str) -> dict[Path, str]:
    """Replace each file by its new bytes under a name digested from them; return the names.

    The old files go first: a new name may be an old one's.
    """
    for old in rewritten:
        old.unlink()
    names = {}
    for old, data in rewritten.items():
        names[old] = f"{language}_{_digest(data, 7)}"
        (old.parent / f"{names[old]}{old.suffix}").write_bytes(data)
    return names


def _renumber(postings: list[list[Any]], number: list[int]) -> None:
    """Give a word's pages (each written as the difference from the one before) their new
    numbers, in place: ascending, and as differences again."""
    page = 0
    for posting in postings:
        page += posting[0]
        posting[0] = number[page]
    postings.sort(key=itemgetter(0))
    before = 0
    for posting in postings:
        posting[0], before = posting[0] - before, posting[0]


def _chunks(paths: Sequence[Path], number: list[int]) -> list[bytes]:
    """Return word chunks with their pages renumbered, encoded again."""
    found = []
    for path in paths:
        [words] = _read(path)
        for word in words:
            _renumber(word[1], number)
            for _, postings in word[2]:  # its forms with accents or in another script
                _renumber(postings, number)
        found.append(_encode([words]))
    return found


def _shared(work: Callable[[Sequence[Path]], list[bytes]], paths: list[Path]) -> list[bytes]:
    """Return `work` done on the chunks by one process a core, forked from this one.

    Decoding and encoding the chunks is most of the time (cbor2: 9 s at 20,000 entries
    in one process), and a rebuild waits for it. This runs in a process of its own
    (`search_index`), with no threads, so forking it is safe and cheap: no fork server
    importing the command first (`parallel`). One process where there is no `fork`.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return work(paths)
    count = parallel.workers(len(paths), CHUNKS_A_PROCESS)
    return parallel.map_shares(work, paths, count, multiprocessing.get_context("fork"))


CHUNKS_A_PROCESS = 20  # word chunks (of about 100 KB each) worth a process of their own


def canonicalize(bundle: Path) -> None:
    """Rewrite a Pagefind bundle with pages numbered by content and filters sorted."""
    renumber(bundle, key=lambda page: str(page[0]))


def renumber(bundle: Path, key: Callable[[list[Any]], str]) -> None:
    """Rewrite a Pagefind bundle with its pages ([fragment, word count]) numbered in the
    order of `key`, and its filters sorted."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        pages = meta[_META_PAGES]
        order = sorted(range(len(pages)), key=lambda i: key(pages[i]))
        number = [0] * len(pages)
        for new, old_number in enumerate(order):
            number[old_number] = new
        meta[_META_PAGES] = [pages[i] for i in order]
        meta[_META_SORTS] = [[name, [number[p] for p in ps]] for name, ps in meta[_META_SORTS]]
        chunks = [
            (chunk, bundle / "index" / f"{chunk[2]}.pf_index") for chunk in meta[_META_CHUNKS]
        ]
        paths = [path for _, path in chunks]
        renumbered = _shared(functools.partial(_chunks, number=number), paths)
        rewritten = dict(zip(paths, renumbered, strict=True))
        filters = [
            (name, bundle / "filter" / f"{file}.pf_filter")
            for name, file in sorted(meta[_META_FILTERS])
        ]
        for _, path in filters:
            filter_name, values = _read(path)
            values = [[value, sorted(number[p] for p in ps)] for value, ps in values]
            rewritten[path] = _encode([filter_name, sorted(values, key=lambda v: (v[0], v[1]))])
        names = _rename(bundle, rewritten, language)
        for chunk, path in chunks:
            chunk[2] = names[path]
        meta[_META_FILTERS] = [[name, names[path]] for name, path in filters]
        data = _encode(meta)
        info["hash"] = f"{language}_{_digest(data, 10)}"
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


if __name__ == "__main__":  # run beside the build by `search_index`, in a process of its own
    canonicalize(Path(sys.argv[1]))
