"""The page cache: a run that reuses pages must publish what a clean run would.

Every test builds a small project (the mini fixture plus two entries that widen its
date span) and compares what the cache kept with what rendering afresh gives.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import build, feeds, grouping, render, search, siteinfo, writer
from generator.codeversion import code_version
from generator.grouping import Chronicle
from generator.pagecache import Digests, PageCache
from generator.settings import Settings
from tests.conftest import TODAY, project_settings
from tests.helpers import MINI, ROOT, article, copy_mini, tree, write

ARTICLES = "articles/2022"
EXTRA = {  # a day before the fixture's entries and one after: a span of several weeks
    f"{ARTICLES}/2022-03-20-early-briefing.md": article(
        title="Early briefing", date="2022-03-20", extra="places: [kyiv]\n"
    ),
    # Its body links to an entry that its actor's feed does not hold.
    f"{ARTICLES}/2022-04-05-april-statement.md": article(
        title="April statement",
        date="2022-04-05",
        actors="[volodymyr-zelenskyy]",
        body="As [the early briefing](../2022/2022-03-20-early-briefing.md) said.",
    ),
}


def project(tmp: Path) -> Settings:
    """Return settings for the mini chronicle plus `EXTRA`, writing below `tmp`."""
    content = copy_mini(tmp)
    write(content, EXTRA)
    return project_settings(tmp, content)


def published(settings: Settings) -> dict[str, bytes]:
    """Return the docs folder and the search documents beside it, the files a run writes."""
    search_docs = search.source_folder(settings.docs)
    return {
        **{f"docs/{p}": data for p, data in tree(settings.docs).items()},
        **{f"docs-search/{p}": data for p, data in tree(search_docs).items()},
    }


def rendered(settings: Settings) -> dict[str, bool]:
    """Render the pages against the saved cache; say, by path, which were rendered."""
    corpus, _, bodies = build.load(settings)
    chronicle = grouping.group(corpus)
    cache = PageCache(settings.docs, chronicle, render.sources(chronicle))
    pages = render.makers(chronicle, bodies, settings.root, cache)
    return {str(path): made() is not None for path, made in pages}


def replace_in(content: Path, rel: str, old: str, new: str) -> None:
    """Replace `old` (which must be there) by `new` in one content file."""
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@dataclass(frozen=True)
class Edit:
    """A change an editor makes, and a published file it must change (so it is no no-op)."""

    name: str
    apply: Callable[[Path], None]
    shows: str


REPLY = (
    'quotes:\n  - id: reply\n    by: volodymyr-zelenskyy\n    text: "it is a retreat"\n'
    "    stance: denial\n    responds_to: kirby-repositioning#repositioning\n"
)
EDITS = [
    Edit(
        "add-inside-span",
        lambda c: write(c, {f"{ARTICLES}/2022-03-31-added.md": article(date="2022-03-31")}),
        "docs/actors/john-kirby.md",
    ),
    Edit(
        "add-after-span",  # the span grows: the chart of every actor and place changes
        lambda c: write(c, {f"{ARTICLES}/2022-05-10-added.md": article(date="2022-05-10")}),
        "docs/places/kyiv.md",
    ),
    Edit(
        "rename-actor",
        lambda c: replace_in(c, "actors/john-kirby.md", "name: John Kirby", "name: Jon Kirby"),
        "docs/entries/kirby-repositioning.md",
    ),
    Edit(
        "rename-place",
        lambda c: replace_in(c, "places/kyiv.md", "name: Kyiv", "name: Kyiv City"),
        "docs/entries/early-briefing.md",
    ),
    Edit(
        "rename-topic",
        lambda c: replace_in(c, "topics/negotiations.md", "name: Talks", "name: Peace talks"),
        "docs/entries/talks-month.md",
    ),
    Edit(
        "describe-a-topic",  # a tag without a file gets one: its name changes everywhere
        lambda c: write(c, {"topics/withdrawal.md": "---\nname: Withdrawal\n---\nClaims.\n"}),
        "docs/entries/kirby-repositioning.md",
    ),
    Edit(
        "delete-a-topic-file",  # its entries show the topic by its id again
        lambda c: (c / "topics/negotiations.md").unlink(),
        "docs/entries/talks-month.md",
    ),
    Edit(
        "add-an-unused-topic",
        lambda c: write(c, {"topics/sanctions.md": "---\nname: Sanctions\n---\n"}),
        "docs/topics/index.md",
    ),
    Edit(
        "change-answered-quote",  # the answering entry quotes what it answers
        lambda c: replace_in(
            c, f"{ARTICLES}/2022-03-29-zelenskyy-talks.md", "fighting to destroy us", "a new text"
        ),
        "docs/entries/kirby-repositioning.md",
    ),
    Edit(
        "answer-a-quote",  # the answered entry shows its answers; it becomes contested
        lambda c: write(
            c, {f"{ARTICLES}/2022-03-31-reply.md": article(date="2022-03-31", extra=REPLY)}
        ),
        "docs/entries/kirby-repositioning.md",
    ),
    Edit(
        "delete-last-entry",  # the span shrinks
        lambda c: (c / f"{ARTICLES}/2022-04-05-april-statement.md").unlink(),
        "docs/places/kyiv.md",
    ),
    Edit(
        "delete-month-entry",
        lambda c: (c / f"{ARTICLES}/2022-03-talks-month.md").unlink(),
        "docs/timeline/2022/03/index.md",
    ),
    Edit(
        "move-entry-to-another-day",
        lambda c: replace_in(
            c, f"{ARTICLES}/2022-03-20-early-briefing.md", "date: 2022-03-20", "date: 2022-03-22"
        ),
        "docs/timeline/2022/03/index.md",
    ),
    Edit(
        "draft-a-linked-entry",  # a feed showing the body that links to it shows text now
        lambda c: replace_in(
            c,
            f"{ARTICLES}/2022-03-20-early-briefing.md",
            "places: [kyiv]\n",
            "places: [kyiv]\ndraft: true\n",
        ),
        "docs/feed-actor-volodymyr-zelenskyy.xml",
    ),
    Edit(
        "delete-a-linked-entry",
        lambda c: (c / f"{ARTICLES}/2022-03-20-early-briefing.md").unlink(),
        "docs/feed-actor-volodymyr-zelenskyy.xml",
    ),
    Edit(
        "change-body",
        lambda c: replace_in(
            c, f"{ARTICLES}/2022-03-29-kirby-repositioning.md", "**press briefing**", "*call*"
        ),
        "docs/entries/kirby-repositioning.md",
    ),
]


@pytest.mark.parametrize("edit", EDITS, ids=[e.name for e in EDITS])
def test_incremental_run_publishes_what_a_clean_run_does(tmp_path: Path, edit: Edit) -> None:
    """A page the cache keeps must be the page a clean run would write, byte for byte."""
    settings = project(tmp_path / "a")
    build.generate(settings)
    before = published(settings)
    edit.apply(settings.content)
    build.generate(settings)
    clean = project_settings(tmp_path / "b", settings.content)
    build.generate(clean, reuse=False)
    incremental, full = published(settings), published(clean)
    assert before.get(edit.shows) != full.get(edit.shows), "the edit changed nothing shown"
    assert sorted(incremental) == sorted(full)
    assert [p for p in full if incremental[p] != full[p]] == []


def test_only_pages_that_show_a_new_entry_are_rendered(tmp_path: Path) -> None:
    """The point of the cache: an added entry does not re-render unrelated pages."""
    settings = project(tmp_path)
    build.generate(settings)
    unchanged = rendered(settings)
    assert unchanged and not any(unchanged.values()), [p for p, r in unchanged.items() if r]
    added = article(title="Added", date="2022-03-31", actors="[us-department-of-defense]")
    write(settings.content, {f"{ARTICLES}/2022-03-31-added.md": added})
    after = rendered(settings)
    for path in ("entries/added.md", "timeline/2022/03/31.md", "timeline/2022/03/index.md",
                 "actors/us-department-of-defense.md",
                 # Its neighbours, which link to it: the entries and days before and after.
                 "entries/kirby-repositioning.md", "entries/april-statement.md",
                 "timeline/2022/03/29.md", "timeline/2022/04/05.md"):  # fmt: skip
        assert after[path], path
    for path in ("entries/early-briefing.md", "entries/zelenskyy-talks.md",
                 "timeline/2022/03/20.md", "places/kyiv.md"):  # fmt: skip
        assert not after[path], path


def _set_version(file: Path) -> None:
    data = json.loads(file.read_text(encoding="utf-8"))
    data["version"] = "an older generator"
    file.write_text(json.dumps(data), encoding="utf-8")


DAMAGE: dict[str, Callable[[Path], object]] = {
    "missing": lambda f: f.unlink(),
    "not-json": lambda f: f.write_text("{not json", encoding="utf-8"),
    "truncated": lambda f: f.write_text(f.read_text()[: f.stat().st_size // 2], encoding="utf-8"),
    "not-utf8": lambda f: f.write_bytes(b"\xff\xfe\x00garbage"),
    "not-an-object": lambda f: f.write_text("[]", encoding="utf-8"),
    "stale-version": _set_version,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=list(DAMAGE))
def test_a_cache_that_cannot_be_trusted_renders_every_page(
    tmp_path: Path, damage: Callable[[Path], object]
) -> None:
    """A missing, unreadable or outdated cache vouches for nothing, and the run still works."""
    settings = project(tmp_path)
    build.generate(settings)
    before = published(settings)
    cache_file = tmp_path / "docs-pages.json"
    assert not any(rendered(settings).values())  # the intact cache is used
    damage(cache_file)
    assert all(rendered(settings).values())
    build.generate(settings)
    assert published(settings) == before
    assert json.loads(cache_file.read_text(encoding="utf-8"))["version"] == code_version()


def delete(page: Path) -> None:
    page.unlink()


def rewrite(page: Path) -> None:
    """Put other bytes of the same size there, as a build beside the preview could."""
    page.write_bytes(page.read_bytes().replace(b"Zelenskyy", b"Zelenskyx"))


@pytest.mark.parametrize(
    ("touched", "touch"),
    [("docs/entries/zelenskyy-talks.md", delete), ("docs/timeline/2022/03/29.md", delete),
     ("docs-search/entries/zelenskyy-talks/index.html", delete),
     ("docs/entries/zelenskyy-talks.md", rewrite),
     ("docs-search/entries/zelenskyy-talks/index.html", rewrite)],
)  # fmt: skip
def test_a_file_deleted_or_rewritten_by_another_hand_is_written_again(
    tmp_path: Path, touched: str, touch: Callable[[Path], None]
) -> None:
    """The cache vouches for a page only while its file is the one it saw written."""
    settings = project(tmp_path)
    build.generate(settings)
    before = published(settings)
    touch(tmp_path / touched)
    if touched.startswith("docs/"):
        again = rendered(settings)
        assert again[touched.removeprefix("docs/")]
        assert sum(again.values()) == 1
    build.generate(settings)
    assert published(settings) == before


@pytest.mark.parametrize("failing", ["docs", "docs-search"])
def test_a_failed_write_leaves_no_cache_for_pages_it_did_not_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """If a run dies while writing, the next run must not trust the old cache.

    The failed run wrote pages for edited content; the edit is then undone. An old cache
    left in place would match the undone content and keep the edited pages.
    """
    settings = project(tmp_path)
    build.generate(settings)
    before = published(settings)
    actor = settings.content / "actors" / "john-kirby.md"
    original = actor.read_text(encoding="utf-8")
    actor.write_text(original.replace("name: John Kirby", "name: Jon Kirby"), encoding="utf-8")
    real = writer.write

    def fail_midway(
        root: Path,
        outputs: Iterable[writer.Output],
        prune: bool = True,
        make: Callable[[writer.Output], writer.Data] = writer.Output.made,
    ) -> writer.WriteReport:
        outputs = list(outputs)
        if root.name == failing:  # write all but the last file, then stop
            real(root, outputs[:-1], prune=False, make=make)
            raise OSError("disk full")
        return real(root, outputs, prune, make)

    monkeypatch.setattr(writer, "write", fail_midway)
    with pytest.raises(OSError, match="disk full"):
        build.generate(settings)
    monkeypatch.undo()
    assert not (tmp_path / f"{failing}-pages.json").exists()
    assert {p: d for p, d in published(settings).items() if p.startswith(f"{failing}/")} != {
        p: d for p, d in before.items() if p.startswith(f"{failing}/")
    }, "the failed run wrote no page of the edit"
    actor.write_text(original, encoding="utf-8")
    build.generate(settings)
    assert published(settings) == before


DIGEST_SCRIPT = """
import datetime as dt, sys
from pathlib import Path
from generator import build, grouping, render
from generator.pagecache import Digests
from generator.settings import Settings
content = Path(sys.argv[1])
settings = Settings(root=content.parent, content=content, today=dt.date(*map(int, sys.argv[2:])))
corpus, _, bodies = build.load(settings)
chronicle = grouping.group(corpus)
digests = Digests()
print(digests.of(chronicle), digests.of(render.sources(chronicle)), digests.of(bodies))
"""


def digests_of_mini(digests: Digests) -> str:
    """Return, in this process, what `DIGEST_SCRIPT` prints."""
    settings = Settings(root=MINI.parent, content=MINI, today=TODAY)
    corpus, _, bodies = build.load(settings)
    chronicle = grouping.group(corpus)
    values = (chronicle, render.sources(chronicle), bodies)
    return " ".join(digests.of(v) for v in values)


def test_digests_do_not_depend_on_the_process() -> None:
    """The cache is read by a later process: string hashing must not leak into digests."""
    found = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
        today = [str(TODAY.year), str(TODAY.month), str(TODAY.day)]
        result = subprocess.run(
            [sys.executable, "-c", DIGEST_SCRIPT, str(MINI), *today],
            capture_output=True, text=True, env=env, check=True, timeout=120,
        )  # fmt: skip
        found.append(result.stdout.strip())
    assert found[0] == found[1]
    assert found[0] == digests_of_mini(Digests())
    assert len(set(found[0].split())) == 3


def load_mini() -> Chronicle:
    """Return the mini fixture's chronicle, read in place."""
    settings = Settings(root=MINI.parent, content=MINI, today=TODAY)
    return grouping.group(build.load(settings)[0])


