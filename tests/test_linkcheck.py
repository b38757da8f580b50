"""The internal link checker: built sites have no broken links, and it finds the broken ones."""

from __future__ import annotations

from pathlib import Path

from generator.linkcheck import broken_links


def test_the_example_site_has_no_broken_internal_link(example_site: Path) -> None:
    assert [str(b) for b in broken_links(example_site)] == []


def test_the_hostile_site_has_no_broken_internal_link(hostile_site: Path) -> None:
    assert [str(b) for b in broken_links(hostile_site)] == []


def page(site: Path, rel: str, html: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")


def test_missing_files_and_anchors_are_found(tmp_path: Path) -> None:
    page(tmp_path, "index.html", '<h2 id="top">Top</h2>'
         '<a href="a/">ok</a> <a href="a/#part">ok anchor</a> <a href="#top">ok here</a>'
         '<a href="b/">missing page</a> <a href="a/#nope">missing anchor</a>'
         '<a href="#gone">missing here</a> <img src="img/x.png">'
         '<a href="https://example.org/x">external</a> <a href="mailto:a@b.c">mail</a>'
         '<a href="/a/index.html?q=1">root-relative</a> <a href="a/caf%C3%A9.html">encoded</a>'
         '<a href="../../../../etc/passwd">above the root</a>')  # fmt: skip
    page(tmp_path, "a/index.html", '<p id="part">Part</p>')
    page(tmp_path, "a/café.html", "<p>accent</p>")
    found = sorted((b.link, b.reason) for b in broken_links(tmp_path))
    assert found == [
        ("#gone", "no element with id 'gone'"),
        ("../../../../etc/passwd", "no such file"),
        ("a/#nope", "no element with id 'nope'"),
        ("b/", "no such file"),
        ("img/x.png", "no such file"),
    ]


def test_a_link_through_a_symbolic_link_out_of_the_site_is_broken(tmp_path: Path) -> None:
    site = tmp_path / "site"
    page(site, "index.html", '<a href="out/secret.html">x</a>')
    page(tmp_path, "outside/secret.html", "secret")
    (site / "out").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert [b.reason for b in broken_links(site)] == ["leaves the site"]
