"""A link's scheme as a browser reads it."""

from __future__ import annotations

import pytest

from generator.urls import scheme


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("https://example.org/", "https"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),  # browsers drop tabs and line breaks
        ("\x01 javascript:alert(1)", "javascript"),  # and controls and spaces around it
        ("java script:alert(1)", None),  # a space inside: no scheme, a path
        ("../entries/x/", None),
        ("#anchor", None),
    ],
)
def test_a_scheme_is_read_as_a_browser_reads_it(url: str, found: str | None) -> None:
    assert scheme(url) == found
