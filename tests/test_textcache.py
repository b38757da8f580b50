"""Values kept by their text between runs: appended when a run only adds, rewritten
when it drops something, and never trusted when the file was cut short."""

from __future__ import annotations

from pathlib import Path

from generator.textcache import TextCache


def run(file: Path, texts: list[str], computed: list[str]) -> dict[str, object]:
    """Use the cache as one run would: a value for each text, noting what was computed."""
    cache = TextCache(file)

    def compute(text: str) -> object:
        computed.append(text)
        return {"length": len(text)}

    values = {text: cache.get(text, lambda t=text: compute(t)) for text in texts}
    cache.save()
    return values


def test_a_run_that_only_adds_appends_its_values(tmp_path: Path) -> None:
    file = tmp_path / "cache.json"
    computed: list[str] = []
    run(file, ["one", "two"], computed)
    before = file.read_bytes()
    run(file, ["one", "two", "three"], computed)
    assert file.read_bytes().startswith(before)
    assert len(file.read_bytes().splitlines()) == 1 + 3
    assert run(file, ["one", "two", "three"], computed) == {
        "one": {"length": 3},
        "two": {"length": 3},
        "three": {"length": 5},
    }
    assert computed == ["one", "two", "three"]  # each computed once, over three runs


def test_a_run_that_drops_a_value_rewrites_the_file_without_it(tmp_path: Path) -> None:
    file = tmp_path / "cache.json"
    computed: list[str] = []
    run(file, ["one", "two"], computed)
    run(file, ["two", "three"], computed)
    assert len(file.read_bytes().splitlines()) == 1 + 2
    computed.clear()
    run(file, ["one"], computed)
    assert computed == ["one"]


def test_a_file_cut_short_is_not_trusted(tmp_path: Path) -> None:
    file = tmp_path / "cache.json"
    computed: list[str] = []
    run(file, ["one", "two"], computed)
    file.write_bytes(file.read_bytes()[:-7])  # a crash in the middle of an append
    computed.clear()
    run(file, ["one", "two"], computed)
    assert computed == ["one", "two"]
