"""Escape record values where Jinja's HTML autoescaping does not reach.

Nothing downstream escapes for us: MkDocs and Material print page titles and
descriptions from the front matter raw, and URLs and JSON go into attributes. Page
text itself is escaped by the templates' autoescaping (`render.environment`).
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from markupsafe import Markup

_URL_SAFE = ":/?#@!$&*+,;=%~"
_NOT_YAML = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")  # outside YAML's printable set


def meta(value: object) -> str:
    """Return a value for a page's YAML front matter, which Material prints as HTML.

    A JSON string is a YAML double-quoted scalar; the characters YAML refuses to read
    even there (DEL, most C1 controls) are written as escapes, which it reads back.
    """
    text = json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False)
    return _NOT_YAML.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def url(value: str) -> Markup:
    """Return an http(s) URL percent-encoded so it cannot end an attribute or a link early."""
    return Markup(quote(value, safe=_URL_SAFE).replace("&", "&amp;"))


def json_attribute(value: object) -> Markup:
    """Return data as JSON for an HTML attribute (`data-*`), escaped so it cannot end it.

    The browser unescapes the attribute and `JSON.parse` reads the exact values back.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(html.escape(text, quote=True))