def test_a_changed_field_changes_the_digest() -> None:
    """A digest that missed a change would keep a stale page."""
    chronicle = load_mini()
    entry = next(e for e in chronicle.entries if e.quotes)
    quote = entry.quotes[0]
    retitled = dataclasses.replace(entry, title=entry.title + ".")
    requoted = dataclasses.replace(entry, quotes=(dataclasses.replace(quote, text="other"),))
    digests = Digests()  # one instance for all: what it remembers must not mix values up
    same = digests.of(entry)
    assert digests.of(dataclasses.replace(entry)) == same  # an equal copy
    assert digests.of(retitled) != same
    assert digests.of(requoted) != same
    day = next(d for y in chronicle.years for m in y.months for d in m.days if entry in d.entries)
    moved = tuple(requoted if e is entry else e for e in day.entries)
    assert digests.of(day) != digests.of(dataclasses.replace(day, entries=moved))
    assert digests.of({"entry": entry}) != digests.of({"entry": retitled})
    assert digests.of({"entry": entry}) != digests.of({"other": entry})
    assert digests.of([entry, retitled]) != digests.of([retitled, entry])
    assert digests.of(dataclasses.replace(chronicle, entries=chronicle.entries[1:])) != digests.of(
        chronicle
    )


@dataclass(frozen=True)
class _Holder:
    items: object


