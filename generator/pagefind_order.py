"""Put Pagefind's filter indexes in a fixed order, so the search index is reproducible.

Pagefind (1.5) writes each filter's values, and the list of filters in its metadata
file, in hash-map order: two runs over the same pages give differently ordered,
differently named files (its word and fragment files are already stable). The
files are gzipped CBOR behind a `pagefind_dcd` signature, so we decode them, sort,
encode again and rename each by a digest of its new bytes. Page numbers, words and
fragments are untouched, and the browser side reads the files by the names the
metadata gives, whatever they are.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
_META_FILTERS = 3  # position of [[filter name, file hash], ...] in the metadata record


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _encode(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _digest(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def canonicalize(bundle: Path) -> None:
    """Rewrite a Pagefind bundle's filter indexes and metadata in sorted order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, old_hash in sorted(meta[_META_FILTERS]):
            old = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = _read(old)
            data = _encode([filter_name, sorted(values, key=lambda v: (v[0], v[1]))])
            new_hash = f"{language}_{_digest(data, 7)}"
            old.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            filters.append([name, new_hash])
        meta[_META_FILTERS] = filters
        data = _encode(meta)
        info["hash"] = f"{language}_{_digest(data, 10)}"
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
