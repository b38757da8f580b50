"""Name lookup for actors and places: ids, aliases, and "did you mean" suggestions.

Editors write "Zelensky", "Zelenskyy" or "Володимир Зеленський"; the chronicle must
file all of them under one id. Names match case-insensitively and ignore spacing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from generator.issues import Issue
from generator.wording import closest, did_you_mean


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
    """Entities by id, with a lookup from every id and alias to its id.

    Two people may share a name; then the name stands for neither (`shared`), and a
    record naming one of them must write its id: picking one would attribute a
    statement to someone who did not make it.
    """

    noun: str
    items: Mapping[str, T]
    lookup: Mapping[str, str]
    shared: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, noun: str, entities: Iterable[T], issues: list[Issue]) -> Registry[T]:
        """Index entities by id, name and alias; report aliases that are not their own.

        Ids come first, then names, then aliases, so what is reported does not depend
        on which id sorts first: an alias that is another entity's id or name, or
        another entity's alias too, is the mistake (and counts for none of them); a
        name two entities share is not, but it stands for neither (`shared`).
        """
        items = {e.id: e for e in sorted(entities, key=lambda e: e.id)}
        lookup: dict[str, str] = {normal(i): i for i in items}
        names: dict[str, list[str]] = {}
        for entity in items.values():
            key = normal(entity.name)
            if key not in lookup and entity.id not in names.get(key, []):
                names.setdefault(key, []).append(entity.id)
        aliases: dict[str, list[str]] = {}
        for entity in items.values():
            for i, alias in enumerate(entity.aliases):
                key = normal(alias)
                owner = lookup.get(key) or next(iter(names.get(key, [])), None)
                if owner is not None and owner != entity.id:
                    message = f"alias {alias!r} already names {noun} {owner!r}"
                    issues.append(Issue(entity.source_path, None, f"aliases[{i}]", message))
                elif owner is None and entity.id not in aliases.get(key, []):
                    aliases.setdefault(key, []).append(entity.id)
        for key, ids in aliases.items():
            for ident in ids if len(ids) > 1 else ():
                entity = items[ident]
                others = " and ".join(repr(o) for o in ids if o != ident)
                i, alias = next((i, a) for i, a in enumerate(entity.aliases) if normal(a) == key)
                message = f"alias {alias!r} is also an alias of {noun} {others}"
                issues.append(Issue(entity.source_path, None, f"aliases[{i}]", message))
        claimed = names | aliases  # no key in both: an alias that is a name is refused above
        lookup |= {key: ids[0] for key, ids in claimed.items() if len(ids) == 1}
        shared = {key: tuple(ids) for key, ids in claimed.items() if len(ids) > 1}
        return cls(noun, items, lookup, shared)

    def resolve(self, name: str) -> str | None:
        """Return the id a name or alias stands for, or None (unknown, or `shared`)."""
        return self.lookup.get(normal(name))

    def unknown(self, name: str) -> str:
        """Return the message for a name that does not resolve: shared, or not known."""
        shared = self.shared.get(normal(name))
        if shared:
            both = " and ".join(repr(i) for i in shared)
            return f"{name!r} names {len(shared)} {self.noun}s, {both}: write the id of one"
        return f"unknown {self.noun} {name!r}{did_you_mean(self.suggestions(name))}"

    def suggestions(self, name: str) -> list[str]:
        """Return the ids whose id, name or alias is closest to `name`: a likely typo."""
        ids = closest(name, self.items)
        if not ids:
            names = closest(normal(name), self.lookup)
            ids = list(dict.fromkeys(self.lookup[n] for n in names))
        return ids

    def new_name(self, name: str) -> bool:
        """Say whether `name` is like nothing known: not shared, not close to any name.

        `chronicle new` then suggests creating it rather than correcting it.
        """
        return normal(name) not in self.shared and not self.suggestions(name)
