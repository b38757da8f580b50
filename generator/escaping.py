"""Escape record values where Jinja's HTML autoescaping does not reach.

Nothing downstream escapes for us: MkDocs and Material print page titles and
descriptions from the front matter raw, and URLs and JSON go into attributes. Page
text itself is escaped by the templates' autoescaping (`render.environment`).
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote

from markupsafe import Markup

_URL_SAFE = ":/?#@!$&*+,;=%~"


def meta(value: object) -> str:
    """Return a value for a page's YAML front matter, which Material prints as HTML."""
    return json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False)


def url(value: str) -> Markup:
    """Return an http(s) URL percent-encoded so it cannot end an attribute or a link early."""
    return Markup(quote(value, safe=_URL_SAFE).replace("&", "&amp;"))


def json_attribute(value: object) -> Markup:
    """Return data as JSON for an HTML attribute (`data-*`), escaped so it cannot end it.

    The browser unescapes the attribute and `JSON.parse` reads the exact values back.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(html.escape(text, quote=True))
