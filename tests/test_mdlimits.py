"""The Markdown cost check: linear, refuses the known slow shapes, accepts long ordinary text."""

from __future__ import annotations

from generator import mdlimits


def test_ordinary_long_bodies_pass() -> None:
    prose = ("A paragraph of words with [a link](https://example.org) and <b>bold</b>.\n\n") * 2000
    links = "- [source](https://example.org/x)\n" * 5000
    nested = "\n".join("    " * i + "- item" for i in range(mdlimits.MAX_NESTING))
    for body in (prose, links, nested, "", "[" * mdlimits.MAX_BRACKET_DEPTH):
        assert mdlimits.problem(body) is None


def test_unclosed_brackets_cost_the_rest_of_their_paragraph() -> None:
    assert mdlimits.rescan_cost("[ab") == 3
    assert mdlimits.rescan_cost("[a](b)") == 2 + 2
    assert mdlimits.rescan_cost("<a> <") == 2 + 1
    assert mdlimits.rescan_cost("[" * (mdlimits.MAX_BRACKET_DEPTH + 1)) is None


def test_budget_counts_across_paragraphs_and_names_the_line() -> None:
    block = "[" * 30 + " word" * 8000
    body = "ok\n\n" + "\n\n".join([block] * 4)
    found = mdlimits.problem(body)
    assert found is not None and found[0] > 2
    assert "unclosed" in found[1]


def test_deep_nesting_is_found_on_its_line() -> None:
    body = "a\nb\n" + "> " * (mdlimits.MAX_NESTING + 1) + "deep"
    assert mdlimits.problem(body) == (
        2,
        f"lists or quotes nested deeper than {mdlimits.MAX_NESTING} levels",
    )
