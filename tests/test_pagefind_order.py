"""Pagefind's index, put in order: two index runs give identical bundles, however the
file system listed the documents (which sets Pagefind's page numbers)."""

from __future__ import annotations

import gzip
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cbor2
import pytest

from generator import build, pagefind_order, search, search_index, synthetic
from tests.conftest import project_settings
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
    before = _filters(raw)
    pagefind_order.canonicalize(raw)
    after = _filters(raw)
    assert after == before
    actor = [v[0] for v in _decode(next(_filter_files(raw, "actor")))[1]]
    assert actor == sorted(actor) and "John Kirby" in actor


def test_pages_numbered_in_any_order_come_out_the_same(example_site: Path, tmp_path: Path) -> None:
    """A disk that lists the documents in another order gives Pagefind other page numbers:
    here, the pages numbered backwards first. Words and filters keep their pages."""
    first, second = (bundle(tmp_path, example_site, n) for n in ("a", "b"))
    words = _words(first)
    pagefind_order.renumber(second, key=lambda page: str(page[0])[::-1])
    assert _words(second) == words and _filters(second) == _filters(first)
    for raw in (first, second):
        pagefind_order.canonicalize(raw)
    assert tree(first) == tree(second)
    assert _words(first) == words
    assert len(words["reposit"]) == 3  # "repositioning", stemmed: two entries and a topic
    assert len(words["киів київ"]) >= 2  # Kyiv's own page and the entries naming it


def _meta(raw: Path) -> list[Any]:
    [meta] = raw.glob("pagefind.*.pf_meta")
    return _decode(meta)


def _pages(raw: Path) -> list[str]:
    """Return the fragments of the bundle's pages, by page number."""
    return [page[0] for page in _meta(raw)[1]]  # type: ignore[index]


def _words(raw: Path) -> dict[str, set[str]]:
    """Return each indexed word's pages, by their fragments (not their numbers), and
    the pages of each of its forms with accents or in another script ("київ" under
    "киів"), which Pagefind keeps beside it."""
    pages, found = _pages(raw), {}
    for chunk in (raw / "index").iterdir():
        [words] = _decode(chunk)
        for word, postings, variants in words:  # type: ignore[attr-defined]
            for name, listed in [(word, postings), *((f"{word} {v}", p) for v, p in variants)]:
                numbers = itertools.accumulate(p[0] for p in listed)
                found[name] = {pages[n] for n in numbers}
    return found


def _filter_files(raw: Path, name: str) -> Iterator[Path]:
    return (p for p in (raw / "filter").iterdir() if _decode(p)[0] == name)


def _filters(raw: Path) -> dict[str, dict[str, set[str]]]:
    """Return each filter's values with their pages, by their fragments."""
    pages = _pages(raw)
    return {
        str(name): {value: {pages[n] for n in numbers} for value, numbers in values}
        for name, values in map(_decode, (raw / "filter").iterdir())  # type: ignore[misc]
    }


def _decode(path: Path) -> list[object]:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(pagefind_order.SIGNATURE)
    value = cbor2.loads(data[len(pagefind_order.SIGNATURE) :])
    assert isinstance(value, list)
    return value


def test_chunks_renumbered_by_several_processes_come_out_as_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A larger index (several word chunks), shared between processes or not: the same."""
    synthetic.write_corpus(tmp_path / "project", 120, seed=3)
    settings = project_settings(tmp_path / "project", tmp_path / "project" / "content")
    build.generate(settings)
    source = search.source_folder(settings.docs)
    bundles = []
    for name, each in (("shared", 1), ("alone", 10_000)):
        output = tmp_path / name
        search_index.start(source, output, behind=False).communicate()
        monkeypatch.setattr(pagefind_order, "CHUNKS_A_PROCESS", each)
        pagefind_order.canonicalize(output)
        bundles.append(tree(output))
    assert len(list((tmp_path / "shared" / "index").iterdir())) >= 2
    assert bundles[0] == bundles[1]
