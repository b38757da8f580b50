"""Words said one way on every page and in every message: numbers ("1 entry", "2
entries") and the near misses an unknown name is told of ("did you mean ...?")."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def counted(n: int, word: str, words: str | None = None) -> str:
    """Return `n` with `word`, or with its plural `words` (by default `word` + "s")."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def entry_count(n: int) -> str:
    """Return how many entries an actor, place or topic has, as indexes and maps say it."""
    return counted(n, "entry", "entries") if n else "no entries yet"


def shortened(text: str, limit: int = 80) -> str:
    """Return `text` cut at a word to at most `limit` characters and one ellipsis.

    Jinja's `truncate` adds three full stops after whatever the cut leaves, so a quote
    cut after a sentence ended in four ("before...."); here the cut drops the spaces
    and punctuation it ends on.
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # whole words only, unless the first word is too long
    return cut.rstrip(" .,;:!?-–—") + "…"


def closest(name: str, choices: Iterable[str]) -> list[str]:
    """Return up to two choices that look like `name`, closest first."""
    return difflib.get_close_matches(name, sorted(choices), n=2, cutoff=0.6)


def suggest(name: str, choices: Iterable[str]) -> str:
    """Return ` (did you mean 'x'?)` naming the closest choices, or nothing."""
    return did_you_mean(closest(name, choices))


def did_you_mean(close: list[str]) -> str:
    """Return ` (did you mean 'a' or 'b'?)`, or nothing for no candidates."""
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
