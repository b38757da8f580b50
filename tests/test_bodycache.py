"""The body cache: bodies and the sanitizer's warnings as `bodies.render_all` gives them.

A cached body must not be told from a rendered one: same HTML, same issues, each on
the line it is on now, even when the file around the body changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import bodies, bodycache, build
from generator.bodycache import BodyCache
from generator.issues import Issue, Severity
from generator.models import Article
from generator.settings import Settings
from tests.conftest import project_settings
from tests.helpers import article, copy_mini, write

UNSAFE_BODY = 'Fine.\n\n<script>x</script>\n\n<p onclick="y()">p</p>'
UNSAFE = "articles/2022/2022-03-21-unsafe.md"
EXTRA = {
    UNSAFE: article(title="Unsafe", date="2022-03-21", body=UNSAFE_BODY),
    # The same body lower in its file: one cache entry, two different lines.
    "articles/2022/2022-03-22-same-body.md": article(
        title="Same body", date="2022-03-22", extra="tags: [a]\nplaces: [kyiv]\n", body=UNSAFE_BODY
    ),
    # An abbreviation defined in one body must not reach the next, cached or not.
    "articles/2022/2022-03-23-defines.md": article(
        date="2022-03-23", body="*[UN]: United Nations\n\nThe UN met.[^1]\n\n[^1]: A note."
    ),
    "articles/2022/2022-03-24-uses.md": article(date="2022-03-24", body="The UN met again."),
}
MARKER = "Body text with a"  # in the HTML of the fixture's zelenskyy-talks body
TAMPERED = "Tampered text"
Rendered = tuple[dict[str, bodies.Body], list[Issue]]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The mini chronicle plus bodies the sanitizer warns about."""
    content = copy_mini(tmp_path)
    write(content, EXTRA)
    return project_settings(tmp_path, content)


def entries(settings: Settings) -> list[Article]:
    """Return every article of the content as read now (drafts included)."""
    return list(build.load(settings)[0].articles)


def plain(items: list[Article]) -> Rendered:
    """Render every body without a cache: what the cache must reproduce."""
    issues: list[Issue] = []
    return bodies.render_all(items, issues), issues


def cached(file: Path, items: list[Article], reuse: bool = True, save: bool = True) -> Rendered:
    """Render every body through a body cache saved in `file`; save it afterwards."""
    cache = BodyCache(file, reuse)
    issues: list[Issue] = []
    found = cache.render_all(items, issues)
    if save:
        cache.save()
    return found, issues


def no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make rendering a body fail: what follows must come from the cache alone."""

    def refuse(*_: object) -> bodies.Body:
        raise AssertionError("a body was rendered, not taken from the cache")

    monkeypatch.setattr(bodies, "render", refuse)


def line_of(path: Path, needle: str) -> int:
    """Return the 1-based line of the file on which `needle` first appears."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_cached_bodies_and_warnings_equal_rendered_ones(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """First run (filling the cache) and second run (reading it) both match `render_all`."""
    items = entries(settings)
    expected = plain(items)
    warned = {(i.path.name, i.line) for i in expected[1] if i.severity is Severity.WARNING}
    for rel in (UNSAFE, "articles/2022/2022-03-22-same-body.md"):
        path = settings.content / rel
        assert (path.name, line_of(path, "<script>")) in warned, warned
        assert (path.name, line_of(path, "onclick")) in warned, warned
    file = tmp_path / "bodies.json"
    assert cached(file, items) == expected
    no_rendering(monkeypatch)
    assert cached(file, items) == expected


def test_a_warning_moves_with_its_body_when_the_front_matter_grows(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cached findings are relative to the body, so a longer front matter still reports
    the line the editor sees."""
    file = tmp_path / "bodies.json"
    cached(file, entries(settings))
    path = settings.content / UNSAFE
    before = line_of(path, "<script>")
    longer = article(
        title="Unsafe", date="2022-03-21", extra="tags:\n  - one\n  - two\n", body=UNSAFE_BODY
    )
    write(settings.content, {UNSAFE: longer})
    after = line_of(path, "<script>")
    assert after == before + 3
    items = entries(settings)
    expected = plain(items)
    no_rendering(monkeypatch)
    found = cached(file, items)
    assert found == expected
    lines = {i.line for i in found[1] if i.path.name == path.name and "<script>" in i.message}
    assert lines == {after}


