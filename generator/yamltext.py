"""A strict YAML reader for front matter: plain data, every value a string, with line marks.

PyYAML's own loaders type values the YAML 1.1 way (`NO` is False, `1:30` is 90),
keep the last of duplicate keys and expand aliases (an alias bomb is a few lines).
Records are hand-written by many people, so we compose the node tree ourselves:
scalars stay text for the schema to type explicitly, and anything surprising is an
error with the line it is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

# A front-matter value: text, a list of values or a mapping of text to values.
Data = str | list["Data"] | dict[str, "Data"]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
MAX_DEPTH = 8
_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
# What a page may not carry: controls (a double-quoted "\x80" or "\ud800" makes them),
# lone surrogates (unwritable as UTF-8) and non-characters. Tab and newline are text.
_UNPRINTABLE = re.compile(r"[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class YamlError(Exception):
    """Front matter that is not the plain YAML a record may hold."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Parsed:
    """Front matter as plain data, and the line each field path starts on."""

    data: dict[str, Data]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, path: str) -> int | None:
        """Return the line of a field path like `sources[1].url`, or of its nearest parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.lines.get("")


class _NoAliasComposer(yaml.SafeLoader):
    """A loader whose composer refuses anchors and aliases before anything is built."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            message = "YAML aliases (*name) are not allowed; write the value out"
            raise YamlError(message, _line(event))
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlError(
                f"YAML anchors (&{anchor}) are not allowed; write the value out", _line(event)
            )
        # The composer recurses once per level: stop a deeply nested value before Python does.
        self.depth = getattr(self, "depth", 0) + 1
        if self.depth > MAX_DEPTH + 1:
            raise YamlError(f"front matter nested deeper than {MAX_DEPTH} levels", _line(event))
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _line(event: yaml.Event) -> int | None:
    mark = event.start_mark
    return int(mark.line) + 1 if mark is not None else None


def _compose_fast(text: str) -> tuple[bool, yaml.Node | None]:
    """Compose with libyaml (C) when nothing in the text needs the strict composer's checks.

    The pure-Python composer below costs about 2 ms a record, most of a large build's
    read stage. libyaml's event stream is checked first (no anchor, no alias, shallow
    nesting; its parser does not recurse), then composed. Anything unusual returns
    (False, None), and the strict composer decides and words the error, so messages
    and line numbers are the same either way.
    """
    if not _LIBYAML:
        return False, None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return False, None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth >= MAX_DEPTH:
                    return False, None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return True, yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False, None


def _compose_strict(text: str) -> yaml.Node | None:
    """Compose with the pure-Python composer that refuses anchors, aliases and deep nesting."""
    loader = _NoAliasComposer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse(text: str, first_line: int = 1) -> Parsed:
    """Parse front-matter text into plain data; `first_line` is the file line it starts on."""
    offset = first_line - 1
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1 + offset
        raise YamlError("tab character in front matter; indent with spaces", line)
    fast, node = _compose_fast(text)
    try:
        if not fast:
            node = _compose_strict(text)
    except YamlError as exc:
        raise YamlError(exc.message, (exc.line or 1) + offset) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "malformed YAML"
        opened = "quoted" in (exc.context or "") or "flow" in (exc.context or "")
        if opened and exc.context_mark:
            mark = exc.context_mark  # where the quote or bracket opened, not where it ran out
        at = mark.line + 1 + offset if mark else None
        raise YamlError(f"malformed YAML: {_explained(problem, exc.context)}", at) from None
    except yaml.reader.ReaderError as exc:  # a control character the YAML reader refuses
        at = text.count("\n", 0, exc.position) + first_line
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a byte"
        message = f"text contains the control or invalid character {code}; remove it"
        raise YamlError(message, at) from None
    if node is None:
        return Parsed({}, {"": first_line})
    lines: dict[str, int] = {}
    data = _convert(node, "", lines, offset, 0)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise YamlError(f"front matter must be a mapping of fields, found {kind}", first_line)
    return Parsed(data, lines)


# What PyYAML's words for the mistakes editors make most often mean, in theirs.
_HINTS = (
    ("'<block mapping start>'", "this line is indented deeper than the field above it; "
     "fields of one level start in the same column"),
    ("'<scalar>'", "text goes on after a closing quote: a quote inside a quoted value ends "
     "it (inside \"...\" write \\\" or typographic quotes “ ”; inside '...' write ''), or "
     "a value with no closing quote runs on from a line above"),
    ("but found '-'", "a list item ('- ') goes on the lines under its field, indented"),
    ("mapping values are not allowed", "a value holding ': ' must be in quotes "
     '(title: "Kyiv: the talks"); otherwise check this line\'s indentation, and that '
     "the line above has its ': '"),
    ("could not find expected ':'", "each line is 'field: value'; a value going on over "
     "lines must be indented under its field, or in quotes"),
    ("expected ',' or ']'", "a list in [ ] needs commas between its items and a closing ]"),
    ("expected ',' or '}'", "a mapping in { } needs commas between its items and a closing }"),
    ("cannot start any token", "a value starting with this character must be in quotes"),
)  # fmt: skip


def _explained(problem: str, context: str | None) -> str:
    """Return what PyYAML's problem most likely means for a record, in an editor's words
    first, with the parser's own after them (`expected <block end>` means little to one)."""
    if "end of stream" in problem and "quoted" in (context or ""):
        return f"the quoted value starting on this line is never closed (YAML: {problem})"
    for words, hint in _HINTS:
        if words in problem:
            return f"{hint} (YAML: {problem})"
    return problem


def _convert(node: yaml.Node, path: str, lines: dict[str, int], offset: int, depth: int) -> Data:
    line = node.start_mark.line + 1 + offset
    lines.setdefault(path, line)
    if depth > MAX_DEPTH:
        raise YamlError(f"front matter nested deeper than {MAX_DEPTH} levels", line)
    if node.tag not in _STANDARD_TAGS:
        raise YamlError(f"YAML tag {node.tag!r} is not allowed", line)
    if isinstance(node, yaml.ScalarNode):
        return _text(str(node.value), line)
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, f"{path}[{i}]", lines, offset, depth + 1)
            for i, item in enumerate(node.value)
        ]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Data] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlError("a field name must be plain text", key_line)
        key = _text(str(key_node.value), key_line)
        if key in result:
            raise YamlError(f"duplicate field {key!r}; each field may appear once", key_line)
        child = f"{path}.{key}" if path else key
        lines[child] = key_line
        result[key] = _convert(value_node, child, lines, offset, depth + 1)
    return result


def _text(value: str, line: int) -> str:
    """Return a scalar's text, refusing characters no page can carry."""
    if bad := _UNPRINTABLE.search(value):
        code = f"U+{ord(bad.group()):04X}"
        raise YamlError(f"text contains the control or invalid character {code}; remove it", line)
    return value
