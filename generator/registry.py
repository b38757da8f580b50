"""Name lookup for actors and places: ids, aliases, and "did you mean" suggestions.

Editors write "Zelensky", "Zelenskyy" or "Володимир Зеленський"; the chronicle must
file all of them under one id. Names match case-insensitively and ignore spacing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from generator.fields import closest, did_you_mean
from generator.issues import Issue


class Named(Protocol):
    """What a registry holds: an id, a display name, aliases and the file it came from."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def source_path(self) -> Path: ...


T = TypeVar("T", bound=Named)


def normal(name: str) -> str:
    """Return the form names are compared in: NFKC, case-folded, single-spaced."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@dataclass(frozen=True)
class Registry(Generic[T]):
    """Entities by id, with a lookup from every id and alias to its id."""

    noun: str
    items: Mapping[str, T]
    lookup: Mapping[str, str]

    @classmethod
    def build(cls, noun: str, entities: Iterable[T], issues: list[Issue]) -> Registry[T]:
        """Index entities by id and alias; report aliases that two entities claim."""
        items = {e.id: e for e in sorted(entities, key=lambda e: e.id)}
        lookup: dict[str, str] = {normal(i): i for i in items}
        for entity in items.values():
            for alias in (entity.name, *entity.aliases):
                key = normal(alias)
                owner = lookup.setdefault(key, entity.id)
                if owner != entity.id and alias in entity.aliases:
                    issues.append(
                        Issue(
                            entity.source_path,
                            None,
                            "aliases",
                            f"alias {alias!r} already names {noun} {owner!r}",
                        )
                    )
        return cls(noun, items, lookup)

    def resolve(self, name: str) -> str | None:
        """Return the id a name or alias stands for, or None."""
        return self.lookup.get(normal(name))

    def unknown(self, name: str) -> str:
        """Return the message for a name that is not in the registry."""
        ids = closest(name, self.items)
        if not ids:
            names = closest(normal(name), self.lookup)
            ids = list(dict.fromkeys(self.lookup[n] for n in names))
        return f"unknown {self.noun} {name!r}{did_you_mean(ids)}"
