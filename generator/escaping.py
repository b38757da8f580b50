"""Escape record values for the Markdown pages we write.

Nothing downstream escapes for us: Python-Markdown passes HTML through, attribute
lists add attributes, and MkDocs and Material print page titles raw. So every value
from a record is turned into text that Markdown cannot read as syntax and HTML cannot
read as markup: the characters that could start either become numeric entities,
which the browser shows as the characters themselves.
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote

from markupsafe import Markup

_SPECIAL = "\\`*_{}[]()<>#+-.!|~^&\"'=:$%@"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL} | {ord("\n"): " ", ord("\r"): " "}
_URL_SAFE = ":/?#@!$&*+,;=%~"


def md(value: object) -> Markup:
    """Return a value as inert Markdown text (already-safe `Markup` passes unchanged)."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_TABLE))


def meta(value: object) -> str:
    """Return a value for a page's YAML front matter, which Material prints as HTML."""
    return json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False)


def url(value: str) -> Markup:
    """Return an http(s) URL percent-encoded so it cannot end a Markdown link early."""
    return Markup(quote(value, safe=_URL_SAFE).replace("&", "&amp;"))


def json_attribute(value: object) -> Markup:
    """Return data as JSON for an HTML attribute (`data-*`), escaped so it cannot end it.

    The browser unescapes the attribute and `JSON.parse` reads the exact values back.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(html.escape(text, quote=True))
