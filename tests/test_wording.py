"""Numbers in words, one way everywhere."""

from __future__ import annotations

from generator.wording import counted


def test_one_is_singular_and_any_other_number_plural() -> None:
    assert counted(1, "entry", "entries") == "1 entry"
    assert [counted(n, "entry", "entries") for n in (0, 2)] == ["0 entries", "2 entries"]
    assert counted(3, "file") == "3 files"
