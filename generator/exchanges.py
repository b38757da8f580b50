"""Exchanges: a statement beside the statements that answer it, for the entry page.

An entry's statements are shown in exchanges. A statement other entries answer is
shown with its answers; a statement that answers one elsewhere is shown beside the
statement it answers, and several answers to one statement share one exchange. So a
reader sees the claim and the replies side by side, wherever each was recorded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.models import Article, Quote

Said = tuple[Article, Quote]


@dataclass(frozen=True)
class Exchange:
    """A statement and its answers; `home` when the statement is this entry's own."""

    statement: Said
    answers: tuple[Said, ...]
    home: bool


def exchanges(
    entry: Article,
    quotes: Mapping[tuple[str, str], Said],
    responses: Mapping[tuple[str, str], Sequence[Said]],
) -> list[Exchange]:
    """Return the exchanges of an entry's statements, in the order of its statements."""
    found: dict[tuple[str, str], Exchange] = {}
    for quote in entry.quotes:
        key = (entry.slug, quote.id)
        target = quote.responds_to and (quote.responds_to.entry, quote.responds_to.quote)
        if target and target in quotes and target[0] != entry.slug:
            # An answer to a statement recorded elsewhere: show it beside that statement.
            held = found.get(target, Exchange(quotes[target], (), home=False))
            found[target] = Exchange(held.statement, (*held.answers, (entry, quote)), False)
        answers = tuple(responses.get(key, ()))
        if answers or not target or target not in quotes:
            found[key] = Exchange((entry, quote), answers, home=True)
    return list(found.values())


def by_speaker(answers: Sequence[Said]) -> list[tuple[str, list[Said]]]:
    """Return answers grouped by who gave them, each speaker where they first answered.

    A list that names each answer by its speaker read "answered by John Kirby, John
    Kirby" when one person answered twice; grouped, the name comes once and each of
    their statements is told apart by its stance.
    """
    grouped: dict[str, list[Said]] = {}
    for said in answers:
        grouped.setdefault(said[1].by, []).append(said)
    return list(grouped.items())
