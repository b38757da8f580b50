"""The post-build safety scan: it passes the real site and provably catches each kind of script."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

import material
import pytest
from conftest import ROOT, project_settings

from generator import build, parallel, scan, site

THEME_DIRS = [ROOT / "site_config" / "overrides", Path(material.__file__).parent / "templates"]


@pytest.fixture(scope="module")
def allowed() -> tuple[re.Pattern[str], ...]:
    return scan.theme_scripts(THEME_DIRS)


def findings(html: str, site: Path, allowed: tuple[re.Pattern[str], ...]) -> list[str]:
    return list(scan.scan_html(html, PurePosixPath("entries/x/index.html"), site, allowed))


def test_the_example_site_passes(example_site: Path, allowed: tuple[re.Pattern[str], ...]) -> None:
    assert scan.scan_site(example_site, allowed) == []


def test_theme_scripts_match_exactly_with_only_template_values_free(
    example_site: Path, allowed: tuple[re.Pattern[str], ...]
) -> None:
    page = (example_site / "index.html").read_text(encoding="utf-8")
    script = re.search(r"<script>(__md_scope=new URL\(.*?)</script>", page)
    assert script is not None
    real = script.group(1)
    assert any(p.fullmatch(real) for p in allowed)
    value = re.search(r'URL\("([^"]*)"', real)
    assert value is not None
    forged = real.replace(f'URL("{value.group(1)}"', 'URL(""+alert(1)+""', 1)
    assert not any(p.fullmatch(forged) for p in allowed)
    assert not any(p.fullmatch(real + ";alert(1)") for p in allowed)


BAD = [
    ("<img src=x onerror=alert(1)>", "event handler attribute 'onerror'"),
    ("<IMG SRC=x ONERROR=alert(1)>", "event handler attribute 'onerror'"),
    ("<img/onerror=alert(1) src=x>", "event handler attribute 'onerror'"),
    ('<svg><animate onbegin="alert(1)"/></svg>', "'onbegin'"),
    ('<a href="javascript:alert(1)">a</a>', "javascript: URL in 'href' on <a>"),
    ('<a href=" java&#x09;script:alert(1)">a</a>', "javascript: URL"),
    ('<a href="&#106;avascript:alert(1)">a</a>', "javascript: URL"),
    ('<a href="JAVASCRIPT:alert(1)">a</a>', "javascript: URL"),
    ('<a href="javascript:void(0)">share</a>', "javascript: URL"),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "data: URL in 'src'"),
    ('<img srcset="a.png 1x, data:x 2x">', "data: URL in 'srcset'"),
    ('<form action="javascript:x"><button formaction="javascript:y">b</button></form>', "'action'"),
    ('<form><button formaction="javascript:y">b</button></form>', "'formaction'"),
    ('<svg><a xlink:href="javascript:alert(1)">a</a></svg>', "'xlink:href'"),
    ('<object data="javascript:alert(1)"></object>', "<object> element"),
    ("<iframe src=https://example.org></iframe>", "<iframe> element"),
    ("<embed src=x.swf>", "<embed> element"),
    ("<base href=https://evil.example/>", "<base> element"),
    (
        '<meta http-equiv="Refresh" content="0;url=https://evil.example">',
        "<meta http-equiv=refresh>",
    ),
    ("<script>alert(1)</script>", "inline <script> the theme does not emit"),
    ('<script type="module">alert(1)</script>', "inline <script>"),
    ('<script src="https://evil.example/x.js"></script>', "not one of the theme's"),
    ('<script src="//evil.example/x.js"></script>', "not one of the theme's"),
    ('<script src="../../entries/x.js"></script>', "not one of the theme's"),
    ('<script src="../../assets/missing.js"></script>', "not one of the theme's"),
    ('<script src="data:text/javascript,alert(1)"></script>', "data: URL"),
    ('<script id="__config" type="application/json">{"a": </script>', "that is not JSON"),
    (
        '<script id="__config" type="application/json">{}</script>'
        '<script id="__config" type="application/json">{"features": ["content.tooltips"]}</script>',
        "not one of the page's own data scripts",
    ),  # a second settings script
    ('<script type="application/json">{}</script>', "not one of the page's own data scripts"),
    ('<p style="background:url(javascript:alert(1))">a</p>', "script in a style attribute"),
]


@pytest.mark.parametrize(("html", "words"), BAD)
def test_each_kind_of_script_is_caught(
    html: str, words: str, example_site: Path, allowed: tuple[re.Pattern[str], ...]
) -> None:
    found = findings(f"<html><body><p>Text</p>{html}</body></html>", example_site, allowed)
    assert any(words in f for f in found), found


def test_what_the_theme_ships_is_allowed(
    example_site: Path, allowed: tuple[re.Pattern[str], ...]
) -> None:
    bundle = next((example_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    good = (
        f'<script src="../../assets/javascripts/{bundle}"></script>'
        f'<script src="/assets/javascripts/{bundle}"></script>'
        '<script id="__config" type="application/json">{"base": "../.."}</script>'
        '<a href="javascript:void(0)" data-md-component="search-share">share</a>'
        '<a href="https://example.org/">x</a> <img src="../../assets/x.png" alt="">'
    )
    assert findings(good, example_site, allowed) == []


def test_scan_site_names_the_file(tmp_path: Path, allowed: tuple[re.Pattern[str], ...]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p onclick=x>hi</p>")
    (tmp_path / "chart.svg").write_text("<svg><script>alert(1)</script></svg>")
    (tmp_path / "ok.html").write_text("<p>hi</p>")
    found = scan.scan_site(tmp_path, allowed)
    assert [str(f.path) for f in found] == ["a/index.html", "chart.svg"]


def test_a_site_that_fails_the_scan_is_not_published(tmp_path: Path) -> None:
    settings = project_settings(tmp_path)
    result = build.generate(settings)
    before = site.build_site(settings, epoch=site.content_epoch(result.chronicle))
    old = {p.relative_to(before): p.read_bytes() for p in before.rglob("*") if p.is_file()}
    # A hand-written page (maintainers' files are not sanitized) that carries a script:
    site_config = tmp_path / "site_config"
    shutil.copytree(ROOT / "site_config", site_config)
    (site_config / "pages" / "evil.md").write_text("# Evil\n\n<script>alert(1)</script>\n")
    evil = project_settings(tmp_path, site_config=site_config)
    build.generate(evil)
    with pytest.raises(site.SiteBuildFailed, match=re.escape("evil/index.html: inline <script>")):
        site.build_site(evil, epoch=0)
    after = {p.relative_to(before): p.read_bytes() for p in before.rglob("*") if p.is_file()}
    assert after == old  # the previous site, byte for byte
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_a_scan_shared_between_processes_finds_the_same(
    tmp_path: Path, allowed: tuple[re.Pattern[str], ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large sites are scanned in several processes; each finding must still come back,
    named by its file, in file order."""
    for i in range(30):
        page = tmp_path / f"p{i:02}" / "index.html"
        page.parent.mkdir()
        page.write_text(f"<p onclick=x>{i}</p>" if i % 7 == 3 else "<p>fine</p>")
    alone = scan.scan_site(tmp_path, allowed)
    monkeypatch.setattr(scan, "PAGES_A_PROCESS", 10)
    monkeypatch.setattr(parallel, "cores", lambda: 3)
    shared = scan.scan_site(tmp_path, allowed)
    assert [str(f.path) for f in alone] == [f"p{i:02}/index.html" for i in (3, 10, 17, 24)]
    assert shared == alone


