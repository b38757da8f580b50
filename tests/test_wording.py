"""Numbers in words, and shortened texts, one way everywhere."""

from __future__ import annotations

import pytest

from generator import wording
from generator.wording import counted, entry_count


def test_one_is_singular_and_any_other_number_plural() -> None:
    assert counted(1, "entry", "entries") == "1 entry"
    assert [counted(n, "entry", "entries") for n in (0, 2)] == ["0 entries", "2 entries"]
    assert counted(3, "file") == "3 files"


def test_an_index_says_no_entries_yet_rather_than_zero() -> None:
    assert [entry_count(n) for n in (0, 1, 2)] == ["no entries yet", "1 entry", "2 entries"]


@pytest.mark.parametrize(
    ("text", "limit", "short"),
    [
        ("Short enough.", 80, "Short enough."),
        ("Grain moved before. Then the convoy left the port", 24, "Grain moved before…"),
        ("Grain moved before, then the convoy left", 26, "Grain moved before, then…"),
        ("One two three four", 9, "One two…"),
        ("Unbreakablewordthatgoeson", 10, "Unbreakab…"),
        ("Ends exactly here", 17, "Ends exactly here"),
    ],
)
def test_a_shortened_text_ends_in_one_ellipsis_after_a_whole_word(
    text: str, limit: int, short: str
) -> None:
    """Jinja's truncate left "before...." after a sentence's full stop."""
    assert wording.shortened(text, limit) == short
    assert len(wording.shortened(text, limit)) <= limit
