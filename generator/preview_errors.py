"""The live preview's errors, shown in the browser as well as in the terminal.

When a save leaves a record invalid, the preview keeps serving the last good pages and
reports the errors in the terminal; the browser reloads and looks as before, so an
editor watching it would take the save for lost. While there are errors, every page
the preview serves carries them in a banner: the server's WSGI application is wrapped
(`showing`), so pages need not be rebuilt to show or drop it, and the published site
never holds it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any

App = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

BANNER_ID = "cc-preview-errors"
_STYLE = (
    "position:fixed;left:0;right:0;bottom:0;z-index:1000;max-height:40vh;overflow:auto;"
    "margin:0;padding:.8rem 1rem;background:#b71c1c;color:#fff;"
    "font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap"
)


def banner(errors: Sequence[str]) -> bytes:
    """Return the banner listing `errors`, each escaped: they quote what records hold."""
    lines = "\n".join(html.escape(line) for line in errors)
    return (
        f'<div id="{BANNER_ID}" role="alert" style="{_STYLE}">'
        "<strong>chronicle serve: content has errors; this is the last good version.</strong>"
        f"\n{lines}</div>"
    ).encode()


def showing(
    app: App,
    errors: Callable[[], Sequence[str]],
    reloading: Callable[[bytes], bytes] = lambda page: page,
) -> App:
    """Return `app` with the banner of the current `errors` in every HTML page it serves.

    The "not found" page too: the address of a new entry that does not validate yet is
    what an editor opens. MkDocs serves that page without its script that reloads on
    the next build: `reloading` adds it, so the entry shows once it is mended.
    """

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        answer: list[Any] = []

        def hold(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            answer[:] = [status, headers]
            return lambda data: None  # the legacy `write`, which MkDocs' server does not use

        # MkDocs' server answers once a rebuild under way is done: the errors are read
        # after it has, so the page and its banner come from the same build.
        served = app(environ, hold)
        try:
            body = b"".join(served)
        finally:
            if hasattr(served, "close"):
                served.close()
        status, headers = answer
        current = errors()
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        page = kind.startswith("text/html")
        missing = page and status.startswith("404")
        if missing:
            body = reloading(body)
        if current and page and status.startswith(("200", "404")):
            body = _with_banner(body, banner(current))
        if missing or (current and page):
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body]

    return wrapped


def _with_banner(page: bytes, shown: bytes) -> bytes:
    """Return the page with `shown` just before its body ends (at the end, without one)."""
    end = page.rfind(b"</body>")
    return page + shown if end < 0 else page[:end] + shown + page[end:]
