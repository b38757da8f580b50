"""A link's scheme as a browser reads it, for the two places that judge links: the body
sanitizer's report (`bodies`) and the safety scan of the built site (`scan`)."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def scheme(url: str) -> str | None:
    """Return a URL's scheme in lowercase, or None for a path or an anchor.

    Browsers drop tabs and line breaks anywhere in a URL ("java\\tscript:") and controls
    or spaces around it; a space inside a scheme makes it no scheme.
    """
    compact = re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE)
    match = _SCHEME.match(compact)
    return match.group(1).lower() if match else None
