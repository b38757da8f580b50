"""Nothing lost: on a generated corpus of thousands of records, every one is published everywhere.

Expectations come from the record files themselves (read with plain YAML here), not
from the generator's own data, so a record the pipeline drops anywhere is noticed:
on its entry page, its day or month page, each actor's page, the search documents
and index, the feeds (which hold each list's latest entries) and the data exports.
"""

from __future__ import annotations

import csv
import json
import posixpath
from collections import defaultdict
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from conftest import build_site
from selectolax.lexbor import LexborHTMLParser

from generator import feeds, search, synthetic

pytestmark = pytest.mark.slow
RECORDS = 2000


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    synthetic.write_corpus(root, RECORDS, seed=6)
    build_site(root, root / "content")
    return root


@pytest.fixture(scope="module")
def records(built: Path) -> dict[str, dict[str, Any]]:
    """Every published record by entry id: its date, actors (speakers too) and marker."""
    found = {}
    for path in sorted((built / "content" / "articles").rglob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if str(front.get("draft", "false")).lower() == "true":
            continue
        actors = list(front["actors"]) + [q["by"] for q in front.get("quotes", [])]
        found[path.stem[11:]] = {"date": str(front["date"]), "actors": set(actors)}
    assert len(found) > RECORDS * 0.9
    return found


def entry_links(page: Path, site: Path) -> set[str]:
    """Return the ids of the entries a built page links to."""
    here = page.relative_to(site).parent.as_posix()
    ids = set()
    for node in LexborHTMLParser(page.read_text(encoding="utf-8")).css("a[href]"):
        target = posixpath.normpath(posixpath.join(here, node.attributes.get("href") or ""))
        if target.startswith("entries/"):
            ids.add(target.split("/")[1])
    return ids


def test_every_record_has_its_entry_page(built: Path, records: dict[str, dict[str, Any]]) -> None:
    missing = [i for i in records if not (built / "site/entries" / i / "index.html").is_file()]
    assert missing == []


def test_every_record_is_on_its_day_or_month_page(
    built: Path, records: dict[str, dict[str, Any]]
) -> None:
    site = built / "site"
    by_page: dict[str, set[str]] = defaultdict(set)
    for ident, record in records.items():
        by_page["timeline/" + record["date"].replace("-", "/")].add(ident)
    missing = {
        page: sorted(ids - entry_links(site / page / "index.html", site))
        for page, ids in by_page.items()
    }
    assert {page: ids for page, ids in missing.items() if ids} == {}


def test_every_record_is_on_each_of_its_actors_pages(
    built: Path, records: dict[str, dict[str, Any]]
) -> None:
    site = built / "site"
    by_actor: dict[str, set[str]] = defaultdict(set)
    for ident, record in records.items():
        for actor in record["actors"]:
            by_actor[actor].add(ident)
    missing = {}
    for actor, ids in by_actor.items():
        # A busy actor's list goes on over numbered pages below the actor's own.
        pages = sorted((site / "actors" / actor).rglob("index.html"))
        missing[actor] = sorted(ids - set().union(*(entry_links(p, site) for p in pages)))
    assert {actor: ids for actor, ids in missing.items() if ids} == {}


def test_every_record_is_searchable(built: Path, records: dict[str, dict[str, Any]]) -> None:
    documents = search.source_folder(built / "docs")
    markers = {}
    for ident in records:
        text = (documents / "entries" / ident / "index.html").read_text(encoding="utf-8")
        markers[ident] = "The wire code of this report is zq" in text
    assert [i for i, found in markers.items() if not found] == []
    entry = json.loads((built / "site" / "pagefind" / "pagefind-entry.json").read_text())
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    assert indexed == len(list(documents.rglob("index.html")))


def test_feeds_hold_the_latest_entries_of_each_list(
    built: Path, records: dict[str, dict[str, Any]]
) -> None:
    def latest(ids: set[str]) -> set[str]:
        order = sorted(ids, key=lambda i: (records[i]["date"], i))
        return set(order[-feeds.SIZE :])

    def in_feed(path: Path) -> set[str]:
        parsed = feedparser.parse(path.read_bytes())
        return {e.link.rstrip("/").rsplit("/", 1)[-1] for e in parsed.entries}

    site = built / "site"
    assert in_feed(site / "feed.xml") == latest(set(records))
    by_actor: dict[str, set[str]] = defaultdict(set)
    for ident, record in records.items():
        for actor in record["actors"]:
            by_actor[actor].add(ident)
    wrong = [
        actor for actor, ids in by_actor.items()
        if in_feed(site / f"feed-actor-{actor}.xml") != latest(ids)
    ]  # fmt: skip
    assert wrong == []


def test_every_record_is_in_the_data_exports(
    built: Path, records: dict[str, dict[str, Any]]
) -> None:
    data = built / "site" / "data"
    exported = [e["id"] for e in json.loads((data / "entries.json").read_text())]
    assert sorted(exported) == sorted(records)
    with (data / "entries.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["id"] for r in rows) == sorted(records)
