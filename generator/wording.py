"""Numbers in words ("1 entry", "2 entries"), said one way on every page and in every message."""

from __future__ import annotations


def counted(n: int, word: str, words: str | None = None) -> str:
    """Return `n` with `word`, or with its plural `words` (by default `word` + "s")."""
    return f"{n} {word if n == 1 else (words or word + 's')}"
