"""The live preview's session: runs that read only changed files write what full runs write."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import build, paths, session, synthetic
from generator.issues import Issue, ValidationFailed
from generator.records import RawRecord, read
from generator.settings import Settings
from tests.conftest import TODAY
from tests.helpers import tree


def test_an_unchanged_file_is_read_once_and_a_changed_one_again(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\nBody\n", encoding="utf-8")
    kept = session.Session(racy_ns=0)
    reads: list[Path] = []

    def reader() -> RawRecord | Issue:
        reads.append(path)
        return read(path)

    first = kept.read(path, reader)
    assert kept.read(path, reader) is first
    path.write_text("---\ntitle: B\n---\nBody\n", encoding="utf-8")  # same size
    changed = kept.read(path, reader)
    assert isinstance(changed, RawRecord) and changed.front.data["title"] == "B"
    assert len(reads) == 2


def test_a_file_changed_just_before_it_was_read_is_read_again(tmp_path: Path) -> None:
    """Its next change may fall in the same clock tick and keep its times (racy files)."""
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\n", encoding="utf-8")
    kept = session.Session()  # the default margin: the file was written a moment ago
    first = kept.read(path, lambda: read(path))
    assert kept.read(path, lambda: read(path)) is not first


def test_issues_of_a_kept_record_are_reported_every_run(tmp_path: Path) -> None:
    raw = read_raw(tmp_path)
    kept = session.Session(racy_ns=0)

    def reader(record: RawRecord, issues: list[Issue]) -> str:
        issues.append(Issue(record.path, 1, "title", "a warning"))
        return "typed"

    for _ in range(2):
        issues: list[Issue] = []
        assert kept.typed(raw, reader, issues) == "typed"
        assert [i.message for i in issues] == ["a warning"]


def read_raw(folder: Path) -> RawRecord:
    path = folder / "a.md"
    path.write_text("---\ntitle: A\n---\n", encoding="utf-8")
    raw = read(path)
    assert isinstance(raw, RawRecord)
    return raw


def settings_for(root: Path, content: Path) -> Settings:
    return Settings(root=root, content=content, docs=root / "docs", today=TODAY)


def run(settings: Settings, kept: session.Session | None) -> str:
    """Generate; return "built", or the issues that stopped the run."""
    try:
        build.generate(settings, search_documents=False, reuse=kept is not None, session=kept)
    except ValidationFailed as failed:
        return "\n".join(str(i) for i in failed.issues)
    return "built"


@pytest.mark.slow
def test_each_run_of_a_session_writes_what_a_fresh_run_writes(tmp_path: Path) -> None:
    """Edit, add, remove, rename an actor and a topic, remove a topic's file, break and
    mend a record: after each step the session's docs folder is byte for byte a fresh
    run's."""
    synthetic.write_corpus(tmp_path / "corpus", 40, seed=5)
    content = tmp_path / "corpus" / "content"
    hour_ago = os.stat(content).st_mtime_ns - 3_600_000_000_000
    for path in content.rglob("*.md"):  # settled files: the session keeps them
        os.utime(path, ns=(hour_ago, hour_ago))
    kept = session.Session(racy_ns=0)
    live = settings_for(tmp_path / "live", content)
    articles = sorted((content / "articles").rglob("*.md"))
    actor = sorted((content / "actors").rglob("*.md"))[0]
    topics = sorted((content / "topics").rglob("*.md"))

    def edit(path: Path, old: str, new: str) -> None:
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")

    steps = [
        lambda: None,
        lambda: edit(articles[3], "title: ", "title: Edited "),
        lambda: shutil.copy(articles[5], articles[5].with_name("2022-01-01-added.md")),
        articles[7].unlink,
        lambda: edit(actor, "name: ", "name: Renamed "),
        lambda: edit(topics[0], "name: ", "name: Renamed "),
        topics[1].unlink,
        lambda: edit(articles[9], "actors: [", "actors: [no-such-actor, "),
        lambda: edit(articles[9], "actors: [no-such-actor, ", "actors: ["),
    ]
    outcomes = []
    for number, step in enumerate(steps):
        step()
        fresh = settings_for(tmp_path / f"fresh{number}", content)
        outcome = {"live": run(live, kept), "fresh": run(fresh, None)}
        assert outcome["live"] == outcome["fresh"], number
        if outcome["live"] == "built":
            assert tree(live.docs) == tree(fresh.docs), number
        outcomes.append(outcome["live"])
    assert [o == "built" for o in outcomes] == [True] * 7 + [False, True]
    assert "no-such-actor" in outcomes[7]


def previewing(tmp_path: Path) -> tuple[Path, session.Session, Settings]:
    """Write a small corpus; return its content/, a session and the settings it runs with."""
    synthetic.write_corpus(tmp_path / "corpus", 12, seed=3)
    content = tmp_path / "corpus" / "content"
    return content, session.Session(racy_ns=0), settings_for(tmp_path / "live", content)


def page_cache(settings: Settings) -> Path:
    """Return the file a run with `settings` saves its page cache in."""
    return paths.beside(settings.docs, "-pages.json")


def test_a_session_saves_the_page_cache_when_it_closes(tmp_path: Path) -> None:
    """Not on every run (a tenth of a second at 5,000 records): when the preview stops,
    as a one-off run on the same content would have saved it."""
    content, kept, live = previewing(tmp_path)
    saved = page_cache(live)
    for _ in range(2):
        assert run(live, kept) == "built"
        assert not saved.exists()
    kept.close()
    once = settings_for(tmp_path / "once", content)
    assert run(once, None) == "built"
    assert made_from(saved) == made_from(page_cache(once))


def made_from(cache: Path) -> dict[str, Any]:
    """Return a saved page cache without the signatures of the files, which each folder's
    own writes give."""
    data: dict[str, Any] = json.loads(cache.read_text(encoding="utf-8"))
    data["pages"] = {path: page[:2] for path, page in data["pages"].items()}
    return data


def test_a_session_run_stopped_while_writing_leaves_no_page_cache_to_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its docs folder is half written: no cache may vouch for it."""
    _, kept, live = previewing(tmp_path)
    assert run(live, kept) == "built"

    def stopped(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build.PageCache, "write", stopped)
    with pytest.raises(KeyboardInterrupt):
        run(live, kept)
    kept.close()
    assert not page_cache(live).exists()


def test_a_session_keeps_the_page_cache_a_later_build_saved(tmp_path: Path) -> None:
    """A `chronicle build` beside the preview wrote the docs last: its cache stays."""
    content, kept, live = previewing(tmp_path)
    assert run(live, kept) == "built"
    entry = sorted((content / "articles").rglob("*.md"))[0]
    entry.write_text(entry.read_text("utf-8").replace("title: ", "title: Edited ", 1), "utf-8")
    assert run(live, None) == "built"  # a one-off run of the same docs folder
    saved = page_cache(live)
    after_build = saved.read_bytes()
    kept.close()
    assert saved.read_bytes() == after_build
