"""Refuse Markdown that would keep Python-Markdown busy for minutes, before it runs.

Python-Markdown rescans the rest of a paragraph for every `[`, `](` or `<` that
opens something: a few thousand unclosed brackets make a build take minutes, and
deeply nested lists or quotes exhaust Python's recursion. A CI run must never hang
on one record, so we estimate that work in one linear pass and refuse a body over
a budget measured to stay around a second on a slow machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Characters rescanned in one body; about 0.7 s at 4 million on a 2-core machine.
MAX_RESCAN = 4_000_000
MAX_NESTING = 16
MAX_BRACKET_DEPTH = 32
# Inline HTML tags cost about 0.1 ms each; definition lists recurse once per item.
MAX_ANGLES = 5000
MAX_DEFINITIONS = 200
_DEFINITION = re.compile(r"^:[ \t]", re.MULTILINE)
_ABBREVIATION = re.compile(r"^\*\[[^\]\n]*\]:", re.MULTILINE)
_BLANK = re.compile(r"\n[ \t]*\n")
_ANGLES = re.compile(r"[<>]")
_BRACKETS = re.compile(r"[][()]")
_MARKERS = re.compile(r"[ \t]*(?:[>*+-][ \t]+|[>]|\d{1,9}[.)][ \t]+)")


def problem(body: str) -> tuple[int, str] | None:
    """Return the body line (0-based) and message of the first costly part, or None."""
    if message := _whole_body(body):
        return 0, message
    # Each abbreviation is one more pattern run over the whole text.
    budget = MAX_RESCAN - len(_ABBREVIATION.findall(body)) * len(body)
    for start, block in _blocks(body):
        for i, line in enumerate(block.split("\n")):
            if _depth(line) > MAX_NESTING:
                return start + i, f"lists or quotes nested deeper than {MAX_NESTING} levels"
        cost = rescan_cost(block)
        if cost is None:
            return start, f"more than {MAX_BRACKET_DEPTH} [ open at once (nested or never closed)"
        budget -= cost
        if budget < 0:
            return start, (
                "too many unclosed '[', '(' or '<' (or abbreviations) for Markdown to read "
                "in reasonable time; close them, escape them as \\[ or shorten the paragraph"
            )
    return None


def _whole_body(body: str) -> str | None:
    """Return what makes the whole body too costly, whatever its paragraphs."""
    if body.count("<") > MAX_ANGLES:
        return f"more than {MAX_ANGLES} '<' characters; is this really prose?"
    if len(_DEFINITION.findall(body)) > MAX_DEFINITIONS:
        return f"more than {MAX_DEFINITIONS} definition-list items; split the list"
    return None


def _blocks(body: str) -> Iterator[tuple[int, str]]:
    """Yield each paragraph-like block (text between blank lines) with its first line."""
    pos = 0
    for match in _BLANK.finditer(body):
        yield body.count("\n", 0, pos), body[pos : match.start()]
        pos = match.end()
    yield body.count("\n", 0, pos), body[pos:]


def _depth(line: str) -> int:
    """Return how many list or quote levels a line opens: indentation and leading markers."""
    expanded = line.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip(" "))
    markers = 0
    rest = expanded
    while (match := _MARKERS.match(rest)) and match.end() > 0:
        markers += 1
        rest = rest[match.end() :]
    return indent // 4 + markers


def rescan_cost(block: str) -> int | None:
    """Return how many characters the link and HTML patterns may rescan in one block.

    Each `[` scans to its matching `]`, each `](` to its `)`, each `<` to the next
    `>`; one that is never closed scans to the end of the block. Nested brackets are
    read again at every level, so past a small depth we return None instead.
    """
    cost = 0
    next_close = len(block)
    for match in reversed([*_ANGLES.finditer(block)]):
        if match.group() == ">":
            next_close = match.start()
        else:
            cost += next_close - match.start()
    squares: list[int] = []
    parens: list[int] = []
    for match in _BRACKETS.finditer(block):  # only these characters matter: skip the prose
        i, char = match.start(), match.group()
        if char == "[":
            squares.append(i)
            if len(squares) > MAX_BRACKET_DEPTH:
                return None
        elif char == "]" and squares:
            cost += i - squares.pop()
        elif char == "(" and i and block[i - 1] == "]":
            parens.append(i)
        elif char == ")" and parens:
            cost += i - parens.pop()
    return cost + sum(len(block) - p for p in squares + parens)
