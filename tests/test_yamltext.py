"""The strict front-matter YAML reader: text only, no aliases, each surprise an error."""

from __future__ import annotations

from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import yamltext
from generator.yamltext import MAX_DEPTH, YamlError, parse


def error_of(text: str, first_line: int = 2) -> YamlError:
    with pytest.raises(YamlError) as caught:
        parse(text, first_line)
    return caught.value


def test_scalars_stay_text_whatever_yaml_1_1_would_make_of_them() -> None:
    data = parse("a: NO\nb: 1:30\nc: 2022-03-29\nd: 0x1F\ne: ~\nf: 1e3\ng: yes").data
    assert data == {"a": "NO", "b": "1:30", "c": "2022-03-29", "d": "0x1F", "e": "~",
                    "f": "1e3", "g": "yes"}  # fmt: skip


def test_lists_and_mappings_keep_their_shape_and_lines() -> None:
    parsed = parse("title: T\nsources:\n  - name: N\n    url: http://x\n", first_line=2)
    assert parsed.data == {"title": "T", "sources": [{"name": "N", "url": "http://x"}]}
    assert parsed.line_of("title") == 2
    assert parsed.line_of("sources[0].url") == 5
    assert parsed.line_of("sources[0].missing") == 4  # nearest parent


def test_empty_front_matter_is_an_empty_mapping() -> None:
    assert parse("", 2).data == {}
    assert parse("# only a comment\n", 2).data == {}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("- a\n- b", 2, "must be a mapping of fields, found a list"),
        ("just text", 2, "must be a mapping of fields, found a single value"),
        ("a: 1\nb: 2\na: 3", 4, "duplicate field 'a'"),
        ("a: &x [1]\nb: *x", 2, "anchors (&x) are not allowed"),
        ("a: *x", 2, "aliases (*name) are not allowed"),
        ("a: 1\n\tb: 2", 3, "tab character"),
        ("a: !!python/object:os.system x", 2, "tag 'tag:yaml.org,2002:python/object:os.system'"),
        ("a: !!binary aGk=", 2, "tag 'tag:yaml.org,2002:binary' is not allowed"),
        ("a: !custom x", 2, "tag '!custom' is not allowed"),
        ("? [a, b]\n: c", 2, "a field name must be plain text"),
        ("a: [1, 2", 2, "malformed YAML"),
        ("a: b: c", 2, "malformed YAML"),
        ("a: b: c", 2, "a value holding ': ' must be in quotes"),
        ("a: 1\nb: [x, y\nc: 2", 3, "a list in [ ] needs commas between its items and a closing ]"),
        ('a: 1\nb: "open\nc: 2', 3, "the quoted value starting on this line is never closed"),
        ("a: [1]\n  b: 2", 3, "this line is indented deeper than the field above it"),
        ("a: 1\n  b: 2", 3, "check this line's indentation"),
        ('a: "quoted" then more', 2, "text goes on after a closing quote"),
        (
            'a: "He said "no" today"',
            2,
            'a quote inside a quoted value ends it (inside "..." write \\" or typographic quotes',
        ),
        (
            'a: "quoted" then more',
            2,
            "after a closing quote: a quote inside a quoted value ends it (inside",
        ),  # the editor's words first, the parser's after them:
        ('a: "quoted" then more', 2, "(YAML: expected <block end>, but found '<scalar>')"),
        ("a: @name", 2, "a value starting with this character must be in quotes"),
        ('a: "x\\ud800y"', 2, "U+D800"),
        ('a: "\\x80"', 2, "U+0080"),
        ('a: "\\x85"', 2, "U+0085"),
        ('a: "\\0"', 2, "U+0000"),
        ('"\\x1b": x', 2, "U+001B"),
        ("a: 1\nb: raw\x1f control", 3, "U+001F"),
    ],
)
def test_what_a_record_may_not_hold_is_an_error_on_its_line(
    text: str, line: int, words: str
) -> None:
    error = error_of(text)
    assert words in error.message
    assert error.line == line


def test_an_alias_bomb_is_refused_before_anything_is_expanded() -> None:
    levels = [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 12)]
    error = error_of("l0: &l0 [x]\n" + "\n".join(levels))
    assert "anchors (&l0)" in error.message


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 5000,
        "a: " + "{b: " * 3000,
        "\n".join(" " * i + "- " for i in range(0, 4000, 2)),
    ],
)
def test_deep_nesting_is_an_error_not_a_recursion_crash(text: str) -> None:
    assert "nested deeper than" in error_of(text).message


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 1  # the top-level mapping is one level
    text = "a: " + "[" * depth + "x" + "]" * depth
    assert parse(text).data["a"] != ""
    assert (
        "nested deeper"
        in error_of("a: " + "[" * (MAX_DEPTH + 1) + "x" + "]" * (MAX_DEPTH + 1)).message
    )


def test_tab_and_newline_inside_quoted_text_are_text() -> None:
    assert parse('a: "x\\ty\\nz"').data == {"a": "x\ty\nz"}


_SCALARS = st.one_of(
    st.text(max_size=12), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False),
    st.sampled_from(["NO", "1:30", "2022-03-29", "~", "&a x", "*a", "!!binary x", "a: b"]),
)  # fmt: skip
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=15,
)


def _outcome(text: str) -> tuple[object, ...]:
    try:
        parsed = parse(text, 2)
    except YamlError as exc:
        return ("error", exc.message, exc.line)
    return ("ok", parsed.data, parsed.lines)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        _VALUES.map(lambda v: yaml.safe_dump({"k": v}, allow_unicode=True)),
        _VALUES.map(lambda v: yaml.safe_dump({"k": v}, default_flow_style=True)),
        st.text(max_size=120),
    )
)
def test_the_fast_libyaml_path_and_the_strict_path_agree(text: str) -> None:
    fast = _outcome(text)
    with mock.patch.object(yamltext, "_LIBYAML", False):
        strict = _outcome(text)
    assert fast == strict
