"""A strict YAML reader for front matter: plain data, every value a string, with line marks.

PyYAML's own loaders type values the YAML 1.1 way (`NO` is False, `1:30` is 90),
keep the last of duplicate keys and expand aliases (an alias bomb is a few lines).
Records are hand-written by many people, so we compose the node tree ourselves:
scalars stay text for the schema to type explicitly, and anything surprising is an
error with the line it is on.
"""

from __future__ import annotations

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
            raise YamlError(
                "YAML aliases (*name) are not allowed; write the value out",
                event.start_mark.line + 1,
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlError(
                f"YAML anchors (&{anchor}) are not allowed; write the value out",
                event.start_mark.line + 1,
            )
        return super().compose_node(parent, index)


def parse(text: str, first_line: int = 1) -> Parsed:
    """Parse front-matter text into plain data; `first_line` is the file line it starts on."""
    offset = first_line - 1
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1 + offset
        raise YamlError("tab character in front matter; indent with spaces", line)
    try:
        loader = _NoAliasComposer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except YamlError as exc:
        raise YamlError(exc.message, (exc.line or 1) + offset) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "malformed YAML"
        at = mark.line + 1 + offset if mark else None
        raise YamlError(f"malformed YAML: {problem}", at) from None
    if node is None:
        return Parsed({}, {"": first_line})
    lines: dict[str, int] = {}
    data = _convert(node, "", lines, offset, 0)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise YamlError(f"front matter must be a mapping of fields, found {kind}", first_line)
    return Parsed(data, lines)


def _convert(node: yaml.Node, path: str, lines: dict[str, int], offset: int, depth: int) -> Data:
    line = node.start_mark.line + 1 + offset
    lines.setdefault(path, line)
    if depth > MAX_DEPTH:
        raise YamlError(f"front matter nested deeper than {MAX_DEPTH} levels", line)
    if node.tag not in _STANDARD_TAGS:
        raise YamlError(f"YAML tag {node.tag!r} is not allowed", line)
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
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
        key = str(key_node.value)
        if key in result:
            raise YamlError(f"duplicate field {key!r}; each field may appear once", key_line)
        child = f"{path}.{key}" if path else key
        lines[child] = key_line
        result[key] = _convert(value_node, child, lines, offset, depth + 1)
    return result
