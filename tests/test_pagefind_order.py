"""Pagefind's filter indexes, put in order: two index runs give identical bundles."""

from __future__ import annotations

import gzip
from pathlib import Path

import cbor2

from generator import pagefind_order, search, search_index
from tests.helpers import tree


def bundle(tmp: Path, site: Path, name: str) -> Path:
    output = tmp / name
    search_index.start(
        search.source_folder(site.parent / "docs"), output, behind=False
    ).communicate()
    return output


def test_two_runs_are_identical_once_ordered(example_site: Path, tmp_path: Path) -> None:
    first, second = (bundle(tmp_path, example_site, n) for n in ("a", "b"))
    pagefind_order.canonicalize(first)
    pagefind_order.canonicalize(second)
    assert tree(first) == tree(second)


def test_filter_values_are_sorted_and_complete(example_site: Path, tmp_path: Path) -> None:
    raw = bundle(tmp_path, example_site, "raw")
    before = {_decode(p)[0]: sorted(_decode(p)[1]) for p in (raw / "filter").iterdir()}
    pagefind_order.canonicalize(raw)
    after = {_decode(p)[0]: _decode(p)[1] for p in (raw / "filter").iterdir()}
    assert after == before
    assert [v[0] for v in after["actor"]] == sorted(v[0] for v in after["actor"])
    assert "John Kirby" in [v[0] for v in after["actor"]]


def _decode(path: Path) -> list[object]:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(pagefind_order.SIGNATURE)
    value = cbor2.loads(data[len(pagefind_order.SIGNATURE) :])
    assert isinstance(value, list)
    return value