def test_a_script_outside_the_site_is_refused_though_the_file_exists(
    tmp_path: Path, allowed: tuple[re.Pattern[str], ...]
) -> None:
    """A path climbing out of the site names a file a reader's browser never gets."""
    site_dir = tmp_path / "site"
    (site_dir / "assets").mkdir(parents=True)
    (site_dir / "assets" / "ok.js").write_text("")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.js").write_text("")
    scripts = scan.ScriptFiles(site_dir)
    assert scripts.known("../../assets/ok.js", PurePosixPath("entries/x"))
    assert scripts.known("/assets/ok.js", PurePosixPath("entries/x"))
    assert not scripts.known("../../../assets/x.js", PurePosixPath("entries/x"))
    assert not scripts.known("/../assets/x.js", PurePosixPath("entries/x"))
    assert not scripts.known("../assets/ok.js", PurePosixPath("entries/x"))  # entries/assets/


def test_a_site_in_a_subfolder_knows_its_scripts_by_their_full_path(tmp_path: Path) -> None:
    """A project page lives at /chronicle/: MkDocs' 404 page links /chronicle/assets/..."""
    site_dir = tmp_path / "site"
    (site_dir / "assets").mkdir(parents=True)
    (site_dir / "assets" / "ok.js").write_text("")
    scripts = scan.ScriptFiles(site_dir, "/chronicle/")
    assert scripts.known("/chronicle/assets/ok.js", PurePosixPath("."))
    assert scripts.known("../assets/ok.js", PurePosixPath("entries"))
    assert not scripts.known("/assets/ok.js", PurePosixPath("."))  # the server's, not ours
    assert not scripts.known("/chronicle/../assets/ok.js", PurePosixPath("."))
