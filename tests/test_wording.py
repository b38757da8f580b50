"""Numbers in words, one way everywhere."""

from __future__ import annotations

from generator.wording import counted, entry_count


def test_one_is_singular_and_any_other_number_plural() -> None:
    assert counted(1, "entry", "entries") == "1 entry"
    assert [counted(n, "entry", "entries") for n in (0, 2)] == ["0 entries", "2 entries"]
    assert counted(3, "file") == "3 files"


def test_an_index_says_no_entries_yet_rather_than_zero() -> None:
    assert [entry_count(n) for n in (0, 1, 2)] == ["no entries yet", "1 entry", "2 entries"]