def tamper(file: Path) -> str:
    """Change a kept body's HTML in the saved file; return the text it had before."""
    text = file.read_text(encoding="utf-8")
    assert text.count(MARKER) == 1, "the saved file does not hold the body as HTML"
    file.write_text(text.replace(MARKER, TAMPERED), encoding="utf-8")
    return text


def test_a_cache_of_another_generator_version_is_ignored(
    settings: Settings, tmp_path: Path
) -> None:
    """Bodies rendered by other code or libraries may differ: they are rendered again."""
    file = tmp_path / "bodies.json"
    items = entries(settings)
    expected = plain(items)
    cached(file, items)
    tamper(file)
    trusted, _ = cached(file, items, save=False)
    assert TAMPERED in trusted["zelenskyy-talks"].html  # the control: the file is read
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(lines[0])["version"]  # the first line says which generator wrote it
    lines[0] = json.dumps({"version": "an older generator"}) + "\n"
    file.write_text("".join(lines), encoding="utf-8")
    assert cached(file, items) == expected


@pytest.mark.parametrize("state", ["missing", "not-json", "truncated", "not-reused"])
def test_a_cache_that_cannot_be_used_is_rendered_around(
    settings: Settings, tmp_path: Path, state: str
) -> None:
    """A missing or damaged cache, or a clean run, renders every body as usual."""
    file = tmp_path / "bodies.json"
    items = entries(settings)
    expected = plain(items)
    cached(file, items)
    text = tamper(file)  # the tampered body would show wherever the cache is read
    if state == "missing":
        file.unlink()
    elif state == "not-json":
        file.write_text("{not json", encoding="utf-8")
    elif state == "truncated":
        file.write_text(text[: len(text) // 2], encoding="utf-8")
    assert cached(file, items, reuse=state != "not-reused") == expected


def test_the_saved_cache_holds_only_this_runs_bodies(settings: Settings, tmp_path: Path) -> None:
    """Removed entries are forgotten, so the file does not grow with every edit."""
    file = tmp_path / "bodies.json"
    items = entries(settings)
    cached(file, items)
    assert MARKER in file.read_text(encoding="utf-8")
    cached(file, [e for e in items if e.slug != "zelenskyy-talks"])
    assert MARKER not in file.read_text(encoding="utf-8")


def test_bodies_rendered_ahead_in_other_processes_equal_rendered_ones(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sent out a few at a time while records are read (`Rendering`), bodies come back
    as `render_all` makes them, with their warnings on their lines."""
    items = entries(settings)
    expected = plain(items)
    monkeypatch.setattr(bodycache, "BODIES_A_PROCESS", 2)  # processes even for a few bodies
    monkeypatch.setattr(bodycache.Rendering, "SHARE", 3)
    cache = BodyCache(tmp_path / "bodies.json")
    ahead = cache.rendering(len(items))
    for item in items:
        ahead.add(item)
    assert ahead._pool is not None and ahead._sent  # the test is about the processes
    issues: list[Issue] = []
    try:
        found = ahead.finish(items, issues)
    finally:
        ahead.close()
    assert (found, issues) == expected
    cache.save()  # what was rendered ahead is kept like the rest
    monkeypatch.setattr(bodycache, "BODIES_A_PROCESS", 10**6)  # anything left: rendered here
    no_rendering(monkeypatch)
    assert cached(tmp_path / "bodies.json", items) == expected


def test_a_rebuild_with_few_new_bodies_starts_no_process(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starting processes costs more than a few bodies: a run that finds most bodies
    kept (a rebuild, the preview) renders the new ones itself."""
    items = entries(settings)
    cached(tmp_path / "bodies.json", items[1:])  # all but one kept
    monkeypatch.setattr(bodycache, "BODIES_A_PROCESS", 2)
    monkeypatch.setattr(bodycache.Rendering, "SHARE", 3)
    ahead = BodyCache(tmp_path / "bodies.json").rendering(len(items))
    for item in items:
        ahead.add(item)
    issues: list[Issue] = []
    found = ahead.finish(items, issues)
    assert ahead._sent == []
    assert (found, issues) == plain(items)
