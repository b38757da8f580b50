"""The preview's errors in a banner on every page it serves, while there are any."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator import preview_errors

PAGE = b"<html><body><h1>Kyiv</h1></body></html>"


def app(body: bytes, kind: str, status: str = "200 OK") -> preview_errors.App:
    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]

    return serve


def get(wrapped: preview_errors.App) -> tuple[str, dict[str, str], bytes]:
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer.update(status=status, headers=dict(headers))

    body = b"".join(wrapped({"PATH_INFO": "/"}, start_response))
    return answer["status"], answer["headers"], body


def test_without_errors_pages_are_served_as_they_are() -> None:
    status, _headers, body = get(preview_errors.showing(app(PAGE, "text/html"), lambda: ()))
    assert (status, body) == ("200 OK", PAGE)


def test_errors_show_in_every_page_escaped_and_the_length_follows() -> None:
    errors = ["content/articles/2022/x.md:3: title: <script>alert(1)</script> & more"]
    _status, headers, body = get(preview_errors.showing(app(PAGE, "text/html"), lambda: errors))
    assert body.startswith(b'<html><body><h1>Kyiv</h1><div id="cc-preview-errors" role="alert"')
    assert body.endswith(b"</div></body></html>")
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in body
    assert b"<script>" not in body
    assert headers["Content-Length"] == str(len(body))


def test_other_files_are_left_alone() -> None:
    data = b'{"a": 1}'
    wrapped = preview_errors.showing(app(data, "application/json"), lambda: ["an error"])
    assert get(wrapped)[2] == data


def test_the_errors_shown_are_those_of_the_build_the_page_comes_from() -> None:
    """MkDocs' server answers once the rebuild under way is done: errors it mended must
    not show, nor errors it made be missed."""
    errors = ["content/articles/2022/x.md:3: date: expected YYYY-MM-DD"]
    serve = app(PAGE, "text/html")

    def rebuilt_meanwhile(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        errors.clear()  # the rebuild the request waited for fixed them
        return serve(environ, start_response)

    assert get(preview_errors.showing(rebuilt_meanwhile, lambda: errors))[2] == PAGE


def test_the_not_found_page_shows_the_errors_and_reloads_on_the_next_build() -> None:
    """The address of a new entry that does not validate yet is what an editor opens:
    it said "not found", with no word of why, and stayed so once the entry was mended."""
    errors = ["content/articles/2022/2022-03-30-new.md:5: actors[0]: unknown actor 'kirbi'"]
    missing = app(PAGE, "text/html; charset=utf-8", "404 Not Found")

    def reloading(page: bytes) -> bytes:
        return page.replace(b"</body>", b"<script>reload()</script></body>")

    status, headers, body = get(preview_errors.showing(missing, lambda: errors, reloading))
    assert status == "404 Not Found"
    assert b"<script>reload()</script>" in body and b"unknown actor &#x27;kirbi&#x27;" in body
    assert headers["Content-Length"] == str(len(body))
    errors.clear()
    status, headers, body = get(preview_errors.showing(missing, lambda: errors, reloading))
    assert body == PAGE.replace(b"</body>", b"<script>reload()</script></body>")
    assert headers["Content-Length"] == str(len(body))