@pytest.mark.parametrize(
    "value",
    [{"a", "b"}, frozenset({"a"}), object(), {"key": {1, 2}}, ("x", {"y"}), _Holder({"z"})],
    ids=["set", "frozenset", "object", "set-in-dict", "set-in-tuple", "set-in-dataclass"],
)
def test_a_value_without_a_stable_digest_is_refused(value: object) -> None:
    """Sets iterate in an order that changes between processes: refuse, do not guess."""
    with pytest.raises(TypeError):
        Digests().of(value)


def test_a_renamed_topic_rewrites_the_feeds_that_show_it_and_no_other(tmp_path: Path) -> None:
    settings = project(tmp_path)
    build.generate(settings)
    replace_in(settings.content, "topics/negotiations.md", "name: Talks", "name: Peace talks")
    corpus, _, bodies = build.load(settings)
    chronicle = grouping.group(corpus)
    cache = PageCache(settings.docs, chronicle, render.sources(chronicle))
    site = siteinfo.read(settings.config)
    made = {
        str(o.path): o.made() is not None for o in feeds.outputs(chronicle, bodies, site, cache)
    }
    assert made["feed-topic-negotiations.xml"] and made["feed-actor-volodymyr-zelenskyy.xml"]
    assert not made["feed-topic-withdrawal.xml"] and not made["feed-actor-john-kirby.xml"]
