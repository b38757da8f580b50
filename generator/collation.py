"""Sort names for display in each alphabet's own order, not by code point.

Code-point order puts Ukrainian є, і, ї and ґ after я, and accented Latin letters
after z. The Unicode Collation Algorithm (pyuca, with the default DUCET table) orders
Latin and Cyrillic as dictionaries do, but treats ґ and ї as variants of г and і,
where the Ukrainian alphabet has them as letters of their own right after those
(CLDR's Ukrainian tailoring). We apply that tailoring by sorting each of them as its
base letter followed by a character that sorts after every letter.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Protocol, TypeVar

import pyuca


class Named(Protocol):
    """What `by_name` sorts: actors, places and topics alike."""

    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)
_AFTER_EVERY_LETTER = "\U0010fffd"  # private use: an implicit weight above all letters
_UKRAINIAN = str.maketrans(
    {c: base + _AFTER_EVERY_LETTER for c, base in (("ґ", "г"), ("Ґ", "Г"), ("ї", "і"), ("Ї", "І"))}
)


@cache
def _collator() -> pyuca.Collator:
    """Return the collator; its table takes a tenth of a second to load, so once."""
    return pyuca.Collator()


def name_key(name: str) -> tuple[tuple[int, ...], str]:
    """Return a sort key for a name; the name itself breaks ties, so order is total."""
    return tuple(_collator().sort_key(name.translate(_UKRAINIAN))), name


def by_name(items: Iterable[T]) -> list[T]:
    """Return items sorted by their display name in alphabetical order."""
    return sorted(items, key=lambda item: name_key(item.name))
